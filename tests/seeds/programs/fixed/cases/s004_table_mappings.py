"""Seed 004, finding 10 as the review suggests: a configurable table filter plus a schema rename."""

import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env_suffix = config.get("environmentSuffix") or "dev"

aws.dms.ReplicationTask(
    f"catalog-task-{env_suffix}",
    replication_task_id=f"catalog-task-{env_suffix}",
    migration_type="full-load-and-cdc",
    replication_instance_arn="arn:aws:dms:us-east-1:123456789012:rep:CATALOGINSTANCE",
    source_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:CATALOGSOURCE",
    target_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:CATALOGTARGET",
    table_mappings=json.dumps({
        "rules": [
            {
                "rule-type": "selection",
                "rule-id": "1",
                "rule-name": "include-tables",
                "object-locator": {"schema-name": "public", "table-name": config.get("dmsTableFilter") or "%"},
                "rule-action": "include",
            },
            {
                "rule-type": "transformation",
                "rule-id": "2",
                "rule-name": "rename-schema",
                "rule-action": "rename",
                "rule-target": "schema",
                "object-locator": {"schema-name": "public"},
                "value": config.get("targetSchema") or "public",
            },
        ]
    }),
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
