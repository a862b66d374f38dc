"""Seed 004, finding 11 fixed: the DMS task carries the common tags like every other resource."""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"
common_tags = {
    "Name": f"orders-task-{env_suffix}",
    "Environment": env_suffix,
    "ManagedBy": "Pulumi",
    "Project": "MigrationInfrastructure",
    "CostCenter": config.get("costCenter") or "Engineering",
}

aws.dms.ReplicationTask(
    f"orders-task-{env_suffix}",
    replication_task_id=f"orders-task-{env_suffix}",
    migration_type="full-load-and-cdc",
    replication_instance_arn="arn:aws:dms:us-east-1:123456789012:rep:ORDERSINSTANCE",
    source_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:ORDERSSOURCE",
    target_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:ORDERSTARGET",
    table_mappings=json.dumps({"rules": [{
        "rule-type": "selection", "rule-id": "1", "rule-name": "1",
        "object-locator": {"schema-name": "orders", "table-name": "%"}, "rule-action": "include",
    }]}),
    tags=common_tags,
)
