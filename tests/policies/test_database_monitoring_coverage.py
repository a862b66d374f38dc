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


CLUSTER = "aws:rds/cluster:Cluster"
CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance"
CONFIG = "aws:dms/replicationConfig:ReplicationConfig"


def _aurora_with_instance_alarms(alarmed: tuple[str, ...], literal: bool = False) -> tuple[StackResource, ...]:
    members = []
    for name in ("w-dev", "r-dev"):
        if literal:
            members.append(StackResource(CLUSTER_INSTANCE, name, {"identifier": name, "clusterIdentifier": "aur-dev"}))
        else:
            members.append(StackResource(CLUSTER_INSTANCE, name, {"identifier": name, "clusterIdentifier": unknown()},
                                         deps={"clusterIdentifier": ("aur-dev",)}))
    alarms = [StackResource(ALARM, f"cpu-{n}", {"dimensions": {"DBInstanceIdentifier": n}}) for n in alarmed]
    return (StackResource(CLUSTER, "aur-dev", {"clusterIdentifier": "aur-dev"}), *members, *alarms)


def test_aurora_cluster_covered_by_alarms_on_every_instance() -> None:
    assert analyze_stack(SPEC, _aurora_with_instance_alarms(("w-dev", "r-dev"))).passed
    assert analyze_stack(SPEC, _aurora_with_instance_alarms(("w-dev", "r-dev"), literal=True)).passed


def test_aurora_cluster_with_one_instance_unwatched_fails_on_the_cluster() -> None:
    resources = _aurora_with_instance_alarms(("w-dev",))
    assert [d.urn for d in analyze_stack(SPEC, resources).violations] == [urn_of("aur-dev", resources)]


def test_cluster_without_instances_needs_its_own_alarm() -> None:
    resources = (StackResource(CLUSTER, "aur-dev", {"clusterIdentifier": "aur-dev"}),
                 StackResource(ALARM, "cpu-dev", {"dimensions": {"DBInstanceIdentifier": "other"}}))
    assert len(analyze_stack(SPEC, resources).violations) == 1


def test_replication_config_counts_as_a_task() -> None:
    resources = (StackResource(CONFIG, "repl-dev", {"replicationConfigIdentifier": "repl-dev",
                                                    "resourceIdentifier": "REPLDEV"}),
                 StackResource(ALARM, "lag-dev", {"dimensions": {"ReplicationTaskIdentifier": "REPLDEV"}}))
    assert analyze_stack(SPEC, resources).passed
    alone = (resources[0],)
    result = analyze_stack(SPEC, alone)
    assert len(result.violations) == 1 and "DMS Serverless" in result.violations[0].detail


def test_many_databases_each_with_its_alarm() -> None:
    resources = []
    for n in range(500):
        resources += [StackResource(DB, f"db{n}-dev", {"identifier": f"db{n}-dev"}),
                      StackResource(ALARM, f"cpu{n}-dev", {"dimensions": {"DBInstanceIdentifier": f"db{n}-dev"}})]
    assert analyze_stack(SPEC, resources).passed
