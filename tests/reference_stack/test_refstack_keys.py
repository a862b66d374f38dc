"""Keys component: a rotating symmetric CMK with a literal, safe key policy."""

from __future__ import annotations

import json

from migration_stack.keys import Keys, key_policy_document

from .stack_harness import naming_for, run, settings_for


def test_key_rotates_and_has_a_literal_policy_without_public_grants() -> None:
    settings = settings_for()
    result = run(lambda: Keys("keys-dev", settings, naming_for(settings)), {})
    key = result.one("aws:kms/key:Key")
    assert key.name == "migration-cmk-dev"
    assert key.inputs["enableKeyRotation"] is True
    assert key.inputs["rotationPeriodInDays"] <= 365
    assert key.inputs["customerMasterKeySpec"] == "SYMMETRIC_DEFAULT"
    assert key.inputs["keyUsage"] == "ENCRYPT_DECRYPT"
    assert key.inputs["deletionWindowInDays"] == 30
    assert "bypassPolicyLockoutSafetyCheck" not in key.inputs
    policy = json.loads(key.inputs["policy"])
    for statement in policy["Statement"]:
        principal = statement["Principal"]
        assert principal != "*"
        assert "*" not in json.dumps(principal.get("AWS", ""))
    assert policy["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    alias = result.one("aws:kms/alias:Alias")
    assert alias.inputs["name"] == "alias/migration-dev"
    assert result.invokes == []


def test_service_grants_are_scoped() -> None:
    settings = settings_for()
    statements = {s["Sid"]: s for s in key_policy_document(settings, "111122223333")["Statement"]}
    logs = statements["AllowCloudWatchLogsEncryption"]
    assert logs["Principal"] == {"Service": "logs.us-east-1.amazonaws.com"}
    assert logs["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"] == (
        "arn:aws:logs:us-east-1:111122223333:log-group:*")
    topic = statements["AllowAlarmAndEventPublishingToEncryptedTopic"]
    assert topic["Condition"] == {"StringEquals": {"aws:SourceAccount": "111122223333"}}
    assert set(topic["Action"]) == {"kms:Decrypt", "kms:GenerateDataKey*"}


def test_account_id_comes_from_sts_when_not_configured() -> None:
    settings = settings_for(awsAccountId="")
    assert settings.account_id is None
    result = run(lambda: Keys("keys-dev", settings, naming_for(settings)), {})
    assert result.invokes == ["aws:index/getCallerIdentity:getCallerIdentity"]
    policy = json.loads(result.one("aws:kms/key:Key").inputs["policy"])
    assert policy["Statement"][0]["Principal"]["AWS"] == "arn:aws:iam::123456789012:root"


def test_outputs() -> None:
    settings = settings_for()
    holder: dict[str, Keys] = {}

    def program() -> Keys:
        holder["keys"] = Keys("keys-dev", settings, naming_for(settings))
        return holder["keys"]

    run(program, {})
    keys = holder["keys"]
    arn = _resolve(keys.key.arn)
    assert arn == "arn:aws:kms:us-east-1:123456789012:migration-cmk-dev"


def _resolve(output: object) -> object:
    from pulumi.runtime.sync_await import _sync_await

    return _sync_await(output.future())  # type: ignore[attr-defined]
