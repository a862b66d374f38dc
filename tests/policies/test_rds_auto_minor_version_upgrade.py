"""rds-auto-minor-version-upgrade: instances, Aurora cluster instances and Multi-AZ DB clusters."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.rds_auto_minor_version_upgrade import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE

MULTI_AZ = {"engine": "mysql", "dbClusterInstanceClass": "db.m6gd.large"}


@pytest.mark.parametrize("type_", [RDS_INSTANCE, RDS_CLUSTER_INSTANCE])
def test_instances_keep_their_behaviour(type_: str) -> None:
    assert analyze_resource(SPEC, type_, {"engine": "postgres"}).passed
    assert analyze_resource(SPEC, type_, {"engine": "postgres", "autoMinorVersionUpgrade": False}).violations


def test_multi_az_db_cluster_turning_upgrades_off_fails() -> None:
    result = analyze_resource(SPEC, RDS_CLUSTER, {**MULTI_AZ, "autoMinorVersionUpgrade": False})
    assert len(result.violations) == 1 and "autoMinorVersionUpgrade" in result.violations[0].detail


@pytest.mark.parametrize("props", [{"engine": "aurora-postgresql"}, {"engine": "postgres"},
                                   {"engine": "aurora-mysql", "dbClusterInstanceClass": "db.r6g.large"}])
def test_clusters_that_are_not_multi_az_db_clusters_are_not_applicable(props: dict[str, object]) -> None:
    result = analyze_resource(SPEC, RDS_CLUSTER, {**props, "autoMinorVersionUpgrade": False})
    assert result.not_applicable and not result.violations


def test_unknown_upgrade_setting_on_a_multi_az_db_cluster_is_unverifiable() -> None:
    result = analyze_resource(SPEC, RDS_CLUSTER, {**MULTI_AZ, "autoMinorVersionUpgrade": unknown("boolean")})
    assert not result.violations and "autoMinorVersionUpgrade" in result.unverifiable[0].message
