"""Stack checks of the encryption family under the engine's AnalyzeStack shape.

The engine sends AnalyzeStack with planned outputs: a provider-computed property the program did not
set is unknown there (pulumi pkg/resource/deploy/step_generator.go, StepGenerator.GenerateSteps
analyzes each resource's inputs; pkg/engine/lifecycletest shows AnalyzeStack after every step with
the resources' outputs). The pack remembers the Analyze inputs of each URN (PackState), and these
policies read them through StackCheck.analyzed to tell "the program set nothing" from "set from an
unknown output". Each test runs one pack session: Analyze for every resource, then AnalyzeStack.
"""

from __future__ import annotations

from typing import Any

from migration_guard.testing.inprocess import PackSession, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.encryption import (
    ebs_encrypted,
    redshift_cluster_require_ssl,
    s3_bucket_encrypted,
)
from migration_guard_policies.types import (
    EBS_ENCRYPTION_BY_DEFAULT,
    EBS_VOLUME,
    REDSHIFT_CLUSTER,
    S3_BUCKET,
    S3_BUCKET_SSE,
)


def preview(spec: Any, resources: list[tuple[StackResource, dict[str, Any]]]) -> Any:
    """Analyze each resource's program inputs, then AnalyzeStack over its planned outputs."""
    session = PackSession(spec)
    for planned, inputs in resources:
        session.analyze(planned.type, inputs, name=planned.name)
    return session.analyze_stack([planned for planned, _ in resources])


def test_bucket_whose_program_set_no_encryption_fails_at_preview() -> None:
    planned = StackResource(S3_BUCKET, "data-dev", {"bucket": unknown(),
                                                    "serverSideEncryptionConfiguration": unknown("object")})
    result = preview(s3_bucket_encrypted.SPEC, [(planned, {})])
    assert [d.urn for d in result.violations] == [urn_of("data-dev", [planned])]


def test_bucket_encryption_set_from_an_unknown_output_stays_unverifiable() -> None:
    planned = StackResource(S3_BUCKET, "data-dev", {"serverSideEncryptionConfiguration": unknown("object")})
    result = preview(s3_bucket_encrypted.SPEC, [(planned, {"serverSideEncryptionConfiguration": unknown("object")})])
    assert result.unverifiable and not result.violations


def test_bucket_with_a_linked_sse_resource_passes_whatever_the_inline_view() -> None:
    bucket = StackResource(S3_BUCKET, "data-dev", {"serverSideEncryptionConfiguration": unknown("object")})
    rule = {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyId": unknown()}}
    sse = StackResource(S3_BUCKET_SSE, "data-sse-dev", {"bucket": unknown(), "rules": [rule]},
                        deps={"bucket": ("data-dev",)})
    assert preview(s3_bucket_encrypted.SPEC, [(bucket, {}), (sse, {"bucket": unknown(), "rules": [rule]})]).passed


def test_redshift_cluster_that_omitted_its_parameter_group_fails_at_preview() -> None:
    planned = StackResource(REDSHIFT_CLUSTER, "warehouse-dev", {"clusterIdentifier": "warehouse-dev",
                                                                "clusterParameterGroupName": unknown()})
    result = preview(redshift_cluster_require_ssl.SPEC, [(planned, {"clusterIdentifier": "warehouse-dev"})])
    assert result.violations and "clusterParameterGroupName" in result.violations[0].detail


def test_redshift_parameter_group_name_from_an_unknown_output_is_unverifiable() -> None:
    planned = StackResource(REDSHIFT_CLUSTER, "warehouse-dev", {"clusterParameterGroupName": unknown()})
    result = preview(redshift_cluster_require_ssl.SPEC, [(planned, {"clusterParameterGroupName": unknown()})])
    assert result.unverifiable and not result.violations


def test_ebs_volume_registered_before_encryption_by_default_passes() -> None:
    volume = StackResource(EBS_VOLUME, "data-dev", {"availabilityZone": "us-east-1a", "size": 10,
                                                    "encrypted": unknown("boolean"), "region": "us-east-1"})
    default = StackResource(EBS_ENCRYPTION_BY_DEFAULT, "ebs-default-dev", {"enabled": True, "region": "us-east-1"})
    result = preview(ebs_encrypted.SPEC, [(volume, {"availabilityZone": "us-east-1a", "size": 10,
                                                    "region": "us-east-1"}),
                                          (default, {"region": "us-east-1"})])
    assert result.passed


def test_ebs_volume_without_setting_and_without_encryption_by_default_fails_at_analyze_stack() -> None:
    inputs = {"availabilityZone": "us-east-1a", "size": 10, "region": "us-east-1"}
    volume = StackResource(EBS_VOLUME, "data-dev", {**inputs, "encrypted": unknown("boolean")})
    result = preview(ebs_encrypted.SPEC, [(volume, inputs)])
    assert [d.urn for d in result.violations] == [urn_of("data-dev", [volume])]
    assert result.violations[0].policy == "ebs-encrypted" and result.violations[0].enforcement_level == "mandatory"


def test_ebs_volume_explicitly_false_fails_in_analyze_and_is_not_reported_twice() -> None:
    inputs = {"availabilityZone": "us-east-1a", "size": 10, "encrypted": False}
    volume = StackResource(EBS_VOLUME, "data-dev", inputs)
    session = PackSession(ebs_encrypted.SPEC)
    assert session.analyze(EBS_VOLUME, inputs, name="data-dev").violations
    assert session.analyze_stack([volume]).passed
