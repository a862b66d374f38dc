"""subnet-group-multi-az (stack): database, DMS and cache subnet groups span at least two AZs."""

from __future__ import annotations

from ...examples import StackExample, StackResource, unknown
from ...model import Family, StackCheck, StackPolicySpec, StackResourceView
from ...props import State
from ...types import (
    DMS_REPLICATION_SUBNET_GROUP,
    DOCDB_SUBNET_GROUP,
    EC2_SUBNET,
    ELASTICACHE_SUBNET_GROUP,
    MEMORYDB_SUBNET_GROUP,
    NEPTUNE_SUBNET_GROUP,
    RDS_SUBNET_GROUP,
    REDSHIFT_SUBNET_GROUP,
)
from ..stack_links import Zone, distinct_zones
from ._planned import NameIndex, planned_zone, referenced

GROUP_TYPES = (RDS_SUBNET_GROUP, DMS_REPLICATION_SUBNET_GROUP, ELASTICACHE_SUBNET_GROUP, DOCDB_SUBNET_GROUP,
               NEPTUNE_SUBNET_GROUP, REDSHIFT_SUBNET_GROUP, MEMORYDB_SUBNET_GROUP)
WHY = "a subnet group in a single AZ leaves no AZ for a standby or replica"


def _subnet_count(group: StackResourceView) -> int | None:
    items = group.props.get("subnetIds").list()
    if items is None:
        return None
    literals = {item for item in items if isinstance(item, str)}
    return len(literals) + sum(1 for item in items if not isinstance(item, str))


def check_group(ctx: StackCheck, subnets_index: NameIndex, group: StackResourceView) -> None:
    read = group.props.get("subnetIds")
    if read.unknown:
        ctx.unverifiable_for(group, "subnetIds", WHY)
        return
    count = _subnet_count(group)
    if count is None and read.state not in (State.ABSENT, State.NULL):
        ctx.violation(f"{group.name}.subnetIds is not a list of subnet ids and cannot be read: {WHY}. "
                      "Pass the ids of subnets in at least two AZs.", group)
        return
    if (count or 0) < 2:
        ctx.violation(
            f"{group.name} has {count or 0} subnet(s) in subnetIds: a subnet group needs subnets in at least two "
            "Availability Zones for Multi-AZ standbys and failover. Add a subnet of a second AZ.",
            group,
        )
        return
    subnets = referenced(ctx, subnets_index, group, "subnetIds")
    if len(subnets) < (count or 0):
        return  # some subnets are not resources of this stack: their AZs are not ours to check
    placed = [(subnet, planned_zone(ctx, subnet)) for subnet in subnets]
    zones = [zone for _, zone in placed if isinstance(zone, Zone)]
    distinct = distinct_zones(zones)
    if distinct is not None and distinct >= 2:
        return
    undecided = [subnet for subnet, zone in placed if not isinstance(zone, Zone)]
    for subnet in undecided:
        ctx.unverifiable_for(subnet, "availabilityZone", f"it decides whether {group.name} spans two AZs")
    if undecided or distinct is None:
        if distinct is None:
            ctx.unverifiable_for(group, "subnetIds", "its subnets name AZs by name and by id, which cannot "
                                 "be compared during preview")
        return
    ctx.violation(
        f"every subnet of {group.name} is in Availability Zone {zones[0]}: an outage of that AZ takes down the "
        "database, replication instance, warehouse or cache and its standby. Use subnets of at least two AZs.",
        group,
    )


def check(ctx: StackCheck) -> None:
    subnets_index = NameIndex(ctx, (EC2_SUBNET,), ())
    for group in ctx.of_type(*GROUP_TYPES):
        check_group(ctx, subnets_index, group)


def _subnet(name: str, zone: object) -> StackResource:
    return StackResource(EC2_SUBNET, name, {"vpcId": unknown(), "cidrBlock": "10.0.0.0/24", "availabilityZone": zone})


def _group(type_: str, *subnets: str) -> StackResource:
    return StackResource(type_, "db-subnets-dev", {"subnetIds": [unknown() for _ in subnets]},
                         deps={"subnetIds": subnets})


SPEC = StackPolicySpec(
    name="subnet-group-multi-az",
    description=(
        "RDS, DMS, ElastiCache, DocumentDB, Neptune, Redshift and MemoryDB subnet groups have subnets in at least "
        "two Availability Zones."
    ),
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(*GROUP_TYPES, EC2_SUBNET),
    rule=(
        "Applies to rds, docdb, neptune, redshift, memorydb and elasticache SubnetGroups and dms "
        "ReplicationSubnetGroups. At least 2 subnets in `subnetIds`; where those subnets are resources of the stack with a literal AZ "
        "(`availabilityZone` or `availabilityZoneId`), they span at least 2 distinct AZs. Subnets are found "
        "through property dependencies or literal subnet ids."
    ),
    unknown_handling=(
        "unverifiable (an unknown subnet list, or an unknown AZ of a subnet that decides the span; under the real "
        "engine a subnet's unset availabilityZone is unknown and its availabilityZoneId, when set, decides)"
    ),
    remediation=(
        "1. Create one private subnet per AZ: aws.ec2.Subnet(..., availability_zone=zone) for 2 or 3 zones.\n"
        "2. Pass all of them: aws.rds.SubnetGroup(..., subnet_ids=[s.id for s in private_subnets]) (likewise "
        "aws.dms.ReplicationSubnetGroup, aws.elasticache.SubnetGroup, aws.docdb.SubnetGroup, aws.neptune.SubnetGroup, "
        "aws.redshift.SubnetGroup and aws.memorydb.SubnetGroup)."
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
            "DocumentDB subnet group with a single subnet",
            (_subnet("private-a-dev", "us-east-1a"), _group(DOCDB_SUBNET_GROUP, "private-a-dev")),
            "fail",
            mentions=("subnetIds",),
            failing=("db-subnets-dev",),
        ),
        StackExample(
            "Redshift subnet group over two AZs",
            (_subnet("private-a-dev", "us-east-1a"), _subnet("private-b-dev", "us-east-1b"),
             _group(REDSHIFT_SUBNET_GROUP, "private-a-dev", "private-b-dev")),
            "pass",
        ),
        StackExample(
            "MemoryDB subnet group over subnets of one AZ",
            (_subnet("private-1-dev", "us-east-1a"), _subnet("private-2-dev", "us-east-1a"),
             _group(MEMORYDB_SUBNET_GROUP, "private-1-dev", "private-2-dev")),
            "fail",
            mentions=("us-east-1a",),
            failing=("db-subnets-dev",),
        ),
        StackExample(
            "Existing subnets outside the stack, by literal id",
            (StackResource(RDS_SUBNET_GROUP, "db-subnets-dev", {"subnetIds": ["subnet-0a1", "subnet-0b2"]}),),
            "pass",
        ),
    ),
)
