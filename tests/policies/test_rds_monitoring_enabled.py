"""Tricky cases of rds-monitoring-enabled, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.rds_monitoring_enabled import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE


def test_decidable_violation_reported_before_the_unknown() -> None:
    result = analyze_resource(SPEC, RDS_INSTANCE, {"performanceInsightsEnabled": False,
                                                   "monitoringInterval": unknown("number")})
    assert result.violations and "performanceInsightsEnabled" in result.violations[0].detail
    assert result.unverifiable and "monitoringInterval" in result.unverifiable[0].message


def test_each_requirement_can_be_switched_off() -> None:
    props = {"performanceInsightsEnabled": False, "monitoringInterval": 0}
    config = {"requirePerformanceInsights": False, "requireEnhancedMonitoring": False}
    assert analyze_resource(SPEC, RDS_CLUSTER_INSTANCE, props, config=config).passed
    only_pi = analyze_resource(SPEC, RDS_CLUSTER_INSTANCE, props, config={"requireEnhancedMonitoring": False})
    assert len(only_pi.violations) == 1 and "performanceInsightsEnabled" in only_pi.violations[0].detail


MULTI_AZ_CLUSTER = {"engine": "postgres", "dbClusterInstanceClass": "db.m6gd.large", "storageType": "io1",
                    "allocatedStorage": 100, "iops": 1000}


def test_multi_az_db_cluster_is_checked_on_the_cluster() -> None:
    result = analyze_resource(SPEC, RDS_CLUSTER, {**MULTI_AZ_CLUSTER, "performanceInsightsEnabled": True})
    assert len(result.violations) == 1 and "monitoringInterval" in result.violations[0].detail
    ok = {**MULTI_AZ_CLUSTER, "performanceInsightsEnabled": True, "monitoringInterval": 15, "monitoringRoleArn": unknown()}
    assert analyze_resource(SPEC, RDS_CLUSTER, ok).passed


def test_aurora_cluster_is_not_applicable_even_with_an_instance_class() -> None:
    result = analyze_resource(SPEC, RDS_CLUSTER, {"engine": "aurora-mysql", "dbClusterInstanceClass": "db.r6g.large"})
    assert result.not_applicable and not result.violations


def test_cluster_with_unknown_engine_is_unverifiable() -> None:
    result = analyze_resource(SPEC, RDS_CLUSTER, {"engine": unknown(), "dbClusterInstanceClass": "db.m6gd.large"})
    assert not result.violations and "engine" in result.unverifiable[0].message
