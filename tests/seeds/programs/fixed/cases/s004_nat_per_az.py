"""Seed 004, finding 4 fixed: one NAT gateway per AZ, each private subnet routed to its own AZ's."""

import pulumi
import pulumi_aws as aws

env_suffix = pulumi.Config().get("environmentSuffix") or "dev"
tags = {"Environment": env_suffix, "ManagedBy": "Pulumi"}
zones = ["us-east-1a", "us-east-1b"]

vpc = aws.ec2.Vpc(f"ledger-vpc-{env_suffix}", cidr_block="10.62.0.0/16", tags=tags)
aws.ec2.FlowLog(f"ledger-vpc-flow-log-{env_suffix}", vpc_id=vpc.id, traffic_type="ALL",
                log_destination_type="s3", log_destination="arn:aws:s3:::ledger-flow-logs-dev", tags=tags)
igw = aws.ec2.InternetGateway(f"ledger-igw-{env_suffix}", vpc_id=vpc.id, tags=tags)
public_rt = aws.ec2.RouteTable(f"ledger-public-rt-{env_suffix}", vpc_id=vpc.id, tags=tags,
                               routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", gateway_id=igw.id)])

for index, zone in enumerate(zones, start=1):
    public_subnet = aws.ec2.Subnet(f"ledger-public-{index}-{env_suffix}", vpc_id=vpc.id,
                                   cidr_block=f"10.62.{index - 1}.0/24", availability_zone=zone, tags=tags)
    aws.ec2.RouteTableAssociation(f"ledger-public-rta-{index}-{env_suffix}", subnet_id=public_subnet.id,
                                  route_table_id=public_rt.id)
    private_subnet = aws.ec2.Subnet(f"ledger-private-{index}-{env_suffix}", vpc_id=vpc.id,
                                    cidr_block=f"10.62.{index + 9}.0/24", availability_zone=zone, tags=tags)
    nat_eip = aws.ec2.Eip(f"ledger-nat-eip-{index}-{env_suffix}", domain="vpc", tags=tags)
    nat_gateway = aws.ec2.NatGateway(f"ledger-nat-{index}-{env_suffix}", allocation_id=nat_eip.id,
                                     subnet_id=public_subnet.id, tags=tags)
    private_rt = aws.ec2.RouteTable(f"ledger-private-rt-{index}-{env_suffix}", vpc_id=vpc.id, tags=tags,
                                    routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0",
                                                                        nat_gateway_id=nat_gateway.id)])
    aws.ec2.RouteTableAssociation(f"ledger-private-rta-{index}-{env_suffix}", subnet_id=private_subnet.id,
                                  route_table_id=private_rt.id)
