"""deprecated-resource-types: no resource type or input that pulumi-aws has deprecated."""

from __future__ import annotations

import re

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import RDS_INSTANCE, S3_BUCKET, S3_BUCKET_V2
from ._sdk_data import deprecations_for, provenance

_MAJOR = re.compile(r"^v?(\d+)\.")


def provider_major(r: ResourceCheck) -> int | None:
    """The pulumi-aws major of the resource's provider, from its `version` input (the engine sets it on
    default providers and on explicit ones registered with a version), or None when it is not known."""
    version = r.provider.get("version").str()
    match = _MAJOR.match(version.strip()) if version else None
    return int(match.group(1)) if match else None


def _instead(replacement: object) -> str:
    return f" Use {replacement} instead." if isinstance(replacement, str) and replacement else ""


def check(r: ResourceCheck) -> None:
    found = deprecations_for(provider_major(r))
    entry = found.types.get(r.type)
    if isinstance(entry, dict):
        r.violation(
            f"{r.type} is deprecated in {found.label} ({entry.get('message', '')}).{_instead(entry.get('replacement'))} "
            "Migrate with an alias or `pulumi import` before the type is removed."
        )
    inputs = found.inputs.get(r.type)
    for name, info in sorted((inputs if isinstance(inputs, dict) else {}).items()):
        if not isinstance(info, dict) or not r.props.get(name).present:
            continue
        r.violation(
            f"input {name} of {r.type} is deprecated in {found.label} ({info.get('message', '')})."
            f"{_instead(info.get('replacement'))}"
        )


def _provider(version: str) -> dict[str, object]:
    return {"region": "us-east-1", "version": version}


SPEC = ResourcePolicySpec(
    name="deprecated-resource-types",
    description="Resources use no resource type or input that pulumi-aws has deprecated.",
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=("*",),
    rule=(
        "The resource's type, and every input it sets, is not deprecated in the pulumi-aws major its provider "
        "actually is (the provider's `version` input): BucketV2 is deprecated in v7 but not in v5 or v6. A major "
        "that is not bundled uses the nearest bundled major below it; when the provider's version is not known, "
        "only what every bundled major deprecates is reported. The message names the replacement. The lists are "
        "generated from the pulumi-aws SDKs into data/deprecations.json (`python -m migration_guard.generate "
        f"deprecations [--sdk MAJOR=VERSION:DIR]`; currently {provenance('deprecations.json')})."
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
            "BucketV2 on pulumi-aws 7 (seed 002)",
            {"bucket": "orders-archive-dev"},
            "fail",
            type=S3_BUCKET_V2,
            mentions=("aws:s3/bucket:Bucket", "pulumi-aws 7"),
            provider=_provider("7.51.1"),
        ),
        Example(
            "BucketV2 on pulumi-aws 6, where it is the current bucket type",
            {"bucket": "orders-archive-dev"},
            "pass",
            type=S3_BUCKET_V2,
            provider=_provider("6.83.4"),
        ),
        Example(
            "BucketV2 on pulumi-aws 5",
            {"bucket": "orders-archive-dev"},
            "pass",
            type=S3_BUCKET_V2,
            provider=_provider("5.43.0"),
        ),
        Example(
            "Inline encryption on a Bucket is a deprecated input",
            {"bucket": "orders-archive-dev", "serverSideEncryptionConfiguration": {
                "rule": {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms"}}}},
            "fail",
            type=S3_BUCKET,
            mentions=("serverSideEncryptionConfiguration",
                      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
            provider=_provider("7.51.1"),
        ),
        Example(
            "A deprecated input computed during preview is still used",
            {"bucket": "orders-archive-dev", "policy": unknown()},
            "fail",
            type=S3_BUCKET,
            mentions=("policy",),
            provider=_provider("7.51.1"),
        ),
        Example("RDS instance", {"engine": "postgres", "multiAz": True}, "pass", type=RDS_INSTANCE),
    ),
)
