"""Seed 002, finding 2 on the provider the seed ran: pulumi-aws 6, where BucketV2 is the current type."""

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"

# A program pinned to pulumi-aws 6 (its lock file); the engine records the provider version it uses.
aws.s3.BucketV2(
    f"payment-reports-{environment_suffix}",
    bucket=f"payment-reports-{environment_suffix}",
    tags={"Environment": environment_suffix, "ManagedBy": "Pulumi"},
    opts=pulumi.ResourceOptions(version="6.83.0"),
)
