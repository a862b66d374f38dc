"""deprecated-resource-types: reads the generated list; messages name replacements."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations._sdk_data import deprecated_types
from migration_guard_policies.policies.operations.deprecated_resource_types import SPEC


def test_every_deprecated_type_is_reported_with_its_replacement() -> None:
    assert "aws:s3/bucketV2:BucketV2" in deprecated_types()
    for token, entry in deprecated_types().items():
        result = analyze_resource(SPEC, token, {})
        assert len(result.violations) == 1, token
        assert entry["replacement"] in result.violations[0].detail


def test_unset_or_null_deprecated_inputs_are_not_reported() -> None:
    assert analyze_resource(SPEC, "aws:s3/bucket:Bucket", {"bucket": "b-dev", "acl": None, "grants": []}).passed


def test_each_used_deprecated_input_is_reported() -> None:
    result = analyze_resource(SPEC, "aws:s3/bucket:Bucket", {"acl": "private", "policy": unknown(),
                                                             "versioning": {"enabled": True}})
    details = "\n".join(d.detail for d in result.violations)
    assert len(result.violations) == 3
    assert "aws:s3/bucketVersioning:BucketVersioning" in details and "private" not in details


def test_current_types_pass() -> None:
    assert analyze_resource(SPEC, "aws:rds/cluster:Cluster", {"engine": "aurora-postgresql"}).passed
