"""resource-name-environment-suffix: logical and physical names carry the environment suffix."""

from __future__ import annotations

import re

from ... import types as t
from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...names import OWN_NAMES, own_name_props


def has_token(text: str, suffix: str) -> bool:
    """True when ``suffix`` appears in ``text`` delimited by - _ / . or the string's ends."""
    pattern = r"(?:^|[-_/.])" + re.escape(suffix.lower()) + r"(?:$|[-_/.])"
    return re.search(pattern, text.lower()) is not None


SHOWN_LENGTH = 80  # names longer than this are cut in messages


def shown(value: str) -> str:
    return value if len(value) <= SHOWN_LENGTH else value[:SHOWN_LENGTH] + "..."


def check(r: ResourceCheck) -> None:
    if r.type in r.config_strs("exemptTypes", []):
        raise r.not_applicable("the type is listed in exemptTypes")
    suffix = r.config.get("environmentSuffix") or r.stack
    if not isinstance(suffix, str) or not suffix:
        raise r.not_applicable("no environment suffix: set environmentSuffix (the URN carries no stack name)")

    # Logical names and physical names are not secret; they are shown to say which name is wrong.
    if not has_token(r.name, suffix):
        r.violation(
            f"logical name '{shown(r.name)}' does not contain the environment suffix '{suffix}' as a token "
            "(delimited by - _ / . or the ends): the environment is not visible in the name, so this resource "
            "cannot be told apart from its twins in other environments' stacks (an autonamed physical name gets a "
            "random suffix and does not collide, but it is derived from this logical name)."
        )
    for key, is_prefix in own_name_props(r.type):
        read = r.props.get(key)
        if not read.present:
            continue  # absent, null or empty: the provider derives a unique name
        if r.check_unknown(read, f"the physical name must contain the environment suffix '{suffix}'"):
            continue
        value = read.str()
        if value is None:
            continue  # not text: physical-name-constraints reports the shape
        if not has_token(value, suffix):
            what = "every physical name started from this prefix" if is_prefix else "the physical name"
            r.violation(
                f"{key} '{shown(value)}' is an explicit physical name without the environment suffix '{suffix}' "
                f"as a token: stacks of two environments would collide on {what} (AWS allows it once per account "
                "and Region), and the second deployment fails. Add the suffix, or leave the name out so that "
                "Pulumi derives a unique one from the logical name."
            )


NAME_PROPS = sorted({prop for names in OWN_NAMES.values() for n in names for prop in (n.prop, n.prefix) if prop}
                    | {"name", "namePrefix"})

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
        "itself: the generic `name` / `namePrefix` and each type's own identifier from the pack's names table "
        "(`identifier`, `identifierPrefix`, `clusterIdentifier` / `clusterIdentifierPrefix` of RDS, DocumentDB, "
        "Neptune and Redshift clusters, `globalClusterIdentifier`, Bucket `bucket` / `bucketPrefix`, "
        "`replicationInstanceId`, `replicationTaskId`, `endpointId` (Endpoint and S3Endpoint), "
        "`replicationConfigIdentifier`, `replicationSubnetGroupId`, `replicationGroupId`, elasticache `clusterId`, "
        "CompositeAlarm `alarmName`, ECS `family`, snapshot, endpoint and Redshift Serverless names, ...). "
        "Properties that point at another resource, or whose value is not this resource's own physical name, are "
        "not names of this one (ClusterInstance `clusterIdentifier`, ReplicationInstance "
        "`replicationSubnetGroupId`, `bucket` on bucket sub-resources, ssm Association `name` (the SSM document it "
        "runs), lambda Alias `name` (unique only within its function), lambda Permission, iam RolePolicy and "
        "RolePolicyAttachment and similar attachments, names unique only inside a parent). The message says what "
        "is wrong: an explicit physical name without the suffix collides when two environments' stacks deploy it; "
        "a logical name without it leaves the environment invisible (autonamed physical names get a random suffix "
        "and do not collide). Every type except `pulumi:*` and exemptTypes. The suffix is environmentSuffix when "
        "configured, else the stack name from the URN."
    ),
    unknown_handling="unverifiable (a physical name computed from another resource's output)",
    remediation=(
        "1. Put the suffix in every logical name: f\"orders-db-{env}\".\n"
        "2. Put it in every explicit physical name too (identifier, name, ...), or leave the physical name "
        "out so Pulumi derives it from the logical name.\n"
        "3. Take env from config (environmentSuffix) or the stack name, never a literal."
    ),
    refs=("seed 000", "seed 004"),
    echoes=frozenset(NAME_PROPS),
    config={
        "environmentSuffix": {
            "type": "string",
            "default": "",
            "pattern": r"^([A-Za-z0-9]+([-_.][A-Za-z0-9]+)*)?$",
            "description": "The suffix every name must carry. Empty means the stack name.",
        },
        "exemptTypes": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Type tokens this policy skips (for example aws:iam/rolePolicyAttachment:RolePolicyAttachment).",
        },
    },
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
        Example(
            "Explicit physical name without the suffix: the message says the environments collide",
            {"clusterIdentifier": "warehouse", "nodeType": "ra3.xlplus", "encrypted": True},
            "fail",
            type="aws:redshift/cluster:Cluster",
            name="warehouse-dev",
            mentions=("clusterIdentifier", "collide"),
        ),
        Example(
            "Logical name alone: the message says the environment is not visible (autonames do not collide)",
            {"engine": "docdb"},
            "fail",
            type="aws:docdb/cluster:Cluster",
            name="catalog-docdb",
            mentions=("catalog-docdb", "not visible"),
        ),
        Example(
            "DocumentDB cluster identifier carries the suffix",
            {"clusterIdentifier": "catalog-docdb-dev", "engine": "docdb"},
            "pass",
            type="aws:docdb/cluster:Cluster",
            name="catalog-docdb-dev",
        ),
        Example(
            "DMS Serverless config identifier without the suffix",
            {"replicationConfigIdentifier": "orders-cdc", "replicationType": "cdc"},
            "fail",
            type="aws:dms/replicationConfig:ReplicationConfig",
            name="orders-cdc-dev",
            mentions=("replicationConfigIdentifier",),
        ),
        Example(
            "DMS S3 endpoint id without the suffix",
            {"endpointId": "landing", "endpointType": "target", "bucketName": "landing-dev"},
            "fail",
            type="aws:dms/s3Endpoint:S3Endpoint",
            name="landing-dev",
            mentions=("endpointId",),
        ),
        Example(
            "An SSM association's name is the document it runs, not its own name",
            {"name": "AWS-RunPatchBaseline", "scheduleExpression": "rate(7 days)"},
            "pass",
            type="aws:ssm/association:Association",
            name="patching-dev",
        ),
        Example(
            "A Lambda alias name is unique only within its function",
            {"name": "live", "functionName": unknown(), "functionVersion": "3"},
            "pass",
            type="aws:lambda/alias:Alias",
            name="orders-live-dev",
        ),
        Example(
            "Redshift cluster identifier computed from another output",
            {"clusterIdentifier": unknown(), "nodeType": "ra3.xlplus"},
            "unverifiable",
            type="aws:redshift/cluster:Cluster",
            name="warehouse-dev",
        ),
    ),
)
