"""Seed 004, finding 9 fixed: the VPC's traffic is recorded in an encrypted log group."""

import json

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

vpc = aws.ec2.Vpc(
    f"migration-vpc-{env_suffix}",
    cidr_block="10.63.0.0/16",
    enable_dns_hostnames=True,
    enable_dns_support=True,
    tags={**tags, "Name": f"migration-vpc-{env_suffix}"},
)
key = aws.kms.Key(f"migration-flow-logs-key-{env_suffix}", enable_key_rotation=True, tags=tags)
log_group = aws.cloudwatch.LogGroup(f"migration-vpc-flow-logs-{env_suffix}", retention_in_days=90,
                                    kms_key_id=key.arn, tags=tags)
role = aws.iam.Role(
    f"migration-flow-logs-role-{env_suffix}",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                       "Action": "sts:AssumeRole"}],
    }),
    tags=tags,
)
aws.ec2.FlowLog(
    f"vpc-flow-log-{env_suffix}",
    vpc_id=vpc.id,
    traffic_type="ALL",
    log_destination_type="cloud-watch-logs",
    log_destination=log_group.arn,
    iam_role_arn=role.arn,
    tags={**tags, "Name": f"vpc-flow-log-{env_suffix}"},
)
