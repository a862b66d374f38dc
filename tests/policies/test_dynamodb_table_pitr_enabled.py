"""dynamodb-table-pitr-enabled: pointInTimeRecovery.enabled, off by default, in every shape."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.dynamodb_table_pitr_enabled import SPEC

TABLE = "aws:dynamodb/table:Table"


def test_enabled_with_a_recovery_period_passes() -> None:
    props = {"hashKey": "id", "pointInTimeRecovery": {"enabled": True, "recoveryPeriodInDays": 7}}
    assert analyze_resource(SPEC, TABLE, props).passed


@pytest.mark.parametrize("block", [None, {}, {"enabled": False}, {"enabled": None}, {"recoveryPeriodInDays": 35}])
def test_off_or_unset_fails(block: object) -> None:
    props = {"hashKey": "id"} if block is None else {"hashKey": "id", "pointInTimeRecovery": block}
    result = analyze_resource(SPEC, TABLE, props)
    assert len(result.violations) == 1 and "pointInTimeRecovery.enabled" in result.violations[0].detail


@pytest.mark.parametrize("block", ["enabled", 1, [{"enabled": True}, {"enabled": True}]])
def test_unreadable_block_fails_closed(block: object) -> None:
    result = analyze_resource(SPEC, TABLE, {"pointInTimeRecovery": block})
    assert len(result.violations) == 1 and not result.unverifiable


def test_block_in_the_older_one_element_list_shape_is_read() -> None:
    assert analyze_resource(SPEC, TABLE, {"pointInTimeRecovery": [{"enabled": True}]}).passed


@pytest.mark.parametrize("block", [unknown("object"), {"enabled": unknown("boolean")}])
def test_unknown_is_unverifiable(block: object) -> None:
    result = analyze_resource(SPEC, TABLE, {"pointInTimeRecovery": block})
    assert not result.violations and result.unverifiable
