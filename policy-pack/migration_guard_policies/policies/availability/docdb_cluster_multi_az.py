"""docdb-cluster-multi-az (stack): DocumentDB clusters run instances in at least two AZs."""

from __future__ import annotations

from ...context import StackCheck
from ...examples import StackExample, StackResource, unknown
from ...settings import IntSetting
from ...spec import Family, StackPolicySpec
from ...types import DOCDB_CLUSTER, DOCDB_CLUSTER_INSTANCE
from ._cluster_span import ClusterKind, ClusterSpan

DOCDB = ClusterKind(
    "DocumentDB cluster",
    DOCDB_CLUSTER_INSTANCE,
    "Add aws.docdb.ClusterInstance resources whose cluster_identifier is this cluster, in different "
    "Availability Zones: DocumentDB promotes a replica in another AZ when the primary fails.",
)
MIN_INSTANCES = IntSetting(
    "minInstances",
    default=2,
    minimum=1,
    description="The fewest instances a DocumentDB cluster must have (a primary and replicas).",
)


def check(ctx: StackCheck) -> None:
    minimum = ctx.setting(MIN_INSTANCES)
    clusters = ctx.of_type(DOCDB_CLUSTER)
    if not clusters:
        ctx.not_applicable("the stack has no DocumentDB cluster")
    span = ClusterSpan(ctx, (DOCDB_CLUSTER,), DOCDB)
    for cluster in clusters:
        span.check(cluster, minimum)


def _cluster() -> StackResource:
    return StackResource(DOCDB_CLUSTER, "catalog-dev", {"clusterIdentifier": "catalog-dev", "engine": "docdb",
                                                        "storageEncrypted": True})


def _instance(name: str, zone: object = None, cluster: object = None) -> StackResource:
    props: dict[str, object] = {"instanceClass": "db.r6g.large", "engine": "docdb",
                                "clusterIdentifier": unknown() if cluster is None else cluster}
    if zone is not None:
        props["availabilityZone"] = zone
    return StackResource(DOCDB_CLUSTER_INSTANCE, name, props,
                         deps={"clusterIdentifier": ("catalog-dev",)} if cluster is None else {})


SPEC = StackPolicySpec(
    name="docdb-cluster-multi-az",
    description="DocumentDB clusters have at least two instances, in at least two Availability Zones.",
    family=Family.AVAILABILITY,
    severity="high",
    level="mandatory",
    resource_types=(DOCDB_CLUSTER, DOCDB_CLUSTER_INSTANCE),
    rule=(
        "Every docdb Cluster has at least minInstances docdb ClusterInstances (their `clusterIdentifier` depends "
        "on the cluster or equals its literal identifier); where their `availabilityZone` is a literal, they "
        "cover at least 2 distinct AZs. A cluster with one instance has no replica to fail over to "
        "(https://docs.aws.amazon.com/documentdb/latest/developerguide/replication.html#replication.high-availability)."
    ),
    unknown_handling=(
        "unverifiable (an instance whose clusterIdentifier is unknown and not traced to a cluster of the stack, or "
        "an AZ the program set from an unknown output that decides the span); an AZ the program left unset is "
        "placed by DocumentDB"
    ),
    remediation=(
        "1. Create at least two aws.docdb.ClusterInstance resources with cluster_identifier=cluster.id.\n"
        "2. Give them different availability_zone values (or none: DocumentDB places them over the subnet "
        "group's AZs).\n"
        "3. Give the cluster a subnet group spanning at least two AZs (see subnet-group-multi-az). "
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/replication.html"
    ),
    refs=("DocumentDB availability guidance",),
    echoes=frozenset({"availabilityZone", "availabilityZoneId"}),
    settings=(MIN_INSTANCES,),
    check=check,
    examples=(
        StackExample(
            "Primary and replica in two AZs, linked through cluster.id",
            (_cluster(), _instance("catalog-1-dev", "us-east-1a"), _instance("catalog-2-dev", "us-east-1b")),
            "pass",
        ),
        StackExample(
            "Two instances, AZs left to DocumentDB, linked by the literal identifier",
            (_cluster(), _instance("catalog-1-dev", cluster="catalog-dev"),
             _instance("catalog-2-dev", cluster="catalog-dev")),
            "pass",
        ),
        StackExample(
            "A single instance",
            (_cluster(), _instance("catalog-1-dev", "us-east-1a")),
            "fail",
            mentions=("catalog-dev",),
            failing=("catalog-dev",),
        ),
        StackExample(
            "Two instances pinned to the same AZ",
            (_cluster(), _instance("catalog-1-dev", "us-east-1a"), _instance("catalog-2-dev", "us-east-1a")),
            "fail",
            mentions=("us-east-1a",),
            failing=("catalog-dev",),
        ),
        StackExample(
            "Instance whose cluster identifier comes from an unrelated output",
            (_cluster(), _instance("catalog-1-dev", "us-east-1a"),
             StackResource(DOCDB_CLUSTER_INSTANCE, "catalog-2-dev", {"clusterIdentifier": unknown()})),
            "unverifiable",
        ),
        StackExample(
            "Three instances required",
            (_cluster(), _instance("catalog-1-dev", "us-east-1a"), _instance("catalog-2-dev", "us-east-1b")),
            "fail",
            config={"minInstances": 3},
            failing=("catalog-dev",),
        ),
        StackExample("No DocumentDB cluster in the stack",
                     (StackResource("aws:rds/cluster:Cluster", "orders-dev", {"engine": "aurora-postgresql"}),),
                     "not_applicable"),
    ),
)
