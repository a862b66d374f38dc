"""Monitoring component: encrypted topic, alarms with actions covering every database and DMS resource."""

from __future__ import annotations

from migration_stack.monitoring import GIB, Monitoring
from migration_stack.variants import variant_config

from . import stack_checks as checks
from .stack_harness import Run, cached_variant_run, run_stack


def alarms_by_name(result: Run) -> dict[str, checks.Registration]:
    return {a.inputs["name"]: a for a in result.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")}


def test_topic_is_encrypted_with_the_cmk() -> None:
    result = cached_variant_run("aurora", True)
    topic = result.one("aws:sns/topic:Topic")
    assert topic.inputs["name"] == "migration-alarms-dev"
    assert checks.deps(topic, "kmsMasterKeyId") == [result.one("aws:kms/key:Key").urn]
    assert result.of_type("aws:sns/topicSubscription:TopicSubscription") == []


def test_optional_email_subscription() -> None:
    config = variant_config("aurora")
    config["migration-reference:alarmEmail"] = "dba@example.com"
    result = run_stack(config, preview=True)
    subscription = result.one("aws:sns/topicSubscription:TopicSubscription")
    assert subscription.inputs["protocol"] == "email"
    assert subscription.inputs["endpoint"] == "dba@example.com"


def test_aurora_alarms() -> None:
    result = cached_variant_run("aurora", True)
    alarms = alarms_by_name(result)
    cluster = result.one("aws:rds/cluster:Cluster")
    writer, reader = result.of_type("aws:rds/clusterInstance:ClusterInstance")
    assert checks.deps(alarms["migration-db-cpu-dev"], "dimensions") == [cluster.urn]
    assert alarms["migration-db-cpu-dev"].inputs["metricName"] == "CPUUtilization"
    assert alarms["migration-db-connections-dev"].inputs["metricName"] == "DatabaseConnections"
    lag = alarms["migration-db-2-replica-lag-dev"]
    assert lag.inputs["metricName"] == "AuroraReplicaLag"
    assert checks.deps(lag, "dimensions") == [reader.urn]
    storage = alarms["migration-db-1-free-local-storage-dev"]
    assert storage.inputs["metricName"] == "FreeLocalStorage"
    assert storage.inputs["comparisonOperator"] == "LessThanThreshold"
    assert storage.inputs["threshold"] == 10 * GIB
    assert checks.deps(storage, "dimensions") == [writer.urn]
    assert "migration-db-1-replica-lag-dev" not in alarms


def test_rds_instance_alarms() -> None:
    result = cached_variant_run("rds-instance", True)
    alarms = alarms_by_name(result)
    instance = result.one("aws:rds/instance:Instance")
    for name, metric in (("migration-db-cpu-dev", "CPUUtilization"),
                         ("migration-db-free-storage-dev", "FreeStorageSpace"),
                         ("migration-db-connections-dev", "DatabaseConnections")):
        assert alarms[name].inputs["metricName"] == metric
        assert checks.deps(alarms[name], "dimensions") == [instance.urn]


def test_dms_alarms_reference_the_instance_and_task() -> None:
    result = cached_variant_run("aurora", True)
    alarms = alarms_by_name(result)
    instance = result.one("aws:dms/replicationInstance:ReplicationInstance")
    task = result.one("aws:dms/replicationTask:ReplicationTask")
    for name in ("migration-dms-cdc-latency-source-dev", "migration-dms-cdc-latency-target-dev",
                 "migration-dms-task-health-dev"):
        assert sorted(checks.deps(alarms[name], "dimensions")) == sorted([instance.urn, task.urn])
        assert alarms[name].inputs["namespace"] == "AWS/DMS"
    assert alarms["migration-dms-cdc-latency-source-dev"].inputs["metricName"] == "CDCLatencySource"
    assert alarms["migration-dms-cdc-latency-target-dev"].inputs["metricName"] == "CDCLatencyTarget"
    assert alarms["migration-dms-task-health-dev"].inputs["treatMissingData"] == "breaching"
    assert checks.deps(alarms["migration-dms-cpu-dev"], "dimensions") == [instance.urn]
    assert checks.alarm_coverage_problems(result) == []


def test_dimension_values_after_deployment() -> None:
    result = cached_variant_run("aurora", False)
    alarms = alarms_by_name(result)
    assert alarms["migration-db-cpu-dev"].inputs["dimensions"] == {"DBClusterIdentifier": "migration-aurora-dev"}
    assert alarms["migration-dms-cdc-latency-target-dev"].inputs["dimensions"] == {
        "ReplicationInstanceIdentifier": "migration-dms-dev",
        "ReplicationTaskIdentifier": "TASKRESOURCEID",
    }
    for alarm in alarms.values():
        assert alarm.inputs["alarmActions"] == ["arn:aws:sns:us-east-1:123456789012:migration-alarms-dev"]
        assert alarm.inputs["okActions"] == alarm.inputs["alarmActions"]


def test_event_subscriptions() -> None:
    result = cached_variant_run("aurora", True)
    dms = result.one("aws:dms/eventSubscription:EventSubscription")
    assert dms.inputs["sourceType"] == "replication-task"
    assert "failure" in dms.inputs["eventCategories"]
    rds = result.one("aws:rds/eventSubscription:EventSubscription")
    assert rds.inputs["sourceType"] == "db-cluster"
    rds_instance = cached_variant_run("rds-instance", True)
    assert rds_instance.one("aws:rds/eventSubscription:EventSubscription").inputs["sourceType"] == "db-instance"


def test_thresholds_from_config() -> None:
    config = variant_config("aurora")
    config["migration-reference:alarmCpuPercent"] = "65"
    config["migration-reference:alarmDmsCdcLatencySeconds"] = "120"
    alarms = alarms_by_name(run_stack(config, preview=True))
    assert alarms["migration-db-cpu-dev"].inputs["threshold"] == 65
    assert alarms["migration-dms-cdc-latency-source-dev"].inputs["threshold"] == 120


def test_outputs() -> None:
    result = cached_variant_run("aurora", False)
    monitoring = result.result.monitoring
    assert isinstance(monitoring, Monitoring)
    assert len(result.outputs["alarmNames"]) == len(monitoring.alarms) == 12
