"""database-monitoring-coverage (stack): every database and DMS resource has a CloudWatch alarm."""

from __future__ import annotations

from ...context import StackCheck, StackResourceView
from ...examples import StackExample, StackResource, unknown
from ...props import Read
from ...spec import Family, StackPolicySpec
from ...types import (
    CLOUDWATCH_METRIC_ALARM,
    DMS_REPLICATION_INSTANCE,
    DMS_REPLICATION_TASK,
    RDS_CLUSTER,
    RDS_INSTANCE,
)
from ..stack_links import literals, strings_in

# The physical identifiers CloudWatch dimensions carry for each monitored type
# (DBInstanceIdentifier, DBClusterIdentifier, ReplicationInstanceIdentifier, ReplicationTaskIdentifier).
IDENTIFIERS: dict[str, tuple[str, ...]] = {
    RDS_INSTANCE: ("identifier",),
    RDS_CLUSTER: ("clusterIdentifier",),
    DMS_REPLICATION_INSTANCE: ("replicationInstanceId",),
    DMS_REPLICATION_TASK: ("replicationTaskId", "resourceIdentifier"),
}
LINK_PROPS = ("dimensions", "metricQueries")
LABELS = {RDS_INSTANCE: "RDS instance", RDS_CLUSTER: "RDS cluster",
          DMS_REPLICATION_INSTANCE: "DMS replication instance", DMS_REPLICATION_TASK: "DMS replication task"}


def _dimension_reads(alarm: StackResourceView) -> list[Read]:
    return [alarm.props.get("dimensions"), *alarm.props.all("metricQueries[*].metric.dimensions")]


def check(c: StackCheck) -> None:
    monitored = c.of_type(*IDENTIFIERS)
    if not monitored:
        c.not_applicable("the stack has no database, DMS replication instance or task")
    alarms = c.of_type(CLOUDWATCH_METRIC_ALARM)
    covered: set[str] = set()
    named: set[str] = set()
    opaque: list[StackResourceView] = []  # alarms with dimensions unknown and not traced to a resource
    for alarm in alarms:
        linked = {urn for prop in LINK_PROPS for urn in alarm.property_dependencies.get(prop, ())}
        covered |= linked
        reads = _dimension_reads(alarm)
        for read in reads:
            named |= strings_in(read.value)
        if not linked and any(read.has_unknown() for read in reads):
            opaque.append(alarm)

    for resource in monitored:
        if resource.urn in covered or literals(resource, IDENTIFIERS[resource.type]) & named:
            continue
        if opaque:
            c.unverifiable_for(opaque[0], "dimensions", f"they may refer to {resource.name}")
            continue
        if any(resource.props.get(key).unknown for key in IDENTIFIERS[resource.type]) and named:
            c.unverifiable_for(resource, IDENTIFIERS[resource.type][0], "an alarm may name it literally")
            continue
        c.violation(
            f"{LABELS[resource.type]} {resource.name} has no CloudWatch alarm: no MetricAlarm's dimensions refer "
            "to it, so a stalled migration or a full disk goes unnoticed. Add an alarm with "
            "dimensions built from its identifier and alarm_actions to the on-call topic.",
            resource,
        )


def _alarm(name: str, target: str, dimension: str, metric: str = "CPUUtilization") -> StackResource:
    return StackResource(CLOUDWATCH_METRIC_ALARM, name, {"metricName": metric, "dimensions": {dimension: unknown()},
                                                         "alarmActions": [unknown()]}, deps={"dimensions": (target,)})


SPEC = StackPolicySpec(
    name="database-monitoring-coverage",
    description="Every database, DMS replication instance and DMS task has at least one CloudWatch alarm.",
    family=Family.OPERATIONS,
    severity="medium",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, DMS_REPLICATION_INSTANCE, DMS_REPLICATION_TASK, CLOUDWATCH_METRIC_ALARM),
    rule=(
        "Every rds Instance, rds Cluster, dms ReplicationInstance and dms ReplicationTask has at least one "
        "cloudwatch MetricAlarm whose `dimensions` (or `metricQueries[].metric.dimensions`) refer to it, through a "
        "property dependency or a literal identifier (`identifier`, `clusterIdentifier`, `replicationInstanceId`, "
        "`replicationTaskId` / `resourceIdentifier`)."
    ),
    unknown_handling=(
        "unverifiable when a resource has no alarm of its own but some alarm's dimensions are unknown and not "
        "traced to a resource of the stack, or its identifier is unknown while alarms name identifiers literally"
    ),
    remediation=(
        "1. For each database: aws.cloudwatch.MetricAlarm(..., namespace=\"AWS/RDS\", metric_name=\"CPUUtilization\", "
        "dimensions={\"DBInstanceIdentifier\": db.identifier}, alarm_actions=[topic.arn]) (DBClusterIdentifier for "
        "Aurora).\n"
        "2. For DMS: namespace \"AWS/DMS\" with ReplicationInstanceIdentifier (FreeStorageSpace, CPUUtilization) and "
        "ReplicationTaskIdentifier (CDCLatencySource, CDCLatencyTarget)."
    ),
    refs=("seed 000", "seed 001", "seed 004"),
    check=check,
    examples=(
        StackExample(
            "Database and DMS alarms built from the resources' outputs",
            (
                StackResource(RDS_CLUSTER, "orders-dev", {"engine": "aurora-postgresql"}),
                StackResource(DMS_REPLICATION_INSTANCE, "dms-dev", {"replicationInstanceId": "dms-dev"}),
                StackResource(DMS_REPLICATION_TASK, "task-dev", {"replicationTaskId": "task-dev"}),
                _alarm("orders-cpu-dev", "orders-dev", "DBClusterIdentifier"),
                _alarm("dms-storage-dev", "dms-dev", "ReplicationInstanceIdentifier", "FreeStorageSpace"),
                _alarm("task-latency-dev", "task-dev", "ReplicationTaskIdentifier", "CDCLatencyTarget"),
            ),
            "pass",
        ),
        StackExample(
            "Alarm naming the instance identifier literally",
            (
                StackResource(RDS_INSTANCE, "legacy-db-dev", {"identifier": "legacy-db-dev"}),
                StackResource(CLOUDWATCH_METRIC_ALARM, "legacy-cpu-dev",
                              {"metricName": "CPUUtilization", "dimensions": {"DBInstanceIdentifier": "legacy-db-dev"}}),
            ),
            "pass",
        ),
        StackExample(
            "DMS task without any alarm (seed 004)",
            (
                StackResource(DMS_REPLICATION_INSTANCE, "dms-dev", {"replicationInstanceId": "dms-dev"}),
                StackResource(DMS_REPLICATION_TASK, "task-dev", {"replicationTaskId": "task-dev"}),
                _alarm("dms-storage-dev", "dms-dev", "ReplicationInstanceIdentifier", "FreeStorageSpace"),
            ),
            "fail",
            mentions=("task-dev",),
            failing=("task-dev",),
        ),
        StackExample(
            "Alarm through metric math naming the cluster",
            (
                StackResource(RDS_CLUSTER, "orders-dev", {"clusterIdentifier": "orders-dev"}),
                StackResource(CLOUDWATCH_METRIC_ALARM, "orders-math-dev", {"metricQueries": [
                    {"id": "m1", "metric": {"metricName": "CPUUtilization", "namespace": "AWS/RDS", "period": 60,
                                            "stat": "Average", "dimensions": {"DBClusterIdentifier": "orders-dev"}}}]}),
            ),
            "pass",
        ),
        StackExample(
            "Alarm dimensions from outside the stack",
            (
                StackResource(RDS_INSTANCE, "orders-dev", {"identifier": "orders-dev"}),
                StackResource(CLOUDWATCH_METRIC_ALARM, "cpu-dev", {"dimensions": {"DBInstanceIdentifier": unknown()}}),
            ),
            "unverifiable",
        ),
        StackExample("No database in the stack", (StackResource(CLOUDWATCH_METRIC_ALARM, "cpu-dev", {}),),
                     "not_applicable"),
    ),
)
