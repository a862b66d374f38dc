"""cloudwatch-log-group-encrypted: log groups are encrypted with a customer-managed KMS key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...types import CLOUDWATCH_LOG_GROUP
from ._common import require_key


def check(r: ResourceCheck) -> None:
    require_key(
        r,
        "kmsKeyId",
        "kmsKeyId is not set: log events (which often carry SQL statements, connection errors and "
        "identifiers from the migration) are encrypted only with CloudWatch Logs' service key. Set kmsKeyId "
        "to a customer-managed KMS key whose policy allows the logs service principal.",
    )


SPEC = ResourcePolicySpec(
    name="cloudwatch-log-group-encrypted",
    description="CloudWatch log groups are encrypted with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="medium",
    level="mandatory",
    resource_types=(CLOUDWATCH_LOG_GROUP,),
    rule="`kmsKeyId` is set on every CloudWatch log group and is not an AWS-managed key (`alias/aws/...`, by alias name or alias ARN).",
    unknown_handling="present: an unknown kmsKeyId (a key created in the same program) counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key whose key policy allows `logs.<region>.amazonaws.com` to use it "
        "(kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*), with an "
        "`aws:SourceArn`/`kms:EncryptionContext:aws:logs:arn` condition.\n"
        "2. Set kms_key_id=key.arn on the aws.cloudwatch.LogGroup."
    ),
    framework=Framework("AWS Config managed rule", "cloudwatch-log-group-encrypted"),
    refs=("CKV_AWS_158",),
    check=check,
    examples=(
        Example(
            "Log group encrypted with a key from the same program",
            {"name": "/migration/dms-dev", "retentionInDays": 30, "kmsKeyId": unknown()},
            "pass",
        ),
        Example(
            "Log group without kmsKeyId",
            {"name": "/migration/dms-dev", "retentionInDays": 30},
            "fail",
            mentions=("kmsKeyId",),
        ),
        Example(
            "Log group with a literal key ARN",
            {"kmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
            "pass",
        ),
    ),
)
