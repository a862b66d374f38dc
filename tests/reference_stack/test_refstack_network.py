"""Network component: subnets per AZ, NAT per AZ (or regional), flow logs, security groups."""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws
from migration_stack.network import Network, subnet_cidrs

from . import stack_checks as checks
from .stack_harness import Run, naming_for, run, settings_for


def run_network(variant: str = "aurora", preview: bool = True, **overrides: str) -> Run:
    settings = settings_for(variant, **overrides)
    naming = naming_for(settings)

    def program() -> Any:
        key = aws.kms.Key("key-dev", enable_key_rotation=True)
        return Network("network-dev", settings, naming, key)

    return run(program, {}, preview=preview)


def subnets(result: Run, tier: str) -> list[checks.Registration]:
    return [s for s in result.of_type("aws:ec2/subnet:Subnet") if s.inputs["tags"]["Tier"] == tier]


def test_subnet_cidrs_split_the_vpc() -> None:
    assert subnet_cidrs("10.40.0.0/16", 2) == (["10.40.0.0/20", "10.40.16.0/20"], ["10.40.128.0/20", "10.40.144.0/20"])
    public, private = subnet_cidrs("10.0.0.0/24", 3)
    assert public == ["10.0.0.0/28", "10.0.0.16/28", "10.0.0.32/28"]
    assert private[0] == "10.0.0.128/28"


def test_two_azs_with_one_zonal_nat_gateway_each() -> None:
    result = run_network()
    public, private = subnets(result, "public"), subnets(result, "private")
    assert [s.inputs["availabilityZone"] for s in public] == ["us-east-1a", "us-east-1b"]
    assert [s.inputs["availabilityZone"] for s in private] == ["us-east-1a", "us-east-1b"]
    assert all(s.inputs["mapPublicIpOnLaunch"] is False for s in public + private)
    nats = result.of_type("aws:ec2/natGateway:NatGateway")
    assert len(nats) == 2
    by_urn = result.by_urn()
    for nat, subnet in zip(nats, public, strict=True):
        assert nat.inputs["availabilityMode"] == "zonal"
        assert checks.deps(nat, "subnetId") == [subnet.urn]
        (eip_urn,) = checks.deps(nat, "allocationId")
        assert by_urn[eip_urn].inputs["domain"] == "vpc"
    assert len(result.of_type("aws:ec2/routeTable:RouteTable")) == 3  # public + one private per AZ
    assert checks.nat_per_az_problems(result) == []


def test_three_azs() -> None:
    result = run_network("three-azs")
    assert len(subnets(result, "private")) == 3
    assert len(result.of_type("aws:ec2/natGateway:NatGateway")) == 3
    assert checks.nat_per_az_problems(result) == []


def test_regional_nat_gateway() -> None:
    result = run_network("regional-nat")
    nat = result.one("aws:ec2/natGateway:NatGateway")
    assert nat.inputs["availabilityMode"] == "regional"
    assert nat.inputs["connectivityType"] == "public"
    assert "subnetId" not in nat.inputs and "allocationId" not in nat.inputs
    assert checks.deps(nat, "vpcId") == [result.one("aws:ec2/vpc:Vpc").urn]
    assert result.of_type("aws:ec2/eip:Eip") == []
    assert checks.nat_per_az_problems(result) == []


def test_flow_logs_go_to_an_encrypted_log_group() -> None:
    result = run_network()
    flow_log = result.one("aws:ec2/flowLog:FlowLog")
    vpc = result.one("aws:ec2/vpc:Vpc")
    group = result.one("aws:cloudwatch/logGroup:LogGroup")
    assert checks.deps(flow_log, "vpcId") == [vpc.urn]
    assert checks.deps(flow_log, "logDestination") == [group.urn]
    assert flow_log.inputs["trafficType"] == "ALL"
    assert flow_log.inputs["logDestinationType"] == "cloud-watch-logs"
    assert group.inputs["name"] == "/migration/dev/vpc-flow-logs"
    assert group.inputs["retentionInDays"] >= 30
    assert checks.deps(group, "kmsKeyId") == [result.named("key-dev").urn]
    role = result.one("aws:iam/role:Role")
    assert "vpc-flow-logs.amazonaws.com" in role.inputs["assumeRolePolicy"]


def test_database_port_is_never_open_to_the_internet() -> None:
    result = run_network(allowedDbClientCidrs='["10.40.0.0/16", "192.168.0.0/16"]')
    ingress = result.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    assert len(ingress) == 3
    for rule in ingress:
        assert rule.inputs.get("cidrIpv4") not in ("0.0.0.0/0",)
        assert "cidrIpv6" not in rule.inputs
        assert (rule.inputs["fromPort"], rule.inputs["toPort"]) == (5432, 5432)
    dms_sg = result.named("migration-dms-sg-dev")
    from_dms = result.named("migration-db-from-dms-dev")
    assert checks.deps(from_dms, "referencedSecurityGroupId") == [dms_sg.urn]
    for group in result.of_type("aws:ec2/securityGroup:SecurityGroup"):
        assert "ingress" not in group.inputs


def test_outputs() -> None:
    result = run_network(preview=False)
    network = result.result
    assert isinstance(network, Network)
    assert len(network.private_subnets) == 2 and len(network.nat_gateways) == 2
    assert result.named("network-dev").type == "migrationguard:reference:Network"
