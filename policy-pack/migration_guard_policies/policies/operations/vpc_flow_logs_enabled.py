"""vpc-flow-logs-enabled (stack): every VPC has a flow log."""

from __future__ import annotations

from ...examples import StackExample, StackResource, unknown
from ...model import Family, Framework, StackCheck, StackPolicySpec, StackResourceView
from ...types import EC2_FLOW_LOG, EC2_VPC
from ..availability._planned import planned
from ..stack_links import depends_on_any, literals


def check(c: StackCheck) -> None:
    vpcs, flow_logs = c.of_type(EC2_VPC), c.of_type(EC2_FLOW_LOG)
    if not vpcs:
        raise c.not_applicable("the stack has no VPC")
    logged: set[str] = set()  # URNs of VPCs with a flow log of their own (dependency or literal id)
    literal_ids: set[str] = set()
    opaque: list[StackResourceView] = []  # vpcId unknown, not from a VPC of the stack: could be any VPC's
    for flow_log in flow_logs:
        logged.update(d.urn for d in c.deps(flow_log, "vpcId") if d.type == EC2_VPC)
        vpc_id = planned(c, flow_log, "vpcId")
        if vpc_id.str():
            literal_ids.add(vpc_id.str() or "")
        elif vpc_id.unknown and not depends_on_any(c, flow_log, ["vpcId"], [EC2_VPC]):
            opaque.append(flow_log)
    for vpc in vpcs:
        if vpc.urn in logged or literals(vpc, ["id"]) & literal_ids:
            continue
        if opaque:
            c.unverifiable_for(opaque[0], "vpcId", f"it may be the flow log of VPC {vpc.name}")
            continue
        c.violation(
            f"VPC {vpc.name} has no flow log: network traffic to and from the migrated databases is not recorded. "
            "Add an aws.ec2.FlowLog with vpc_id=vpc.id, traffic_type=\"ALL\".",
            vpc,
        )


SPEC = StackPolicySpec(
    name="vpc-flow-logs-enabled",
    description="Every VPC of the stack has a VPC flow log.",
    family=Family.OPERATIONS,
    severity="medium",
    level="mandatory",
    resource_types=(EC2_VPC, EC2_FLOW_LOG),
    rule=(
        "Every `aws:ec2/vpc:Vpc` has an `aws:ec2/flowLog:FlowLog` whose `vpcId` depends on it (property "
        "dependencies) or names its id literally."
    ),
    unknown_handling=(
        "unverifiable when a VPC has no flow log of its own but a flow log's vpcId is unknown and did not come "
        "from a VPC of the stack"
    ),
    remediation=(
        "1. Create a log group (with retention and a KMS key) and an IAM role for flow-log delivery.\n"
        "2. aws.ec2.FlowLog(\"vpc-flow-log-dev\", vpc_id=vpc.id, traffic_type=\"ALL\", "
        "log_destination=log_group.arn, iam_role_arn=role.arn)."
    ),
    framework=Framework("AWS Config managed rule", "vpc-flow-logs-enabled"),
    refs=("CKV2_AWS_11", "vpc-flow-logs-enabled", "seed 004"),
    check=check,
    examples=(
        StackExample(
            "Flow log attached to the VPC through its id output",
            (
                StackResource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.0.0.0/16"}),
                StackResource(EC2_FLOW_LOG, "vpc-flow-log-dev", {"vpcId": unknown(), "trafficType": "ALL"},
                              deps={"vpcId": ("vpc-dev",)}),
            ),
            "pass",
        ),
        StackExample(
            "VPC without a flow log (seed 004)",
            (
                StackResource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.0.0.0/16"}),
                StackResource(EC2_VPC, "vpc-logged-dev", {"cidrBlock": "10.1.0.0/16"}),
                StackResource(EC2_FLOW_LOG, "flow-dev", {"vpcId": unknown()}, deps={"vpcId": ("vpc-logged-dev",)}),
            ),
            "fail",
            mentions=("vpc-dev",),
            failing=("vpc-dev",),
        ),
        StackExample(
            "Flow log naming an existing VPC's id literally",
            (
                StackResource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.0.0.0/16", "id": "vpc-0abc1234"}),
                StackResource(EC2_FLOW_LOG, "flow-dev", {"vpcId": "vpc-0abc1234", "trafficType": "ALL"}),
            ),
            "pass",
        ),
        StackExample(
            "Flow log whose VPC id comes from outside the stack",
            (
                StackResource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.0.0.0/16"}),
                StackResource(EC2_FLOW_LOG, "flow-dev", {"vpcId": unknown()}),
            ),
            "unverifiable",
        ),
        StackExample("A stack without VPCs", (StackResource(EC2_FLOW_LOG, "flow-dev", {"vpcId": "vpc-1"}),),
                     "not_applicable"),
    ),
)
