"""Seed 002, finding 2: the audit bucket on the S3 resources pulumi-aws 7 deprecates."""

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"
common_tags = {"Environment": environment_suffix, "ManagedBy": "Pulumi"}

# Note: Using BucketV2, BucketVersioningV2, etc. for compatibility
audit_bucket = aws.s3.BucketV2(
    f"payment-audit-logs-{environment_suffix}",
    bucket=f"payment-audit-logs-{environment_suffix}",
    tags={**common_tags, "Name": f"payment-audit-logs-{environment_suffix}"},
)
aws.s3.BucketVersioningV2(
    f"payment-audit-logs-versioning-{environment_suffix}",
    bucket=audit_bucket.id,
    versioning_configuration=aws.s3.BucketVersioningV2VersioningConfigurationArgs(status="Enabled"),
)
aws.s3.BucketServerSideEncryptionConfigurationV2(
    f"payment-audit-logs-encryption-{environment_suffix}",
    bucket=audit_bucket.id,
    rules=[aws.s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
        apply_server_side_encryption_by_default=(
            aws.s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
                sse_algorithm="aws:kms",
            )
        ),
    )],
)
