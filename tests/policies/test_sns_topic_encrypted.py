"""sns-topic-encrypted: requireCustomerManagedKey and the AWS-managed alias."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.sns_topic_encrypted import SPEC
from migration_guard_policies.types import SNS_TOPIC

STRICT = {"requireCustomerManagedKey": True}


def test_alias_arn_rejected_only_when_customer_managed_key_required() -> None:
    props = {"kmsMasterKeyId": "arn:aws:kms:us-east-1:111122223333:alias/aws/sns"}
    assert analyze_resource(SPEC, SNS_TOPIC, props).passed
    assert analyze_resource(SPEC, SNS_TOPIC, props, config=STRICT).violations


def test_unknown_key_counts_as_customer_managed() -> None:
    assert analyze_resource(SPEC, SNS_TOPIC, {"kmsMasterKeyId": unknown()}, config=STRICT).passed


def test_missing_key_is_one_violation_even_when_strict() -> None:
    assert len(analyze_resource(SPEC, SNS_TOPIC, {}, config=STRICT).violations) == 1
