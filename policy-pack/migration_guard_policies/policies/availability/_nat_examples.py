"""Example VPCs for nat-gateway-per-az (kept apart so that the policy module stays readable)."""

from __future__ import annotations

from typing import Any

from ...examples import StackExample, StackResource, unknown
from ...types import (
    EC2_NAT_GATEWAY,
    EC2_ROUTE,
    EC2_ROUTE_TABLE,
    EC2_ROUTE_TABLE_ASSOCIATION,
    EC2_SUBNET,
    EC2_VPC,
)

VPC = StackResource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.40.0.0/16"})


def subnet(name: str, zone: Any) -> StackResource:
    return StackResource(EC2_SUBNET, name, {"vpcId": unknown(), "cidrBlock": "10.40.0.0/20", "availabilityZone": zone},
                         deps={"vpcId": ("vpc-dev",)})


def zonal_nat(name: str, public_subnet: str, **extra: Any) -> StackResource:
    props = {"availabilityMode": "zonal", "connectivityType": "public", "allocationId": unknown(),
             "subnetId": unknown(), **extra}
    return StackResource(EC2_NAT_GATEWAY, name, props, deps={"subnetId": (public_subnet,)})


def regional_nat(name: str, zones: tuple[str, ...] = ()) -> StackResource:
    props: dict[str, Any] = {"availabilityMode": "regional", "connectivityType": "public", "vpcId": unknown()}
    if zones:
        props["availabilityZoneAddresses"] = [{"availabilityZone": z, "allocationIds": [unknown()]} for z in zones]
    return StackResource(EC2_NAT_GATEWAY, name, props, deps={"vpcId": ("vpc-dev",)})


def private_route(label: str, nat: str, inline: bool = False) -> tuple[StackResource, ...]:
    """A route table for private subnet ``private-<label>-dev`` with a default route to ``nat``."""
    table, private = f"private-rt-{label}-dev", f"private-{label}-dev"
    association = StackResource(EC2_ROUTE_TABLE_ASSOCIATION, f"private-rta-{label}-dev",
                                {"subnetId": unknown(), "routeTableId": unknown()},
                                deps={"subnetId": (private,), "routeTableId": (table,)})
    if inline:
        return (StackResource(EC2_ROUTE_TABLE, table, {"vpcId": unknown(), "routes": [
                    {"cidrBlock": "0.0.0.0/0", "natGatewayId": unknown()},
                    {"cidrBlock": "10.50.0.0/16", "transitGatewayId": "tgw-0abc"}]},
                              deps={"vpcId": ("vpc-dev",), "routes": (nat,)}),
                association)
    return (
        StackResource(EC2_ROUTE_TABLE, table, {"vpcId": unknown()}, deps={"vpcId": ("vpc-dev",)}),
        StackResource(EC2_ROUTE, f"private-default-route-{label}-dev",
                      {"routeTableId": unknown(), "destinationCidrBlock": "0.0.0.0/0", "natGatewayId": unknown()},
                      deps={"routeTableId": (table,), "natGatewayId": (nat,)}),
        association,
    )


def two_zones(public_a: Any = "us-east-1a", public_b: Any = "us-east-1b") -> tuple[StackResource, ...]:
    return (VPC, subnet("public-a-dev", public_a), subnet("public-b-dev", public_b),
            subnet("private-a-dev", "us-east-1a"), subnet("private-b-dev", "us-east-1b"))


EXAMPLES = (
    StackExample(
        "One zonal NAT gateway per AZ; each private route table uses its own AZ's gateway",
        (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), zonal_nat("nat-b-dev", "public-b-dev"),
         *private_route("a", "nat-a-dev"), *private_route("b", "nat-b-dev")),
        "pass",
    ),
    StackExample(
        "Inline routes in the route tables",
        (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), zonal_nat("nat-b-dev", "public-b-dev"),
         *private_route("a", "nat-a-dev", inline=True), *private_route("b", "nat-b-dev", inline=True)),
        "pass",
    ),
    StackExample(
        "A regional NAT gateway in automatic mode covers every AZ",
        (*two_zones(), regional_nat("nat-dev"), *private_route("a", "nat-dev"), *private_route("b", "nat-dev")),
        "pass",
    ),
    StackExample(
        "Both AZs route through the NAT gateway of AZ a (seed 004)",
        (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"),
         *private_route("a", "nat-a-dev"), *private_route("b", "nat-a-dev")),
        "fail",
        mentions=("private-b-dev", "us-east-1b", "nat-a-dev"),
        failing=("private-b-dev",),
    ),
    StackExample(
        "Cross-AZ route although the AZ has its own gateway",
        (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev"), zonal_nat("nat-b-dev", "public-b-dev"),
         *private_route("a", "nat-a-dev"), *private_route("b", "nat-a-dev", inline=True)),
        "fail",
        mentions=("nat-b-dev",),
        failing=("private-b-dev",),
    ),
    StackExample(
        "A regional NAT gateway listing only AZ a",
        (*two_zones(), regional_nat("nat-dev", ("us-east-1a",)),
         *private_route("a", "nat-dev"), *private_route("b", "nat-dev")),
        "fail",
        mentions=("availabilityZoneAddresses", "us-east-1b"),
        failing=("private-b-dev",),
    ),
    StackExample(
        "Gateways in public subnets whose AZs come from another output",
        (*two_zones(unknown(), unknown()), zonal_nat("nat-a-dev", "public-a-dev"),
         zonal_nat("nat-b-dev", "public-b-dev"), *private_route("a", "nat-a-dev"), *private_route("b", "nat-b-dev")),
        "unverifiable",
    ),
    StackExample(
        "One gateway of unknown AZ serving two AZs: fewer gateways than AZs",
        (*two_zones(unknown()), zonal_nat("nat-a-dev", "public-a-dev"),
         *private_route("a", "nat-a-dev"), *private_route("b", "nat-a-dev")),
        "fail",
        mentions=("nat-a-dev",),
        failing=("nat-a-dev",),
    ),
    StackExample(
        "Private-connectivity NAT gateways are ignored",
        (*two_zones(), zonal_nat("nat-a-dev", "public-a-dev", connectivityType="private"),
         *private_route("a", "nat-a-dev"), *private_route("b", "nat-a-dev")),
        "pass",
    ),
)
