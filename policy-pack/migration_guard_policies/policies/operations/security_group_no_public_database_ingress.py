"""security-group-no-public-database-ingress: no database port (or all ports) is open to the internet."""

from __future__ import annotations

import ipaddress

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Read, State
from ...settings import IntListSetting
from ...spec import SECURITY_TAG, Family, ResourcePolicySpec
from ...types import EC2_SECURITY_GROUP, EC2_SECURITY_GROUP_RULE, VPC_SECURITY_GROUP_INGRESS_RULE

ALL_TRAFFIC = ("-1", "all")
PORTED = ("tcp", "udp", "6", "17")  # protocols whose rules have port ranges
WHY = "ingress from 0.0.0.0/0 or ::/0 to a database port is reachable from the whole internet"

DATABASE_PORTS = IntListSetting(
    "databasePorts",
    default=(1433, 1521, 2484, 3306, 5432, 5439, 6379, 8182, 9042, 11211, 27017, 50000),
    item_minimum=0,
    item_maximum=65535,
    description="Ports treated as database ports.",
)


def is_public(cidr: str) -> bool:
    try:
        return ipaddress.ip_network(cidr.strip(), strict=False).prefixlen == 0
    except ValueError:
        return False


def database_ports(r: ResourceCheck) -> list[int]:
    return list(r.setting(DATABASE_PORTS))


def check_rule(r: ResourceCheck, where: str, protocol: Read, from_port: Read, to_port: Read,
               cidrs: list[Read], is_ingress: Read | None = None) -> None:
    """One ingress rule: report it when it is public and reaches a database port (or all ports)."""
    unknowns = [c for c in cidrs if c.has_unknown()]
    public = any(is_public(c.str() or "") for c in cidrs)
    if not public and not unknowns:
        return
    reached: str | None = None  # what the rule opens, when it opens something that matters
    undecided: list[Read] = []
    proto = str(protocol.value).strip().lower() if protocol.state is State.VALUE else ""
    if protocol.unknown:
        undecided.append(protocol)
    elif proto in ALL_TRAFFIC:
        reached = "all ports"
    elif proto in PORTED:
        if from_port.unknown or to_port.unknown:
            undecided += [p for p in (from_port, to_port) if p.unknown]
        else:
            low, high = from_port.int(), to_port.int()
            low, high = (0 if low is None else low), (65535 if high is None else high)
            hit = [p for p in database_ports(r) if low <= p <= high]
            if low <= 0 and high >= 65535:
                reached = "all ports"
            elif hit:
                reached = "database port" + ("s " if len(hit) > 1 else " ") + ", ".join(map(str, hit))
    if reached is None and not undecided:
        return
    if is_ingress is not None and is_ingress.unknown:
        undecided.append(is_ingress)
    if public and reached and not undecided:
        r.violation(
            f"{where} allows ingress from the internet (0.0.0.0/0 or ::/0) to {reached}: databases must only be "
            "reachable from inside the VPC. Restrict the source to the application's security group or private CIDRs."
        )
        return
    for read in (undecided if public else unknowns + undecided):
        r.unverifiable(read.path, WHY)


def check(r: ResourceCheck) -> None:
    p = r.props
    if r.type == EC2_SECURITY_GROUP:
        ingress = p.get("ingress")
        if ingress.unknown:
            r.unverifiable(ingress.path, WHY)
            return
        for i, _ in enumerate(ingress.list() or []):
            rule = f"ingress[{i}]"
            check_rule(r, rule, p.get(f"{rule}.protocol"), p.get(f"{rule}.fromPort"), p.get(f"{rule}.toPort"),
                       p.all(f"{rule}.cidrBlocks[*]") + p.all(f"{rule}.ipv6CidrBlocks[*]"))
    elif r.type == EC2_SECURITY_GROUP_RULE:
        kind = p.get("type")
        if kind.str() is not None and kind.str() != "ingress":
            r.not_applicable("an egress rule")
        check_rule(r, "the rule", p.get("protocol"), p.get("fromPort"), p.get("toPort"),
                   p.all("cidrBlocks[*]") + p.all("ipv6CidrBlocks[*]"), is_ingress=kind)
    else:
        check_rule(r, "the rule", p.get("ipProtocol"), p.get("fromPort"), p.get("toPort"),
                   [p.get("cidrIpv4"), p.get("cidrIpv6")])


SPEC = ResourcePolicySpec(
    name="security-group-no-public-database-ingress",
    description="Security groups do not open database ports, or all ports, to the internet.",
    family=Family.OPERATIONS,
    tags=(SECURITY_TAG,),  # public access is a security control (SARIF `security`), whatever its family
    severity="critical",
    level="mandatory",
    resource_types=(EC2_SECURITY_GROUP, EC2_SECURITY_GROUP_RULE, VPC_SECURITY_GROUP_INGRESS_RULE),
    rule=(
        "No ingress from `0.0.0.0/0` or `::/0` to a database port (databasePorts) or to all ports (protocol `-1`, "
        "or a TCP/UDP range covering 0-65535): inline `ingress` of an ec2 SecurityGroup, an ec2 SecurityGroupRule "
        "of type ingress, or a vpc SecurityGroupIngressRule."
    ),
    unknown_handling=(
        "unverifiable: an unknown CIDR on a rule that reaches a database port, or an unknown protocol or port on a "
        "rule open to the internet"
    ),
    remediation=(
        "1. Allow database ports only from security groups (referenced_security_group_id / security_groups) or "
        "private CIDRs.\n"
        "2. Use aws.vpc.SecurityGroupIngressRule resources, one per source, rather than wide inline rules.\n"
        "3. Reach databases from outside through a VPN, Direct Connect or Session Manager port forwarding."
    ),
    refs=("CKV_AWS_277",),
    settings=(DATABASE_PORTS,),
    check=check,
    examples=(
        Example(
            "PostgreSQL from another security group",
            {"securityGroupId": unknown(), "referencedSecurityGroupId": unknown(), "ipProtocol": "tcp",
             "fromPort": 5432, "toPort": 5432},
            "pass",
            type=VPC_SECURITY_GROUP_INGRESS_RULE,
        ),
        Example(
            "PostgreSQL open to the internet",
            {"securityGroupId": unknown(), "cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 5432,
             "toPort": 5432},
            "fail",
            type=VPC_SECURITY_GROUP_INGRESS_RULE,
            mentions=("5432",),
        ),
        Example(
            "Inline rule opening all traffic to ::/0",
            {"vpcId": unknown(), "ingress": [{"protocol": "-1", "fromPort": 0, "toPort": 0,
                                              "ipv6CidrBlocks": ["::/0"]}]},
            "fail",
            type=EC2_SECURITY_GROUP,
            mentions=("ingress[0]", "all ports"),
        ),
        Example(
            "HTTPS from the internet is not a database port",
            {"type": "ingress", "protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": ["0.0.0.0/0"],
             "securityGroupId": unknown()},
            "pass",
            type=EC2_SECURITY_GROUP_RULE,
        ),
        Example(
            "Private CIDR to MySQL",
            {"type": "ingress", "protocol": "tcp", "fromPort": 3306, "toPort": 3306, "cidrBlocks": ["10.0.0.0/16"],
             "securityGroupId": unknown()},
            "pass",
            type=EC2_SECURITY_GROUP_RULE,
        ),
        Example(
            "CIDR computed from another output on a database port",
            {"securityGroupId": unknown(), "cidrIpv4": unknown(), "ipProtocol": "tcp", "fromPort": 5432,
             "toPort": 5432},
            "unverifiable",
            type=VPC_SECURITY_GROUP_INGRESS_RULE,
        ),
        Example(
            "Egress rule",
            {"type": "egress", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"],
             "securityGroupId": unknown()},
            "not_applicable",
            type=EC2_SECURITY_GROUP_RULE,
        ),
    ),
)
