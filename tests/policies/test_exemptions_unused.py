"""exemptions-unused: what the other policies recorded in the pack state's ledger during this preview."""

from __future__ import annotations

from typing import Any

from migration_guard.testing.inprocess import PackSession, analyze_stack
from migration_guard_policies.examples import StackResource
from migration_guard_policies.policies.availability.rds_cluster_multi_az import SPEC as CLUSTER_MULTI_AZ
from migration_guard_policies.policies.operations.cloudwatch_log_group_retention import SPEC as RETENTION
from migration_guard_policies.policies.operations.exemptions_unused import SPEC

LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
RESOURCES = (StackResource(LOG_GROUP, "logs-dev", {}),)


def _preview(exemptions: list[dict[str, str]], own: list[dict[str, str]] | None = None, path: Any = "fast"):
    session = PackSession([RETENTION, SPEC], path=path,
                          config={RETENTION.name: {"exemptions": exemptions}, SPEC.name: {"exemptions": own or []}})
    session.analyze(LOG_GROUP, {}, name="logs-dev")
    return session.analyze_stack(RESOURCES)


def test_used_exemption_is_not_reported() -> None:
    assert _preview([{"resource": "logs-*", "reason": "short-lived"}]).passed


def test_unused_exemption_is_reported_with_its_policy() -> None:
    for path in ("fast", "sdk"):
        result = _preview([{"resource": "logs-*", "reason": "ok"}, {"resource": "old-logs-dev", "reason": "renamed"}],
                          path=path)
        assert len(result.violations) == 1
        detail = result.violations[0].detail
        assert "old-logs-dev" in detail and "cloudwatch-log-group-retention" in detail


def test_expired_exemption_that_still_matches_is_reported_as_expired_not_unused() -> None:
    # Issue 14: an exemption that expired but still matches is stale, not "matched no resource".
    for path in ("fast", "sdk"):
        result = _preview([{"resource": "logs-dev", "reason": "temporary", "expires": "2020-01-01"}], path=path)
        assert len(result.violations) == 1
        detail = result.violations[0].detail
        assert "expired on 2020-01-01" in detail and "still matches 1" in detail and "temporary" in detail
        assert "matched no resource" not in detail


def test_own_exemptions_silence_a_policy_and_must_name_one() -> None:
    unused = [{"resource": "old-logs-dev", "reason": "shared list"}]
    assert _preview(unused, [{"resource": "cloudwatch-log-*", "reason": "shared list"}]).passed
    result = _preview([], [{"resource": "no-such-policy", "reason": "typo"}])
    assert "no-such-policy" in result.violations[0].detail


def test_nothing_recorded_nothing_reported() -> None:
    assert analyze_stack(SPEC, RESOURCES).passed


def test_a_new_configure_forgets_exemptions_of_the_previous_one() -> None:
    session = PackSession([RETENTION, SPEC], config={RETENTION.name: {"exemptions": [
        {"resource": "old-logs-dev", "reason": "renamed"}]}})
    session.analyze(LOG_GROUP, {}, name="logs-dev")
    session.configure({})  # the exemption is gone from the configuration
    session.analyze(LOG_GROUP, {}, name="logs-dev")
    assert session.analyze_stack(RESOURCES).passed


def test_stack_policy_exemptions_are_used_whatever_the_order_of_the_pack() -> None:
    cluster = StackResource("aws:rds/cluster:Cluster", "orders-dev",
                            {"engine": "aurora-postgresql", "engineMode": "provisioned"})
    config = {CLUSTER_MULTI_AZ.name: {"exemptions": [{"resource": "orders-*", "reason": "single AZ in dev"}]}}
    # exemptions-unused listed first: the fast path still runs it after the policies whose
    # exemptions it reads.
    session = PackSession([SPEC, CLUSTER_MULTI_AZ], config=config)
    assert session.analyze_stack((cluster,)).passed
    config[CLUSTER_MULTI_AZ.name]["exemptions"].append({"resource": "gone-*", "reason": "removed"})
    session.configure(config)
    result = session.analyze_stack((cluster,))
    assert [d.policy for d in result.violations] == [SPEC.name] and "gone-*" in result.violations[0].detail
