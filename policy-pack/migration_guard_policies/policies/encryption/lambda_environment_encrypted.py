"""lambda-environment-encrypted: Lambda environment variables are encrypted with a customer-managed key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import LAMBDA_FUNCTION
from ._common import require_key


def check(r: ResourceCheck) -> None:
    if not r.props.get("environment.variables").present:
        raise r.not_applicable("the function sets no environment variables")
    require_key(
        r,
        "kmsKeyArn",
        "kmsKeyArn is not set while environment variables are: they are encrypted at rest only with the "
        "AWS-managed aws/lambda key, so anyone allowed to read the function's configuration can read them. "
        "Set kmsKeyArn to a customer-managed KMS key.",
    )


SPEC = ResourcePolicySpec(
    name="lambda-environment-encrypted",
    description="Lambda functions with environment variables encrypt them with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="low",
    level="advisory",
    resource_types=(LAMBDA_FUNCTION,),
    rule=(
        "When environment variables are set (`environment.variables` is not empty), `kmsKeyArn` is set" " and is not an AWS-managed key (`alias/aws/...`, by alias name or alias ARN). "
        "Functions without environment variables: not applicable."
    ),
    unknown_handling=(
        "present: unknown environment variables count as set, and an unknown kmsKeyArn (a key created in the "
        "same program) counts as set."
    ),
    remediation=(
        "1. Create a customer-managed KMS key and allow the function's execution role kms:Decrypt on it.\n"
        "2. Set kms_key_arn=key.arn on the aws.lambda_.Function.\n"
        "3. Better still, keep credentials out of environment variables and read them from Secrets Manager."
    ),
    refs=("CKV_AWS_173",),
    check=check,
    examples=(
        Example(
            "Environment variables encrypted with a key from the same program",
            {"runtime": "python3.12", "environment": {"variables": {"STAGE": "dev"}}, "kmsKeyArn": unknown()},
            "pass",
        ),
        Example(
            "Environment variables without kmsKeyArn",
            {"runtime": "python3.12", "environment": {"variables": {"STAGE": "dev"}}},
            "fail",
            mentions=("kmsKeyArn",),
        ),
        Example(
            "Environment variables computed from other outputs count as set",
            {"runtime": "python3.12", "environment": {"variables": unknown("object")}},
            "fail",
            mentions=("kmsKeyArn",),
        ),
        Example("No environment variables", {"runtime": "python3.12"}, "not_applicable"),
        Example(
            "Empty environment block",
            {"runtime": "python3.12", "environment": {"variables": {}}},
            "not_applicable",
        ),
    ),
)
