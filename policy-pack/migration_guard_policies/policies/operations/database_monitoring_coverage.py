"""database-monitoring-coverage (stack): every database and DMS resource has a CloudWatch alarm."""

from __future__ import annotations

from ...examples import StackExample, StackResource, unknown
from ...model import Family, StackCheck, StackPolicySpec, StackResourceView
from ...props import Read
from ...types import (
    CLOUDWATCH_METRIC_ALARM,
    DMS_REPLICATION_CONFIG,
    DMS_REPLICATION_INSTANCE,
    DMS_REPLICATION_TASK,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
)
from ..availability._planned import NameIndex, members, planned
from ..stack_links import literals, strings_in

# The physical identifiers CloudWatch dimensions carry for each monitored type (DBInstanceIdentifier,
# DBClusterIdentifier, ReplicationInstanceIdentifier, ReplicationTaskIdentifier; a DMS Serverless replication
# is named by its replicationConfigIdentifier / resourceIdentifier).
IDENTIFIERS: dict[str, tuple[str, ...]] = {
    RDS_INSTANCE: ("identifier",),
    RDS_CLUSTER: ("clusterIdentifier",),
    DMS_REPLICATION_INSTANCE: ("replicationInstanceId",),
    DMS_REPLICATION_TASK: ("replicationTaskId", "resourceIdentifier"),
    DMS_REPLICATION_CONFIG: ("replicationConfigIdentifier", "resourceIdentifier"),
}
INSTANCE_IDENTIFIERS = ("identifier",)
LINK_PROPS = ("dimensions", "metricQueries")
LABELS = {RDS_INSTANCE: "RDS instance", RDS_CLUSTER: "RDS cluster",
          DMS_REPLICATION_INSTANCE: "DMS replication instance", DMS_REPLICATION_TASK: "DMS replication task",
          DMS_REPLICATION_CONFIG: "DMS Serverless replication config"}


def _dimension_reads(ctx: StackCheck, alarm: StackResourceView) -> list[Read]:
    reads = [planned(ctx, alarm, "dimensions")]
    queries = planned(ctx, alarm, "metricQueries")
    if queries.unknown:
        reads.append(queries)
    else:
        reads.extend(alarm.props.all("metricQueries[*].metric.dimensions"))
    return reads


class _Alarms:
    """What the stack's alarms refer to: URNs by property dependency, literal identifiers, opaque alarms."""

    def __init__(self, ctx: StackCheck) -> None:
        self.covered: set[str] = set()
        self.named: set[str] = set()
        self.opaque: list[StackResourceView] = []  # dimensions unknown and not traced to a resource
        for alarm in ctx.of_type(CLOUDWATCH_METRIC_ALARM):
            linked = {urn for prop in LINK_PROPS for urn in alarm.property_dependencies.get(prop, ())}
            self.covered |= linked
            reads = _dimension_reads(ctx, alarm)
            for read in reads:
                self.named |= strings_in(read.value)
            if not linked and any(read.has_unknown() for read in reads):
                self.opaque.append(alarm)

    def refer_to(self, resource: StackResourceView, keys: tuple[str, ...]) -> bool:
        return resource.urn in self.covered or bool(literals(resource, keys) & self.named)


def _covered_through_instances(alarms: _Alarms, instances: list[StackResourceView]) -> bool:
    """An Aurora cluster is covered when every one of its ClusterInstances has an alarm."""
    return bool(instances) and all(alarms.refer_to(i, INSTANCE_IDENTIFIERS) for i in instances)


def check(c: StackCheck) -> None:
    monitored = c.of_type(*IDENTIFIERS)
    if not monitored:
        raise c.not_applicable("the stack has no database, DMS replication instance, task or serverless config")
    alarms = _Alarms(c)
    clusters = NameIndex(c, (RDS_CLUSTER,), IDENTIFIERS[RDS_CLUSTER])
    instances_of, _undecided = members(c, clusters, (RDS_CLUSTER_INSTANCE,), "clusterIdentifier")
    for resource in monitored:
        keys = IDENTIFIERS[resource.type]
        if alarms.refer_to(resource, keys):
            continue
        if resource.type == RDS_CLUSTER and _covered_through_instances(alarms, instances_of.get(resource.urn, [])):
            continue
        if alarms.opaque:
            c.unverifiable_for(alarms.opaque[0], "dimensions", f"they may refer to {resource.name}")
            continue
        hidden = [key for key in keys if planned(c, resource, key).unknown]
        if hidden and alarms.named:
            c.unverifiable_for(resource, hidden[0], "an alarm may name it literally")
            continue
        c.violation(
            f"{LABELS[resource.type]} {resource.name} has no CloudWatch alarm: no MetricAlarm's dimensions refer "
            "to it (nor, for an Aurora cluster, to each of its ClusterInstances), so a stalled migration or a full "
            "disk goes unnoticed. Add an alarm with dimensions built from its identifier and alarm_actions to the "
            "on-call topic.",
            resource,
        )


def _alarm(name: str, target: str, dimension: str, metric: str = "CPUUtilization") -> StackResource:
    return StackResource(CLOUDWATCH_METRIC_ALARM, name, {"metricName": metric, "dimensions": {dimension: unknown()},
                                                         "alarmActions": [unknown()]}, deps={"dimensions": (target,)})


SPEC = StackPolicySpec(
    name="database-monitoring-coverage",
    description=(
        "Every database, DMS replication instance, DMS task and DMS Serverless replication has at least one "
        "CloudWatch alarm."
    ),
    family=Family.OPERATIONS,
    severity="medium",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, DMS_REPLICATION_INSTANCE, DMS_REPLICATION_TASK,
                    DMS_REPLICATION_CONFIG, CLOUDWATCH_METRIC_ALARM),
    rule=(
        "Every rds Instance, rds Cluster, dms ReplicationInstance, dms ReplicationTask and dms ReplicationConfig "
        "(DMS Serverless counts as a task) has at least one cloudwatch MetricAlarm whose `dimensions` (or "
        "`metricQueries[].metric.dimensions`) refer to it, through a property dependency or a literal identifier "
        "(`identifier`, `clusterIdentifier`, `replicationInstanceId`, `replicationTaskId` / `resourceIdentifier`, "
        "`replicationConfigIdentifier`). An Aurora cluster is also covered when alarms refer to each of its "
        "ClusterInstances (DBInstanceIdentifier metrics: "
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html)."
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
            "Aurora cluster monitored through alarms on each of its instances",
            (
                StackResource(RDS_CLUSTER, "orders-dev", {"engine": "aurora-postgresql"}),
                StackResource(RDS_CLUSTER_INSTANCE, "orders-1-dev", {"clusterIdentifier": unknown()},
                              deps={"clusterIdentifier": ("orders-dev",)}),
                StackResource(RDS_CLUSTER_INSTANCE, "orders-2-dev", {"clusterIdentifier": unknown()},
                              deps={"clusterIdentifier": ("orders-dev",)}),
                _alarm("orders-1-cpu-dev", "orders-1-dev", "DBInstanceIdentifier"),
                _alarm("orders-2-cpu-dev", "orders-2-dev", "DBInstanceIdentifier"),
            ),
            "pass",
        ),
        StackExample(
            "Aurora cluster with an alarm on only one of its two instances",
            (
                StackResource(RDS_CLUSTER, "orders-dev", {"engine": "aurora-postgresql"}),
                StackResource(RDS_CLUSTER_INSTANCE, "orders-1-dev", {"clusterIdentifier": unknown()},
                              deps={"clusterIdentifier": ("orders-dev",)}),
                StackResource(RDS_CLUSTER_INSTANCE, "orders-2-dev", {"clusterIdentifier": unknown()},
                              deps={"clusterIdentifier": ("orders-dev",)}),
                _alarm("orders-1-cpu-dev", "orders-1-dev", "DBInstanceIdentifier"),
            ),
            "fail",
            mentions=("orders-dev",),
            failing=("orders-dev",),
        ),
        StackExample(
            "DMS Serverless replication without an alarm",
            (
                StackResource(DMS_REPLICATION_CONFIG, "replication-dev", {"replicationConfigIdentifier": "repl-dev"}),
                StackResource(CLOUDWATCH_METRIC_ALARM, "other-dev",
                              {"dimensions": {"ReplicationInstanceIdentifier": "legacy-dev"}}),
            ),
            "fail",
            mentions=("replication-dev",),
            failing=("replication-dev",),
        ),
        StackExample(
            "DMS Serverless replication with an alarm built from its identifier",
            (
                StackResource(DMS_REPLICATION_CONFIG, "replication-dev", {"replicationConfigIdentifier": "repl-dev"}),
                _alarm("replication-latency-dev", "replication-dev", "ReplicationConfigIdentifier", "CDCLatencyTarget"),
            ),
            "pass",
        ),
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
