"""cloudwatch-alarm-has-actions: `present` semantics for actions and actionsEnabled."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.cloudwatch_alarm_has_actions import SPEC

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"


def test_both_problems_are_reported() -> None:
    result = analyze_resource(SPEC, ALARM, {"alarmActions": [], "actionsEnabled": False})
    assert len(result.violations) == 2


def test_unknowns_count_as_set() -> None:
    assert analyze_resource(SPEC, ALARM, {"alarmActions": unknown("array"), "actionsEnabled": unknown("boolean")}).passed
    assert analyze_resource(SPEC, ALARM, {"alarmActions": [unknown()], "actionsEnabled": True}).passed
