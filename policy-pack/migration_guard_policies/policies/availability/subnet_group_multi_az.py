"""subnet-group-multi-az (stack): database, DMS and cache subnet groups span at least two AZs."""

from __future__ import annotations

from ...context import StackCheck, StackResourceView
from ...examples import StackExample, StackResource, unknown
from ...spec import Family, StackPolicySpec
from ...types import DMS_REPLICATION_SUBNET_GROUP, EC2_SUBNET, ELASTICACHE_SUBNET_GROUP, RDS_SUBNET_GROUP
from ..stack_links import distinct_zones, subnets_of, zone_of

GROUP_TYPES = (RDS_SUBNET_GROUP, DMS_REPLICATION_SUBNET_GROUP, ELASTICACHE_SUBNET_GROUP)
WHY = "a subnet group in a single AZ leaves no AZ for a standby or replica"


def _subnet_count(group: StackResourceView) -> int | None:
    items = group.props.get("subnetIds").list()
    if items is None:
        return None
    literals = {item for item in items if isinstance(item, str)}
    return len(literals) + sum(1 for item in items if not isinstance(item, str))


def check_group(ctx: StackCheck, group: StackResourceView) -> None:
    read = group.props.get("subnetIds")
    if read.unknown:
        ctx.unverifiable_for(group, "subnetIds", WHY)
        return
    count = _subnet_count(group) or 0
    if count < 2:
        ctx.violation(
            f"{group.name} has {count} subnet(s) in subnetIds: a subnet group needs subnets in at least two "
            "Availability Zones for Multi-AZ standbys and failover. Add a subnet of a second AZ.",
            group,
        )
        return
    subnets = subnets_of(ctx, group, "subnetIds")
    if len(subnets) < count:
        return  # some subnets are not resources of this stack: their AZs are not ours to check
    zones = [zone for zone in (zone_of(s) for s in subnets) if zone is not None]
    distinct = distinct_zones(zones)
    if distinct is not None and distinct >= 2:
        return
    undecided = [s for s in subnets if zone_of(s) is None]
    for subnet in undecided:
        ctx.unverifiable_for(subnet, "availabilityZone", f"it decides whether {group.name} spans two AZs")
    if undecided or distinct is None:
        if distinct is None:
            ctx.unverifiable_for(group, "subnetIds", "its subnets name AZs by name and by id, which cannot "
                                 "be compared during preview")
        return
    ctx.violation(
        f"every subnet of {group.name} is in Availability Zone {zones[0]}: an outage of that AZ takes down the "
        "database, replication instance or cache and its standby. Use subnets of at least two AZs.",
        group,
    )


def check(ctx: StackCheck) -> None:
    for group in ctx.of_type(*GROUP_TYPES):
        check_group(ctx, group)


def _subnet(name: str, zone: object) -> StackResource:
    return StackResource(EC2_SUBNET, name, {"vpcId": unknown(), "cidrBlock": "10.0.0.0/24", "availabilityZone": zone})


def _group(type_: str, *subnets: str) -> StackResource:
    return StackResource(type_, "db-subnets-dev", {"subnetIds": [unknown() for _ in subnets]},
                         deps={"subnetIds": subnets})


SPEC = StackPolicySpec(
    name="subnet-group-multi-az",
    description="RDS, DMS and ElastiCache subnet groups have subnets in at least two Availability Zones.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(*GROUP_TYPES, EC2_SUBNET),
    rule=(
        "At least 2 subnets in `subnetIds`; where those subnets are resources of the stack with a literal AZ "
        "(`availabilityZone` or `availabilityZoneId`), they span at least 2 distinct AZs. Subnets are found "
        "through property dependencies or literal subnet ids."
    ),
    unknown_handling="unverifiable (an unknown subnet list, or an unknown AZ of a subnet that decides the span)",
    remediation=(
        "1. Create one private subnet per AZ: aws.ec2.Subnet(..., availability_zone=zone) for 2 or 3 zones.\n"
        "2. Pass all of them: aws.rds.SubnetGroup(..., subnet_ids=[s.id for s in private_subnets]) (likewise "
        "aws.dms.ReplicationSubnetGroup and aws.elasticache.SubnetGroup)."
    ),
    refs=("seed 001", "seed 004"),
    echoes=frozenset({"availabilityZone", "availabilityZoneId"}),
    check=check,
    examples=(
        StackExample(
            "RDS subnet group over subnets in two AZs",
            (_subnet("private-a-dev", "us-east-1a"), _subnet("private-b-dev", "us-east-1b"),
             _group(RDS_SUBNET_GROUP, "private-a-dev", "private-b-dev")),
            "pass",
        ),
        StackExample(
            "DMS subnet group with a single subnet",
            (_subnet("private-a-dev", "us-east-1a"), _group(DMS_REPLICATION_SUBNET_GROUP, "private-a-dev")),
            "fail",
            mentions=("subnetIds",),
            failing=("db-subnets-dev",),
        ),
        StackExample(
            "Two subnets, both in the same AZ (seed 001)",
            (_subnet("private-1-dev", "us-east-1a"), _subnet("private-2-dev", "us-east-1a"),
             _group(ELASTICACHE_SUBNET_GROUP, "private-1-dev", "private-2-dev")),
            "fail",
            mentions=("us-east-1a",),
            failing=("db-subnets-dev",),
        ),
        StackExample(
            "Subnets whose AZs come from another output",
            (_subnet("private-a-dev", unknown()), _subnet("private-b-dev", unknown()),
             _group(RDS_SUBNET_GROUP, "private-a-dev", "private-b-dev")),
            "unverifiable",
        ),
        StackExample(
            "Existing subnets outside the stack, by literal id",
            (StackResource(RDS_SUBNET_GROUP, "db-subnets-dev", {"subnetIds": ["subnet-0a1", "subnet-0b2"]}),),
            "pass",
        ),
    ),
)
