"""secretsmanager-secret-cmk: secrets are encrypted with a customer-managed KMS key."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import SECRETSMANAGER_SECRET
from ._common import is_aws_managed_alias, require_key

AWS_MANAGED_ALIAS = "alias/aws/secretsmanager"


def check(r: ResourceCheck) -> None:
    remedy = "Set kmsKeyId to a customer-managed KMS key."
    if not require_key(
        r,
        "kmsKeyId",
        "kmsKeyId is not set: the secret would be encrypted with the AWS-managed aws/secretsmanager key, "
        "which cannot be shared across accounts (DMS or applications in another account cannot read it) and "
        f"whose key policy you cannot restrict. {remedy}",
    ):
        return
    if is_aws_managed_alias(r.props.get("kmsKeyId").str(), AWS_MANAGED_ALIAS):
        r.violation(f"kmsKeyId names the AWS-managed aws/secretsmanager key (by its alias). {remedy}")


SPEC = ResourcePolicySpec(
    name="secretsmanager-secret-cmk",
    description="Secrets Manager secrets are encrypted with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(SECRETSMANAGER_SECRET,),
    rule=(
        "`kmsKeyId` is set and is not the AWS-managed `alias/aws/secretsmanager` key (by alias name or alias "
        "ARN)."
    ),
    unknown_handling="present: an unknown kmsKeyId (a key created in the same program) counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True) whose policy lets the "
        "readers of the secret (applications, the DMS access role) call kms:Decrypt.\n"
        "2. Set kms_key_id=key.arn on the aws.secretsmanager.Secret.\n"
        "3. Changing the key re-encrypts only new versions: rotate or re-put the secret value afterwards."
    ),
    framework=Framework("AWS Config managed rule", "secretsmanager-using-cmk"),
    refs=("CKV_AWS_149",),
    check=check,
    examples=(
        Example("Secret encrypted with a key from the same program", {"kmsKeyId": unknown()}, "pass"),
        Example(
            "Secret encrypted with a customer-managed key alias",
            {"name": "orders-db-dev", "kmsKeyId": "alias/migration-dev"},
            "pass",
        ),
        Example("Secret without kmsKeyId", {"name": "orders-db-dev"}, "fail", mentions=("kmsKeyId",)),
        Example(
            "Secret with the AWS-managed alias",
            {"kmsKeyId": "alias/aws/secretsmanager"},
            "fail",
            mentions=("kmsKeyId", "aws/secretsmanager"),
        ),
        Example(
            "Secret with the AWS-managed alias ARN",
            {"kmsKeyId": "arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager"},
            "fail",
            mentions=("kmsKeyId",),
        ),
    ),
)
