"""sns-topic-encrypted: SNS topics encrypt messages at rest with KMS."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...props import State
from ...types import SNS_TOPIC
from ._common import require_key

MISSING = (
    "kmsMasterKeyId is not set: messages (alarm notifications, migration events) are stored unencrypted at rest. "
    "Set kmsMasterKeyId to a customer-managed KMS key whose policy lets CloudWatch and the other publishers use it."
)


def check(r: ResourceCheck) -> None:
    if r.config.get("requireCustomerManagedKey"):
        require_key(r, "kmsMasterKeyId", MISSING + " A customer-managed key is required (requireCustomerManagedKey): "
                    "CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed aws/sns key.")
        return
    key = r.props.get("kmsMasterKeyId")
    if key.state is State.MALFORMED or (key.present and not key.has_unknown() and not isinstance(key.value, str)):
        r.violation("kmsMasterKeyId cannot be read as a KMS key identifier. Set it to a KMS key ARN, id or alias.")
    elif not key.present:
        r.violation(MISSING)


SPEC = ResourcePolicySpec(
    name="sns-topic-encrypted",
    description="SNS topics encrypt messages at rest with KMS.",
    family=Family.ENCRYPTION,
    severity="medium",
    level="mandatory",
    resource_types=(SNS_TOPIC,),
    rule=(
        "`kmsMasterKeyId` is set; when `requireCustomerManagedKey`, it is not an AWS-managed key "
        "(`alias/aws/...`, by alias name or alias ARN)."
    ),
    unknown_handling="present: an unknown kmsMasterKeyId (a key created in the same program) counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key whose policy allows the publishers (for CloudWatch alarms, the "
        "`cloudwatch.amazonaws.com` principal) kms:Decrypt and kms:GenerateDataKey*.\n"
        "2. Set kms_master_key_id=key.arn on the aws.sns.Topic."
    ),
    framework=Framework("AWS Config managed rule", "sns-encrypted-kms"),
    refs=("CKV_AWS_26", "seed 004"),
    config={
        "requireCustomerManagedKey": {
            "type": "boolean",
            "default": False,
            "description": "Reject the AWS-managed alias/aws/sns key and require a customer-managed key.",
        }
    },
    check=check,
    examples=(
        Example("Topic encrypted with a key from the same program", {"kmsMasterKeyId": unknown()}, "pass"),
        Example("Topic without kmsMasterKeyId (seed 004)", {"name": "alarms-dev"}, "fail", mentions=("kmsMasterKeyId",)),
        Example("Topic with the AWS-managed key, allowed by default", {"kmsMasterKeyId": "alias/aws/sns"}, "pass"),
        Example(
            "Topic with the AWS-managed key when a customer-managed key is required",
            {"kmsMasterKeyId": "alias/aws/sns"},
            "fail",
            config={"requireCustomerManagedKey": True},
            mentions=("kmsMasterKeyId", "AWS-managed"),
        ),
        Example(
            "Topic with a customer-managed key when one is required",
            {"kmsMasterKeyId": "alias/migration-dev"},
            "pass",
            config={"requireCustomerManagedKey": True},
        ),
    ),
)
