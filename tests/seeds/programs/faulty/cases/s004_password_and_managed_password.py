"""Seed 004, finding 8 as the review fixed it: a password and an RDS-managed password at once."""

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"

# Create secret in Secrets Manager
db_secret = aws.secretsmanager.Secret(
    f"rds-password-{env_suffix}",
    name=f"rds-password-{env_suffix}",
    description="RDS PostgreSQL master password",
)

# Reference in RDS
rds_instance = aws.rds.Instance(
    f"java-api-staging-db-{env_suffix}",
    identifier=f"java-api-staging-db-{env_suffix}",
    engine="postgres",
    engine_version="16.13",
    instance_class="db.t3.medium",
    allocated_storage=50,
    storage_encrypted=True,
    multi_az=True,
    username="api_admin",
    password=db_secret.arn,  # Use secret ARN
    manage_master_user_password=True,  # Let RDS manage rotation
    backup_retention_period=7,
    skip_final_snapshot=True,
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
