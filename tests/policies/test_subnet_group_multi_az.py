"""subnet-group-multi-az: counting subnets, resolving them and comparing their AZs."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.availability.subnet_group_multi_az import SPEC
from migration_guard_policies.types import DMS_REPLICATION_SUBNET_GROUP, EC2_SUBNET, RDS_SUBNET_GROUP


def subnet(name: str, **zone: object) -> StackResource:
    return StackResource(EC2_SUBNET, name, {"cidrBlock": "10.0.0.0/24", **zone})


def group(name: str, *subnets: str, type_: str = RDS_SUBNET_GROUP, ids: list[object] | None = None) -> StackResource:
    return StackResource(type_, name, {"subnetIds": ids if ids is not None else [unknown() for _ in subnets]},
                         deps={"subnetIds": subnets} if subnets else {})


def test_zone_ids_count_as_zones() -> None:
    resources = [subnet("a-dev", availabilityZoneId="use1-az1"), subnet("b-dev", availabilityZoneId="use1-az2"),
                 group("g-dev", "a-dev", "b-dev")]
    assert analyze_stack(SPEC, resources).passed


def test_zone_names_and_ids_mixed_cannot_be_compared() -> None:
    resources = [subnet("a-dev", availabilityZone="us-east-1a"), subnet("b-dev", availabilityZoneId="use1-az2"),
                 group("g-dev", "a-dev", "b-dev")]
    result = analyze_stack(SPEC, resources)
    assert not result.violations and result.unverifiable


def test_duplicate_literal_subnet_counts_once() -> None:
    resources = [group("g-dev", ids=["subnet-1", "subnet-1"], type_=DMS_REPLICATION_SUBNET_GROUP)]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("g-dev", resources)]


def test_unknown_subnet_list_is_unverifiable() -> None:
    resources = [StackResource(RDS_SUBNET_GROUP, "g-dev", {"subnetIds": unknown("array")})]
    result = analyze_stack(SPEC, resources)
    assert not result.violations and "g-dev.subnetIds" in result.unverifiable[0].message


def test_only_the_single_az_group_fails() -> None:
    resources = [subnet("a-dev", availabilityZone="us-east-1a"), subnet("a2-dev", availabilityZone="us-east-1a"),
                 subnet("b-dev", availabilityZone="us-east-1b"),
                 group("good-dev", "a-dev", "b-dev"), group("bad-dev", "a-dev", "a2-dev")]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("bad-dev", resources)]


def test_subnets_linked_by_literal_id_at_pulumi_up() -> None:
    resources = [StackResource(EC2_SUBNET, "a-dev", {"id": "subnet-a", "availabilityZone": "us-east-1a"}),
                 StackResource(EC2_SUBNET, "b-dev", {"id": "subnet-b", "availabilityZone": "us-east-1a"}),
                 group("g-dev", ids=["subnet-a", "subnet-b"])]
    assert len(analyze_stack(SPEC, resources).violations) == 1


def test_every_r2_subnet_group_type_is_checked() -> None:
    from migration_guard_policies.types import (
        DOCDB_SUBNET_GROUP,
        MEMORYDB_SUBNET_GROUP,
        NEPTUNE_SUBNET_GROUP,
        REDSHIFT_SUBNET_GROUP,
    )

    for type_ in (DOCDB_SUBNET_GROUP, NEPTUNE_SUBNET_GROUP, REDSHIFT_SUBNET_GROUP, MEMORYDB_SUBNET_GROUP):
        single = [subnet("a-dev", availabilityZone="us-east-1a"), group("g-dev", "a-dev", type_=type_)]
        assert len(analyze_stack(SPEC, single).violations) == 1, type_
        spread = [subnet("a-dev", availabilityZone="us-east-1a"), subnet("b-dev", availabilityZone="us-east-1b"),
                  group("g-dev", "a-dev", "b-dev", type_=type_)]
        assert analyze_stack(SPEC, spread).passed, type_


def test_subnet_ids_of_the_wrong_shape_fail_closed() -> None:
    resources = [StackResource(RDS_SUBNET_GROUP, "g-dev", {"subnetIds": "subnet-1,subnet-2"})]
    result = analyze_stack(SPEC, resources)
    assert len(result.violations) == 1 and "cannot be read" in result.violations[0].detail


def test_many_groups_over_literal_subnet_ids() -> None:
    resources = [StackResource(EC2_SUBNET, f"s{n}-dev", {"id": f"subnet-{n}", "availabilityZone": f"us-east-1{'ab'[n % 2]}"})
                 for n in range(400)]
    resources += [group(f"g{n}-dev", ids=[f"subnet-{n}", f"subnet-{n + 2}"]) for n in range(0, 398, 2)]
    result = analyze_stack(SPEC, resources)
    assert len(result.violations) == 199  # each group's two subnets share an AZ
