"""load-balancer-multi-az: subnets and subnet mappings, unknown lists."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.availability.load_balancer_multi_az import SPEC
from migration_guard_policies.types import ALB_LOAD_BALANCER, LB_LOAD_BALANCER


def test_advisory_violation_for_a_single_subnet_mapping() -> None:
    result = analyze_resource(SPEC, ALB_LOAD_BALANCER, {"subnetMappings": [{"subnetId": unknown()}]})
    assert result.violations and result.violations[0].enforcement_level == "advisory"


def test_known_single_subnet_with_unknown_mappings_is_unverifiable() -> None:
    result = analyze_resource(SPEC, LB_LOAD_BALANCER, {"subnets": ["subnet-1"], "subnetMappings": unknown("array")})
    assert not result.violations and "subnetMappings" in result.unverifiable[0].message
