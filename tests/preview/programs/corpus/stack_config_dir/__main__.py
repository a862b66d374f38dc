import pulumi
import pulumi_aws as aws

config = pulumi.Config()
aws.cloudwatch.LogGroup("app", retention_in_days=config.require_int("retentionDays"))
