"""Seed 003, finding 1 as the review fixed it: the created secret is deleted without recovery window."""

import json
import random
import string

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"

kms_key = aws.kms.Key(
    f"education-platform-key-{environment_suffix}",
    description="Education platform data key",
    enable_key_rotation=True,
)


def generate_password():
    chars = string.ascii_letters + string.digits + "!@#$%^&*()"
    return "".join(random.choice(chars) for _ in range(32))


db_secret = aws.secretsmanager.Secret(
    f"education-platform-db-secret-{environment_suffix}",
    name=f"education-platform-db-credentials-{environment_suffix}",
    description="Database credentials for educational platform",
    kms_key_id=kms_key.id,
    recovery_window_in_days=0,  # Allows immediate deletion for testing
    tags={"Name": f"education-platform-db-secret-{environment_suffix}", "Environment": environment_suffix},
)
aws.secretsmanager.SecretVersion(
    f"education-platform-db-secret-version-{environment_suffix}",
    secret_id=db_secret.id,
    secret_string=json.dumps({"username": "edu_admin", "password": generate_password()}),
)
