"""Seed 004, finding 2: secondary resources without the environment suffix in their names."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"

vpc = aws.ec2.Vpc(f"java-api-vpc-{env_suffix}", cidr_block="10.60.0.0/16",
                  tags={"Environment": env_suffix, "ManagedBy": "Pulumi"})
public_subnet_1 = aws.ec2.Subnet(f"java-api-public-1-{env_suffix}", vpc_id=vpc.id, cidr_block="10.60.0.0/24",
                                 availability_zone="us-east-1a",
                                 tags={"Environment": env_suffix, "ManagedBy": "Pulumi"})
public_rt = aws.ec2.RouteTable(f"java-api-public-rt-{env_suffix}", vpc_id=vpc.id,
                               tags={"Environment": env_suffix, "ManagedBy": "Pulumi"})

aws.ec2.RouteTableAssociation("public-rta-1", subnet_id=public_subnet_1.id, route_table_id=public_rt.id)

source_endpoint = aws.dms.Endpoint(
    "source-endpoint",
    endpoint_id="source-endpoint",
    endpoint_type="source",
    engine_name="postgres",
    server_name="10.60.10.5",
    port=5432,
    database_name="orders",
    ssl_mode="require",
    secrets_manager_arn="arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-source-AbCdEf",
    secrets_manager_access_role_arn="arn:aws:iam::123456789012:role/dms-secrets-access",
    tags={"Environment": env_suffix, "ManagedBy": "Pulumi"},
)
