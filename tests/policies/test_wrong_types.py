"""A value of the wrong type is never absent (issue 13): the typed property view reports it to the check
context, which makes it a violation naming the property and the expected type, never the value."""

from __future__ import annotations

from typing import Any

import pytest

from migration_guard.testing.inprocess import AnalysisResult, analyze_resource
from migration_guard_policies import types as t
from migration_guard_policies.context import ResourceCheck
from migration_guard_policies.examples import Example
from migration_guard_policies.policies.naming.physical_name_constraints import SPEC as PHYSICAL_NAMES
from migration_guard_policies.policies.operations.rds_backup_retention import SPEC as BACKUP_RETENTION
from migration_guard_policies.policies.operations.rds_not_publicly_accessible import SPEC as NOT_PUBLIC
from migration_guard_policies.policies.operations.security_group_no_public_database_ingress import (
    SPEC as NO_PUBLIC_INGRESS,
)
from migration_guard_policies.spec import Family, ResourcePolicySpec

CANARY = "wrongtype-canary-5e1d"  # inside every wrong value: no message may repeat it
THING = "aws:test/thing:Thing"


def wrong_type_messages(result: AnalysisResult, prop: str, expected: str) -> list[str]:
    assert CANARY not in result.all_text()
    return [v.detail for v in result.violations if v.detail.startswith(f"{prop} has the wrong type (expected {expected})")]


@pytest.mark.parametrize("value", [{"note": CANARY}, [CANARY], CANARY])
def test_a_boolean_of_the_wrong_type_is_a_violation(value: Any) -> None:
    result = analyze_resource(NOT_PUBLIC, t.RDS_INSTANCE, {"engine": "postgres", "publiclyAccessible": value})
    assert wrong_type_messages(result, "publiclyAccessible", "boolean")
    assert not result.passed


def test_a_well_typed_boolean_still_decides() -> None:
    assert analyze_resource(NOT_PUBLIC, t.RDS_INSTANCE, {"engine": "postgres", "publiclyAccessible": False}).passed
    assert analyze_resource(NOT_PUBLIC, t.RDS_INSTANCE, {"engine": "postgres", "publiclyAccessible": "false"}).passed


@pytest.mark.parametrize("value", [{"name": CANARY}, [CANARY, CANARY]])
def test_a_string_of_the_wrong_type_is_a_violation(value: Any) -> None:
    result = analyze_resource(PHYSICAL_NAMES, t.IAM_ROLE, {"name": value})
    assert wrong_type_messages(result, "name", "string")


@pytest.mark.parametrize("value", [{"from": CANARY}, [CANARY], CANARY])
def test_an_integer_of_the_wrong_type_is_a_violation(value: Any) -> None:
    # Before: an unreadable fromPort read as "from port 0" and a rule up to 443 reaches no database port.
    rule = {"type": "ingress", "protocol": "tcp", "fromPort": value, "toPort": 443, "cidrBlocks": ["0.0.0.0/0"]}
    result = analyze_resource(NO_PUBLIC_INGRESS, t.EC2_SECURITY_GROUP_RULE, rule)
    assert wrong_type_messages(result, "fromPort", "integer")


def test_a_policy_that_fails_closed_in_its_own_words_keeps_them() -> None:
    result = analyze_resource(BACKUP_RETENTION, t.RDS_INSTANCE, {"engine": "postgres",
                                                                  "backupRetentionPeriod": {"days": CANARY}})
    assert [v.detail.split(" ", 1)[0] for v in result.violations] == ["backupRetentionPeriod"]
    assert not wrong_type_messages(result, "backupRetentionPeriod", "integer")


@pytest.mark.parametrize("rule", [CANARY, 7, [CANARY]])
def test_a_nested_object_of_the_wrong_type_cannot_be_read(rule: Any) -> None:
    result = analyze_resource(NO_PUBLIC_INGRESS, t.EC2_SECURITY_GROUP, {"ingress": [rule]})
    assert CANARY not in result.all_text()
    assert [v.detail for v in result.violations if v.detail.startswith("ingress[0].cidrBlocks cannot be read")]


def test_a_nested_object_of_the_right_type_still_decides() -> None:
    private = {"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "cidrBlocks": ["10.0.0.0/16"]}
    assert analyze_resource(NO_PUBLIC_INGRESS, t.EC2_SECURITY_GROUP, {"ingress": [private]}).passed


def _spec(check: Any) -> ResourcePolicySpec:
    return ResourcePolicySpec(
        name="test-policy", description="Test.", family=Family.OPERATIONS, severity="low", level="mandatory",
        rule="r", remediation="r", unknown_handling="unverifiable", resource_types=(THING,),
        check=check, examples=(Example("x", {}, "pass"),),
    )


def test_a_wrong_type_is_never_a_reason_not_to_apply() -> None:
    def check(r: ResourceCheck) -> None:
        if r.props.get("engine").str() is None:
            r.not_applicable("no engine")

    spec = _spec(check)
    assert analyze_resource(spec, THING, {}).not_applicable
    result = analyze_resource(spec, THING, {"engine": {"name": CANARY}})
    assert not result.not_applicable
    assert wrong_type_messages(result, "engine", "string")


def test_probes_and_untyped_reads_report_nothing() -> None:
    def check(r: ResourceCheck) -> None:
        read = r.props.get("shape")
        if read.peek_str() is None and read.peek_list() is None and read.peek_int() is None:
            assert read.peek_map() is not None and read.present and read.expect("object")

    assert analyze_resource(_spec(check), THING, {"shape": {"a": CANARY}}).passed


@pytest.mark.parametrize(("kind", "value"), [("boolean", 3), ("string", 3), ("integer", "3.5"), ("number", "3"),
                                             ("array", {"a": 1}), ("object", [1])])
def test_every_typed_read_reports_its_kind(kind: str, value: Any) -> None:
    def check(r: ResourceCheck) -> None:
        r.props.get("x").expect(kind)

    result = analyze_resource(_spec(check), THING, {"x": value})
    assert wrong_type_messages(result, "x", kind)
    assert len(result.violations) == 1
