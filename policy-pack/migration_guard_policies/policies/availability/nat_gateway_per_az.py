"""nat-gateway-per-az (stack): private subnets leave the VPC through a NAT gateway in their own AZ."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Family, StackCheck, StackPolicySpec, StackResourceView
from ...types import EC2_NAT_GATEWAY, EC2_ROUTE, EC2_ROUTE_TABLE, EC2_ROUTE_TABLE_ASSOCIATION, EC2_SUBNET
from ._links import Zone, distinct_zones, linked, same_zone, subnets_of, zone_of
from ._nat_examples import EXAMPLES

DEFAULT_ROUTE = "0.0.0.0/0"
WHY = "it decides whether a private subnet's outbound traffic survives an outage of another AZ"
Where = tuple[StackResourceView, str]  # the resource and property holding an unknown value


@dataclass
class Nat:
    res: StackResourceView
    regional: bool
    zone: Zone | None = None  # a zonal gateway's AZ (its subnet's)
    covers: list[Zone] | None = None  # a regional gateway's listed AZs; None = every AZ
    unknown: Where | None = None  # what hides the gateway's AZ (or coverage) during preview
    undecided: Where | None = None  # what hides whether the gateway is public at all


@dataclass
class Target:
    """A default route of a route table: to a NAT gateway of the stack, or undecided (nat None)."""

    nat: Nat | None
    where: Where


def _nat(ctx: StackCheck, res: StackResourceView) -> Nat | None:
    """A public NAT gateway of the stack; None for private-connectivity gateways."""
    connectivity = res.props.get("connectivityType")
    if (connectivity.str() or "").lower() == "private":
        return None
    mode = (res.props.get("availabilityMode").str() or "").lower()
    if not mode:  # unset (or computed during preview): a regional gateway has a vpcId and no subnetId
        regional = not res.props.get("subnetId").present and res.props.get("vpcId").present
        mode = "regional" if regional else "zonal"
    if connectivity.unknown and mode == "zonal":
        return Nat(res, False, undecided=(res, "connectivityType"))
    if mode == "regional":
        return _regional(res)
    subnets = subnets_of(ctx, res, "subnetId")
    if subnets:
        zone = zone_of(subnets[0])
        return Nat(res, False, zone=zone, unknown=None if zone else (subnets[0], "availabilityZone"))
    if res.props.get("subnetId").unknown:
        return Nat(res, False, unknown=(res, "subnetId"))
    return Nat(res, False)  # in a subnet outside the stack: its AZ is not ours to check


def _regional(res: StackResourceView) -> Nat:
    addresses = res.props.get("availabilityZoneAddresses")
    if addresses.unknown:
        return Nat(res, True, unknown=(res, "availabilityZoneAddresses"))
    items = addresses.list() or []
    if not items:
        return Nat(res, True)  # automatic mode: the gateway expands to every AZ with a workload
    zones: list[Zone] = []
    for index in range(len(items)):
        for key in ("availabilityZone", "availabilityZoneId"):
            read = res.props.get(f"availabilityZoneAddresses[{index}].{key}")
            if read.unknown:
                return Nat(res, True, covers=zones, unknown=(res, "availabilityZoneAddresses"))
            if read.str():
                zones.append(Zone(key, read.str() or ""))
                break
    return Nat(res, True, covers=zones)


def _route_targets(ctx: StackCheck, nats: dict[str, Nat]) -> dict[str, list[Target]]:
    """Route table URN -> its default routes that go to NAT gateways (inline or Route resources)."""
    targets: dict[str, list[Target]] = {}
    for table in ctx.of_type(EC2_ROUTE_TABLE):
        nat_deps = [nats[d.urn] for d in ctx.deps(table, "routes") if d.urn in nats]
        routes = table.props.get("routes")
        items = routes.list()
        if items is None:
            if routes.unknown and nat_deps:
                targets.setdefault(table.urn, []).append(Target(None, (table, "routes")))
            continue
        for index in range(len(items)):
            path = f"routes[{index}]"
            nat_id = table.props.get(f"{path}.natGatewayId")
            if not nat_id.present:
                continue
            cidr = table.props.get(f"{path}.cidrBlock")
            if cidr.known and cidr.str() != DEFAULT_ROUTE:
                continue
            literal = [n for n in nats.values() if nat_id.str() and n.res.props.get("id").str() == nat_id.str()]
            found = literal or (nat_deps if len(nat_deps) == 1 else [])
            if cidr.unknown or (not found and len(nat_deps) > 1):
                where = f"{path}.cidrBlock" if cidr.unknown else f"{path}.natGatewayId"
                targets.setdefault(table.urn, []).append(Target(None, (table, where)))
            for nat in found:
                targets.setdefault(table.urn, []).append(Target(nat, (table, f"{path}.natGatewayId")))
    for route in ctx.of_type(EC2_ROUTE):
        found = [nats[n.urn] for n in linked(ctx, route, "natGatewayId", (EC2_NAT_GATEWAY,)) if n.urn in nats]
        cidr = route.props.get("destinationCidrBlock")
        if not found or (cidr.known and cidr.str() != DEFAULT_ROUTE):
            continue
        tables = linked(ctx, route, "routeTableId", (EC2_ROUTE_TABLE,))
        if not tables and route.props.get("routeTableId").unknown:
            ctx.unverifiable_for(route, "routeTableId", WHY)
        for table in tables:
            for nat in found:
                held: Where = (route, "destinationCidrBlock") if cidr.unknown else (route, "natGatewayId")
                targets.setdefault(table.urn, []).append(Target(None if cidr.unknown else nat, held))
    return targets


def _associations(ctx: StackCheck) -> list[tuple[StackResourceView, StackResourceView]]:
    """(subnet, route table) pairs of the stack's route table associations."""
    pairs: list[tuple[StackResourceView, StackResourceView]] = []
    for assoc in ctx.of_type(EC2_ROUTE_TABLE_ASSOCIATION):
        if not assoc.props.get("subnetId").present:
            continue  # an edge association with a gateway
        subnets = subnets_of(ctx, assoc, "subnetId")
        tables = linked(ctx, assoc, "routeTableId", (EC2_ROUTE_TABLE,))
        for prop, found in (("subnetId", subnets), ("routeTableId", tables)):
            if not found and assoc.props.get(prop).unknown and not ctx.deps(assoc, prop):
                ctx.unverifiable_for(assoc, prop, WHY)
        pairs.extend((subnet, table) for subnet in subnets for table in tables)
    return pairs


def _fix(subnet_zone: Zone, nats: dict[str, Nat]) -> str:
    for nat in nats.values():
        if not nat.regional and nat.zone is not None and same_zone(nat.zone, subnet_zone):
            return f"Point its default route at NAT gateway {nat.res.name}, which is in {subnet_zone}."
    return (f"Create a NAT gateway in a public subnet of {subnet_zone} (or a regional NAT gateway covering it) "
            "and point the subnet's default route at it.")


class _Judge:
    """Checks each (private subnet, default route) pair; remembers zonal gateways of unknown AZ."""

    def __init__(self, ctx: StackCheck, nats: dict[str, Nat]) -> None:
        self.ctx, self.nats = ctx, nats
        self.shared: dict[str, list[tuple[StackResourceView, Zone]]] = {}

    def route(self, subnet: StackResourceView, table: StackResourceView, nat: Nat) -> None:
        zone = zone_of(subnet)
        if nat.undecided is not None:
            self.ctx.unverifiable_for(*nat.undecided, WHY)
        elif nat.regional and nat.covers is None and nat.unknown is None:
            return  # a regional gateway in automatic mode serves every AZ
        elif zone is None:
            self.ctx.unverifiable_for(subnet, "availabilityZone", WHY)
            if nat.unknown is not None:
                self.ctx.unverifiable_for(*nat.unknown, WHY)
        elif nat.regional:
            self._regional(subnet, zone, table, nat)
        elif nat.zone is None:
            if nat.unknown is not None:  # else: a gateway in a subnet outside the stack
                self.shared.setdefault(nat.res.urn, []).append((subnet, zone))
        else:
            same = same_zone(zone, nat.zone)
            if same is None:
                self.ctx.unverifiable_for(subnet, "availabilityZone", WHY + " (AZ names and ids cannot be compared)")
            elif not same:
                self._violation(subnet, zone, table, f"NAT gateway {nat.res.name} in {nat.zone}")

    def _regional(self, subnet: StackResourceView, zone: Zone, table: StackResourceView, nat: Nat) -> None:
        matches = [same_zone(zone, covered) for covered in nat.covers or []]
        if True in matches:
            return
        if nat.unknown is not None or None in matches:
            self.ctx.unverifiable_for(*(nat.unknown or (nat.res, "availabilityZoneAddresses")), WHY)
            return
        where = f"regional NAT gateway {nat.res.name}, whose availabilityZoneAddresses do not include {zone}"
        self._violation(subnet, zone, table, where)

    def _violation(self, subnet: StackResourceView, zone: Zone, table: StackResourceView, where: str) -> None:
        self.ctx.violation(
            f"private subnet {subnet.name} in {zone} sends its default route ({DEFAULT_ROUTE}, route table "
            f"{table.name}) to {where}: an outage of another AZ cuts its outbound traffic. {_fix(zone, self.nats)}",
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
    nats = {res.urn: nat for res in ctx.of_type(EC2_NAT_GATEWAY) if (nat := _nat(ctx, res)) is not None}
    targets = _route_targets(ctx, nats)
    judge = _Judge(ctx, nats)
    for subnet, table in _associations(ctx):
        for target in targets.get(table.urn, []):
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
    resource_types=(EC2_NAT_GATEWAY, EC2_SUBNET, EC2_ROUTE_TABLE, EC2_ROUTE, EC2_ROUTE_TABLE_ASSOCIATION),
    rule=(
        "For each VPC: every AZ holding a private subnet whose default route goes to a public NAT gateway has "
        "its own zonal NAT gateway, and that subnet's route targets the NAT gateway in its own AZ. A zonal "
        "gateway's AZ is its subnet's (`subnetId` -> Subnet `availabilityZone` / `availabilityZoneId`). A "
        "gateway with `availabilityMode: regional` covers every AZ when `availabilityZoneAddresses` is absent, "
        "and only the listed AZs otherwise. Private-connectivity gateways (`connectivityType: private`) are "
        "ignored. Routes are inline (`routes[].natGatewayId`) or `aws:ec2/route:Route` resources; associations "
        "link subnets to route tables. Links are resolved through property dependencies (or literal ids); where "
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
