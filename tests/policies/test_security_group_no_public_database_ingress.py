"""Tricky cases of security-group-no-public-database-ingress, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.security_group_no_public_database_ingress import SPEC
from migration_guard_policies.types import (
    EC2_SECURITY_GROUP,
    EC2_SECURITY_GROUP_RULE,
    VPC_SECURITY_GROUP_INGRESS_RULE,
)


def vpc_rule(**props: object):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, VPC_SECURITY_GROUP_INGRESS_RULE, {"securityGroupId": unknown(), **props})


def group(*ingress: dict, config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, EC2_SECURITY_GROUP, {"vpcId": unknown(), "ingress": list(ingress)}, config=config)


def test_ranges_covering_a_database_port() -> None:
    result = vpc_rule(cidrIpv4="0.0.0.0/0", ipProtocol="tcp", fromPort=3000, toPort=6000)
    assert result.violations and "3306, 5432" in result.violations[0].detail
    assert vpc_rule(cidrIpv4="0.0.0.0/0", ipProtocol="tcp", fromPort=80, toPort=443).passed
    full = vpc_rule(cidrIpv6="::/0", ipProtocol="tcp", fromPort=0, toPort=65535)
    assert full.violations and "all ports" in full.violations[0].detail


def test_all_traffic_protocol_and_equivalent_cidrs() -> None:
    assert vpc_rule(cidrIpv4="0.0.0.0/0", ipProtocol="-1").violations
    assert vpc_rule(cidrIpv6="0::/0", ipProtocol="all").violations
    assert vpc_rule(cidrIpv4="0.0.0.0/0", ipProtocol="icmp", fromPort=-1, toPort=-1).passed
    assert vpc_rule(cidrIpv4="10.0.0.0/8", ipProtocol="-1").passed
    assert vpc_rule(referencedSecurityGroupId=unknown(), ipProtocol="-1").passed


def test_inline_rules_each_reported_with_their_index() -> None:
    result = group(
        {"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": ["0.0.0.0/0"]},
        {"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "cidrBlocks": ["10.0.0.0/16", "0.0.0.0/0"]},
        {"protocol": "6", "fromPort": 27017, "toPort": 27017, "ipv6CidrBlocks": ["::/0"]},
    )
    assert [d.detail.split(" ", 1)[0] for d in result.violations] == ["ingress[1]", "ingress[2]"]


def test_unknowns_only_matter_when_they_decide() -> None:
    assert vpc_rule(cidrIpv4=unknown(), ipProtocol="tcp", fromPort=443, toPort=443).passed
    assert vpc_rule(cidrIpv4=unknown(), ipProtocol="tcp", fromPort=5432, toPort=5432).unverifiable
    assert vpc_rule(cidrIpv4="0.0.0.0/0", ipProtocol="tcp", fromPort=unknown("number"), toPort=5432).unverifiable
    assert vpc_rule(cidrIpv4="10.1.0.0/16", ipProtocol=unknown(), fromPort=unknown("number")).passed
    assert group({"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "securityGroups": unknown("array")}).passed
    assert group({"protocol": "tcp", "fromPort": 5432, "toPort": 5432, "cidrBlocks": unknown("array")}).unverifiable
    assert analyze_resource(SPEC, EC2_SECURITY_GROUP, {"ingress": unknown("array")}).unverifiable


def test_security_group_rule_type() -> None:
    base = {"protocol": "tcp", "fromPort": 1433, "toPort": 1433, "cidrBlocks": ["0.0.0.0/0"]}
    assert analyze_resource(SPEC, EC2_SECURITY_GROUP_RULE, {"type": "ingress", **base}).violations
    assert analyze_resource(SPEC, EC2_SECURITY_GROUP_RULE, {"type": "egress", **base}).not_applicable
    assert analyze_resource(SPEC, EC2_SECURITY_GROUP_RULE, {"type": unknown(), **base}).unverifiable


def test_configured_ports() -> None:
    rule = {"protocol": "tcp", "fromPort": 8443, "toPort": 8443, "cidrBlocks": ["0.0.0.0/0"]}
    assert group(rule).passed
    assert group(rule, config={"databasePorts": [8443]}).violations
