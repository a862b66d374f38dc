"""database-monitoring-coverage: links through property dependencies, metric math and literal identifiers."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.operations.database_monitoring_coverage import SPEC

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
INSTANCE = "aws:dms/replicationInstance:ReplicationInstance"
TASK = "aws:dms/replicationTask:ReplicationTask"
DB = "aws:rds/instance:Instance"


def test_one_task_alarm_depending_on_instance_and_task_covers_both() -> None:
    resources = (
        StackResource(INSTANCE, "dms-dev", {"replicationInstanceId": "dms-dev"}),
        StackResource(TASK, "task-dev", {"replicationTaskId": "task-dev"}),
        StackResource(ALARM, "lag-dev", {"dimensions": {"ReplicationInstanceIdentifier": "dms-dev",
                                                        "ReplicationTaskIdentifier": unknown()}},
                      deps={"dimensions": ("dms-dev", "task-dev")}),
    )
    assert analyze_stack(SPEC, resources).passed


def test_metric_queries_dependency_counts() -> None:
    resources = (
        StackResource(DB, "db-dev", {"identifier": unknown()}),
        StackResource(ALARM, "math-dev", {"metricQueries": [{"id": "m1", "metric": {"dimensions": {
            "DBInstanceIdentifier": unknown()}}}]}, deps={"metricQueries": ("db-dev",)}),
    )
    assert analyze_stack(SPEC, resources).passed


def test_task_resource_identifier_matches_literally() -> None:
    resources = (
        StackResource(TASK, "task-dev", {"replicationTaskId": "task-dev", "resourceIdentifier": "TASKDEV"}),
        StackResource(ALARM, "lag-dev", {"dimensions": {"ReplicationTaskIdentifier": "TASKDEV"}}),
    )
    assert analyze_stack(SPEC, resources).passed


def test_alarm_on_another_resource_does_not_cover() -> None:
    resources = (
        StackResource(DB, "db-dev", {"identifier": "db-dev"}),
        StackResource(DB, "other-dev", {"identifier": "other-dev"}),
        StackResource(ALARM, "cpu-dev", {"dimensions": {"DBInstanceIdentifier": "other-dev"}}),
    )
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("db-dev", resources)]
    assert not result.unverifiable


def test_unknown_identifier_with_literal_alarms_is_unverifiable() -> None:
    resources = (
        StackResource(DB, "db-dev", {"identifier": unknown()}),
        StackResource(ALARM, "cpu-dev", {"dimensions": {"DBInstanceIdentifier": "some-db"}}),
    )
    result = analyze_stack(SPEC, resources)
    assert result.unverifiable and not result.violations


def test_exempted_database() -> None:
    resources = (StackResource(DB, "scratch-db-dev", {"identifier": "scratch-db-dev"}),)
    config = {"exemptions": [{"resource": "scratch-*", "reason": "throwaway copy"}]}
    assert analyze_stack(SPEC, resources, config=config).passed
