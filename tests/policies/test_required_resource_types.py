"""required-resource-types: one violation per missing type, pointing at the stack."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack
from migration_guard_policies.examples import StackResource
from migration_guard_policies.policies.operations.required_resource_types import SPEC


def test_one_violation_per_missing_type() -> None:
    resources = (StackResource("aws:ec2/vpc:Vpc", "vpc-dev", {}),)
    config = {"requiredTypes": ["aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog", "aws:sns/topic:Topic",
                                "aws:sns/topic:Topic"]}
    result = analyze_stack(SPEC, resources, config=config)
    assert len(result.violations) == 2
    assert all(d.urn == "" for d in result.violations)
