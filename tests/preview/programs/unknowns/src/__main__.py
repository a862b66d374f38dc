import pulumi_aws as aws

key = aws.kms.Key("key-dev")
# The encryption flag depends on a value known only after creation: unknown during preview.
aws.rds.Instance(
    "db-dev",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    storage_encrypted=key.arn.apply(lambda arn: arn is not None),
    kms_key_id=key.arn,
    backup_retention_period=7,
)
