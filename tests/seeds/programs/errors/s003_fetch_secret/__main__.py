"""Seed 003, finding 1: the program reads a secret that nothing (this stack included) creates."""

import json

import pulumi
import pulumi_aws as aws
from pulumi import Output

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"

# Fetch existing database credentials from Secrets Manager
db_secret = aws.secretsmanager.get_secret_version(
    secret_id=f"education-platform-db-credentials-{environment_suffix}",
)

# Parse secret value to get username and password
db_credentials = Output.secret(db_secret.secret_string).apply(lambda s: json.loads(s))

aws.rds.Instance(
    f"education-platform-db-{environment_suffix}",
    engine="mysql",
    engine_version="8.0.40",
    instance_class="db.t3.medium",
    allocated_storage=20,
    storage_encrypted=True,
    username=db_credentials.apply(lambda c: c["username"]),
    password=db_credentials.apply(lambda c: c["password"]),
    skip_final_snapshot=True,
)
