"""exemptions-unused: what resource policies recorded in the ledger during this preview."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from migration_guard.testing.inprocess import analyze_resource, analyze_stack
from migration_guard_policies import model
from migration_guard_policies.examples import StackResource
from migration_guard_policies.policies.operations.cloudwatch_log_group_retention import SPEC as RETENTION
from migration_guard_policies.policies.operations.exemptions_unused import SPEC

LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
RESOURCES = (StackResource(LOG_GROUP, "logs-dev", {}),)


@pytest.fixture(autouse=True)
def fresh_ledger() -> Iterator[None]:
    saved = dict(model.EXEMPTION_LEDGER)
    model.EXEMPTION_LEDGER.clear()
    yield
    model.EXEMPTION_LEDGER.clear()
    model.EXEMPTION_LEDGER.update(saved)


def _preview(exemptions: list[dict[str, str]], own: list[dict[str, str]] | None = None):
    analyze_resource(RETENTION, LOG_GROUP, {}, name="logs-dev", config={"exemptions": exemptions})
    return analyze_stack(SPEC, RESOURCES, config={"exemptions": own or []})


def test_used_exemption_is_not_reported() -> None:
    assert _preview([{"resource": "logs-*", "reason": "short-lived"}]).passed


def test_unused_exemption_is_reported_with_its_policy() -> None:
    result = _preview([{"resource": "logs-*", "reason": "ok"}, {"resource": "old-logs-dev", "reason": "renamed"}])
    assert len(result.violations) == 1
    detail = result.violations[0].detail
    assert "old-logs-dev" in detail and "cloudwatch-log-group-retention" in detail


def test_expired_exemption_that_still_matches_is_unused() -> None:
    result = _preview([{"resource": "logs-dev", "reason": "temporary", "expires": "2020-01-01"}])
    assert "2020-01-01" in result.violations[0].detail


def test_own_exemptions_silence_a_policy_and_must_name_one() -> None:
    unused = [{"resource": "old-logs-dev", "reason": "shared list"}]
    assert _preview(unused, [{"resource": "cloudwatch-log-*", "reason": "shared list"}]).passed
    result = _preview([], [{"resource": "no-such-policy", "reason": "typo"}])
    assert "no-such-policy" in result.violations[0].detail


def test_nothing_recorded_nothing_reported() -> None:
    assert analyze_stack(SPEC, RESOURCES).passed
