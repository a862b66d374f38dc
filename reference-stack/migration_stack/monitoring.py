"""Encrypted SNS topic, CloudWatch alarms (with alarm and OK actions) and event subscriptions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .database import Database
from .migration import Migration
from .naming import Naming, component_type
from .settings import Settings

GIB = 1024**3


@dataclass(frozen=True)
class AlarmSpec:
    """One metric alarm: ``name`` is the short part placed between prefix and suffix."""

    name: str
    description: str
    namespace: str
    metric: str
    dimensions: Mapping[str, pulumi.Input[str]]
    statistic: str
    comparison: str
    threshold: float
    period: int = 300
    evaluation_periods: int = 3
    datapoints_to_alarm: int = 2
    treat_missing_data: str = "missing"


def database_alarm_specs(settings: Settings, database: Database | None) -> list[AlarmSpec]:
    t = settings.alarm_thresholds
    specs: list[AlarmSpec] = []
    if database is None:
        return specs
    if database.docdb_cluster is not None:
        cluster_dims = {"DBClusterIdentifier": database.docdb_cluster.cluster_identifier}
        specs.append(AlarmSpec("docdb-connections", "DocumentDB cluster connection count is high", "AWS/DocDB",
                               "DatabaseConnections", cluster_dims, "Maximum", "GreaterThanThreshold",
                               t.connections))
        for index, member in enumerate(database.docdb_instances, start=1):
            dims = {"DBInstanceIdentifier": member.identifier}
            specs += [
                AlarmSpec(f"docdb-{index}-cpu", f"DocumentDB instance {index} CPU is high", "AWS/DocDB",
                          "CPUUtilization", dims, "Average", "GreaterThanThreshold", t.cpu_percent),
                AlarmSpec(f"docdb-{index}-free-local-storage", f"DocumentDB instance {index} local storage is low",
                          "AWS/DocDB", "FreeLocalStorage", dims, "Minimum", "LessThanThreshold",
                          t.free_storage_gb * GIB),
            ]
            if index > 1:
                specs.append(AlarmSpec(
                    f"docdb-{index}-replica-lag", f"DocumentDB replica {index} lags behind the primary",
                    "AWS/DocDB", "DBInstanceReplicaLag", dims, "Maximum", "GreaterThanThreshold",
                    t.replica_lag_ms))
    elif database.cluster is not None:
        cluster_dims = {"DBClusterIdentifier": database.cluster.cluster_identifier}
        specs += [
            AlarmSpec("db-cpu", "Aurora cluster CPU is high", "AWS/RDS", "CPUUtilization", cluster_dims,
                      "Average", "GreaterThanThreshold", t.cpu_percent),
            AlarmSpec("db-connections", "Aurora cluster connection count is high", "AWS/RDS",
                      "DatabaseConnections", cluster_dims, "Maximum", "GreaterThanThreshold", t.connections),
        ]
        for index, instance in enumerate(database.cluster_instances, start=1):
            dims = {"DBInstanceIdentifier": instance.identifier}
            specs += [
                AlarmSpec(f"db-{index}-cpu", f"Aurora instance {index} CPU is high", "AWS/RDS",
                          "CPUUtilization", dims, "Average", "GreaterThanThreshold", t.cpu_percent),
                AlarmSpec(f"db-{index}-free-local-storage", f"Aurora instance {index} local storage is low",
                          "AWS/RDS", "FreeLocalStorage", dims, "Minimum", "LessThanThreshold",
                          t.free_storage_gb * GIB),
            ]
            if index > 1:
                specs.append(AlarmSpec(
                    f"db-{index}-replica-lag", f"Aurora replica {index} lags behind the writer", "AWS/RDS",
                    "AuroraReplicaLag", dims, "Maximum", "GreaterThanThreshold", t.replica_lag_ms))
    elif database.instance is not None:
        dims = {"DBInstanceIdentifier": database.instance.identifier}
        specs += [
            AlarmSpec("db-cpu", "RDS instance CPU is high", "AWS/RDS", "CPUUtilization", dims, "Average",
                      "GreaterThanThreshold", t.cpu_percent),
            AlarmSpec("db-free-storage", "RDS instance free storage is low", "AWS/RDS", "FreeStorageSpace",
                      dims, "Minimum", "LessThanThreshold", t.free_storage_gb * GIB),
            AlarmSpec("db-connections", "RDS instance connection count is high", "AWS/RDS",
                      "DatabaseConnections", dims, "Maximum", "GreaterThanThreshold", t.connections),
        ]
    return specs


def dms_alarm_specs(settings: Settings, migration: Migration) -> list[AlarmSpec]:
    t = settings.alarm_thresholds
    if migration.replication_config is not None:
        config_dims = {"ReplicationConfigIdentifier": migration.replication_config.replication_config_identifier}
        return [
            AlarmSpec("dms-cdc-latency-source", "DMS Serverless reads changes from the source too slowly",
                      "AWS/DMS", "CDCLatencySource", config_dims, "Maximum", "GreaterThanThreshold",
                      t.dms_cdc_latency_seconds),
            AlarmSpec("dms-cdc-latency-target", "DMS Serverless applies changes to the target too slowly",
                      "AWS/DMS", "CDCLatencyTarget", config_dims, "Maximum", "GreaterThanThreshold",
                      t.dms_cdc_latency_seconds),
            AlarmSpec("dms-task-health", "DMS Serverless is stopped, failed or accumulating unapplied changes",
                      "AWS/DMS", "CDCIncomingChanges", config_dims, "Maximum", "GreaterThanThreshold",
                      float(t.dms_cdc_incoming_changes), treat_missing_data="breaching"),
        ]
    assert migration.replication_instance is not None and migration.task is not None
    instance_dims = {"ReplicationInstanceIdentifier": migration.replication_instance.replication_instance_id}
    task_dims = {
        "ReplicationInstanceIdentifier": migration.replication_instance.replication_instance_id,
        "ReplicationTaskIdentifier": migration.task_resource_id,
    }
    return [
        AlarmSpec("dms-cpu", "DMS replication instance CPU is high", "AWS/DMS", "CPUUtilization",
                  instance_dims, "Average", "GreaterThanThreshold", t.cpu_percent),
        AlarmSpec("dms-free-storage", "DMS replication instance storage is low", "AWS/DMS",
                  "FreeStorageSpace", instance_dims, "Minimum", "LessThanThreshold", t.free_storage_gb * GIB),
        AlarmSpec("dms-cdc-latency-source", "DMS reads changes from the source too slowly", "AWS/DMS",
                  "CDCLatencySource", task_dims, "Maximum", "GreaterThanThreshold", t.dms_cdc_latency_seconds),
        AlarmSpec("dms-cdc-latency-target", "DMS applies changes to the target too slowly", "AWS/DMS",
                  "CDCLatencyTarget", task_dims, "Maximum", "GreaterThanThreshold", t.dms_cdc_latency_seconds),
        # Task health: a growing backlog of unapplied changes, or no metrics at all (task stopped or failed).
        AlarmSpec("dms-task-health", "DMS task is stopped, failed or accumulating unapplied changes", "AWS/DMS",
                  "CDCIncomingChanges", task_dims, "Maximum", "GreaterThanThreshold",
                  float(t.dms_cdc_incoming_changes), treat_missing_data="breaching"),
    ]


class Monitoring(pulumi.ComponentResource):
    """Every database and DMS resource gets alarms whose dimensions reference it; all notify the topic."""

    topic: aws.sns.Topic
    subscription: aws.sns.TopicSubscription | None
    alarms: list[aws.cloudwatch.MetricAlarm]
    dms_events: aws.dms.EventSubscription | None
    database_events: aws.rds.EventSubscription | aws.docdb.EventSubscription | None

    def __init__(self, name: str, settings: Settings, naming: Naming, key: aws.kms.Key, database: Database | None,
                 migration: Migration, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Monitoring"), name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        topic_name = naming.name("alarms")
        self.topic = aws.sns.Topic(
            topic_name,
            name=topic_name,
            display_name=f"Migration alarms ({settings.environment_suffix})",
            kms_master_key_id=key.arn,
            tags=naming.tags(topic_name),
            opts=child,
        )
        self.subscription = None
        if settings.alarm_email:
            self.subscription = aws.sns.TopicSubscription(
                naming.name("alarms-email"),
                topic=self.topic.arn,
                protocol="email",
                endpoint=settings.alarm_email,
                opts=child,
            )

        self.alarms = [self._alarm(spec, naming)
                       for spec in database_alarm_specs(settings, database) + dms_alarm_specs(settings, migration)]

        self.dms_events = self._dms_events(naming, migration)
        self.database_events = self._database_events(naming, database)

        self.register_outputs({
            "topicArn": self.topic.arn,
            "alarmNames": [a.name for a in self.alarms],
        })

    def _dms_events(self, naming: Naming, migration: Migration) -> aws.dms.EventSubscription | None:
        """Task failures and state changes (DMS Serverless reports through its alarms and logs)."""
        if migration.task is None:
            return None
        dms_events_name = naming.name("dms-events")
        return aws.dms.EventSubscription(
            dms_events_name,
            name=dms_events_name,
            enabled=True,
            sns_topic_arn=self.topic.arn,
            source_type="replication-task",
            source_ids=[migration.task.replication_task_id],
            event_categories=["failure", "state change"],
            tags=naming.tags(dms_events_name),
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _database_events(self, naming: Naming, database: Database | None,
                         ) -> aws.rds.EventSubscription | aws.docdb.EventSubscription | None:
        if database is None:
            return None
        name = naming.name("rds-events" if database.docdb_cluster is None else "docdb-events")
        categories = ["failover", "failure", "maintenance", "notification"]
        if database.docdb_cluster is not None:
            return aws.docdb.EventSubscription(
                name, name=name, enabled=True, sns_topic_arn=self.topic.arn, source_type="db-cluster",
                source_ids=[database.identifier], event_categories=categories, tags=naming.tags(name),
                opts=pulumi.ResourceOptions(parent=self))
        return aws.rds.EventSubscription(
            name,
            name=name,
            enabled=True,
            sns_topic=self.topic.arn,
            source_type="db-cluster" if database.cluster is not None else "db-instance",
            source_ids=[database.identifier],
            event_categories=categories,
            tags=naming.tags(name),
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _alarm(self, spec: AlarmSpec, naming: Naming) -> aws.cloudwatch.MetricAlarm:
        alarm_name = naming.name(spec.name)
        return aws.cloudwatch.MetricAlarm(
            alarm_name,
            name=alarm_name,
            alarm_description=spec.description,
            namespace=spec.namespace,
            metric_name=spec.metric,
            dimensions=dict(spec.dimensions),
            statistic=spec.statistic,
            comparison_operator=spec.comparison,
            threshold=spec.threshold,
            period=spec.period,
            evaluation_periods=spec.evaluation_periods,
            datapoints_to_alarm=spec.datapoints_to_alarm,
            treat_missing_data=spec.treat_missing_data,
            actions_enabled=True,
            alarm_actions=[self.topic.arn],
            ok_actions=[self.topic.arn],
            tags=naming.tags(alarm_name),
            opts=pulumi.ResourceOptions(parent=self),
        )
