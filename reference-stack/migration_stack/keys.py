"""The customer-managed KMS key used by every encrypted service of the stack."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from .naming import Naming, component_type
from .settings import Settings


def resolve_account_id(settings: Settings) -> str:
    """The account id: from config ``awsAccountId`` (no AWS call), else STS GetCallerIdentity."""
    if settings.account_id:
        return settings.account_id
    return aws.get_caller_identity().account_id


def key_policy_document(settings: Settings, account_id: str) -> dict[str, Any]:
    """A literal key policy: the account administers the key (IAM policies decide who uses it);
    AWS services that encrypt on the stack's behalf get only the actions they need, scoped by
    condition or service principal. Nothing is granted to principal ``*``."""
    partition, region = settings.partition, settings.region
    return {
        "Version": "2012-10-17",
        "Id": f"{settings.name_prefix}-key-policy-{settings.environment_suffix}",
        "Statement": [
            {
                "Sid": "EnableAccountAdministration",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:{partition}:iam::{account_id}:root"},
                "Action": "kms:*",
                "Resource": "*",
            },
            {
                "Sid": "AllowCloudWatchLogsEncryption",
                "Effect": "Allow",
                "Principal": {"Service": f"logs.{region}.amazonaws.com"},
                "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                           "kms:Describe*"],
                "Resource": "*",
                "Condition": {
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn":
                            f"arn:{partition}:logs:{region}:{account_id}:log-group:*"
                    }
                },
            },
            {
                "Sid": "AllowAlarmAndEventPublishingToEncryptedTopic",
                "Effect": "Allow",
                "Principal": {
                    "Service": ["cloudwatch.amazonaws.com", "dms.amazonaws.com", "events.rds.amazonaws.com"]
                },
                "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
            },
        ],
    }


class Keys(pulumi.ComponentResource):
    """A symmetric CMK with yearly (or shorter) rotation, a literal key policy and an alias."""

    key: aws.kms.Key
    alias: aws.kms.Alias

    def __init__(self, name: str, settings: Settings, naming: Naming,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Keys"), name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        account_id = resolve_account_id(settings)
        key_name = naming.name("cmk")
        self.key = aws.kms.Key(
            key_name,
            description=f"Migration stack {settings.environment_suffix}: RDS, DMS, Secrets Manager, SNS, logs",
            key_usage="ENCRYPT_DECRYPT",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            enable_key_rotation=True,
            rotation_period_in_days=settings.kms_rotation_period_days,
            deletion_window_in_days=settings.kms_deletion_window_days,
            policy=json.dumps(key_policy_document(settings, account_id), sort_keys=True),
            tags=naming.tags(key_name),
            opts=child,
        )
        alias_name = naming.name("alias")
        self.alias = aws.kms.Alias(
            alias_name,
            name=f"alias/{naming.name()}",
            target_key_id=self.key.key_id,
            opts=child,
        )
        self.register_outputs({"keyArn": self.key.arn, "keyId": self.key.key_id, "aliasName": self.alias.name})
