import pulumi
import pulumi_aws as aws


class SecureBucket(pulumi.ComponentResource):
    def __init__(self, name: str, retention_days: int, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:storage:SecureBucket", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.bucket = aws.s3.BucketV2(name, opts=child)
        aws.s3.BucketPublicAccessBlock(
            name, bucket=self.bucket.id, block_public_acls=True, block_public_policy=True,
            ignore_public_acls=True, restrict_public_buckets=True, opts=child,
        )
        aws.s3.BucketLifecycleConfigurationV2(
            name, bucket=self.bucket.id,
            rules=[{"id": "expire", "status": "Enabled", "expiration": {"days": retention_days}}],
            opts=child,
        )
        self.bucket_name = self.bucket.bucket
        self.register_outputs({"bucketName": self.bucket_name})
