"""dms-replication-instance-multi-az: DMS replication instances keep a standby in a second AZ."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import DMS_REPLICATION_INSTANCE


def check(r: ResourceCheck) -> None:
    multi_az = r.props.get("multiAz")
    if r.check_unknown(multi_az, "without Multi-AZ an AZ outage stops every replication task on the instance"):
        return
    if not multi_az.is_true():
        r.violation(
            "multiAz is not true: the replication instance has no standby in another Availability Zone, so "
            "an AZ outage or maintenance stops ongoing replication (CDC) mid-migration. Set multiAz: true."
        )


SPEC = ResourcePolicySpec(
    name="dms-replication-instance-multi-az",
    description="DMS replication instances are Multi-AZ, with a standby in a second Availability Zone.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(DMS_REPLICATION_INSTANCE,),
    rule="`multiAz` is true (it defaults to false).",
    unknown_handling="unverifiable",
    remediation=(
        "1. Set multi_az=True on the aws.dms.ReplicationInstance.\n"
        "2. Give it a replication subnet group whose subnets span at least two AZs "
        "(see subnet-group-multi-az).\n"
        "3. On an existing instance the change is applied in place; schedule it outside the cutover window."
    ),
    refs=("seed 000", "seed 001"),
    check=check,
    examples=(
        Example("Multi-AZ replication instance", {"replicationInstanceClass": "dms.r6i.large", "multiAz": True},
                "pass"),
        Example("multiAz omitted (defaults to false)", {"replicationInstanceClass": "dms.r6i.large"}, "fail",
                mentions=("multiAz",)),
        Example("multiAz explicitly false", {"multiAz": False}, "fail", mentions=("multiAz",)),
        Example("multiAz computed from another resource's output", {"multiAz": unknown("boolean")},
                "unverifiable"),
    ),
)
