"""secretsmanager-secret-rotation-enabled, through pulumi-policy's AnalyzeStack."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.secrets.secretsmanager_secret_rotation_enabled import (
    SECRET_ROTATION,
    SPEC,
)
from migration_guard_policies.types import SECRETSMANAGER_SECRET

SECRET = StackResource(SECRETSMANAGER_SECRET, "orders-db-dev", {"name": "orders/db-dev"})


def rotation(props: dict, linked: bool = True) -> StackResource:  # type: ignore[type-arg]
    return StackResource(SECRET_ROTATION, "orders-rotation-dev", {"secretId": unknown(), **props},
                         deps={"secretId": ("orders-db-dev",)} if linked else {})


@pytest.mark.parametrize(
    "secret_id",
    ["orders/db-dev", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-dev-AbCdEf"],
)
def test_rotation_naming_the_secret_literally(secret_id: str) -> None:
    other = StackResource(SECRET_ROTATION, "r-dev", {"secretId": secret_id,
                                                     "rotationRules": {"automaticallyAfterDays": 30}})
    assert analyze_stack(SPEC, [SECRET, other]).passed


def test_rotation_of_another_secret_does_not_count() -> None:
    other = StackResource(SECRET_ROTATION, "r-dev", {"secretId": "billing/db-dev",
                                                     "rotationRules": {"automaticallyAfterDays": 30}})
    result = analyze_stack(SPEC, [SECRET, other])
    assert [v.urn for v in result.violations] == [urn_of("orders-db-dev", [SECRET])]


@pytest.mark.parametrize(
    ("rules", "passes"),
    [({"scheduleExpression": "rate(10 days)"}, True), ({"scheduleExpression": "rate(120 days)"}, False),
     ({"scheduleExpression": "rate(4 hours)"}, True), ({"automaticallyAfterDays": 90}, True),
     ({"automaticallyAfterDays": 91}, False), ({}, False), ({"duration": "3h"}, False)],
)
def test_schedules(rules: dict, passes: bool) -> None:  # type: ignore[type-arg]
    assert analyze_stack(SPEC, [SECRET, rotation({"rotationRules": rules})]).passed is passes


def test_disabled_rotation_does_not_count() -> None:
    result = analyze_stack(SPEC, [SECRET, rotation({"rotationEnabled": False,
                                                    "rotationRules": {"automaticallyAfterDays": 30}})])
    assert "rotationEnabled: false" in result.violations[0].detail


def test_unknown_rotation_switch_is_unverifiable() -> None:
    result = analyze_stack(SPEC, [SECRET, rotation({"rotationEnabled": unknown("boolean"),
                                                    "rotationRules": {"automaticallyAfterDays": 30}})])
    assert result.unverifiable and not result.violations


def test_max_days_setting() -> None:
    resources = [SECRET, rotation({"rotationRules": {"automaticallyAfterDays": 30}})]
    assert analyze_stack(SPEC, resources, config={"maxDays": 14}).violations


def test_exempted_secret() -> None:
    config = {"exemptions": [{"resource": "orders-db-*", "reason": "third-party key, rotated by the vendor"}]}
    assert analyze_stack(SPEC, [SECRET], config=config).passed


@pytest.mark.parametrize("odd", [None, 5, "x", [], {"automaticallyAfterDays": "often"}, unknown("object")])
def test_odd_values_never_raise(odd: object) -> None:
    odd_rotation = StackResource(SECRET_ROTATION, "r-dev", {"secretId": odd, "rotationRules": odd,
                                                            "rotationEnabled": odd})
    analyze_stack(SPEC, [StackResource(SECRETSMANAGER_SECRET, "s-dev", {"name": odd}), odd_rotation])
