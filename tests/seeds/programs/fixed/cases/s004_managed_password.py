"""Seed 004, finding 8 fixed (and the review's fix corrected): RDS manages the master password in
Secrets Manager, encrypted with the stack's key; no password passes through Pulumi."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

key = aws.kms.Key(f"java-api-db-key-{env_suffix}", enable_key_rotation=True, tags=tags)

for name in (f"java-api-db-{env_suffix}", f"java-api-staging-db-{env_suffix}"):
    aws.rds.Instance(
        name,
        identifier=name,
        engine="postgres",
        engine_version="16.13",
        instance_class="db.t3.medium",
        allocated_storage=50,
        storage_encrypted=True,
        kms_key_id=key.arn,
        multi_az=True,
        username="api_admin",
        manage_master_user_password=True,
        master_user_secret_kms_key_id=key.arn,
        backup_retention_period=7,
        skip_final_snapshot=True,
        tags=tags,
    )
