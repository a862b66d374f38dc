"""VPC over 2 or 3 AZs, public and private subnets, NAT per AZ (or regional), flow logs, security groups."""

from __future__ import annotations

import ipaddress
import json

import pulumi
import pulumi_aws as aws

from .naming import Naming, component_type
from .settings import Settings


def subnet_cidrs(vpc_cidr: str, zone_count: int) -> tuple[list[str], list[str]]:
    """Public and private subnet CIDRs: the VPC is cut into 16 equal blocks; public subnets take
    blocks 0.., private subnets blocks 8.. (one of each per AZ)."""
    network = ipaddress.ip_network(vpc_cidr)
    blocks = list(network.subnets(prefixlen_diff=4))
    return ([str(blocks[i]) for i in range(zone_count)], [str(blocks[8 + i]) for i in range(zone_count)])


def zone_label(zone: str) -> str:
    """``us-east-1a`` -> ``a`` (used in names)."""
    return zone[-1]


class Network(pulumi.ComponentResource):
    """The stack's VPC. Private subnets hold the databases and DMS; each AZ's private route table sends
    0.0.0.0/0 to the NAT gateway in the same AZ (or to one regional NAT gateway)."""

    vpc: aws.ec2.Vpc
    public_subnets: list[aws.ec2.Subnet]
    private_subnets: list[aws.ec2.Subnet]
    nat_gateways: list[aws.ec2.NatGateway]
    private_route_tables: list[aws.ec2.RouteTable]
    flow_log: aws.ec2.FlowLog
    flow_log_group: aws.cloudwatch.LogGroup
    db_security_group: aws.ec2.SecurityGroup
    dms_security_group: aws.ec2.SecurityGroup

    def __init__(self, name: str, settings: Settings, naming: Naming, key: aws.kms.Key,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(component_type("Network"), name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        zones = settings.availability_zones
        public_cidrs, private_cidrs = subnet_cidrs(settings.vpc_cidr, len(zones))

        vpc_name = naming.name("vpc")
        self.vpc = aws.ec2.Vpc(
            vpc_name,
            cidr_block=settings.vpc_cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags=naming.tags(vpc_name),
            opts=child,
        )
        igw_name = naming.name("igw")
        igw = aws.ec2.InternetGateway(igw_name, vpc_id=self.vpc.id, tags=naming.tags(igw_name), opts=child)

        public_rt_name = naming.name("public-rt")
        public_rt = aws.ec2.RouteTable(public_rt_name, vpc_id=self.vpc.id, tags=naming.tags(public_rt_name),
                                       opts=child)
        aws.ec2.Route(naming.name("public-default-route"), route_table_id=public_rt.id,
                      destination_cidr_block="0.0.0.0/0", gateway_id=igw.id, opts=child)

        self.public_subnets = []
        self.private_subnets = []
        for zone, public_cidr, private_cidr in zip(zones, public_cidrs, private_cidrs, strict=True):
            label = zone_label(zone)
            public_name = naming.name("public", label)
            public = aws.ec2.Subnet(
                public_name,
                vpc_id=self.vpc.id,
                cidr_block=public_cidr,
                availability_zone=zone,
                map_public_ip_on_launch=False,
                tags=naming.tags(public_name, Tier="public"),
                opts=child,
            )
            aws.ec2.RouteTableAssociation(naming.name("public-rta", label), subnet_id=public.id,
                                          route_table_id=public_rt.id, opts=child)
            private_name = naming.name("private", label)
            private = aws.ec2.Subnet(
                private_name,
                vpc_id=self.vpc.id,
                cidr_block=private_cidr,
                availability_zone=zone,
                map_public_ip_on_launch=False,
                tags=naming.tags(private_name, Tier="private"),
                opts=child,
            )
            self.public_subnets.append(public)
            self.private_subnets.append(private)

        self.nat_gateways = []
        if settings.nat_gateway_mode == "regional":
            nat_name = naming.name("nat-regional")
            regional = aws.ec2.NatGateway(
                nat_name,
                availability_mode="regional",
                connectivity_type="public",
                vpc_id=self.vpc.id,
                tags=naming.tags(nat_name),
                opts=pulumi.ResourceOptions(parent=self, depends_on=[igw]),
            )
            nat_for_zone = [regional for _ in zones]
            self.nat_gateways.append(regional)
        else:
            nat_for_zone = []
            for zone, public in zip(zones, self.public_subnets, strict=True):
                label = zone_label(zone)
                eip_name = naming.name("nat-eip", label)
                eip = aws.ec2.Eip(eip_name, domain="vpc", tags=naming.tags(eip_name),
                                  opts=pulumi.ResourceOptions(parent=self, depends_on=[igw]))
                nat_name = naming.name("nat", label)
                nat = aws.ec2.NatGateway(
                    nat_name,
                    availability_mode="zonal",
                    connectivity_type="public",
                    allocation_id=eip.allocation_id,
                    subnet_id=public.id,
                    tags=naming.tags(nat_name),
                    opts=pulumi.ResourceOptions(parent=self, depends_on=[igw]),
                )
                nat_for_zone.append(nat)
                self.nat_gateways.append(nat)

        self.private_route_tables = []
        for zone, private, nat in zip(zones, self.private_subnets, nat_for_zone, strict=True):
            label = zone_label(zone)
            rt_name = naming.name("private-rt", label)
            route_table = aws.ec2.RouteTable(rt_name, vpc_id=self.vpc.id, tags=naming.tags(rt_name), opts=child)
            aws.ec2.Route(naming.name("private-default-route", label), route_table_id=route_table.id,
                          destination_cidr_block="0.0.0.0/0", nat_gateway_id=nat.id, opts=child)
            aws.ec2.RouteTableAssociation(naming.name("private-rta", label), subnet_id=private.id,
                                          route_table_id=route_table.id, opts=child)
            self.private_route_tables.append(route_table)

        # VPC flow logs to an encrypted log group with finite retention.
        log_group_name = f"/{naming.path('vpc-flow-logs')}"
        self.flow_log_group = aws.cloudwatch.LogGroup(
            naming.name("flow-logs"),
            name=log_group_name,
            kms_key_id=key.arn,
            retention_in_days=settings.log_retention_days,
            tags=naming.tags(log_group_name),
            opts=child,
        )
        role_name = naming.name("flow-logs-role")
        flow_role = aws.iam.Role(
            role_name,
            name=role_name,
            description="Lets VPC Flow Logs deliver to the stack's log group",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
            tags=naming.tags(role_name),
            opts=child,
        )
        flow_policy = aws.iam.RolePolicy(
            naming.name("flow-logs-policy"),
            name=naming.name("flow-logs-delivery"),
            role=flow_role.id,
            policy=self.flow_log_group.arn.apply(lambda arn: json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups",
                               "logs:DescribeLogStreams"],
                    "Resource": [arn, f"{arn}:*"],
                }],
            })),
            opts=child,
        )
        flow_name = naming.name("vpc-flow-log")
        self.flow_log = aws.ec2.FlowLog(
            flow_name,
            vpc_id=self.vpc.id,
            traffic_type="ALL",
            log_destination_type="cloud-watch-logs",
            log_destination=self.flow_log_group.arn,
            iam_role_arn=flow_role.arn,
            max_aggregation_interval=60,
            tags=naming.tags(flow_name),
            opts=pulumi.ResourceOptions(parent=self, depends_on=[flow_policy]),
        )

        # Security groups: the database accepts its port only from DMS and the configured client CIDRs
        # (never 0.0.0.0/0); DMS reaches out to the source and target databases.
        dms_sg_name = naming.name("dms-sg")
        self.dms_security_group = aws.ec2.SecurityGroup(
            dms_sg_name,
            name=dms_sg_name,
            description="DMS replication instance",
            vpc_id=self.vpc.id,
            tags=naming.tags(dms_sg_name),
            opts=child,
        )
        db_sg_name = naming.name("db-sg")
        self.db_security_group = aws.ec2.SecurityGroup(
            db_sg_name,
            name=db_sg_name,
            description="Target PostgreSQL database",
            vpc_id=self.vpc.id,
            tags=naming.tags(db_sg_name),
            opts=child,
        )
        aws.vpc.SecurityGroupIngressRule(
            naming.name("db-from-dms"),
            security_group_id=self.db_security_group.id,
            referenced_security_group_id=self.dms_security_group.id,
            ip_protocol="tcp",
            from_port=settings.db_port,
            to_port=settings.db_port,
            description="PostgreSQL from the DMS replication instance",
            tags=naming.tags(naming.name("db-from-dms")),
            opts=child,
        )
        for index, cidr in enumerate(settings.allowed_db_client_cidrs, start=1):
            rule_name = naming.name("db-from-clients", str(index))
            aws.vpc.SecurityGroupIngressRule(
                rule_name,
                security_group_id=self.db_security_group.id,
                cidr_ipv4=cidr,
                ip_protocol="tcp",
                from_port=settings.db_port,
                to_port=settings.db_port,
                description="PostgreSQL from application clients",
                tags=naming.tags(rule_name),
                opts=child,
            )
        dms_egress_name = naming.name("dms-egress")
        aws.vpc.SecurityGroupEgressRule(
            dms_egress_name,
            security_group_id=self.dms_security_group.id,
            cidr_ipv4="0.0.0.0/0",
            ip_protocol="tcp",
            from_port=1,
            to_port=65535,
            description="DMS to the source (through NAT, VPN or Direct Connect) and target databases",
            tags=naming.tags(dms_egress_name),
            opts=child,
        )

        self.register_outputs({
            "vpcId": self.vpc.id,
            "publicSubnetIds": [s.id for s in self.public_subnets],
            "privateSubnetIds": [s.id for s in self.private_subnets],
            "natGatewayIds": [n.id for n in self.nat_gateways],
            "flowLogId": self.flow_log.id,
        })
