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


_CANARY = "canary-Zr8vQ2mL5pX9"
_GRANT = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}


@pytest.mark.parametrize("statements", [
    [1, None, "x"],
    [_CANARY],
    [dict(_GRANT, Effect=["Allow"])],
    [dict(_GRANT, Effect=None)],
    [{k: v for k, v in _GRANT.items() if k != "Effect"}],
    [dict(_GRANT, Condition="x")],
    [dict(_GRANT, Condition=1)],
    [dict(_GRANT, Condition=[{"StringEquals": {"kms:CallerAccount": _CANARY}}])],
    [dict(_GRANT, Condition={"StringEquals": _CANARY})],
    [dict(_GRANT, Principal=["*"])],
    [dict(_GRANT, Principal=7)],
    [dict(_GRANT, Principal={"AWS": {"arn": "*"}})],
    [dict(_GRANT, NotPrincipal=[_CANARY])],
    [dict(_GRANT, Action={"kms": "Decrypt"})],
    [dict(_GRANT, Resource=7)],
    [dict(_GRANT, NotAction=None)],
    [{"Effect": "Deny", "Principal": "*", "Action": "kms:*"}, 1],
])
def test_statements_of_the_wrong_type_make_the_policy_unreadable(statements: list[Any]) -> None:
    """Element types of the IAM policy grammar (AWS IAM User Guide, "Grammar of the IAM JSON policy language",
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): a statement is an object;
    `<effect_block> = "Effect" : ("Allow" | "Deny")`; `<principal_block> = ("Principal" | "NotPrincipal") : ("*" |
    <principal_map>)` whose entries are a principal id string or a list of them; `<condition_block> = "Condition" :
    { <condition_map> }`, each operator mapping to an object; `<action_block>` / `<resource_block>` a string or a list.
    A statement that breaks these is never read as granting nothing or as conditioned (KMS would refuse it at
    `pulumi up`, after the preview passed): the policy is reported as unreadable, without echoing it."""
    result = run({"policy": json.dumps({"Version": "2012-10-17", "Statement": statements})})
    assert [d.detail.split(" (")[0] for d in result.violations] == ["policy cannot be read"]
    assert "canary" not in result.all_text()


def test_a_single_statement_object_of_the_wrong_type_is_unreadable() -> None:
    result = run({"policy": json.dumps({"Statement": dict(_GRANT, Effect=True)})})
    assert [d.detail.split(" (")[0] for d in result.violations] == ["policy cannot be read"]


@pytest.mark.parametrize("statement", [
    dict(_GRANT, Action=["kms:Decrypt", "kms:Encrypt"], Resource=["*"], Principal={"AWS": ["*"]}),
    dict(_GRANT, Principal="*", NotAction="kms:ScheduleKeyDeletion", NotResource=[]),
    {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"},
])
def test_grammatical_statements_are_read(statement: dict[str, Any]) -> None:
    result = run({"policy": policy(statement)})
    assert [d.detail.split(" allows")[0] for d in result.violations] == ["policy statement 1"]


def test_a_policy_without_statements_grants_nothing() -> None:
    assert run({"policy": '{"Version": "2012-10-17"}'}).passed
    assert run({"policy": '{"Version": "2012-10-17", "Statement": []}'}).passed
