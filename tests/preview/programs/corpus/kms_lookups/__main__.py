import pulumi_aws as aws

s3_default = aws.kms.get_alias(name="alias/aws/s3")
data_key = aws.kms.get_key(key_id="alias/data")
bucket = aws.s3.BucketV2("data")
aws.s3.BucketServerSideEncryptionConfigurationV2(
    "data",
    bucket=bucket.id,
    rules=[aws.s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
        apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
            sse_algorithm="aws:kms", kms_master_key_id=data_key.arn,
        ),
    )],
)
aws.sns.Topic("alerts", kms_master_key_id=s3_default.target_key_arn)
