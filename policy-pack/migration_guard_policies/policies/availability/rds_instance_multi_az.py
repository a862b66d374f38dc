"""rds-instance-multi-az: RDS instances run a standby in a second Availability Zone."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import BoolSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import RDS_INSTANCE
from ..rds_common import engine, is_aurora

# Engines for which RDS offers no Multi-AZ deployment.
EXEMPT_READ_REPLICAS = BoolSetting(
    "exemptReadReplicas",
    default=True,
    description="Do not require Multi-AZ on read replicas (instances with replicateSourceDb).",
)

NO_MULTI_AZ_ENGINES = frozenset({"sqlserver-ex"})


def check(r: ResourceCheck) -> None:
    if r.props.get("replicateSourceDb").present and r.setting(EXEMPT_READ_REPLICAS):
        r.not_applicable("read replicas are exempt (exemptReadReplicas)")
    if is_aurora(r.props):
        r.not_applicable("Aurora availability is checked on the cluster (rds-cluster-multi-az)")
    if engine(r.props) in NO_MULTI_AZ_ENGINES:
        r.not_applicable("the engine has no Multi-AZ deployment option")

    multi_az = r.props.get("multiAz")
    if r.check_unknown(multi_az, "without Multi-AZ an AZ outage takes the database down"):
        return
    if multi_az.is_true():
        return
    if r.props.get("engine").unknown:
        r.unverifiable("engine", "multiAz is not true, which is only allowed for engines without Multi-AZ")
        return
    r.violation(
        "multiAz is not true: the instance has no standby in another Availability Zone, so an AZ outage "
        "or maintenance takes the database down. Set multiAz: true."
    )


SPEC = ResourcePolicySpec(
    name="rds-instance-multi-az",
    description="RDS DB instances are Multi-AZ deployments with a standby in a second Availability Zone.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(RDS_INSTANCE,),
    rule=(
        "`multiAz` is true. Read replicas (`replicateSourceDb`) are not applicable when exemptReadReplicas; "
        "engines without Multi-AZ (sqlserver-ex) are not applicable; Aurora instances are covered by "
        "`rds-cluster-multi-az`."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set multi_az=True on the aws.rds.Instance (a DB subnet group spanning at least two AZs is needed).\n"
        "2. For an existing instance the change converts it online; apply it in a maintenance window."
    ),
    framework=Framework("AWS Config managed rule", "rds-multi-az-support"),
    refs=("CKV_AWS_157", "seed 000", "seed 002"),
    settings=(EXEMPT_READ_REPLICAS,),
    check=check,
    examples=(
        Example("Multi-AZ PostgreSQL instance", {"engine": "postgres", "multiAz": True}, "pass"),
        Example(
            "Single-AZ instance (multiAz omitted defaults to false)",
            {"engine": "postgres", "instanceClass": "db.r6g.large"},
            "fail",
            mentions=("multiAz",),
        ),
        Example("multiAz explicitly false", {"engine": "mysql", "multiAz": False}, "fail", mentions=("multiAz",)),
        Example(
            "multiAz taken from another resource's output",
            {"engine": "postgres", "multiAz": unknown("boolean")},
            "unverifiable",
        ),
        Example(
            "Read replica, exempt by default",
            {"engine": "postgres", "replicateSourceDb": unknown(), "multiAz": False},
            "not_applicable",
        ),
        Example(
            "Read replica when replicas are not exempt",
            {"engine": "postgres", "replicateSourceDb": unknown(), "multiAz": False},
            "fail",
            config={"exemptReadReplicas": False},
        ),
        Example("SQL Server Express has no Multi-AZ", {"engine": "sqlserver-ex"}, "not_applicable"),
    ),
)
