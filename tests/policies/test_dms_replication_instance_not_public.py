"""Tricky cases of dms-replication-instance-not-public, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.policies.operations.dms_replication_instance_not_public import SPEC
from migration_guard_policies.types import DMS_REPLICATION_INSTANCE


def test_only_an_explicit_false_passes() -> None:
    assert analyze_resource(SPEC, DMS_REPLICATION_INSTANCE, {"publiclyAccessible": False}).passed
    assert analyze_resource(SPEC, DMS_REPLICATION_INSTANCE, {"publiclyAccessible": "false"}).passed
    for value in (None, "no", 0, True):
        result = analyze_resource(SPEC, DMS_REPLICATION_INSTANCE, {"publiclyAccessible": value})
        assert result.violations, value
        assert result.violations[0].severity == "critical"
