"""nat-gateway-per-az (stack): private subnets leave the VPC through a NAT gateway in their own AZ."""

from __future__ import annotations

from ...context import StackCheck, StackResourceView
from ...spec import Family, StackPolicySpec
from ...types import (
    EC2_DEFAULT_ROUTE_TABLE,
    EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
    EC2_NAT_GATEWAY,
    EC2_ROUTE,
    EC2_ROUTE_TABLE,
    EC2_ROUTE_TABLE_ASSOCIATION,
    EC2_SUBNET,
    EC2_VPC,
)
from ..stack_links import Zone, distinct_zones, same_zone, zone_of
from ._nat_examples import EXAMPLES
from ._planned import Links
from ._routing import DEFAULT_ROUTE, Nat, Table, associations, public_nats, route_targets

WHY = "it decides whether a private subnet's outbound traffic survives an outage of another AZ"


def _first_nat_by_zone(nats: dict[str, Nat]) -> dict[tuple[str, str], Nat]:
    """(zone kind, zone in lower case) -> the first zonal NAT gateway there: one pass, not one per violation."""
    found: dict[tuple[str, str], Nat] = {}
    for nat in nats.values():
        if not nat.regional and nat.zone is not None:
            found.setdefault((nat.zone.kind, nat.zone.value.lower()), nat)
    return found


def _fix(subnet_zone: Zone, by_zone: dict[tuple[str, str], Nat]) -> str:
    nat = by_zone.get((subnet_zone.kind, subnet_zone.value.lower()))
    if nat is not None:
        return f"Point its default route at NAT gateway {nat.res.name}, which is in {subnet_zone}."
    return (f"Create a NAT gateway in a public subnet of {subnet_zone} (or a regional NAT gateway covering it) "
            "and point the subnet's default route at it.")


class _Judge:
    """Checks each (private subnet, default route) pair; remembers zonal gateways of unknown AZ."""

    def __init__(self, ctx: StackCheck, nats: dict[str, Nat]) -> None:
        self.ctx, self.nats = ctx, nats
        self.by_zone = _first_nat_by_zone(nats)
        self.shared: dict[str, list[tuple[StackResourceView, Zone]]] = {}

    def route(self, subnet: StackResourceView, table: Table, nat: Nat) -> None:
        zone = zone_of(subnet)
        if nat.undecided is not None:
            self.ctx.unverifiable_for(*nat.undecided, WHY)
        elif nat.regional and nat.covers is None and nat.unknown is None:
            return  # a regional gateway in automatic mode serves every AZ
        elif not nat.regional and nat.zone is None and nat.unknown is None:
            return  # a zonal gateway in a subnet outside the stack: its AZ is not ours to check
        elif zone is None:
            self.ctx.unverifiable_for(subnet, "availabilityZone", WHY)
            if nat.unknown is not None:
                self.ctx.unverifiable_for(*nat.unknown, WHY)
        elif nat.regional:
            self._regional(subnet, zone, table, nat)
        elif nat.zone is None:
            self.shared.setdefault(nat.res.urn, []).append((subnet, zone))
        else:
            same = same_zone(zone, nat.zone)
            if same is None:
                self.ctx.unverifiable_for(subnet, "availabilityZone", WHY + " (AZ names and ids cannot be compared)")
            elif not same:
                self._violation(subnet, zone, table, f"NAT gateway {nat.res.name} in {nat.zone}")

    def _regional(self, subnet: StackResourceView, zone: Zone, table: Table, nat: Nat) -> None:
        matches = [same_zone(zone, covered) for covered in nat.covers or []]
        if True in matches:
            return
        if nat.unknown is not None or None in matches:
            self.ctx.unverifiable_for(*(nat.unknown or (nat.res, "availabilityZoneAddresses")), WHY)
            return
        where = f"regional NAT gateway {nat.res.name}, whose availabilityZoneAddresses do not include {zone}"
        self._violation(subnet, zone, table, where)

    def _violation(self, subnet: StackResourceView, zone: Zone, table: Table, where: str) -> None:
        self.ctx.violation(
            f"private subnet {subnet.name} in {zone} sends its default route ({DEFAULT_ROUTE}, {table.label}) "
            f"to {where}: an outage of another AZ cuts its outbound traffic. {_fix(zone, self.by_zone)}",
            subnet,
        )

    def finish(self) -> None:
        """Zonal gateways of unknown AZ: shared by private subnets of 2 or more AZs is decidable."""
        for urn, users in self.shared.items():
            nat = self.nats[urn]
            count = distinct_zones([zone for _, zone in users])
            if count is not None and count >= 2:
                names = ", ".join(sorted({f"{s.name} ({z})" for s, z in users}))
                self.ctx.violation(
                    f"NAT gateway {nat.res.name} is the default route of private subnets in {count} Availability "
                    f"Zones ({names}), but a zonal NAT gateway lives in one AZ: the other subnets depend on it. "
                    "Create one NAT gateway per AZ and route each private subnet to the one in its own AZ.",
                    nat.res,
                )
            elif nat.unknown is not None:
                self.ctx.unverifiable_for(*nat.unknown, WHY)


def check(ctx: StackCheck) -> None:
    links = Links(ctx)
    nats = public_nats(ctx, links)
    targets = route_targets(ctx, links, nats)
    judge = _Judge(ctx, nats)
    for subnet, table in associations(ctx, links, WHY):
        for target in targets.get(table.key, []):
            if target.nat is None:
                ctx.unverifiable_for(*target.where, WHY)
            else:
                judge.route(subnet, table, target.nat)
    judge.finish()


SPEC = StackPolicySpec(
    name="nat-gateway-per-az",
    description="Private subnets reach the internet through a NAT gateway in their own Availability Zone.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(EC2_NAT_GATEWAY, EC2_SUBNET, EC2_ROUTE_TABLE, EC2_ROUTE, EC2_ROUTE_TABLE_ASSOCIATION, EC2_VPC,
                    EC2_DEFAULT_ROUTE_TABLE, EC2_MAIN_ROUTE_TABLE_ASSOCIATION),
    rule=(
        "For each VPC: every AZ holding a private subnet whose default route goes to a public NAT gateway has "
        "its own zonal NAT gateway, and that subnet's route targets the NAT gateway in its own AZ. A zonal "
        "gateway's AZ is its subnet's (`subnetId` -> Subnet `availabilityZone` / `availabilityZoneId`). A "
        "gateway with `availabilityMode: regional` covers every AZ when `availabilityZoneAddresses` is absent, "
        "and only the listed AZs otherwise. Private-connectivity gateways (`connectivityType: private`) are "
        "ignored. Routes are inline (`routes[].natGatewayId`) or `aws:ec2/route:Route` resources; associations "
        "link subnets to route tables (a subnet without one uses its VPC's main route table). Links are resolved through property dependencies (or literal ids); where "
        "a gateway's AZ is unknown, private subnets of 2 or more distinct AZs routing to the same zonal gateway "
        "fail (so there are at least as many zonal NAT gateways as AZs, and at least 2 for 2 or more AZs)."
    ),
    unknown_handling=(
        "unverifiable (an unknown AZ of a private subnet or of a NAT gateway's subnet, an unknown route "
        "destination, or a link that cannot be resolved during preview), after every decidable violation"
    ),
    remediation=(
        "1. Create one public subnet and one NAT gateway per AZ: aws.ec2.NatGateway(..., subnet_id=public[az].id, "
        "allocation_id=eip[az].allocation_id).\n"
        "2. Give each AZ's private subnets their own route table with aws.ec2.Route(..., "
        "destination_cidr_block=\"0.0.0.0/0\", nat_gateway_id=nat[az].id).\n"
        "3. Or use one regional NAT gateway (availability_mode=\"regional\", vpc_id=vpc.id) without "
        "availability_zone_addresses, or listing every AZ of the private subnets."
    ),
    refs=("seed 004",),
    echoes=frozenset({"availabilityZone", "availabilityZoneId", "cidrBlock", "destinationCidrBlock"}),
    check=check,
    examples=EXAMPLES,
)
