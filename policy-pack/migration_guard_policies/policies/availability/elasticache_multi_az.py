"""elasticache-multi-az: replication groups fail over automatically to a replica in another AZ."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import ELASTICACHE_REPLICATION_GROUP

WHY = "without it a node or AZ failure is not failed over to a replica in another Availability Zone"


def _replicas(r: ResourceCheck) -> int | None:
    """Replicas per shard, or None when unknown (recorded as unverifiable)."""
    counts: list[int] = []
    for key in ("numCacheClusters", "replicasPerNodeGroup"):
        read = r.props.get(key)
        if r.check_unknown(read, "it decides whether the group has a replica to fail over to"):
            return None
        value = read.int()
        if value is not None:
            counts.append(value - 1 if key == "numCacheClusters" else value)
    for read in r.props.all("nodeGroupConfigurations[*].replicaCount"):
        if r.check_unknown(read, "it decides whether each shard has a replica to fail over to"):
            return None
        value = read.int()
        if value is not None:
            counts.append(value)
    return min(counts) if counts else 0  # numCacheClusters defaults to 1: a primary only


def check(r: ResourceCheck) -> None:
    for key in ("automaticFailoverEnabled", "multiAzEnabled"):
        read = r.props.get(key)
        if r.check_unknown(read, WHY):
            continue
        if not read.is_true():
            r.violation(f"{key} is not true (it defaults to false): {WHY}. Set {key}: true.")
    replicas = _replicas(r)
    if replicas is not None and replicas < 1:
        r.violation(
            "the replication group has no replica (numCacheClusters below 2, or replicasPerNodeGroup / "
            "nodeGroupConfigurations replicaCount below 1): there is nothing to fail over to. Set "
            "numCacheClusters: 2 or more (or replicasPerNodeGroup: 1 or more in cluster mode)."
        )


SPEC = ResourcePolicySpec(
    name="elasticache-multi-az",
    description="ElastiCache replication groups have automatic failover and Multi-AZ with at least one replica.",
    family=Family.AVAILABILITY,
    severity="medium",
    level="mandatory",
    resource_types=(ELASTICACHE_REPLICATION_GROUP,),
    rule=(
        "`automaticFailoverEnabled` and `multiAzEnabled` are true, with at least one replica "
        "(`numCacheClusters` at least 2, or `replicasPerNodeGroup` / `nodeGroupConfigurations[].replicaCount` "
        "at least 1)."
    ),
    unknown_handling="unverifiable",
    remediation=(
        "1. Set automatic_failover_enabled=True and multi_az_enabled=True on the aws.elasticache.ReplicationGroup.\n"
        "2. Set num_cache_clusters=2 or more (cluster mode disabled) or replicas_per_node_group=1 or more.\n"
        "3. Use a subnet group spanning at least two AZs (see subnet-group-multi-az)."
    ),
    framework=Framework("AWS Config managed rule", "elasticache-repl-grp-auto-failover-enabled"),
    refs=("CKV2_AWS_50",),
    check=check,
    examples=(
        Example(
            "Primary and replica with automatic failover and Multi-AZ",
            {"automaticFailoverEnabled": True, "multiAzEnabled": True, "numCacheClusters": 2},
            "pass",
        ),
        Example(
            "Cluster mode with one replica per shard",
            {"automaticFailoverEnabled": True, "multiAzEnabled": True, "numNodeGroups": 3,
             "replicasPerNodeGroup": 1},
            "pass",
        ),
        Example("Failover settings omitted", {"numCacheClusters": 2}, "fail",
                mentions=("automaticFailoverEnabled", "multiAzEnabled")),
        Example(
            "Failover enabled without a replica",
            {"automaticFailoverEnabled": True, "multiAzEnabled": True, "numCacheClusters": 1},
            "fail",
            mentions=("numCacheClusters",),
        ),
        Example(
            "multiAzEnabled computed from another output",
            {"automaticFailoverEnabled": True, "multiAzEnabled": unknown("boolean"), "numCacheClusters": 2},
            "unverifiable",
        ),
    ),
)
