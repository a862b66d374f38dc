"""Seed 004, finding 6 fixed (and the review's fix corrected): an encrypted alarm topic, every alarm
notifies it, and the DMS task has its own CDC latency alarm."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

key = aws.kms.Key(f"billing-alarms-key-{env_suffix}", enable_key_rotation=True, tags=tags)
alarm_topic = aws.sns.Topic(
    f"migration-alarms-{env_suffix}",
    name=f"migration-alarms-{env_suffix}",
    kms_master_key_id=key.arn,
    tags=tags,
)

dms_instance = aws.dms.ReplicationInstance(
    f"billing-dms-{env_suffix}",
    replication_instance_id=f"billing-dms-{env_suffix}",
    replication_instance_class="dms.t3.medium",
    allocated_storage=50,
    multi_az=True,
    publicly_accessible=False,
    kms_key_arn=key.arn,
    auto_minor_version_upgrade=True,
    tags=tags,
)
dms_task = aws.dms.ReplicationTask(
    f"billing-task-{env_suffix}",
    replication_task_id=f"billing-task-{env_suffix}",
    migration_type="full-load-and-cdc",
    replication_instance_arn=dms_instance.replication_instance_arn,
    source_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:BILLINGSOURCE",
    target_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:BILLINGTARGET",
    table_mappings=json.dumps({"rules": [{
        "rule-type": "selection", "rule-id": "1", "rule-name": "1",
        "object-locator": {"schema-name": "billing", "table-name": "%"}, "rule-action": "include",
    }]}),
    tags=tags,
)

aws.cloudwatch.MetricAlarm(
    f"billing-dms-cpu-{env_suffix}",
    name=f"billing-dms-cpu-{env_suffix}",
    comparison_operator="GreaterThanThreshold",
    evaluation_periods=2,
    metric_name="CPUUtilization",
    namespace="AWS/DMS",
    period=300,
    statistic="Average",
    threshold=80,
    dimensions={"ReplicationInstanceIdentifier": dms_instance.replication_instance_id},
    alarm_actions=[alarm_topic.arn],
    tags=tags,
)
aws.cloudwatch.MetricAlarm(
    f"dms-replication-lag-{env_suffix}",
    name=f"dms-replication-lag-{env_suffix}",
    comparison_operator="GreaterThanThreshold",
    evaluation_periods=2,
    metric_name="CDCLatencyTarget",
    namespace="AWS/DMS",
    period=300,
    statistic="Average",
    threshold=300,
    alarm_description="DMS replication lag exceeded 5 minutes",
    alarm_actions=[alarm_topic.arn],
    dimensions={
        "ReplicationInstanceIdentifier": dms_instance.replication_instance_id,
        "ReplicationTaskIdentifier": dms_task.replication_task_id,
    },
    treat_missing_data="breaching",
    tags=tags,
)
