"""dms-replication-instance-multi-az: the mandatory level and the message."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.policies.availability.dms_replication_instance_multi_az import SPEC
from migration_guard_policies.types import DMS_REPLICATION_INSTANCE


def test_single_az_instance_is_a_mandatory_high_violation() -> None:
    result = analyze_resource(SPEC, DMS_REPLICATION_INSTANCE, {"replicationInstanceId": "dms-dev", "multiAz": False})
    [diag] = result.violations
    assert (diag.enforcement_level, diag.severity) == ("mandatory", "high")
    assert "multiAz" in diag.message
