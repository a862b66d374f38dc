"""Seed 004, finding 10: every table of the public schema, without filter (valid DMS mappings)."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"

aws.dms.ReplicationTask(
    f"catalog-task-{env_suffix}",
    replication_task_id=f"catalog-task-{env_suffix}",
    migration_type="full-load-and-cdc",
    replication_instance_arn="arn:aws:dms:us-east-1:123456789012:rep:CATALOGINSTANCE",
    source_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:CATALOGSOURCE",
    target_endpoint_arn="arn:aws:dms:us-east-1:123456789012:endpoint:CATALOGTARGET",
    table_mappings=json.dumps({
        "rules": [{
            "rule-type": "selection",
            "rule-id": "1",
            "rule-name": "1",
            "object-locator": {"schema-name": "public", "table-name": "%"},
            "rule-action": "include",
        }]
    }),
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
