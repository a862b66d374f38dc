"""Seed 002, finding 1 fixed: a version RDS offers today, well inside standard support."""

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"

key = aws.kms.Key(f"payment-db-key-{environment_suffix}", enable_key_rotation=True,
                  tags={"Environment": environment_suffix, "ManagedBy": "Pulumi"})

db_instance = aws.rds.Instance(
    f"payment-db-{environment_suffix}",
    identifier=f"payment-db-{environment_suffix}",
    engine="postgres",
    engine_version="16.13",
    auto_minor_version_upgrade=True,
    instance_class="db.t3.medium",
    allocated_storage=20,
    storage_encrypted=True,
    kms_key_id=key.arn,
    multi_az=True,
    username="payments_admin",
    manage_master_user_password=True,
    master_user_secret_kms_key_id=key.arn,
    backup_retention_period=7,
    skip_final_snapshot=True,
    tags={"Environment": environment_suffix, "ManagedBy": "Pulumi"},
)
