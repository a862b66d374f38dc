"""Seed 002, finding 1: a PostgreSQL minor version RDS no longer offers."""

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"

db_instance = aws.rds.Instance(
    f"payment-db-{environment_suffix}",
    identifier=f"payment-db-{environment_suffix}",
    engine="postgres",
    engine_version="14.7",  # This version is not available
    instance_class="db.t3.medium",
    allocated_storage=20,
    storage_encrypted=True,
    multi_az=True,
    username="payments_admin",
    manage_master_user_password=True,
    backup_retention_period=7,
    skip_final_snapshot=True,
    tags={"Environment": environment_suffix, "ManagedBy": "Pulumi"},
)
