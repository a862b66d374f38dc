"""Answers for the AWS data sources a program reads during preview.

Three kinds, all deterministic (no clock, no randomness):

- computed: what the provider computes from the arguments alone (policy documents, partitions,
  regions); no assumption is involved;
- assumed: common lookups of existing infrastructure (the default VPC and its subnets, AMIs, zones,
  certificates, keys, parameters, roles...), answered from their arguments and the SDK's result type:
  every required field present and typed, the call's Region honoured. The offline preview cannot
  know the real values; every assumed answer is listed in the report, ``--invoke-results`` replaces
  it and ``--strict-invokes`` refuses it;
- placeholders: with ``--allow-unknown-invokes``, a plain invoke nobody can answer gets typed
  placeholder values (an output-form invoke gets an unknown result instead).

``--invoke-results`` file format: ``{"<invoke token>": RESULT}`` where RESULT is either one result object
(used for every call) or a list of ``{"args": {...}, "result": {...}}`` entries, the first whose ``args``
are a subset of the call's arguments winning. Keys are engine names (camelCase), as in the invoke's schema.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from . import data_sources

PREVIEW_ACCOUNT_ID = data_sources.PREVIEW_ACCOUNT_ID
"""The account the preview pretends to run in (AWS's documentation account number)."""

GET_AVAILABILITY_ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones"
GET_CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"
GET_REGION = "aws:index/getRegion:getRegion"
GET_PARTITION = "aws:index/getPartition:getPartition"
GET_POLICY_DOCUMENT = "aws:iam/getPolicyDocument:getPolicyDocument"
GET_AMI = "aws:ec2/getAmi:getAmi"


def partition_of(region: str) -> tuple[str, str]:
    """(partition, DNS suffix) for a region name."""
    if region.startswith("cn-"):
        return "aws-cn", "amazonaws.com.cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov", "amazonaws.com"
    if region.startswith("us-iso-"):
        return "aws-iso", "c2s.ic.gov"
    if region.startswith("us-isob-"):
        return "aws-iso-b", "sc2s.sgov.gov"
    return "aws", "amazonaws.com"


def _region_code(region: str) -> str:
    # us-east-1 -> use1, eu-central-1 -> euc1: the prefix AWS uses in zone ids.
    parts = region.split("-")
    if len(parts) < 3:
        return region.replace("-", "")
    return parts[0] + "".join(p[0] for p in parts[1:-1]) + parts[-1]


def availability_zones(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    letters = ["a", "b", "c"]
    names = [f"{region}{letter}" for letter in letters]
    zone_ids = [f"{_region_code(region)}-az{index + 1}" for index in range(len(letters))]
    excluded_names = set(args.get("excludeNames") or [])
    excluded_ids = set(args.get("excludeZoneIds") or [])
    kept = [(n, z) for n, z in zip(names, zone_ids, strict=True) if n not in excluded_names and z not in excluded_ids]
    return {
        "id": region,
        "names": [n for n, _ in kept],
        "zoneIds": [z for _, z in kept],
        "groupNames": [region],
        "state": args.get("state") or "available",
        "region": region,
    }


def caller_identity(region: str) -> dict[str, Any]:
    partition, _ = partition_of(region)
    return {
        "id": PREVIEW_ACCOUNT_ID,
        "accountId": PREVIEW_ACCOUNT_ID,
        "arn": f"arn:{partition}:iam::{PREVIEW_ACCOUNT_ID}:user/migration-guard-preview",
        "userId": "AIDAMIGRATIONGUARDPREVIEW",
    }


def region_info(args: Mapping[str, Any], region: str) -> dict[str, Any]:
    name = args.get("region") or args.get("name") or region
    _, suffix = partition_of(name)
    return {
        "id": name,
        "name": name,
        "region": name,
        "endpoint": f"ec2.{name}.{suffix}",
        "description": name,
    }


def partition_info(region: str) -> dict[str, Any]:
    partition, suffix = partition_of(region)
    reverse = ".".join(reversed(suffix.split(".")))
    return {"id": partition, "partition": partition, "dnsSuffix": suffix, "reverseDnsPrefix": reverse}


def _one_or_list(values: list[Any]) -> Any:
    # The provider writes single-element lists as a plain string, as IAM does.
    return values[0] if len(values) == 1 else values


def _statement(stmt: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if stmt.get("sid"):
        out["Sid"] = stmt["sid"]
    out["Effect"] = stmt.get("effect") or "Allow"
    for key, name in (("actions", "Action"), ("notActions", "NotAction"), ("resources", "Resource"),
                      ("notResources", "NotResource")):
        values = sorted(set(stmt.get(key) or []), reverse=True)
        if values:
            out[name] = _one_or_list(values)
    for key, name in (("principals", "Principal"), ("notPrincipals", "NotPrincipal")):
        principals = stmt.get(key) or []
        if not principals:
            continue
        if len(principals) == 1 and principals[0].get("type") == "*":
            out[name] = "*"
            continue
        grouped: dict[str, list[str]] = {}
        for principal in principals:
            grouped.setdefault(principal.get("type", ""), []).extend(principal.get("identifiers") or [])
        out[name] = {ptype: _one_or_list(sorted(set(ids), reverse=True)) for ptype, ids in sorted(grouped.items())}
    conditions = stmt.get("conditions") or []
    if conditions:
        block: dict[str, dict[str, Any]] = {}
        for condition in conditions:
            block.setdefault(condition.get("test", ""), {})[condition.get("variable", "")] = _one_or_list(
                list(condition.get("values") or [])
            )
        out["Condition"] = block
    return out


def policy_document(args: Mapping[str, Any]) -> dict[str, Any]:
    """Compute the document from the statements, as the provider does (no network involved)."""
    statements: list[dict[str, Any]] = []
    for source in args.get("sourcePolicyDocuments") or []:
        with contextlib.suppress(ValueError, AttributeError):  # an unparsable source adds nothing
            statements.extend(json.loads(source).get("Statement") or [])
    own = [_statement(s) for s in args.get("statements") or []]
    for stmt in own:
        sid = stmt.get("Sid")
        if sid:
            statements = [s for s in statements if s.get("Sid") != sid]
        statements.append(stmt)
    for override in args.get("overridePolicyDocuments") or []:
        try:
            for stmt in json.loads(override).get("Statement") or []:
                sid = stmt.get("Sid")
                statements = [s for s in statements if not sid or s.get("Sid") != sid] + [stmt]
        except (ValueError, AttributeError):
            pass
    document: dict[str, Any] = {"Version": args.get("version") or "2012-10-17"}
    if args.get("policyId"):
        document["Id"] = args["policyId"]
    document["Statement"] = statements
    pretty = json.dumps(document, indent=2)
    minified = json.dumps(document, separators=(",", ":"))
    return {
        "id": str(int(hashlib.sha256(pretty.encode()).hexdigest()[:8], 16)),
        "json": pretty,
        "minifiedJson": minified,
    }


def _args_match(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> bool:
    return all(key in actual and actual[key] == value for key, value in expected.items())


def supplied_answer(token: str, args: Mapping[str, Any], supplied: Mapping[str, Any]) -> dict[str, Any] | None:
    """The result given with --invoke-results, or None."""
    if token not in supplied:
        return None
    given = supplied[token]
    if isinstance(given, list):
        for entry in given:
            if isinstance(entry, dict) and _args_match(entry.get("args") or {}, args):
                return dict(entry.get("result") or {})
        return None
    return dict(given) if isinstance(given, dict) else None


def call_region(args: Mapping[str, Any], region: str) -> str:
    """The Region an invoke runs in: its own `region` argument, else its provider's (or the stack's)."""
    own = args.get("region")
    return own if isinstance(own, str) and own else region


def computed_answer(token: str, args: Mapping[str, Any], region: str) -> dict[str, Any] | None:
    """What the provider computes from the arguments and the Region alone (no assumption)."""
    effective = call_region(args, region)
    if token == GET_REGION:
        return region_info(args, region)
    if token == GET_PARTITION:
        return partition_info(effective)
    if token == GET_POLICY_DOCUMENT:
        return policy_document(args)
    return None


ASSUMED_HERE = {
    GET_AVAILABILITY_ZONES: lambda args, region: availability_zones(args, region),
    GET_CALLER_IDENTITY: lambda args, region: caller_identity(region),
}


def assumed_answer(token: str, args: Mapping[str, Any], region: str, result_type: type | None) -> dict[str, Any] | None:
    """An assumed answer for a common lookup of existing infrastructure, or None."""
    effective = call_region(args, region)
    local = ASSUMED_HERE.get(token)
    if local is not None:
        return data_sources.only_result_fields(local(args, effective), result_type)
    return data_sources.assumed(token, args, effective, result_type)


def placeholder_answer(token: str, args: Mapping[str, Any], region: str, result_type: type | None) -> dict[str, Any]:
    return data_sources.placeholder(token, args, call_region(args, region), result_type)


def has_assumed_answer(token: str) -> bool:
    return token in ASSUMED_HERE or token in data_sources.ASSUMED


def answer(token: str, args: Mapping[str, Any], *, region: str, supplied: Mapping[str, Any],
           strict: bool = False) -> dict[str, Any] | None:
    """The invoke's result, or None when this preview cannot answer it."""
    found = supplied_answer(token, args, supplied)
    if found is None:
        found = computed_answer(token, args, region)
    if found is None and not strict:
        found = assumed_answer(token, args, region, None)
    return found
