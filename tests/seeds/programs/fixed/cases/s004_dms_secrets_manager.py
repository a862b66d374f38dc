"""Seed 004, finding 3 fixed: the DMS source endpoint reads its credentials from Secrets Manager
(the review's `config.require_secret` would still pass the password through Pulumi)."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

key = aws.kms.Key(f"inventory-key-{env_suffix}", enable_key_rotation=True, tags=tags)
source_secret = aws.secretsmanager.Secret(
    f"inventory-source-credentials-{env_suffix}",
    name=f"inventory/{env_suffix}/source-db",
    description="On-premises PostgreSQL credentials (value set by operators)",
    kms_key_id=key.arn,
    tags=tags,
)
access_role = aws.iam.Role(
    f"inventory-dms-secrets-access-{env_suffix}",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "dms.us-east-1.amazonaws.com"},
                       "Action": "sts:AssumeRole"}],
    }),
    tags=tags,
)

source_endpoint = aws.dms.Endpoint(
    f"inventory-source-endpoint-{env_suffix}",
    endpoint_id=f"inventory-source-endpoint-{env_suffix}",
    endpoint_type="source",
    engine_name="postgres",
    database_name=pulumi.Config().get("onpremDbName") or "production_db",
    secrets_manager_arn=source_secret.arn,
    secrets_manager_access_role_arn=access_role.arn,
    ssl_mode="require",
    tags=tags,
)
