"""Seed 004, finding 2 fixed: every name carries the environment suffix."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

vpc = aws.ec2.Vpc(f"java-api-vpc-{env_suffix}", cidr_block="10.60.0.0/16", tags=tags)
aws.ec2.FlowLog(f"java-api-vpc-flow-log-{env_suffix}", vpc_id=vpc.id, traffic_type="ALL",
                log_destination_type="s3", log_destination="arn:aws:s3:::java-api-flow-logs-dev", tags=tags)
public_subnet_1 = aws.ec2.Subnet(f"java-api-public-1-{env_suffix}", vpc_id=vpc.id, cidr_block="10.60.0.0/24",
                                 availability_zone="us-east-1a", tags=tags)
public_rt = aws.ec2.RouteTable(f"java-api-public-rt-{env_suffix}", vpc_id=vpc.id, tags=tags)

aws.ec2.RouteTableAssociation(f"public-rta-1-{env_suffix}", subnet_id=public_subnet_1.id,
                              route_table_id=public_rt.id)

source_endpoint = aws.dms.Endpoint(
    f"source-endpoint-{env_suffix}",
    endpoint_id=f"source-endpoint-{env_suffix}",
    endpoint_type="source",
    engine_name="postgres",
    database_name="orders",
    ssl_mode="require",
    secrets_manager_arn="arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-source-AbCdEf",
    secrets_manager_access_role_arn="arn:aws:iam::123456789012:role/dms-secrets-access",
    tags=tags,
)
