"""Seed 000, finding 1 fixed: the password is set with `pulumi config set --secret`, stored in Secrets
Manager, and the DMS endpoint reads it from there (no default, nothing in the endpoint's inputs)."""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
environment_suffix = config.get("environmentSuffix") or "dev"
tags = {"Environment": environment_suffix, "ManagedBy": "Pulumi"}

key = aws.kms.Key(f"payments-key-{environment_suffix}", enable_key_rotation=True, tags=tags)
source_secret = aws.secretsmanager.Secret(
    f"payments-onprem-source-secret-{environment_suffix}",
    name=f"payments/{environment_suffix}/onprem-source",
    kms_key_id=key.arn,
    tags=tags,
)
aws.secretsmanager.SecretVersion(
    f"payments-onprem-source-secret-value-{environment_suffix}",
    secret_id=source_secret.id,
    secret_string=config.require_secret("onprem_db_password").apply(lambda password: json.dumps({
        "username": "dms_replication", "password": password, "host": "10.20.0.15", "port": 5432,
        "dbname": "payments", "engine": "postgres",
    })),
)
access_role = aws.iam.Role(
    f"payments-dms-secrets-access-{environment_suffix}",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "dms.us-east-1.amazonaws.com"},
                       "Action": "sts:AssumeRole"}],
    }),
    tags=tags,
)

source_endpoint = aws.dms.Endpoint(
    f"payments-onprem-source-{environment_suffix}",
    endpoint_id=f"payments-onprem-source-{environment_suffix}",
    endpoint_type="source",
    engine_name="postgres",
    database_name="payments",
    secrets_manager_arn=source_secret.arn,
    secrets_manager_access_role_arn=access_role.arn,
    ssl_mode="require",
    tags=tags,
)
