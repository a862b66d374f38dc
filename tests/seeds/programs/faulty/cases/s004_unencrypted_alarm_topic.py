"""Seed 004, finding 6 as the review fixed it: the new alarm topic is not encrypted."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"

# SNS Topic for alarm notifications
alarm_topic = aws.sns.Topic(
    f"migration-alarms-{env_suffix}",
    name=f"migration-alarms-{env_suffix}",
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
