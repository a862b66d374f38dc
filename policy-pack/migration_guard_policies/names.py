"""The one table of properties that name a resource itself, per type token.

Used by resource-name-environment-suffix, physical-name-constraints and the offline preview's
autonames. Every type's generic ``name`` / ``namePrefix`` name the resource itself, except on the
types in :data:`NAME_IS_NOT_OWN`; :data:`NAME_KEYS` adds the per-type properties. (The contents
are maintained with the naming policies.)
"""

from __future__ import annotations

from . import types as t

# Properties that name the resource itself on any type.
GENERIC_NAME_KEYS: tuple[str, ...] = ("name", "namePrefix")

# Per-type properties that name the resource itself, beyond the generic ones.
NAME_KEYS: dict[str, tuple[str, ...]] = {
    t.RDS_INSTANCE: ("identifier", "identifierPrefix"),
    t.RDS_CLUSTER: ("clusterIdentifier", "clusterIdentifierPrefix"),
    t.RDS_CLUSTER_INSTANCE: ("identifier", "identifierPrefix"),
    t.RDS_GLOBAL_CLUSTER: ("globalClusterIdentifier",),
    t.S3_BUCKET: ("bucket", "bucketPrefix"),
    t.S3_BUCKET_V2: ("bucket", "bucketPrefix"),
    t.DMS_REPLICATION_INSTANCE: ("replicationInstanceId",),
    t.DMS_REPLICATION_TASK: ("replicationTaskId",),
    t.DMS_ENDPOINT: ("endpointId",),
    t.DMS_REPLICATION_SUBNET_GROUP: ("replicationSubnetGroupId",),
    t.ELASTICACHE_REPLICATION_GROUP: ("replicationGroupId",),
    t.ELASTICACHE_CLUSTER: ("clusterId",),
    t.CLOUDWATCH_COMPOSITE_ALARM: ("alarmName",),
    t.CLOUDWATCH_METRIC_ALARM: ("alarmName",),
    t.ECS_TASK_DEFINITION: ("family",),
    "aws:dms/certificate:Certificate": ("certificateId",),
    "aws:dms/eventSubscription:EventSubscription": ("name",),
    "aws:lambda/function:Function": ("name",),
}

# Types whose generic `name` is not a name of the resource itself.
NAME_IS_NOT_OWN: frozenset[str] = frozenset(
    {
        "aws:ec2/tag:Tag",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
    }
)


def name_keys(resource_type: str) -> tuple[str, ...]:
    """The properties that name a resource of ``resource_type`` itself, generic ones first."""
    generic = () if resource_type in NAME_IS_NOT_OWN else GENERIC_NAME_KEYS
    return tuple(dict.fromkeys(generic + NAME_KEYS.get(resource_type, ())))
