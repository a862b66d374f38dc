"""dms-replication-instance-encrypted: set, unknown, null and empty key ARNs."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.dms_replication_instance_encrypted import SPEC
from migration_guard_policies.types import DMS_REPLICATION_INSTANCE


@pytest.mark.parametrize(("key", "ok"), [(unknown(), True), ("arn:aws:kms:us-east-1:1:key/k", True),
                                          (None, False), ("", False)])
def test_kms_key_arn(key: object, ok: bool) -> None:
    result = analyze_resource(SPEC, DMS_REPLICATION_INSTANCE, {"kmsKeyArn": key}, enforcement_level="mandatory")
    assert result.passed is ok
    assert all(d.enforcement_level == "mandatory" and d.severity == "high" for d in result.violations)
