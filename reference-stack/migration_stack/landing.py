"""The S3 landing bucket a DMS S3 target writes to: SSE-KMS with the CMK, versioned, no public access,
bucket-owner-enforced objects, TLS-only access."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from .naming import Naming, component_type
from .settings import Settings


def tls_only_policy(bucket_arn: str) -> dict[str, Any]:
    """Deny every request that does not use TLS (aws:SecureTransport false)."""
    return {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [bucket_arn, f"{bucket_arn}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }],
    }


class Landing(pulumi.ComponentResource):
    bucket: aws.s3.Bucket
    versioning: aws.s3.BucketVersioning
    encryption: aws.s3.BucketServerSideEncryptionConfiguration
    public_access_block: aws.s3.BucketPublicAccessBlock
    ownership: aws.s3.BucketOwnershipControls
    policy: aws.s3.BucketPolicy

    def __init__(self, name: str, settings: Settings, naming: Naming, key: aws.kms.Key,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Landing"), name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        # Bucket names are global: the account id (when configured) keeps them unique across accounts.
        bucket_name = naming.name("landing", settings.account_id or "")
        self.bucket = aws.s3.Bucket(
            bucket_name,
            bucket=bucket_name,
            tags=naming.tags(bucket_name),
            opts=child,
        )
        self.versioning = aws.s3.BucketVersioning(
            naming.name("landing-versioning"),
            bucket=self.bucket.id,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
            opts=child,
        )
        self.encryption = aws.s3.BucketServerSideEncryptionConfiguration(
            naming.name("landing-encryption"),
            bucket=self.bucket.id,
            rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=(
                    aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                        sse_algorithm="aws:kms", kms_master_key_id=key.arn)),
                bucket_key_enabled=True,
            )],
            opts=child,
        )
        self.public_access_block = aws.s3.BucketPublicAccessBlock(
            naming.name("landing-public-access"),
            bucket=self.bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
            opts=child,
        )
        self.ownership = aws.s3.BucketOwnershipControls(
            naming.name("landing-ownership"),
            bucket=self.bucket.id,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
            opts=child,
        )
        self.policy = aws.s3.BucketPolicy(
            naming.name("landing-tls-only"),
            bucket=self.bucket.id,
            policy=self.bucket.arn.apply(lambda arn: json.dumps(tls_only_policy(arn))),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.public_access_block]),
        )
        self.register_outputs({"bucketName": self.bucket.bucket, "bucketArn": self.bucket.arn})

    @property
    def resources(self) -> list[pulumi.Resource]:
        """Everything that must exist before DMS writes: the configuration, not only the bucket."""
        return [self.versioning, self.encryption, self.public_access_block, self.ownership, self.policy]
