"""dms-replication-config-multi-az: DMS Serverless replications keep a standby in a second AZ."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...props import State
from ...types import DMS_REPLICATION_CONFIG

MULTI_AZ = "computeConfig.multiAz"
WHY = "without Multi-AZ an AZ outage stops the serverless replication mid-migration"


def check(r: ResourceCheck) -> None:
    compute = r.props.get("computeConfig")
    if compute.unknown:
        r.unverifiable("computeConfig", WHY)
        return
    multi_az = r.props.get(MULTI_AZ)
    if r.check_unknown(multi_az, WHY):
        return
    if multi_az.is_true():
        return
    if multi_az.state is State.MALFORMED:
        r.violation(f"{MULTI_AZ} cannot be read (computeConfig is not an object): set computeConfig.multiAz: true.")
        return
    state = "is false" if multi_az.is_false() else "is not set (DMS Serverless defaults to a single AZ)"
    r.violation(
        f"{MULTI_AZ} {state}: the replication runs in one Availability Zone, so an AZ outage or maintenance stops "
        "ongoing replication (CDC) until DMS provisions capacity elsewhere. Set computeConfig.multiAz: true."
    )


_COMPUTE = {"replicationSubnetGroupId": unknown(), "maxCapacityUnits": 16, "kmsKeyId": unknown()}

SPEC = ResourcePolicySpec(
    name="dms-replication-config-multi-az",
    description="DMS Serverless replication configs are Multi-AZ.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(DMS_REPLICATION_CONFIG,),
    rule=(
        "`computeConfig.multiAz` is true. DMS Serverless provisions a single-AZ replication unless MultiAZ is "
        "true (ComputeConfig, AWS DMS API reference: "
        "https://docs.aws.amazon.com/dms/latest/APIReference/API_ComputeConfig.html)."
    ),
    unknown_handling="unverifiable (computeConfig or computeConfig.multiAz computed from another output)",
    remediation=(
        "1. Set compute_config=aws.dms.ReplicationConfigComputeConfigArgs(multi_az=True, ...) on the "
        "aws.dms.ReplicationConfig (and leave availability_zone unset: DMS rejects both together).\n"
        "2. Give it a replication subnet group whose subnets span at least two AZs (see subnet-group-multi-az)."
    ),
    refs=("seed 000", "seed 001"),
    check=check,
    examples=(
        Example("Multi-AZ serverless replication",
                {"replicationType": "full-load-and-cdc", "computeConfig": {**_COMPUTE, "multiAz": True}}, "pass"),
        Example("multiAz omitted (single AZ)", {"replicationType": "cdc", "computeConfig": dict(_COMPUTE)}, "fail",
                mentions=("computeConfig.multiAz",)),
        Example("multiAz explicitly false", {"computeConfig": {**_COMPUTE, "multiAz": False}}, "fail",
                mentions=("computeConfig.multiAz",)),
        Example("computeConfig missing entirely", {"replicationType": "cdc"}, "fail", mentions=("multiAz",)),
        Example("computeConfig of the wrong shape fails closed", {"computeConfig": "multiAz=true"}, "fail",
                mentions=("cannot be read",)),
        Example("multiAz computed from another output", {"computeConfig": {**_COMPUTE, "multiAz": unknown("boolean")}},
                "unverifiable"),
    ),
)
