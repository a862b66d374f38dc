"""kms-key-policy-safe: key policies keep the lockout safety check and grant nothing to everyone."""

from __future__ import annotations

import json
from typing import Any

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import State
from ...spec import Family, ResourcePolicySpec
from ...types import KMS_KEY


def _is_everyone(principal: Any) -> bool:
    """``"*"``, or a principal map with ``"*"`` under any key (``{"AWS": "*"}``, ``{"AWS": ["*"]}``)."""
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return any(v == "*" or (isinstance(v, list) and "*" in v) for v in principal.values())
    return False


def _string_or_list(value: Any) -> bool:
    return isinstance(value, (str, list))


def _statement_readable(statement: Any) -> bool:
    """A statement whose elements have the types of the IAM policy grammar (IAM User Guide, "Grammar of the IAM
    JSON policy language"): an object with a string Effect; a Principal / NotPrincipal, when present, that is a
    string ("*") or a principal map whose entries are a string or a list; a Condition, when present, that is a map
    of condition operators to maps; Action / NotAction / Resource / NotResource, when present, a string or a list.
    Any other type is never read as "grants nothing" or "conditioned"."""
    if not isinstance(statement, dict) or not isinstance(statement.get("Effect"), str):
        return False
    for key in ("Principal", "NotPrincipal"):
        principal = statement.get(key, "")
        if not isinstance(principal, (str, dict)) or (
                isinstance(principal, dict) and not all(map(_string_or_list, principal.values()))):
            return False
    condition = statement.get("Condition", {})
    if not isinstance(condition, dict) or not all(isinstance(block, dict) for block in condition.values()):
        return False
    return all(_string_or_list(statement[key]) for key in ("Action", "NotAction", "Resource", "NotResource")
               if key in statement)


def readable(document: Any) -> bool:
    """A key policy whose statements can be inspected: a JSON object whose Statement, when present, is a
    statement object or a list of them, each of them readable (:func:`_statement_readable`)."""
    if not isinstance(document, dict):
        return False
    statements = document.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    return isinstance(statements, list) and all(_statement_readable(statement) for statement in statements)


def public_statements(document: Any) -> list[int]:
    """Indexes (1-based) of Allow statements granting to principal ``*`` (or via NotPrincipal) with no Condition."""
    statements = document.get("Statement") if isinstance(document, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list):
        return []
    found: list[int] = []
    for index, statement in enumerate(statements, start=1):
        if not isinstance(statement, dict) or not isinstance(statement.get("Effect"), str) \
                or statement["Effect"].lower() != "allow":
            continue
        if statement.get("Condition"):
            continue
        if _is_everyone(statement.get("Principal")) or "NotPrincipal" in statement:
            found.append(index)
    return found


def check(r: ResourceCheck) -> None:
    bypass = r.props.get("bypassPolicyLockoutSafetyCheck")
    why = "it must not skip the check that stops a key policy from locking out every administrator"
    if not r.check_unknown(bypass, why) and bypass.is_true():
        r.violation(
            "bypassPolicyLockoutSafetyCheck is true: KMS would accept a key policy that leaves nobody able "
            "to manage the key, making it (and everything it encrypts) unrecoverable. Remove it."
        )

    raw = r.props.get("policy")
    if raw.state is State.VALUE and raw.value == "":
        # The provider's `policy` (Optional, Computed, StringIsJSON, which accepts "") leaves "" out of CreateKey
        # (d.GetOk is false for the zero value), so KMS attaches the default key policy: as if omitted.
        return
    policy = r.props.json("policy")
    if r.check_unknown(policy, "a key policy must not grant anything to principal '*' without a condition"):
        return
    if policy.state is State.MALFORMED or (policy.state is State.VALUE and not readable(policy.value)):
        # Never read as "no statements": what cannot be inspected cannot be said to grant nothing.
        r.violation(
            "policy cannot be read (malformed JSON, nested too deeply to inspect, not a JSON object with a "
            "Statement list, or a statement that is not an object with a string Effect and elements of the IAM "
            "policy grammar's types), so its statements cannot be checked for principal '*'. Give it a valid JSON "
            "key policy (aws.iam.get_policy_document_output(...).json), or omit it for the default key policy."
        )
        return
    for index in public_statements(policy.value):
        r.violation(
            f"policy statement {index} allows principal '*' without a Condition: any AWS account could use or "
            "manage the key. Name the principals (account root, roles) or add a condition such as "
            "aws:PrincipalAccount or kms:CallerAccount."
        )


_OWNER = {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*", "Resource": "*"}
_PUBLIC = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt"], "Resource": "*"}
_CONDITIONED = dict(_PUBLIC, Condition={"StringEquals": {"kms:CallerAccount": "111122223333"}})


def _doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


SPEC = ResourcePolicySpec(
    name="kms-key-policy-safe",
    description="KMS key policies keep the lockout safety check and grant nothing to principal '*' unconditionally.",
    family=Family.ENCRYPTION,
    severity="medium",
    level="advisory",
    resource_types=(KMS_KEY,),
    rule=(
        "`bypassPolicyLockoutSafetyCheck` is not true; the key `policy`, when it is a literal JSON document, has "
        "no Allow statement granting to principal `*` (`\"*\"`, `{\"AWS\": \"*\"}`, or `NotPrincipal`) without "
        "a `Condition`. An omitted or empty policy (KMS attaches the default key policy) passes; a policy that cannot "
        "be read (malformed or too-deep JSON, not an object with a `Statement` list, or a statement that is not an object "
        "with a string `Effect`, a string or object `Principal`/`NotPrincipal`, an object `Condition` and a string or "
        "list `Action`/`Resource`) is a violation naming `policy`."
    ),
    unknown_handling="unverifiable (an unknown bypassPolicyLockoutSafetyCheck, or a policy computed from other outputs)",
    remediation=(
        "1. Remove bypass_policy_lockout_safety_check from the aws.kms.Key.\n"
        "2. In the key policy, name principals explicitly (the account root, admin and user roles) instead of "
        "\"*\", or add a Condition such as {\"StringEquals\": {\"kms:CallerAccount\": account_id}}.\n"
        "3. Build the policy with aws.iam.get_policy_document_output(...).json so it is checked as a document."
    ),
    refs=("CKV_AWS_33",),
    check=check,
    examples=(
        Example("Key policy naming the account root", {"policy": _doc(_OWNER)}, "pass"),
        Example("Default key policy (no policy set)", {"enableKeyRotation": True}, "pass"),
        Example("Principal '*' restricted by a condition", {"policy": _doc(_OWNER, _CONDITIONED)}, "pass"),
        Example(
            "Principal '*' without a condition",
            {"policy": _doc(_OWNER, _PUBLIC)},
            "fail",
            mentions=("statement 2", "'*'"),
        ),
        Example(
            "Principal '*' as a string in a single statement object",
            {"policy": json.dumps({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:*"}})},
            "fail",
            mentions=("statement 1",),
        ),
        Example(
            "Lockout safety check bypassed",
            {"bypassPolicyLockoutSafetyCheck": True, "policy": _doc(_OWNER)},
            "fail",
            mentions=("bypassPolicyLockoutSafetyCheck",),
        ),
        Example("Policy computed from other outputs", {"policy": unknown()}, "unverifiable"),
        Example("Empty policy (the provider omits it: KMS attaches the default key policy)", {"policy": ""}, "pass"),
        Example("Malformed policy text is reported, not read as a policy granting nothing", {"policy": "{not json"},
                "fail", mentions=("policy cannot be read",)),
        Example(
            "A key policy nested too deeply to inspect is not read as granting nothing",
            {"policy": '{"Statement": [' + "[" * 150 + "]" * 150 + "]}"},
            "fail",
            mentions=("policy cannot be read",),
        ),
        Example("A policy that is not a JSON object is reported", {"policy": '["*"]'}, "fail",
                mentions=("policy cannot be read",)),
        Example(
            "A statement whose Effect is not a string is reported, not read as granting nothing",
            {"policy": _doc(_OWNER, dict(_PUBLIC, Effect=["Allow"]))},
            "fail",
            mentions=("policy cannot be read",),
        ),
        Example(
            "A Condition that is not an object is reported, not read as a condition",
            {"policy": _doc(_OWNER, dict(_PUBLIC, Condition="aws:PrincipalAccount"))},
            "fail",
            mentions=("policy cannot be read",),
        ),
        Example("Statement entries that are not objects are reported", {"policy": '{"Statement": [1, null, "x"]}'},
                "fail", mentions=("policy cannot be read",)),
    ),
)
