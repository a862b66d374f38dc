"""Tricky cases of secretsmanager-secret-recovery-window, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.policies.secrets.secretsmanager_secret_recovery_window import SPEC
from migration_guard_policies.types import SECRETSMANAGER_SECRET


def run(props: dict, config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, SECRETSMANAGER_SECRET, props, config=config)


def test_boundaries() -> None:
    assert run({"recoveryWindowInDays": 7}).passed
    assert run({"recoveryWindowInDays": 30}).passed
    assert run({"recoveryWindowInDays": 6}).violations
    zero = run({"recoveryWindowInDays": 0})
    assert zero.violations and "immediately" in zero.violations[0].detail
    assert zero.violations[0].enforcement_level == "advisory"


def test_minimum_zero_allows_immediate_deletion() -> None:
    assert run({"recoveryWindowInDays": 0}, {"minDays": 0}).passed


def test_absent_null_and_malformed() -> None:
    assert run({}).passed
    assert run({"recoveryWindowInDays": None}).passed
    assert run({"recoveryWindowInDays": "7"}).passed  # string form of a number
    assert run({"recoveryWindowInDays": 7.5}).violations
