"""deprecated-resource-types: reads the generated lists of the provider's own major; messages name replacements.

The engine puts the provider's version in its inputs (pkg/resource/deploy/providers/registry.go,
SetProviderVersion, called for default providers in pkg/resource/deploy/default_providers.go), and Analyze
sends the provider's inputs (pkg/resource/deploy/step_generator.go: AnalyzerProviderResource Properties is
providerResource.Inputs), so the policy reads `version` from the provider.
"""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations._sdk_data import deprecated_types, deprecations_for, load
from migration_guard_policies.policies.operations.deprecated_resource_types import SPEC

V7 = {"version": "7.51.1"}
BUCKET_V2 = "aws:s3/bucketV2:BucketV2"


def test_every_deprecated_type_is_reported_with_its_replacement() -> None:
    assert BUCKET_V2 in deprecated_types()
    for token, entry in deprecated_types().items():
        result = analyze_resource(SPEC, token, {}, provider=V7)
        assert len(result.violations) == 1, token
        assert entry["replacement"] in result.violations[0].detail


def test_unset_or_null_deprecated_inputs_are_not_reported() -> None:
    assert analyze_resource(SPEC, "aws:s3/bucket:Bucket", {"bucket": "b-dev", "acl": None, "grants": []},
                            provider=V7).passed


def test_each_used_deprecated_input_is_reported() -> None:
    result = analyze_resource(SPEC, "aws:s3/bucket:Bucket", {"acl": "private", "policy": unknown(),
                                                             "versioning": {"enabled": True}}, provider=V7)
    details = "\n".join(d.detail for d in result.violations)
    assert len(result.violations) == 3
    assert "aws:s3/bucketVersioning:BucketVersioning" in details and "private" not in details


def test_current_types_pass() -> None:
    assert analyze_resource(SPEC, "aws:rds/cluster:Cluster", {"engine": "aurora-postgresql"}, provider=V7).passed


@pytest.mark.parametrize("version", ["6.83.4", "6.0.2", "5.43.0", "v6.50.0"])
def test_bucket_v2_is_not_deprecated_before_v7(version: str) -> None:
    assert analyze_resource(SPEC, BUCKET_V2, {"bucket": "b-dev"}, provider={"version": version}).passed


def test_bucket_v2_inline_inputs_are_deprecated_in_v6_with_that_majors_message() -> None:
    result = analyze_resource(SPEC, BUCKET_V2, {"bucket": "b-dev", "acl": "private"}, provider={"version": "6.83.4"})
    assert len(result.violations) == 1
    assert "pulumi-aws 6" in result.violations[0].detail and "acl" in result.violations[0].detail


def test_unbundled_majors_use_the_nearest_bundled_one() -> None:
    assert deprecations_for(8).label == "pulumi-aws 7"
    assert deprecations_for(4).label == "pulumi-aws 5"
    newer = analyze_resource(SPEC, BUCKET_V2, {"bucket": "b-dev"}, provider={"version": "8.0.0"})
    assert len(newer.violations) == 1


@pytest.mark.parametrize("provider", [{}, {"version": unknown()}, {"version": "latest"}, {"version": 7}])
def test_unknown_major_reports_only_what_every_major_deprecates(provider: dict[str, object]) -> None:
    assert analyze_resource(SPEC, BUCKET_V2, {"bucket": "b-dev"}, provider=provider).passed
    common = deprecations_for(None)
    for token in common.types:
        assert all(token in deprecations_for(m).types for m in (5, 6, 7))


def test_every_major_records_its_source_version_and_date() -> None:
    data = load("deprecations.json")
    assert data["major"] == "7" and data["generated"] and data["source"]
    for major, entry in data["otherMajors"].items():
        assert entry["pulumiAwsVersion"].startswith(f"{major}.")
        assert entry["generated"] and "SDK source" in entry["source"]
