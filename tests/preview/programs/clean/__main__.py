import pulumi_aws as aws

aws.rds.Instance(
    "db-dev",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    storage_encrypted=True,
    backup_retention_period=7,
    manage_master_user_password=True,
    username="app",
)
