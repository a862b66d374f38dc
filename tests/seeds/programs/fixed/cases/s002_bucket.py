"""Seed 002, finding 2 fixed: the audit bucket on the S3 resources of pulumi-aws 7."""

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"
common_tags = {"Environment": environment_suffix, "ManagedBy": "Pulumi"}

audit_key = aws.kms.Key(f"payment-audit-key-{environment_suffix}", enable_key_rotation=True, tags=common_tags)
audit_bucket = aws.s3.Bucket(
    f"payment-audit-logs-{environment_suffix}",
    bucket=f"payment-audit-logs-{environment_suffix}",
    tags={**common_tags, "Name": f"payment-audit-logs-{environment_suffix}"},
)
aws.s3.BucketVersioning(
    f"payment-audit-logs-versioning-{environment_suffix}",
    bucket=audit_bucket.id,
    versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
)
aws.s3.BucketServerSideEncryptionConfiguration(
    f"payment-audit-logs-encryption-{environment_suffix}",
    bucket=audit_bucket.id,
    rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
        apply_server_side_encryption_by_default=(
            aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                sse_algorithm="aws:kms", kms_master_key_id=audit_key.arn,
            )
        ),
        bucket_key_enabled=True,
    )],
)
aws.s3.BucketPublicAccessBlock(
    f"payment-audit-logs-public-access-{environment_suffix}",
    bucket=audit_bucket.id,
    block_public_acls=True,
    block_public_policy=True,
    ignore_public_acls=True,
    restrict_public_buckets=True,
)
