"""rds-cluster-multi-az (stack): Aurora clusters run instances in at least two AZs."""

from __future__ import annotations

from ...context import StackCheck, StackResourceView
from ...examples import StackExample, StackResource, unknown
from ...settings import IntSetting
from ...spec import Family, Framework, StackPolicySpec
from ...types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE
from ._cluster_span import ClusterKind, ClusterSpan
from ._planned import planned

MIN_INSTANCES = IntSetting(
    "minInstances",
    default=2,
    minimum=1,
    description="The fewest ClusterInstances an Aurora cluster must have (a writer and readers).",
)

# Aurora engine modes whose capacity lives in ClusterInstances (Serverless v2 is "provisioned").
INSTANCE_MODES = ("provisioned", "parallelquery", "global")
AURORA = ClusterKind(
    "Aurora cluster",
    RDS_CLUSTER_INSTANCE,
    "Add ClusterInstances whose clusterIdentifier is this cluster, in different Availability Zones.",
)


def _needs_instances(ctx: StackCheck, cluster: StackResourceView) -> bool:
    """True for provisioned and Serverless v2 Aurora clusters; Multi-AZ DB clusters pass."""
    engine, mode = planned(ctx, cluster, "engine"), planned(ctx, cluster, "engineMode")
    instance_class = planned(ctx, cluster, "dbClusterInstanceClass")
    if instance_class.present and not (engine.str() or "").lower().startswith("aurora"):
        return False  # a Multi-AZ DB cluster: RDS creates one writer and two readers in three AZs
    for read in (engine, mode):
        if read.unknown:
            ctx.unverifiable_for(cluster, read.path, "it decides whether the cluster needs instances in two AZs")
            return False
    if not (engine.str() or "").lower().startswith("aurora"):
        return False
    return (mode.str() or "provisioned").lower() in INSTANCE_MODES


def check(ctx: StackCheck) -> None:
    minimum = ctx.setting(MIN_INSTANCES)
    span = ClusterSpan(ctx, (RDS_CLUSTER,), AURORA)
    for cluster in ctx.of_type(RDS_CLUSTER):
        if _needs_instances(ctx, cluster):
            span.check(cluster, minimum)


def _cluster(**extra: object) -> StackResource:
    props = {"clusterIdentifier": "orders-dev", "engine": "aurora-postgresql", "engineMode": "provisioned", **extra}
    return StackResource(RDS_CLUSTER, "orders-dev", props)


def _instance(name: str, zone: object = None, cluster: object = None) -> StackResource:
    props: dict[str, object] = {"engine": "aurora-postgresql", "instanceClass": "db.r6g.large",
                                "clusterIdentifier": unknown() if cluster is None else cluster}
    if zone is not None:
        props["availabilityZone"] = zone
    return StackResource(RDS_CLUSTER_INSTANCE, name, props,
                         deps={"clusterIdentifier": ("orders-dev",)} if cluster is None else {})


SPEC = StackPolicySpec(
    name="rds-cluster-multi-az",
    description="Aurora clusters have at least two DB instances, in at least two Availability Zones.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(RDS_CLUSTER, RDS_CLUSTER_INSTANCE),
    rule=(
        "A provisioned or Serverless v2 Aurora cluster has at least minInstances ClusterInstances attached "
        "(their `clusterIdentifier` depends on the cluster, or equals its literal identifier); where the "
        "instances' `availabilityZone` is a literal, they cover at least 2 distinct AZs. Multi-AZ DB clusters "
        "(non-Aurora with `dbClusterInstanceClass`) pass; Aurora Serverless v1 is not applicable."
    ),
    unknown_handling=(
        "unverifiable (an unknown engine or engine mode, an instance whose clusterIdentifier is unknown with "
        "no property dependency, or an unknown AZ that decides the span)"
    ),
    remediation=(
        "1. Create at least two aws.rds.ClusterInstance resources with cluster_identifier=cluster.id.\n"
        "2. Give them different availability_zone values (or none: RDS spreads them over the subnet group).\n"
        "3. Give readers promotion_tier values so the failover target is predictable."
    ),
    framework=Framework("AWS Config managed rule", "rds-cluster-multi-az-enabled"),
    refs=("seed 001",),
    echoes=frozenset({"availabilityZone", "engine", "engineMode"}),
    settings=(MIN_INSTANCES,),
    check=check,
    examples=(
        StackExample(
            "Writer and reader in two AZs, linked through cluster.id",
            (_cluster(), _instance("orders-1-dev", "us-east-1a"), _instance("orders-2-dev", "us-east-1b")),
            "pass",
        ),
        StackExample(
            "A single writer instance (seed 001)",
            (_cluster(), _instance("orders-1-dev", "us-east-1a")),
            "fail",
            mentions=("orders-dev",),
            failing=("orders-dev",),
        ),
        StackExample(
            "Two instances pinned to the same AZ",
            (_cluster(), _instance("orders-1-dev", "us-east-1a"), _instance("orders-2-dev", "us-east-1a")),
            "fail",
            mentions=("us-east-1a",),
            failing=("orders-dev",),
        ),
        StackExample(
            "Instances linked by the literal cluster identifier, AZs left to RDS",
            (_cluster(), _instance("orders-1-dev", cluster="orders-dev"), _instance("orders-2-dev", cluster="orders-dev")),
            "pass",
        ),
        StackExample(
            "Instance whose cluster identifier comes from an unrelated output",
            (_cluster(), _instance("orders-1-dev", "us-east-1a"),
             StackResource(RDS_CLUSTER_INSTANCE, "orders-2-dev", {"clusterIdentifier": unknown()})),
            "unverifiable",
        ),
        StackExample(
            "Multi-AZ DB cluster (non-Aurora) needs no ClusterInstances",
            (StackResource(RDS_CLUSTER, "orders-dev", {"engine": "postgres", "dbClusterInstanceClass": "db.r6gd.large"}),),
            "pass",
        ),
        StackExample(
            "Two instances when minInstances is 3",
            (_cluster(), _instance("orders-1-dev", "us-east-1a"), _instance("orders-2-dev", "us-east-1b")),
            "fail",
            config={"minInstances": 3},
            failing=("orders-dev",),
        ),
    ),
)
