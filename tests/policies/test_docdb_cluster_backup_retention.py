"""docdb-cluster-backup-retention: DocumentDB and Neptune default to 1 day; values of every shape."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.docdb_cluster_backup_retention import SPEC

DOCDB = "aws:docdb/cluster:Cluster"
NEPTUNE = "aws:neptune/cluster:Cluster"


@pytest.mark.parametrize("type_", [DOCDB, NEPTUNE])
def test_omitted_fails_naming_the_one_day_default(type_: str) -> None:
    result = analyze_resource(SPEC, type_, {"engine": "docdb" if type_ == DOCDB else "neptune"})
    assert len(result.violations) == 1 and "1 day" in result.violations[0].detail


@pytest.mark.parametrize(("days", "ok"), [(7, True), (35, True), (7.0, True), (6, False), (0, False), (None, False)])
def test_threshold(days: object, ok: bool) -> None:
    result = analyze_resource(SPEC, DOCDB, {"backupRetentionPeriod": days})
    assert result.passed is ok and len(result.violations) == (0 if ok else 1)


@pytest.mark.parametrize("value", ["a week", [7], {"days": 7}, True])
def test_values_that_are_not_days_fail_closed(value: object) -> None:
    result = analyze_resource(SPEC, NEPTUNE, {"backupRetentionPeriod": value})
    assert len(result.violations) == 1 and "a week" not in result.all_text()


def test_configured_minimum() -> None:
    assert analyze_resource(SPEC, DOCDB, {"backupRetentionPeriod": 21}, config={"minDays": 21}).passed
    assert analyze_resource(SPEC, DOCDB, {"backupRetentionPeriod": 20}, config={"minDays": 21}).violations


def test_unknown_is_unverifiable_not_a_violation() -> None:
    result = analyze_resource(SPEC, NEPTUNE, {"backupRetentionPeriod": unknown("number")})
    assert not result.violations and "backupRetentionPeriod" in result.unverifiable[0].message


def test_other_types_are_not_checked() -> None:
    assert analyze_resource(SPEC, "aws:rds/cluster:Cluster", {"engine": "aurora-postgresql"}).passed
