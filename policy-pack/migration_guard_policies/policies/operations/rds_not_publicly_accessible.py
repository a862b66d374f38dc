"""rds-not-publicly-accessible: databases get no public IP address."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import SECURITY_TAG, Family, Framework, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE

WHY = "a publicly accessible database gets a public IP address and a DNS name that resolves to it"


def check(r: ResourceCheck) -> None:
    public = r.props.get("publiclyAccessible")
    if r.check_unknown(public, WHY):
        return
    if public.is_true():
        r.violation(
            f"publiclyAccessible is true: {WHY}, one security-group rule away from the internet. Set "
            "publiclyAccessible: false and reach the database through private subnets, a VPN or a bastion."
        )
        return
    if r.type != RDS_CLUSTER or public.is_false():
        return
    # A Multi-AZ DB cluster (non-Aurora, dbClusterInstanceClass) defaults to public without a custom
    # subnet group: it must say false explicitly.
    instance_class = r.props.get("dbClusterInstanceClass")
    if instance_class.unknown:
        r.unverifiable("dbClusterInstanceClass", "a Multi-AZ DB cluster must set publiclyAccessible: false")
    elif instance_class.is_set:
        r.violation(
            "publiclyAccessible is not set on a Multi-AZ DB cluster (dbClusterInstanceClass): such a cluster "
            "defaults to public when it has no custom DB subnet group. Set publiclyAccessible: false explicitly."
        )


SPEC = ResourcePolicySpec(
    name="rds-not-publicly-accessible",
    description="RDS instances, cluster instances and Multi-AZ DB clusters are not publicly accessible.",
    family=Family.OPERATIONS,
    tags=(SECURITY_TAG,),  # public access is a security control (SARIF `security`), whatever its family
    severity="critical",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER),
    rule=(
        "`publiclyAccessible` is not true; a Multi-AZ DB cluster (Cluster with `dbClusterInstanceClass`) must set "
        "it explicitly to false, since it defaults to public without a custom subnet group."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set publicly_accessible=False on every aws.rds.Instance and aws.rds.ClusterInstance, and on "
        "aws.rds.Cluster when it is a Multi-AZ DB cluster (db_cluster_instance_class set).\n"
        "2. Place the database in a DB subnet group of private subnets (aws.rds.SubnetGroup)."
    ),
    framework=Framework("AWS Config managed rule", "rds-instance-public-access-check"),
    refs=("CKV_AWS_17", "seed 000"),
    check=check,
    examples=(
        Example("Private instance", {"engine": "postgres", "publiclyAccessible": False}, "pass"),
        Example("Omitted on an instance (defaults to false)", {"engine": "postgres"}, "pass"),
        Example(
            "Public instance (seed 000)",
            {"engine": "postgres", "publiclyAccessible": True},
            "fail",
            mentions=("publiclyAccessible",),
        ),
        Example(
            "Public Aurora cluster instance",
            {"engine": "aurora-postgresql", "clusterIdentifier": unknown(), "publiclyAccessible": True},
            "fail",
            type=RDS_CLUSTER_INSTANCE,
            mentions=("publiclyAccessible",),
        ),
        Example(
            "Multi-AZ DB cluster relying on the default",
            {"engine": "postgres", "dbClusterInstanceClass": "db.r6gd.large", "storageType": "io1"},
            "fail",
            type=RDS_CLUSTER,
            mentions=("publiclyAccessible", "dbClusterInstanceClass"),
        ),
        Example(
            "Multi-AZ DB cluster explicitly private",
            {"engine": "postgres", "dbClusterInstanceClass": "db.r6gd.large", "publiclyAccessible": False},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example("Aurora cluster (instances carry the setting)", {"engine": "aurora-mysql"}, "pass", type=RDS_CLUSTER),
        Example(
            "publiclyAccessible computed from another output",
            {"engine": "postgres", "publiclyAccessible": unknown("boolean")},
            "unverifiable",
        ),
    ),
)
