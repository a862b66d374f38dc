"""`sarif` format (SARIF 2.1.0): one rule per policy, results at the program line that created the resource."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..model import PolicyInfo, Report, Violation

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "migration-guard"
LEVELS = {"mandatory": "error", "advisory": "warning", "remediate": "error", "disabled": "none"}
# GitHub code scanning ranks security results by this property (CVSS-like 0-10).
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}


def _tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("migration-guard")
    except Exception:  # noqa: BLE001 - running from a checkout without metadata
        return "0.0.0"


def _rule(pack: str, policy: PolicyInfo) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": f"{pack}/{policy.name}",
        "name": policy.name,
        "shortDescription": {"text": policy.description.splitlines()[0] if policy.description else policy.name},
        "fullDescription": {"text": policy.description or policy.name},
        "defaultConfiguration": {"level": LEVELS.get(policy.enforcement_level, "warning")},
        "properties": {
            "tags": sorted(set(policy.tags) | {"security", "pulumi-policy"}),
            "enforcementLevel": policy.enforcement_level,
            "policyType": policy.policy_type,
        },
    }
    if policy.remediation_steps:
        rule["help"] = {"text": policy.remediation_steps}
    if policy.url:
        rule["helpUri"] = policy.url
    if policy.severity:
        rule["properties"]["severity"] = policy.severity
        rule["properties"]["security-severity"] = SECURITY_SEVERITY.get(policy.severity, "5.0")
    if policy.framework:
        rule["properties"]["framework"] = dict(sorted(policy.framework.items()))
    return rule


def _result(report: Report, v: Violation, rule_index: dict[str, int]) -> dict[str, Any]:
    rule_id = f"{v.policy_pack}/{v.policy}"
    if v.source:
        uri, line = report.source_prefix + v.source.file, v.source.line
    else:
        uri, line = report.source_prefix + "Pulumi.yaml", 1  # stack-level findings point at the project
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": line}},
    }
    if v.urn:
        location["logicalLocations"] = [{"fullyQualifiedName": v.urn, "name": v.name or v.urn, "kind": "resource"}]
    fingerprint = hashlib.sha256(f"{rule_id}\0{v.urn}\0{v.message}".encode()).hexdigest()
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "level": "note" if v.unverifiable else LEVELS.get(v.enforcement_level, "warning"),
        "message": {"text": v.message or v.description or rule_id},
        "locations": [location],
        "partialFingerprints": {"migrationGuardFinding/v1": fingerprint},
        "properties": {
            "enforcementLevel": v.enforcement_level,
            "severity": v.severity,
            "unverifiable": v.unverifiable,
            "resourceType": v.type,
        },
    }
    if rule_id in rule_index:
        result["ruleIndex"] = rule_index[rule_id]
    return result


def render(report: Report) -> str:
    rules: list[dict[str, Any]] = []
    for pack in report.packs:
        for policy in pack.policies:
            rules.append(_rule(pack.name, policy))
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    findings = sorted([*report.violations, *report.unverifiable], key=lambda v: v.sort_key())
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": _tool_version(),
                "informationUri": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
                "rules": rules,
            }
        },
        "results": [_result(report, v, rule_index) for v in findings],
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": e}} for e in report.errors
                ],
            }
        ],
        "properties": {
            "project": report.project,
            "stack": report.stack,
            "policyPacks": [{"name": p.name, "version": p.version} for p in report.packs],
        },
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
