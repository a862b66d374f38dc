"""cloudwatch-log-group-encrypted: set, unknown and missing keys; exemptions."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.cloudwatch_log_group_encrypted import SPEC
from migration_guard_policies.types import CLOUDWATCH_LOG_GROUP


def test_unknown_key_counts_as_set() -> None:
    assert analyze_resource(SPEC, CLOUDWATCH_LOG_GROUP, {"kmsKeyId": unknown()}).passed


def test_missing_key_fails_unless_exempted() -> None:
    assert analyze_resource(SPEC, CLOUDWATCH_LOG_GROUP, {"name": "/aws/lambda/x"}).violations
    config = {"exemptions": [{"resource": "example-*", "reason": "vendor-managed log group"}]}
    assert analyze_resource(SPEC, CLOUDWATCH_LOG_GROUP, {}, config=config).not_applicable
