import pulumi
import pulumi_aws as aws

legacy = aws.s3.BucketV2.get("legacy", "acme-legacy-assets")
aws.s3.BucketVersioningV2("legacy", bucket=legacy.id, versioning_configuration={"status": "Enabled"})
key = aws.kms.Key("assets", enable_key_rotation=True, deletion_window_in_days=30)
aws.kms.Alias("assets", name="alias/assets", target_key_id=key)
pulumi.export("key", key)
