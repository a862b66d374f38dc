"""Seed 004, finding 4: one NAT gateway (us-east-1a) for the private subnets of both AZs."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}

vpc = aws.ec2.Vpc(f"ledger-vpc-{env_suffix}", cidr_block="10.62.0.0/16", tags=tags)
aws.ec2.FlowLog(f"ledger-vpc-flow-log-{env_suffix}", vpc_id=vpc.id, traffic_type="ALL",
                log_destination_type="s3", log_destination="arn:aws:s3:::ledger-flow-logs-dev", tags=tags)
igw = aws.ec2.InternetGateway(f"ledger-igw-{env_suffix}", vpc_id=vpc.id, tags=tags)
public_subnet_1 = aws.ec2.Subnet(f"ledger-public-1-{env_suffix}", vpc_id=vpc.id, cidr_block="10.62.0.0/24",
                                 availability_zone="us-east-1a", tags=tags)
public_subnet_2 = aws.ec2.Subnet(f"ledger-public-2-{env_suffix}", vpc_id=vpc.id, cidr_block="10.62.1.0/24",
                                 availability_zone="us-east-1b", tags=tags)
private_subnet_1 = aws.ec2.Subnet(f"ledger-private-1-{env_suffix}", vpc_id=vpc.id, cidr_block="10.62.10.0/24",
                                  availability_zone="us-east-1a", tags=tags)
private_subnet_2 = aws.ec2.Subnet(f"ledger-private-2-{env_suffix}", vpc_id=vpc.id, cidr_block="10.62.11.0/24",
                                  availability_zone="us-east-1b", tags=tags)

public_rt = aws.ec2.RouteTable(f"ledger-public-rt-{env_suffix}", vpc_id=vpc.id, tags=tags,
                               routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", gateway_id=igw.id)])
for index, subnet in enumerate([public_subnet_1, public_subnet_2], start=1):
    aws.ec2.RouteTableAssociation(f"ledger-public-rta-{index}-{env_suffix}", subnet_id=subnet.id,
                                  route_table_id=public_rt.id)

# Cost optimisation: a single NAT gateway in us-east-1a
nat_eip = aws.ec2.Eip(f"ledger-nat-eip-{env_suffix}", domain="vpc", tags=tags)
nat_gateway = aws.ec2.NatGateway(f"ledger-nat-{env_suffix}", allocation_id=nat_eip.id,
                                 subnet_id=public_subnet_1.id, tags=tags)
private_rt = aws.ec2.RouteTable(f"ledger-private-rt-{env_suffix}", vpc_id=vpc.id, tags=tags,
                                routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0",
                                                                    nat_gateway_id=nat_gateway.id)])
for index, subnet in enumerate([private_subnet_1, private_subnet_2], start=1):
    aws.ec2.RouteTableAssociation(f"ledger-private-rta-{index}-{env_suffix}", subnet_id=subnet.id,
                                  route_table_id=private_rt.id)
