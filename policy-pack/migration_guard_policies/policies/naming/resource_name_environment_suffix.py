"""resource-name-environment-suffix: logical and physical names carry the environment suffix."""

from __future__ import annotations

import re

from ... import types as t
from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import StrListSetting, StrSetting
from ...spec import Family, ResourcePolicySpec

# Properties that name the resource itself on any type.
GENERIC_NAME_KEYS = ("name", "namePrefix")

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

ENVIRONMENT_SUFFIX = StrSetting(
    "environmentSuffix",
    default="",
    description="The suffix every name must carry. Empty means the stack name.",
)
EXEMPT_TYPES = StrListSetting(
    "exemptTypes",
    default=(),
    description="Type tokens this policy skips (for example aws:iam/rolePolicyAttachment:RolePolicyAttachment).",
)

SUFFIX_CONFIG_PATTERN = r"^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$"


def has_token(text: str, suffix: str) -> bool:
    """True when ``suffix`` appears in ``text`` delimited by - _ / . or the string's ends."""
    pattern = r"(?:^|[-_/.])" + re.escape(suffix.lower()) + r"(?:$|[-_/.])"
    return re.search(pattern, text.lower()) is not None


def name_keys(resource_type: str) -> tuple[str, ...]:
    generic = () if resource_type in NAME_IS_NOT_OWN else GENERIC_NAME_KEYS
    return tuple(dict.fromkeys(generic + NAME_KEYS.get(resource_type, ())))


def check(r: ResourceCheck) -> None:
    if r.type in (r.setting(EXEMPT_TYPES)):
        r.not_applicable("the type is listed in exemptTypes")
    suffix = r.setting(ENVIRONMENT_SUFFIX) or r.stack
    if not isinstance(suffix, str) or not suffix:
        r.not_applicable("no environment suffix: set environmentSuffix (the URN carries no stack name)")

    # Logical names and physical names are not secret; they are shown to say which name is wrong.
    if not has_token(r.name, suffix):
        r.violation(
            f"logical name '{r.name}' does not contain the environment suffix '{suffix}' as a token "
            "(delimited by - _ / . or the ends). Names without it collide when several environments "
            "deploy side by side."
        )
    for key in name_keys(r.type):
        read = r.props.get(key)
        if read.absent or read.state.value == "null":
            continue
        if r.check_unknown(read, f"the physical name must contain the environment suffix '{suffix}'"):
            continue
        value = read.str()
        if value is None:
            continue
        if not has_token(value, suffix):
            r.violation(
                f"{key} '{value}' does not contain the environment suffix '{suffix}' as a token: the "
                "physical name would collide with other environments' resources."
            )


SPEC = ResourcePolicySpec(
    name="resource-name-environment-suffix",
    description="Logical and physical resource names carry the environment suffix.",
    family=Family.NAMING,
    severity="medium",
    level="mandatory",
    resource_types=("*",),
    rule=(
        "The logical name contains the environment suffix as a token (delimited by `-`, `_`, `/`, `.` or the "
        "string's ends, case-insensitive), and so does every explicitly set property that names the resource "
        "itself (`name`, `namePrefix`, `identifier`, `identifierPrefix`, Cluster `clusterIdentifier`, "
        "GlobalCluster `globalClusterIdentifier`, Bucket `bucket` / `bucketPrefix`, `replicationInstanceId`, "
        "`replicationTaskId`, `endpointId`, `replicationSubnetGroupId`, `replicationGroupId`, elasticache "
        "`clusterId`, `alarmName`, ECS `family`, ...). Properties that point at another resource are not "
        "names of this one. Every type except `pulumi:*` and exemptTypes. The suffix is environmentSuffix "
        "when configured, else the stack name from the URN."
    ),
    unknown_handling="unverifiable (a physical name computed from another resource's output)",
    remediation=(
        "1. Put the suffix in every logical name: f\"orders-db-{env}\".\n"
        "2. Put it in every explicit physical name too (identifier, name, ...), or leave the physical name "
        "out so Pulumi derives it from the logical name.\n"
        "3. Take env from config (environmentSuffix) or the stack name, never a literal."
    ),
    refs=("seed 000", "seed 004"),
    echoes=frozenset({"name", "namePrefix", "identifier", "identifierPrefix", "clusterIdentifier",
                      "clusterIdentifierPrefix", "globalClusterIdentifier", "bucket", "bucketPrefix",
                      "replicationInstanceId", "replicationTaskId", "endpointId", "replicationSubnetGroupId",
                      "replicationGroupId", "clusterId", "alarmName", "family", "certificateId"}),
    settings=(ENVIRONMENT_SUFFIX, EXEMPT_TYPES),
    check=check,
    examples=(
        Example(
            "Suffix in the logical name and the identifier",
            {"identifier": "orders-db-dev", "engine": "postgres"},
            "pass",
            type=t.RDS_INSTANCE,
            name="orders-db-dev",
        ),
        Example(
            "Route table association without the suffix (seed 004)",
            {"subnetId": unknown(), "routeTableId": unknown()},
            "fail",
            type=t.EC2_ROUTE_TABLE_ASSOCIATION,
            name="private-rta-1",
            mentions=("private-rta-1",),
        ),
        Example(
            "DMS endpoint id without the suffix",
            {"endpointId": "source-endpoint", "endpointType": "source", "engineName": "postgres"},
            "fail",
            type=t.DMS_ENDPOINT,
            name="source-endpoint-dev",
            mentions=("endpointId",),
        ),
        Example(
            "Suffix as a substring only is not a token",
            {"name": "development-topic"},
            "fail",
            type=t.SNS_TOPIC,
            name="alarms-dev",
        ),
        Example(
            "Physical name computed from another output",
            {"name": unknown()},
            "unverifiable",
            type=t.SNS_TOPIC,
            name="alarms-dev",
        ),
        Example(
            "Configured suffix overrides the stack name",
            {"name": "alarms-pr123"},
            "pass",
            type=t.SNS_TOPIC,
            name="alarms-pr123",
            config={"environmentSuffix": "pr123"},
        ),
        Example(
            "ClusterInstance clusterIdentifier points at the cluster, not its own name",
            {"identifier": "orders-1-dev", "clusterIdentifier": "orders"},
            "pass",
            type=t.RDS_CLUSTER_INSTANCE,
            name="orders-1-dev",
        ),
    ),
)
