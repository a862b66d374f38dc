"""rds-auto-minor-version-upgrade: RDS applies minor engine upgrades in the maintenance window."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE
from ._rds_ops import checked_here


def check(r: ResourceCheck) -> None:
    if not checked_here(r, "minor version upgrades"):
        return
    upgrade = r.props.get("autoMinorVersionUpgrade")
    if r.check_unknown(upgrade, "minor engine upgrades carry security and bug fixes"):
        return
    if upgrade.is_false():
        r.violation(
            "autoMinorVersionUpgrade is false: security and bug-fix releases of the engine are never applied "
            "automatically, and RDS eventually forces the upgrade at a time of its choosing. Remove it or set "
            "autoMinorVersionUpgrade: true (upgrades happen in the maintenance window)."
        )


SPEC = ResourcePolicySpec(
    name="rds-auto-minor-version-upgrade",
    description=(
        "RDS instances, Aurora cluster instances and Multi-AZ DB clusters apply minor engine upgrades "
        "automatically in the maintenance window."
    ),
    family=Family.OPERATIONS,
    severity="low",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER),
    rule=(
        "`autoMinorVersionUpgrade` is not false (it defaults to true) on RDS instances, Aurora cluster instances and "
        "Multi-AZ DB clusters (rds Cluster with `dbClusterInstanceClass`, non-Aurora; RDS creates their instances, "
        "so the setting is on the Cluster: "
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-upgrading.html; AWS Config rule rds-cluster-auto-minor-version-upgrade-enable). An "
        "Aurora rds Cluster is not applicable: its ClusterInstances are checked."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Remove auto_minor_version_upgrade=False (the default is True), or set it to True.\n"
        "2. Set a maintenance window (maintenance_window / preferred_maintenance_window) that suits the workload."
    ),
    refs=("CKV_AWS_226",),
    check=check,
    examples=(
        Example("Omitted (defaults to true)", {"engine": "postgres"}, "pass"),
        Example(
            "Multi-AZ DB cluster with minor upgrades turned off",
            {"engine": "postgres", "dbClusterInstanceClass": "db.r6gd.large", "autoMinorVersionUpgrade": False},
            "fail",
            type=RDS_CLUSTER,
            mentions=("autoMinorVersionUpgrade",),
        ),
        Example(
            "Multi-AZ DB cluster with the default",
            {"engine": "mysql", "dbClusterInstanceClass": "db.r6gd.large"},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "Aurora cluster: checked on its ClusterInstances",
            {"engine": "aurora-postgresql", "autoMinorVersionUpgrade": False},
            "not_applicable",
            type=RDS_CLUSTER,
        ),
        Example(
            "Cluster whose instance class comes from another output",
            {"engine": "postgres", "dbClusterInstanceClass": unknown()},
            "unverifiable",
            type=RDS_CLUSTER,
        ),
        Example(
            "Aurora cluster instance with upgrades on",
            {"engine": "aurora-postgresql", "autoMinorVersionUpgrade": True, "clusterIdentifier": unknown()},
            "pass",
            type=RDS_CLUSTER_INSTANCE,
        ),
        Example(
            "Minor upgrades turned off",
            {"engine": "mysql", "autoMinorVersionUpgrade": False},
            "fail",
            mentions=("autoMinorVersionUpgrade",),
        ),
        Example(
            "Setting computed from another output",
            {"engine": "postgres", "autoMinorVersionUpgrade": unknown("boolean")},
            "unverifiable",
        ),
    ),
)
