"""What the AWS provider's Check does to a resource's inputs before the engine analyzes them.

The engine sends a resource to the analyzers with the inputs its provider's Check returned
(pkg/resource/deploy/step_generator.go, generateSteps: ``inputs = resp.Properties`` after ``prov.Check``,
then "Send the resource off to any Analyzers"), and the program sees those checked inputs as its
preview outputs. Two things the bridged AWS provider's Check does matter to policies:

- autonaming: a resource with neither its name nor its name prefix set gets ``<logical name>-<7 hex>``;
- JSON documents: an input typed "string or policy document" that the program gave as an object is
  turned into its JSON text (pulumi-terraform-bridge pkg/tfbridge/transforms.go,
  ``TransformJSONDocument``: ``json.Marshal`` of the value; a value holding unknowns becomes an
  unknown string).

This module is pure (no pulumi import): the runner hands it engine-shaped JSON values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e"


@dataclass(frozen=True)
class AutoName:
    """How the AWS provider's Check fills a resource's name when the program sets none."""

    prop: str
    prefix_prop: str | None = "namePrefix"
    lower: bool = False
    max_length: int | None = None


# The provider's Check gives these types a name "<logical name>-<7 hex>" when neither the name nor its
# prefix is set, so policies see it in Analyze. The suffix is random in the engine; here it is derived
# from the URN so reports stay deterministic. Only types whose rule is certain are listed.
AUTO_NAMES: dict[str, AutoName] = {
    "aws:rds/instance:Instance": AutoName("identifier", "identifierPrefix", lower=True),
    "aws:rds/cluster:Cluster": AutoName("clusterIdentifier", "clusterIdentifierPrefix", lower=True),
    "aws:rds/clusterInstance:ClusterInstance": AutoName("identifier", "identifierPrefix", lower=True),
    "aws:rds/subnetGroup:SubnetGroup": AutoName("name", lower=True),
    "aws:rds/parameterGroup:ParameterGroup": AutoName("name", lower=True),
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": AutoName("name", lower=True),
    "aws:s3/bucket:Bucket": AutoName("bucket", "bucketPrefix", lower=True, max_length=63),
    "aws:s3/bucketV2:BucketV2": AutoName("bucket", "bucketPrefix", lower=True, max_length=63),
    "aws:iam/role:Role": AutoName("name", max_length=64),
    "aws:iam/policy:Policy": AutoName("name", max_length=128),
    "aws:sns/topic:Topic": AutoName("name"),
    "aws:sqs/queue:Queue": AutoName("name"),
    "aws:cloudwatch/logGroup:LogGroup": AutoName("name"),
    "aws:cloudwatch/metricAlarm:MetricAlarm": AutoName("name", None),
    "aws:secretsmanager/secret:Secret": AutoName("name"),
    "aws:ec2/securityGroup:SecurityGroup": AutoName("name"),
    "aws:lb/loadBalancer:LoadBalancer": AutoName("name", max_length=32),
    "aws:lb/targetGroup:TargetGroup": AutoName("name", max_length=32),
    "aws:lambda/function:Function": AutoName("name", None, max_length=64),
}


def auto_name(resource_type: str, name: str, urn: str, inputs: dict[str, Any]) -> dict[str, Any]:
    rule = AUTO_NAMES.get(resource_type)
    if rule is None or rule.prop in inputs or (rule.prefix_prop and rule.prefix_prop in inputs):
        return inputs
    suffix = hashlib.sha256(urn.encode()).hexdigest()[:7]
    base = name.lower() if rule.lower else name
    if rule.max_length is not None:
        base = base[: max(1, rule.max_length - len(suffix) - 1)]
    return {**inputs, rule.prop: f"{base}-{suffix}"}


def resolve_references(value: Any) -> Any:
    """A provider that does not accept resource references gets the referenced resource's id, or its
    URN when it has no id (sdk/go/common/resource/plugin/rpc.go, ``MarshalPropertyValue`` without
    ``KeepResources``); a new resource's id is unknown during preview."""
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == RESOURCE_REF_SIG:
            if "id" in value:
                ref_id = value.get("id")
                return ref_id if isinstance(ref_id, str) and ref_id else UNKNOWN_STRING
            return value.get("urn", "")
        return {k: resolve_references(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_references(v) for v in value]
    return value


def _walk(value: Any) -> Iterable[Any]:
    """Every node of a JSON value, without recursion."""
    pending = [value]
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)


def holds_unknown(value: Any) -> bool:
    return any(node == UNKNOWN_STRING for node in _walk(value))


def holds_secret(value: Any) -> bool:
    return any(isinstance(node, dict) and node.get(SPECIAL_SIG_KEY) == SECRET_SIG for node in _walk(value))


def _plain(value: Any) -> Any:
    """The value with secret wrappers removed and integral numbers as integers (Go prints 5.0 as 5)."""
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == SECRET_SIG:
            return _plain(value.get("value"))
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def without_secrets(value: Any) -> Any:
    """The value with every secret wrapper replaced by what it holds."""
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == SECRET_SIG:
            return without_secrets(value.get("value"))
        return {key: without_secrets(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_secrets(item) for item in value]
    return value


def go_json(value: Any) -> str:
    """``json.Marshal`` as Go writes it: sorted keys, no spaces, ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_document(value: Any) -> Any:
    """TransformJSONDocument: a string stays, an object or array becomes its JSON text, a value holding
    unknowns becomes an unknown string; a secret anywhere inside keeps the result secret."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, dict) and value.get(SPECIAL_SIG_KEY) == SECRET_SIG:
        return {SPECIAL_SIG_KEY: SECRET_SIG, "value": json_document(value.get("value"))}
    if not isinstance(value, (dict, list)):
        return value
    if holds_unknown(value):
        return UNKNOWN_STRING
    text = go_json(_plain(value))
    return {SPECIAL_SIG_KEY: SECRET_SIG, "value": text} if holds_secret(value) else text


def encode_json_documents(inputs: dict[str, Any], json_properties: Iterable[str]) -> dict[str, Any]:
    """The inputs with every JSON-document property given as an object turned into its JSON text."""
    changed = {key: json_document(inputs[key]) for key in json_properties if key in inputs}
    changed = {key: value for key, value in changed.items() if value is not inputs[key]}
    return {**inputs, **changed} if changed else inputs


def provider_check(
    resource_type: str, name: str, urn: str, inputs: dict[str, Any], json_properties: Iterable[str]
) -> dict[str, Any]:
    """The checked inputs: references resolved, JSON documents encoded, then the autoname filled in."""
    resolved = resolve_references(inputs)
    return auto_name(resource_type, name, urn, encode_json_documents(resolved, json_properties))
