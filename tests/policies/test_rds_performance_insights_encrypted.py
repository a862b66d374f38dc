"""rds-performance-insights-encrypted: every RDS type, enabled or unknown."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.rds_performance_insights_encrypted import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE

TYPES = [RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE]


@pytest.mark.parametrize("resource_type", TYPES)
@pytest.mark.parametrize("enabled", [True, unknown("boolean")])
def test_enabled_needs_a_key(resource_type: str, enabled: object) -> None:
    props = {"engine": "aurora-postgresql", "performanceInsightsEnabled": enabled}
    assert analyze_resource(SPEC, resource_type, props).violations
    props["performanceInsightsKmsKeyId"] = unknown()
    assert analyze_resource(SPEC, resource_type, props).passed


@pytest.mark.parametrize("resource_type", TYPES)
def test_disabled_is_not_applicable_even_with_a_key(resource_type: str) -> None:
    props = {"performanceInsightsEnabled": False, "performanceInsightsKmsKeyId": "alias/rds-pi"}
    assert analyze_resource(SPEC, resource_type, props).not_applicable
