"""load-balancer-multi-az: load balancers serve from subnets in at least two AZs."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import ALB_LOAD_BALANCER, LB_LOAD_BALANCER

MIN_SUBNETS = 2


def check(r: ResourceCheck) -> None:
    subnets = r.props.get("subnets")
    mappings = r.props.get("subnetMappings")
    why = "a load balancer in a single subnet stops serving when that Availability Zone fails"
    counted = 0
    undecided = False
    for read in (subnets, mappings):
        items = read.list()
        if items is not None:
            counted += len(items)
        elif read.unknown:
            undecided = True
            r.unverifiable(read.path, why)
    if counted >= MIN_SUBNETS or undecided:
        return
    r.violation(
        f"the load balancer has {counted} subnet(s) in subnets / subnetMappings: it needs subnets in at "
        "least two Availability Zones to survive an AZ outage. List one subnet per AZ in subnets."
    )


SPEC = ResourcePolicySpec(
    name="load-balancer-multi-az",
    description="Load balancers are placed in subnets of at least two Availability Zones.",
    family=Family.AVAILABILITY,
    severity="medium",
    level="advisory",
    resource_types=(LB_LOAD_BALANCER, ALB_LOAD_BALANCER),
    rule="At least 2 subnets (`subnets` or `subnetMappings`), one per Availability Zone.",
    unknown_handling=(
        "unverifiable when the subnets list itself is unknown; a list of unknown subnet ids counts by its "
        "length."
    ),
    remediation=(
        "1. Create one public (or private, for internal load balancers) subnet per AZ.\n"
        "2. Pass them all: aws.lb.LoadBalancer(..., subnets=[s.id for s in subnets]).\n"
        "3. Or use subnet_mappings with one aws.lb.LoadBalancerSubnetMappingArgs per AZ."
    ),
    refs=("seed 004",),
    check=check,
    examples=(
        Example("Two subnets created in the same program", {"subnets": [unknown(), unknown()]}, "pass"),
        Example("Subnet mappings in two AZs", {"subnetMappings": [{"subnetId": "subnet-1"},
                                                                   {"subnetId": "subnet-2"}]}, "pass",
                type=ALB_LOAD_BALANCER),
        Example("A single subnet", {"subnets": ["subnet-0abc"]}, "fail", mentions=("subnets",)),
        Example("No subnets at all", {"loadBalancerType": "network"}, "fail", mentions=("subnets",)),
        Example("Subnet list computed from another output", {"subnets": unknown("array")}, "unverifiable"),
    ),
)
