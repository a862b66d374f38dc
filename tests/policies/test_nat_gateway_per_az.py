"""nat-gateway-per-az: zonal and regional gateways, inline and separate routes, associations, unknown AZs."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.availability._nat_examples import (
    private_route,
    regional_nat,
    subnet,
    two_zones,
    zonal_nat,
)
from migration_guard_policies.policies.availability.nat_gateway_per_az import SPEC
from migration_guard_policies.types import (
    EC2_DEFAULT_ROUTE_TABLE,
    EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
    EC2_NAT_GATEWAY,
    EC2_ROUTE,
    EC2_ROUTE_TABLE,
    EC2_ROUTE_TABLE_ASSOCIATION,
)


def three_zones() -> tuple[StackResource, ...]:
    return (*two_zones(), subnet("public-c-dev", "us-east-1c"), subnet("private-c-dev", "us-east-1c"))


def failing(resources: list[StackResource] | tuple[StackResource, ...]) -> set[str]:
    result = analyze_stack(SPEC, resources)
    return {d.urn for d in result.violations}


def test_three_azs_each_with_its_own_gateway_pass() -> None:
    resources = (*three_zones(), zonal_nat("nat-a-dev", "public-a-dev"), zonal_nat("nat-b-dev", "public-b-dev"),
                 zonal_nat("nat-c-dev", "public-c-dev"), *private_route("a", "nat-a-dev"),
                 *private_route("b", "nat-b-dev"), *private_route("c", "nat-c-dev"))
    assert analyze_stack(SPEC, resources).passed


def test_every_cross_az_subnet_is_reported() -> None:
    resources = (*three_zones(), zonal_nat("nat-a-dev", "public-a-dev"), *private_route("a", "nat-a-dev"),
                 *private_route("b", "nat-a-dev"), *private_route("c", "nat-a-dev"))
    assert failing(resources) == {urn_of("private-b-dev", resources), urn_of("private-c-dev", resources)}


def test_real_preview_shapes_computed_mode_routes_and_zone_ids() -> None:
    """In a real preview computed outputs are unknown: availabilityMode, RouteTable.routes, availabilityZoneId."""
    resources = list(two_zones())
    resources = [StackResource(r.type, r.name, {**r.props, "availabilityZoneId": unknown()}, r.deps)
                 if r.name.startswith(("public", "private")) else r for r in resources]
    for label in ("a", "b"):
        resources.append(StackResource(EC2_NAT_GATEWAY, f"nat-{label}-dev",
                                       {"availabilityMode": unknown(), "subnetId": unknown(), "vpcId": unknown(),
                                        "allocationId": unknown()},
                                       deps={"subnetId": (f"public-{label}-dev",)}))
        for r in private_route(label, f"nat-{label}-dev"):
            if r.type == EC2_ROUTE_TABLE:
                r = StackResource(r.type, r.name, {**r.props, "routes": unknown("array")}, r.deps)
            resources.append(r)
    assert analyze_stack(SPEC, resources).passed


def test_regional_gateway_inferred_without_availability_mode() -> None:
    nat = StackResource(EC2_NAT_GATEWAY, "nat-dev", {"availabilityMode": unknown(), "vpcId": unknown()},
                        deps={"vpcId": ("vpc-dev",)})
    resources = (*two_zones(), nat, *private_route("a", "nat-dev"), *private_route("b", "nat-dev"))
    assert analyze_stack(SPEC, resources).passed


def test_regional_gateway_listing_every_az_passes() -> None:
    resources = (*two_zones(), regional_nat("nat-dev", ("us-east-1a", "us-east-1b")),
                 *private_route("a", "nat-dev"), *private_route("b", "nat-dev"))
    assert analyze_stack(SPEC, resources).passed


def test_regional_gateway_listing_zone_ids_cannot_be_compared_with_zone_names() -> None:
    nat = StackResource(EC2_NAT_GATEWAY, "nat-dev", {"availabilityMode": "regional", "vpcId": unknown(),
                                                     "availabilityZoneAddresses": [{"availabilityZoneId": "use1-az1"}]})
    resources = (*two_zones(), nat, *private_route("a", "nat-dev"))
    result = analyze_stack(SPEC, resources)
    assert not result.violations and result.unverifiable
    assert "availabilityZoneAddresses" in result.unverifiable[0].message


def test_routes_that_are_not_the_default_route_are_ignored() -> None:
    resources = list(two_zones()) + [zonal_nat("nat-a-dev", "public-a-dev"), *private_route("a", "nat-a-dev")]
    resources += [
        StackResource(EC2_ROUTE_TABLE, "private-rt-b-dev", {"vpcId": unknown()}),
        StackResource(EC2_ROUTE, "to-onprem-b-dev", {"routeTableId": unknown(), "destinationCidrBlock": "10.0.0.0/8",
                                                     "natGatewayId": unknown()},
                      deps={"routeTableId": ("private-rt-b-dev",), "natGatewayId": ("nat-a-dev",)}),
        StackResource(EC2_ROUTE_TABLE_ASSOCIATION, "private-rta-b-dev", {"subnetId": unknown(), "routeTableId": unknown()},
                      deps={"subnetId": ("private-b-dev",), "routeTableId": ("private-rt-b-dev",)}),
    ]
    assert analyze_stack(SPEC, resources).passed


def test_literal_ids_link_resources_at_pulumi_up() -> None:
    """After creation the ids are known: links through literal ids decide as well as dependencies."""
    def with_id(r: StackResource, id_: str) -> StackResource:
        return StackResource(r.type, r.name, {**r.props, "id": id_})

    base = two_zones()
    resources = [with_id(r, f"subnet-{r.name}") if r.name != "vpc-dev" else r for r in base]
    resources.append(StackResource(EC2_NAT_GATEWAY, "nat-a-dev", {"id": "nat-0a", "subnetId": "subnet-public-a-dev",
                                                                 "connectivityType": "public"}))
    for label in ("a", "b"):
        resources += [
            StackResource(EC2_ROUTE_TABLE, f"rt-{label}-dev", {"id": f"rtb-{label}", "routes": [
                {"cidrBlock": "0.0.0.0/0", "natGatewayId": "nat-0a"}]}),
            StackResource(EC2_ROUTE_TABLE_ASSOCIATION, f"rta-{label}-dev",
                          {"subnetId": f"subnet-private-{label}-dev", "routeTableId": f"rtb-{label}"}),
        ]
    assert failing(resources) == {urn_of("private-b-dev", resources)}


def test_unresolvable_association_is_unverifiable() -> None:
    resources = (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), *private_route("a", "nat-a-dev"),
                 StackResource(EC2_ROUTE_TABLE_ASSOCIATION, "mystery-rta-dev",
                               {"subnetId": unknown(), "routeTableId": unknown()},
                               deps={"routeTableId": ("private-rt-a-dev",)}))
    result = analyze_stack(SPEC, resources)
    assert not result.violations
    assert "mystery-rta-dev.subnetId" in result.unverifiable[0].message


def test_unknown_connectivity_type_is_unverifiable_not_a_violation() -> None:
    resources = (*two_zones(unknown()), zonal_nat("nat-a-dev", "public-a-dev", connectivityType=unknown()),
                 *private_route("a", "nat-a-dev"), *private_route("b", "nat-a-dev"))
    result = analyze_stack(SPEC, resources)
    assert not result.violations and result.unverifiable


def test_exempted_subnet_is_not_reported() -> None:
    resources = (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"),
                 *private_route("a", "nat-a-dev"), *private_route("b", "nat-a-dev"))
    config = {"exemptions": [{"resource": "private-b-*", "reason": "single NAT in the sandbox"}]}
    assert analyze_stack(SPEC, resources, config=config).passed


def test_public_subnets_routing_to_an_internet_gateway_are_not_private() -> None:
    resources = (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"),
                 StackResource(EC2_ROUTE_TABLE, "public-rt-dev", {"routes": [{"cidrBlock": "0.0.0.0/0",
                                                                             "gatewayId": unknown()}]}),
                 StackResource(EC2_ROUTE_TABLE_ASSOCIATION, "public-rta-b-dev",
                               {"subnetId": unknown(), "routeTableId": unknown()},
                               deps={"subnetId": ("public-b-dev",), "routeTableId": ("public-rt-dev",)}))
    assert analyze_stack(SPEC, resources).passed


def public_associations() -> list[StackResource]:
    """Public subnets explicitly associated with a route table to the internet gateway."""
    return [StackResource(EC2_ROUTE_TABLE, "public-rt-dev", {"vpcId": unknown()}, deps={"vpcId": ("vpc-dev",)})] + [
        StackResource(EC2_ROUTE_TABLE_ASSOCIATION, f"public-rta-{z}-dev", {"subnetId": unknown(), "routeTableId": unknown()},
                      deps={"subnetId": (f"public-{z}-dev",), "routeTableId": ("public-rt-dev",)}) for z in "ab"]


def test_unassociated_subnets_use_the_main_route_table_of_their_vpc() -> None:
    resources = [*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), *public_associations(),
                 StackResource(EC2_ROUTE, "main-default-dev", {"routeTableId": unknown(), "natGatewayId": unknown(),
                                                               "destinationCidrBlock": "0.0.0.0/0"},
                               deps={"routeTableId": ("vpc-dev",), "natGatewayId": ("nat-a-dev",)})]
    result = analyze_stack(SPEC, resources)
    assert {d.urn for d in result.violations} == {urn_of("private-b-dev", resources)}
    assert "main route table of vpc-dev" in result.violations[0].message


def test_default_route_table_resource_with_inline_routes() -> None:
    resources = [*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), *public_associations(),
                 StackResource(EC2_DEFAULT_ROUTE_TABLE, "default-rt-dev",
                               {"defaultRouteTableId": unknown(),
                                "routes": [{"cidrBlock": "0.0.0.0/0", "natGatewayId": unknown()}]},
                               deps={"defaultRouteTableId": ("vpc-dev",), "routes": ("nat-a-dev",)})]
    assert failing(resources) == {urn_of("private-b-dev", resources)}


def test_main_route_table_association_replaces_the_main_table() -> None:
    resources = [*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), *public_associations(),
                 *[r for r in private_route("a", "nat-a-dev") if r.type != EC2_ROUTE_TABLE_ASSOCIATION],
                 StackResource(EC2_MAIN_ROUTE_TABLE_ASSOCIATION, "main-rta-dev", {"vpcId": unknown(),
                                                                                  "routeTableId": unknown()},
                               deps={"vpcId": ("vpc-dev",), "routeTableId": ("private-rt-a-dev",)})]
    assert failing(resources) == {urn_of("private-b-dev", resources)}
