"""required-resource-types (stack): the stack has every resource type it must have."""

from __future__ import annotations

from ...context import StackCheck
from ...examples import StackExample, StackResource, unknown
from ...settings import StrListSetting
from ...spec import Family, StackPolicySpec
from ...types import CLOUDWATCH_METRIC_ALARM, EC2_FLOW_LOG, RDS_INSTANCE

REQUIRED_TYPES = StrListSetting(
    "requiredTypes",
    default=(),
    item_pattern="^[^:]+:[^:]+:[^:]+$",
    description="Type tokens (aws:ec2/flowLog:FlowLog) the stack must contain at least once.",
)

def check(c: StackCheck) -> None:
    required = [t for t in c.setting(REQUIRED_TYPES) if t]
    if not required:
        c.not_applicable("requiredTypes is empty")
    present = {r.type for r in c.resources}
    missing = [t for t in dict.fromkeys(required) if t not in present]
    for token in missing:
        c.violation(
            f"the stack has no resource of type {token}, which requiredTypes lists: a component the migration "
            "depends on was left out. Add it (or remove the type from requiredTypes)."
        )


SPEC = StackPolicySpec(
    name="required-resource-types",
    description="The stack contains at least one resource of every required type.",
    family=Family.OPERATIONS,
    severity="medium",
    level="mandatory",
    resource_types=(),
    rule="Every type token in requiredTypes has at least one resource in the stack (no-op when the list is empty).",
    unknown_handling="n/a (only resource types are read, and they are always known)",
    remediation=(
        "1. List the types every migration stack must contain in requiredTypes, e.g. "
        "[\"aws:ec2/flowLog:FlowLog\", \"aws:cloudwatch/metricAlarm:MetricAlarm\"].\n"
        "2. Add the missing component to the program (seed 004 forgot the flow log and the alarms)."
    ),
    refs=("seed 004",),
    settings=(REQUIRED_TYPES,),
    check=check,
    examples=(
        StackExample(
            "Every required type present",
            (StackResource(RDS_INSTANCE, "db-dev", {"engine": "postgres"}),
             StackResource(CLOUDWATCH_METRIC_ALARM, "db-cpu-dev", {"metricName": "CPUUtilization"})),
            "pass",
            config={"requiredTypes": [RDS_INSTANCE, CLOUDWATCH_METRIC_ALARM]},
        ),
        StackExample(
            "Flow log omitted (seed 004)",
            (StackResource(RDS_INSTANCE, "db-dev", {"engine": "postgres"}),),
            "fail",
            config={"requiredTypes": [EC2_FLOW_LOG]},
            mentions=(EC2_FLOW_LOG,),
        ),
        StackExample(
            "Resources whose properties are unknown during preview still count",
            (StackResource(EC2_FLOW_LOG, "flow-dev", {"vpcId": unknown(), "logDestination": unknown()}),),
            "pass",
            config={"requiredTypes": [EC2_FLOW_LOG]},
        ),
        StackExample("No required types configured", (StackResource(RDS_INSTANCE, "db-dev", {}),), "not_applicable"),
    ),
)
