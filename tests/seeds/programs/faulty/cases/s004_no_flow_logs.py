"""Seed 004, finding 9: the VPC has no flow log."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"

vpc = aws.ec2.Vpc(
    f"migration-vpc-{env_suffix}",
    cidr_block="10.63.0.0/16",
    enable_dns_hostnames=True,
    enable_dns_support=True,
    tags={"Name": f"migration-vpc-{env_suffix}", "Environment": env_suffix, "ManagedBy": "Pulumi"},
)
