"""The routing graph of a stack's VPCs, for nat-gateway-per-az: NAT gateways, default routes, associations.

Route tables are keyed by the RouteTable's URN, or ``main:<vpc urn>`` for a VPC's main route table (routes
on ``vpc.main_route_table_id``, a DefaultRouteTable, or a MainRouteTableAssociation). Subnets without an
explicit association use their VPC's main route table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import StackCheck, StackResourceView
from ...props import Read
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
from ..stack_links import Zone, zone_of
from ._planned import Links, planned

DEFAULT_ROUTE = "0.0.0.0/0"
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


@dataclass(frozen=True)
class Table:
    key: str
    label: str  # for messages: "route table private-rt-a-dev" or "the main route table of vpc-dev"


def public_nats(ctx: StackCheck, links: Links) -> dict[str, Nat]:
    """The stack's public NAT gateways by URN (private-connectivity gateways are left out)."""
    nats = {}
    for res in ctx.of_type(EC2_NAT_GATEWAY):
        nat = _nat(links, res)
        if nat is not None:
            nats[res.urn] = nat
    return nats


def _nat(links: Links, res: StackResourceView) -> Nat | None:
    connectivity = res.props.get("connectivityType")
    if (connectivity.str() or "").lower() == "private":
        return None
    mode = (planned(links.ctx, res, "availabilityMode").str() or "").lower()
    if not mode:  # unset (computed, so unknown in AnalyzeStack): a regional gateway has a vpcId and no subnetId
        regional = not res.props.get("subnetId").present and res.props.get("vpcId").present
        mode = "regional" if regional else "zonal"
    if mode == "regional":
        return _regional(res)
    if connectivity.unknown:
        return Nat(res, False, undecided=(res, "connectivityType"))
    subnets = links.to(res, "subnetId", (EC2_SUBNET,))
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


def _main(vpc: StackResourceView) -> Table:
    return Table(f"main:{vpc.urn}", f"the main route table of {vpc.name}")


def _vpcs(links: Links, res: StackResourceView, prop: str) -> list[StackResourceView]:
    return links.to(res, prop, (EC2_VPC,))


def tables_of(links: Links, res: StackResourceView, prop: str) -> list[Table]:
    """The route tables ``res.prop`` refers to (a RouteTable, or a VPC's main route table)."""
    found = [Table(t.urn, f"route table {t.name}") for t in links.to(res, prop, (EC2_ROUTE_TABLE,))]
    for dep in links.ctx.deps(res, prop):
        if dep.type == EC2_VPC:
            found.append(_main(dep))
        elif dep.type == EC2_DEFAULT_ROUTE_TABLE:
            found.extend(_main(vpc) for vpc in _vpcs(links, dep, "defaultRouteTableId"))
    return found


def _is_default(cidr: Read) -> bool:
    return cidr.unknown or cidr.str() == DEFAULT_ROUTE


def route_targets(ctx: StackCheck, links: Links, nats: dict[str, Nat]) -> dict[str, list[Target]]:
    """Route table key -> its default routes that go to NAT gateways of the stack."""
    targets: dict[str, list[Target]] = {}
    nats_by_id = _nats_by_id(nats)
    for res in ctx.of_type(EC2_ROUTE_TABLE, EC2_DEFAULT_ROUTE_TABLE):
        keys = [res.urn] if res.type == EC2_ROUTE_TABLE else [
            _main(vpc).key for vpc in _vpcs(links, res, "defaultRouteTableId")]
        for key in keys:
            targets.setdefault(key, []).extend(_inline_targets(ctx, res, nats, nats_by_id))
    for route in ctx.of_type(EC2_ROUTE):
        found = [nats[n.urn] for n in links.to(route, "natGatewayId", (EC2_NAT_GATEWAY,)) if n.urn in nats]
        cidr = route.props.get("destinationCidrBlock")
        if not found or not _is_default(cidr):
            continue
        tables = tables_of(links, route, "routeTableId")
        if not tables and route.props.get("routeTableId").unknown:
            ctx.unverifiable_for(route, "routeTableId", "the route table of a NAT gateway default route is unknown")
        for table in tables:
            for nat in found:
                where: Where = (route, "destinationCidrBlock") if cidr.unknown else (route, "natGatewayId")
                targets.setdefault(table.key, []).append(Target(None if cidr.unknown else nat, where))
    for assoc in ctx.of_type(EC2_MAIN_ROUTE_TABLE_ASSOCIATION):
        for vpc in _vpcs(links, assoc, "vpcId"):
            for main in tables_of(links, assoc, "routeTableId"):
                targets[_main(vpc).key] = targets.get(main.key, [])
    return targets


def _nats_by_id(nats: dict[str, Nat]) -> dict[str, list[Nat]]:
    by_id: dict[str, list[Nat]] = {}
    for nat in nats.values():
        known = nat.res.props.get("id").str()
        if known:
            by_id.setdefault(known, []).append(nat)
    return by_id


def _inline_targets(ctx: StackCheck, table: StackResourceView, nats: dict[str, Nat],
                    nats_by_id: dict[str, list[Nat]]) -> list[Target]:
    """Default routes in a table's inline ``routes`` that go to NAT gateways of the stack."""
    nat_deps = [nats[d.urn] for d in ctx.deps(table, "routes") if d.urn in nats]
    routes = table.props.get("routes")
    items = routes.list()
    if items is None:  # unknown routes without a NAT dependency: computed, no NAT route from the program
        return [Target(None, (table, "routes"))] if routes.unknown and nat_deps else []
    found: list[Target] = []
    for index in range(len(items)):
        path = f"routes[{index}]"
        nat_id, cidr = table.props.get(f"{path}.natGatewayId"), table.props.get(f"{path}.cidrBlock")
        if not nat_id.present or not _is_default(cidr):
            continue
        literal = nats_by_id.get(nat_id.str() or "", [])
        nats_here = literal or (nat_deps if len(nat_deps) == 1 else [])
        if cidr.unknown or (not nats_here and len(nat_deps) > 1):
            found.append(Target(None, (table, f"{path}.cidrBlock" if cidr.unknown else f"{path}.natGatewayId")))
            continue
        found.extend(Target(nat, (table, f"{path}.natGatewayId")) for nat in nats_here)
    return found


def associations(ctx: StackCheck, links: Links, why: str) -> list[tuple[StackResourceView, Table]]:
    """(subnet, route table) pairs: explicit associations, else the subnet's VPC's main route table."""
    pairs: list[tuple[StackResourceView, Table]] = []
    associated: set[str] = set()
    for assoc in ctx.of_type(EC2_ROUTE_TABLE_ASSOCIATION):
        if not assoc.props.get("subnetId").present:
            continue  # an edge association with a gateway
        subnets = links.to(assoc, "subnetId", (EC2_SUBNET,))
        tables = tables_of(links, assoc, "routeTableId")
        for prop, found in (("subnetId", subnets), ("routeTableId", tables)):
            if not found and assoc.props.get(prop).unknown and not ctx.deps(assoc, prop):
                ctx.unverifiable_for(assoc, prop, why)
        associated.update(subnet.urn for subnet in subnets)
        pairs.extend((subnet, table) for subnet in subnets for table in tables)
    for subnet in ctx.of_type(EC2_SUBNET):
        if subnet.urn not in associated:
            pairs.extend((subnet, _main(vpc)) for vpc in _vpcs(links, subnet, "vpcId"))
    return pairs
