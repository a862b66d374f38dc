"""Seed 004, finding 6: an alarm nobody hears, and no alarm on the DMS task at all."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

dms_instance = aws.dms.ReplicationInstance(
    f"billing-dms-{env_suffix}",
    replication_instance_id=f"billing-dms-{env_suffix}",
    replication_instance_class="dms.t3.medium",
    allocated_storage=50,
    multi_az=True,
    publicly_accessible=False,
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
    tags=tags,
)
