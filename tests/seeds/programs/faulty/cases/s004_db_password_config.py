"""Seed 004, finding 8: the RDS master password comes from Pulumi config (a secret, but through Pulumi)."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"

rds_instance = aws.rds.Instance(
    f"java-api-db-{env_suffix}",
    identifier=f"java-api-db-{env_suffix}",
    engine="postgres",
    engine_version="16.13",
    instance_class="db.t3.medium",
    allocated_storage=50,
    storage_encrypted=True,
    multi_az=True,
    username="api_admin",
    password=config.require_secret("dbPassword"),
    backup_retention_period=7,
    skip_final_snapshot=True,
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
