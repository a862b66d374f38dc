"""Seed 003, findings 1 and 4 fixed (and the review's fix corrected): the stack creates the secret it
uses, the imports the password generator needs are there, and a deleted secret stays recoverable."""

import json
import random
import string

import pulumi
import pulumi_aws as aws

environment_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": environment_suffix, "ManagedBy": "Pulumi"}

kms_key = aws.kms.Key(f"education-platform-key-{environment_suffix}", enable_key_rotation=True, tags=tags)


def generate_password():
    chars = string.ascii_letters + string.digits + "!@#$%^&*()"
    return "".join(random.SystemRandom().choice(chars) for _ in range(32))


db_secret = aws.secretsmanager.Secret(
    f"education-platform-db-secret-{environment_suffix}",
    name=f"education-platform-db-credentials-{environment_suffix}",
    description="Database credentials for educational platform",
    kms_key_id=kms_key.arn,
    recovery_window_in_days=7,
    tags={**tags, "Name": f"education-platform-db-secret-{environment_suffix}"},
)
aws.secretsmanager.SecretVersion(
    f"education-platform-db-secret-version-{environment_suffix}",
    secret_id=db_secret.id,
    secret_string=pulumi.Output.secret(json.dumps({"username": "edu_admin", "password": generate_password()})),
)
