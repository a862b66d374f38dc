"""deprecated-resource-types: no resource type or input that pulumi-aws has deprecated."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_INSTANCE, S3_BUCKET, S3_BUCKET_V2
from ._sdk_data import deprecated_inputs, deprecated_types, provenance


def _instead(replacement: object) -> str:
    return f" Use {replacement} instead." if isinstance(replacement, str) and replacement else ""


def check(r: ResourceCheck) -> None:
    entry = deprecated_types().get(r.type)
    if isinstance(entry, dict):
        r.violation(
            f"{r.type} is deprecated in pulumi-aws ({entry.get('message', '')}).{_instead(entry.get('replacement'))} "
            "Migrate with an alias or `pulumi import` before the type is removed."
        )
    for name, info in sorted(deprecated_inputs(r.type).items()):
        if not isinstance(info, dict) or not r.props.get(name).present:
            continue
        r.violation(
            f"input {name} of {r.type} is deprecated in pulumi-aws ({info.get('message', '')})."
            f"{_instead(info.get('replacement'))}"
        )


SPEC = ResourcePolicySpec(
    name="deprecated-resource-types",
    description="Resources use no resource type or input that pulumi-aws has deprecated.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=("*",),
    rule=(
        "The resource's type, and every input it sets, is not deprecated in pulumi-aws; the message names the "
        "replacement. The list is generated from the installed pulumi-aws SDK into data/deprecations.json "
        f"(`python -m migration_guard.generate deprecations`; currently {provenance('deprecations.json')})."
    ),
    unknown_handling="n/a: a deprecated input whose value is unknown during preview is still used.",
    remediation=(
        "1. Replace the deprecated type with the one the message names (aws.s3.BucketV2 -> aws.s3.Bucket), keeping "
        "the cloud resource with opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(type_=\"<old token>\")]) or by "
        "`pulumi import`.\n"
        "2. Move deprecated inputs to the resources the message names (Bucket server_side_encryption_configuration -> "
        "aws.s3.BucketServerSideEncryptionConfiguration)."
    ),
    refs=("seed 002",),
    check=check,
    examples=(
        Example("A bucket of the current type", {"bucket": "orders-archive-dev"}, "pass", type=S3_BUCKET),
        Example(
            "BucketV2 (seed 002)",
            {"bucket": "orders-archive-dev"},
            "fail",
            type=S3_BUCKET_V2,
            mentions=("aws:s3/bucket:Bucket",),
        ),
        Example(
            "Inline encryption on a Bucket is a deprecated input",
            {"bucket": "orders-archive-dev", "serverSideEncryptionConfiguration": {
                "rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}}},
            "fail",
            type=S3_BUCKET,
            mentions=("serverSideEncryptionConfiguration",
                      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
        ),
        Example(
            "A deprecated input computed during preview is still used",
            {"bucket": "orders-archive-dev", "policy": unknown()},
            "fail",
            type=S3_BUCKET,
            mentions=("policy",),
        ),
        Example("RDS instance", {"engine": "postgres", "multiAz": True}, "pass", type=RDS_INSTANCE),
    ),
)
