"""vpc-flow-logs-enabled: only a flow log's vpcId links it to a VPC."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.operations.vpc_flow_logs_enabled import SPEC

VPC, SUBNET, FLOW = "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/flowLog:FlowLog"


def test_subnet_flow_log_does_not_cover_the_vpc() -> None:
    resources = (
        StackResource(VPC, "vpc-dev", {}),
        StackResource(SUBNET, "subnet-dev", {"vpcId": unknown()}, deps={"vpcId": ("vpc-dev",)}),
        StackResource(FLOW, "flow-dev", {"subnetId": unknown()}, deps={"subnetId": ("subnet-dev",)}),
    )
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("vpc-dev", resources)]


def test_flow_log_from_a_vpc_of_the_stack_is_not_opaque() -> None:
    resources = (
        StackResource(VPC, "a-dev", {}),
        StackResource(VPC, "b-dev", {}),
        StackResource(FLOW, "flow-dev", {"vpcId": unknown()}, deps={"vpcId": ("a-dev",)}),
    )
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("b-dev", resources)] and not result.unverifiable


def test_literal_id_of_another_vpc_does_not_cover() -> None:
    resources = (StackResource(VPC, "vpc-dev", {"id": "vpc-1"}), StackResource(FLOW, "flow-dev", {"vpcId": "vpc-2"}))
    assert analyze_stack(SPEC, resources).violations
