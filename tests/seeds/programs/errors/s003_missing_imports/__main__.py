"""Seed 003, finding 4: password generation without `import random` / `import string`."""

import json

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"


# Generate a secure random password
def generate_password():
    chars = string.ascii_letters + string.digits + "!@#$%^&*()"  # noqa: F821 (the finding)
    password = "".join(random.choice(chars) for _ in range(32))  # noqa: F821 (the finding)
    return password


db_password = generate_password()
db_username = "admin"

db_secret = aws.secretsmanager.Secret(
    f"education-platform-db-secret-{environment_suffix}",
    name=f"education-platform-db-credentials-{environment_suffix}",
    recovery_window_in_days=7,
)
aws.secretsmanager.SecretVersion(
    f"education-platform-db-secret-version-{environment_suffix}",
    secret_id=db_secret.id,
    secret_string=json.dumps({"username": db_username, "password": db_password}),
)
