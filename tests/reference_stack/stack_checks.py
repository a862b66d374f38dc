"""Checks over a mock run that mirror what the policy catalog demands of the stack during a preview.

They read the registrations exactly as a policy pack would: camelCase inputs, unknown computed values,
links between resources through property dependencies only.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import re
from collections.abc import Iterator
from typing import Any

from .stack_harness import Registration, Run

NAME_PROPERTIES = (
    "name", "namePrefix", "identifier", "identifierPrefix", "clusterIdentifier", "clusterIdentifierPrefix",
    "replicationInstanceId", "replicationTaskId", "endpointId", "replicationSubnetGroupId", "alarmName",
    "setIdentifier", "referenceName", "finalSnapshotIdentifier",
)
# Properties that point at another resource on these types (not this resource's own name).
REFERENCE_PROPERTIES = {
    "aws:rds/clusterInstance:ClusterInstance": {"clusterIdentifier"},
    "aws:dms/replicationInstance:ReplicationInstance": {"replicationSubnetGroupId"},
}
CREDENTIAL_KEY = re.compile(r"password|passwd|pwd|secret|token|apikey|api_key|privatekey|private_key|authtoken",
                            re.IGNORECASE)
REFERENCE_KEY = re.compile(r"(arn|id|ids|length|version)$|^secretsmanager|^kmskey", re.IGNORECASE)
REQUIRED_TAGS = ("Environment", "ManagedBy", "Project")


def has_token(value: str, token: str) -> bool:
    return re.search(rf"(^|[-_/.]){re.escape(token.lower())}($|[-_/.])", value.lower()) is not None


def is_known(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | list | dict) and not (
        isinstance(value, str) and value.startswith("04da6b54-")
    )


@functools.cache
def resource_class(type_token: str) -> type | None:
    """The pulumi_aws class of an ``aws:`` type token (``aws:ec2/vpc:Vpc`` -> ``pulumi_aws.ec2.Vpc``)."""
    if not type_token.startswith("aws:"):
        return None
    module_part, class_name = type_token.split(":")[1], type_token.split(":")[2]
    module_name = module_part.split("/")[0]
    module = importlib.import_module(f"pulumi_aws.{module_name}" if module_name != "index" else "pulumi_aws")
    cls = getattr(module, class_name, None)
    return cls if isinstance(cls, type) else None


def is_taggable(type_token: str) -> bool:
    cls = resource_class(type_token)
    if cls is None:
        return False
    return "tags" in inspect.signature(cls._internal_init).parameters  # type: ignore[attr-defined]


def naming_problems(run: Run, suffix: str) -> list[str]:
    problems = []
    for reg in run.registrations:
        if not has_token(reg.name, suffix):
            problems.append(f"logical name {reg.name} ({reg.type}) lacks the suffix {suffix}")
        if not reg.custom:
            continue
        for prop in NAME_PROPERTIES:
            if prop in REFERENCE_PROPERTIES.get(reg.type, set()):
                continue
            value = reg.inputs.get(prop)
            if isinstance(value, str) and is_known(value) and not has_token(value, suffix):
                problems.append(f"{reg.name}.{prop}={value!r} lacks the suffix {suffix}")
    return problems


def tag_problems(run: Run, suffix: str) -> list[str]:
    problems = []
    for reg in run.registrations:
        if not reg.custom or not is_taggable(reg.type):
            continue
        tags = reg.inputs.get("tags")
        if not isinstance(tags, dict):
            problems.append(f"{reg.name} ({reg.type}) has no literal tags")
            continue
        for key in REQUIRED_TAGS:
            if key not in tags:
                problems.append(f"{reg.name} ({reg.type}) lacks tag {key}")
        if tags.get("Environment") != suffix:
            problems.append(f"{reg.name} has Environment={tags.get('Environment')!r}, not {suffix!r}")
    return problems


def _walk(value: Any, path: str) -> Iterator[tuple[str, str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, str(key), item
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif isinstance(value, str) and value[:1] in "{[":
        try:
            document = json.loads(value)
        except ValueError:
            return
        yield from _walk(document, f"{path}<json>")


def literal_credential_problems(run: Run) -> list[str]:
    """Credential-like keys (at any depth, JSON strings included) holding a literal string. What sits in
    an input that arrived as a secret (derived from secret config) is not a literal of the program."""
    problems = []
    for reg in run.registrations:
        for path, key, value in _walk(reg.inputs, reg.name):
            root = key if path == reg.name else path[len(reg.name) + 1:].split(".")[0].split("<")[0].split("[")[0]
            if root in reg.secret_properties:
                continue
            credential = CREDENTIAL_KEY.search(key) and not REFERENCE_KEY.search(key)
            if credential and isinstance(value, str) and is_known(value):
                problems.append(f"{path}.{key} holds a literal value")
    return problems


def deprecation_problems(run: Run) -> list[str]:
    """Deprecated inputs or types: the SDK logs ``... is deprecated`` through the engine when a deprecated
    resource is constructed or a deprecated input is set; the class source also says so."""
    problems = [m for m in run.engine_messages if "deprecated" in m.lower()]
    problems += [f"{t} is deprecated" for t in sorted({r.type for r in run.registrations}) if type_is_deprecated(t)]
    return problems


@functools.cache
def type_is_deprecated(type_token: str) -> bool:
    cls = resource_class(type_token)
    return cls is not None and f'pulumi.log.warn("""{cls.__name__} is deprecated' in inspect.getsource(cls)


def deps(reg: Registration, prop: str) -> list[str]:
    return reg.property_dependencies.get(prop, [])


def nat_per_az_problems(run: Run) -> list[str]:
    """Each private subnet's default route targets a NAT gateway in its own AZ (or a regional one)."""
    by_urn = run.by_urn()
    problems = []
    private = [r for r in run.of_type("aws:ec2/subnet:Subnet") if r.inputs.get("tags", {}).get("Tier") == "private"]
    if not private:
        return ["no private subnets"]
    for subnet in private:
        associations = [a for a in run.of_type("aws:ec2/routeTableAssociation:RouteTableAssociation")
                        if subnet.urn in deps(a, "subnetId")]
        if len(associations) != 1:
            problems.append(f"{subnet.name}: {len(associations)} route table associations")
            continue
        table_urns = deps(associations[0], "routeTableId")
        routes = [r for r in run.of_type("aws:ec2/route:Route")
                  if set(deps(r, "routeTableId")) & set(table_urns) and r.inputs.get("destinationCidrBlock") == "0.0.0.0/0"]
        if len(routes) != 1:
            problems.append(f"{subnet.name}: {len(routes)} default routes")
            continue
        nat_urns = deps(routes[0], "natGatewayId")
        if len(nat_urns) != 1:
            problems.append(f"{subnet.name}: default route does not depend on one NAT gateway")
            continue
        nat = by_urn[nat_urns[0]]
        if nat.inputs.get("availabilityMode") == "regional":
            if "availabilityZoneAddresses" in nat.inputs:
                problems.append(f"{nat.name}: regional NAT gateway limited to listed AZs")
            continue
        nat_subnets = [by_urn[u] for u in deps(nat, "subnetId")]
        if len(nat_subnets) != 1:
            problems.append(f"{nat.name}: subnetId does not depend on one subnet")
            continue
        if nat_subnets[0].inputs.get("availabilityZone") != subnet.inputs.get("availabilityZone"):
            problems.append(f"{subnet.name} routes to {nat.name} in another AZ")
    return problems


def alarm_coverage_problems(run: Run) -> list[str]:
    """Every database, DMS replication instance and task has an alarm whose dimensions depend on it."""
    covered: set[str] = set()
    for alarm in run.of_type("aws:cloudwatch/metricAlarm:MetricAlarm"):
        covered.update(deps(alarm, "dimensions"))
    monitored = ("aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:docdb/cluster:Cluster",
                 "aws:docdb/clusterInstance:ClusterInstance",
                 "aws:dms/replicationInstance:ReplicationInstance", "aws:dms/replicationTask:ReplicationTask",
                 "aws:dms/replicationConfig:ReplicationConfig")
    return [f"{r.name} ({r.type}) has no alarm" for r in run.registrations
            if r.type in monitored and r.urn not in covered]


def subnet_group_problems(run: Run) -> list[str]:
    by_urn = run.by_urn()
    problems = []
    for group in run.of_type("aws:rds/subnetGroup:SubnetGroup") + run.of_type("aws:docdb/subnetGroup:SubnetGroup") \
            + run.of_type("aws:dms/replicationSubnetGroup:ReplicationSubnetGroup"):
        subnets = [by_urn[u] for u in deps(group, "subnetIds")]
        zones = {s.inputs.get("availabilityZone") for s in subnets}
        if len(subnets) < 2 or len(zones) < 2 or None in zones:
            problems.append(f"{group.name}: subnets {len(subnets)}, literal AZs {sorted(map(str, zones))}")
    return problems


def cluster_multi_az_problems(run: Run) -> list[str]:
    problems = []
    member_types = {"aws:rds/cluster:Cluster": "aws:rds/clusterInstance:ClusterInstance",
                    "aws:docdb/cluster:Cluster": "aws:docdb/clusterInstance:ClusterInstance"}
    for cluster in run.of_type("aws:rds/cluster:Cluster") + run.of_type("aws:docdb/cluster:Cluster"):
        members = [i for i in run.of_type(member_types[cluster.type])
                   if cluster.urn in deps(i, "clusterIdentifier")]
        zones = {m.inputs.get("availabilityZone") for m in members}
        if len(members) < 2 or len(zones) < 2:
            problems.append(f"{cluster.name}: {len(members)} instances over {len(zones)} AZs")
    return problems


def flow_log_problems(run: Run) -> list[str]:
    logged = {u for f in run.of_type("aws:ec2/flowLog:FlowLog") for u in deps(f, "vpcId")}
    return [f"{v.name} has no flow log" for v in run.of_type("aws:ec2/vpc:Vpc") if v.urn not in logged]
