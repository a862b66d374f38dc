"""kms-key-policy-safe: which statements grant to everyone, and how unknown policies are handled."""

from __future__ import annotations

import json
from typing import Any

import pytest

from migration_guard.testing.inprocess import SENTINELS, analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.kms_key_policy_safe import SPEC
from migration_guard_policies.types import KMS_KEY


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def run(props: dict[str, Any]):
    return analyze_resource(SPEC, KMS_KEY, props)


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt"},
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*"},
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "kms:*"},
        {"Effect": "allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Condition": {}},
        {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"},
    ],
)
def test_unconditional_grants_to_everyone_fail(statement: dict[str, Any]) -> None:
    result = run({"policy": policy(statement)})
    assert result.violations and "statement 1" in result.violations[0].message


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Deny", "Principal": "*", "Action": "kms:*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Effect": "Deny", "Principal": "*", "Action": "kms:ScheduleKeyDeletion"},
        {"Effect": "Allow", "Principal": {"Service": "logs.us-east-1.amazonaws.com"}, "Action": "kms:Encrypt*"},
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt",
         "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}},
    ],
)
def test_safe_statements_pass(statement: dict[str, Any]) -> None:
    assert run({"policy": policy(statement)}).passed


def test_one_violation_per_public_statement() -> None:
    public = {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt"}
    owner = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"}
    result = run({"policy": policy(public, owner, public)})
    assert sorted(d.detail.split(" allows")[0] for d in result.violations) == ["policy statement 1",
                                                                            "policy statement 3"]


def test_policy_with_an_embedded_unknown_is_unverifiable() -> None:
    text = policy({"Effect": "Allow", "Principal": {"AWS": SENTINELS["string"]}, "Action": "kms:*"})
    result = run({"policy": text})
    assert result.unverifiable and not result.violations


def test_violations_are_reported_before_the_unknown_policy_explanation() -> None:
    result = run({"bypassPolicyLockoutSafetyCheck": True, "policy": unknown()})
    assert result.violations and "bypassPolicyLockoutSafetyCheck" in result.violations[0].message
    assert result.unverifiable and "policy is unknown" in result.unverifiable[0].message


def test_unknown_bypass_flag_is_unverifiable() -> None:
    result = run({"bypassPolicyLockoutSafetyCheck": unknown("boolean")})
    assert result.unverifiable and not result.violations


def test_an_empty_policy_is_the_default_key_policy() -> None:
    """"" is what the provider treats as no policy: terraform-provider-aws internal/service/kms/key.go declares
    `policy` as sdkv2.IAMPolicyDocumentSchemaOptionalComputed (internal/sdkv2/schema.go: Optional, Computed,
    ValidateFunc validation.StringIsJSON, which accepts "" because terraform-plugin-sdk's
    structure.NormalizeJsonString returns "" without error), and resourceKeyCreate sets CreateKeyInput.Policy only
    `if v, ok := d.GetOk(names.AttrPolicy); ok` (GetOk is false for the zero value ""). Without a policy, KMS
    attaches the default key policy (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html,
    "Default key policy when you create a KMS key programmatically")."""
    assert run({"policy": ""}).passed
    assert run({"policy": None}).passed
    result = run({"policy": "", "bypassPolicyLockoutSafetyCheck": True})
    assert [d.detail.split(" is ")[0] for d in result.violations] == ["bypassPolicyLockoutSafetyCheck"]


@pytest.mark.parametrize("text", ["{not json", "   ", "[]", '["*"]', '"*"', "null", "5", '{"Statement": "*"}',
                                  '{"Statement": 7, "x": "canary-Zr8vQ2mL5pX9"}',
                                  '{"Statement": [' + "[" * 150 + "]" * 150 + "]}",
                                  '{"Statement": [{"Effect": "Allow", "Principal": "canary-Zr8vQ2mL5pX9"'])
def test_a_policy_that_cannot_be_read_fails_naming_the_property(text: str) -> None:
    """Fail closed: a policy the check cannot inspect is never read as one that grants nothing (KMS and the
    provider's StringIsJSON would refuse most of these at `pulumi up`, after the preview passed)."""
    result = run({"policy": text})
    assert [d.detail.split(" (")[0] for d in result.violations] == ["policy cannot be read"]
    assert "canary" not in result.all_text()


def test_entries_that_are_not_statements_grant_nothing() -> None:
    assert run({"policy": '{"Statement": [1, null, "x"]}'}).passed
    assert run({"policy": '{"Version": "2012-10-17"}'}).passed  # no statements: grants nothing to anyone
