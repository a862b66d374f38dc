"""cloudwatch-log-group-retention: numbers arrive as floats; the DELIVERY class may be unknown."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.cloudwatch_log_group_retention import SPEC

LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"


def test_retention_compared_with_configured_minimum() -> None:
    assert analyze_resource(SPEC, LOG_GROUP, {"retentionInDays": 365}).passed
    assert analyze_resource(SPEC, LOG_GROUP, {"retentionInDays": 60}, config={"minDays": 90}).violations


def test_unknown_class_only_matters_when_retention_fails() -> None:
    assert analyze_resource(SPEC, LOG_GROUP, {"retentionInDays": 30, "logGroupClass": unknown()}).passed
    result = analyze_resource(SPEC, LOG_GROUP, {"logGroupClass": unknown()})
    assert result.unverifiable and not result.violations
    assert analyze_resource(SPEC, LOG_GROUP, {"logGroupClass": "INFREQUENT_ACCESS"}).violations


def test_nan_and_infinity_fail_without_raising() -> None:
    """Found by the fuzz run: a protobuf double can be NaN or infinite, and int() of it raised."""
    import math

    for value in (math.inf, -math.inf, math.nan):
        result = analyze_resource(SPEC, "aws:cloudwatch/logGroup:LogGroup", {"name": "/x-dev", "retentionInDays": value})
        assert [d for d in result.violations if "retentionInDays is not a number of days" in d.message], result
    assert analyze_resource(SPEC, "aws:cloudwatch/logGroup:LogGroup", {"name": "/x-dev", "retentionInDays": 30}).passed
