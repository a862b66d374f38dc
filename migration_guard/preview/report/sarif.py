"""`sarif` format (SARIF 2.1.0): one rule per policy, results at the program line that created the resource.

* ``partialFingerprints`` come from the pack, the policy, the resource URN and the finding kind only
  (baseline.fingerprint), so code-scanning alerts survive reruns, new days and reworded messages.
* Rules: ``fullDescription`` is the policy's rule, ``help`` its remediation (text and markdown),
  ``helpUri`` the policy's entry in the docs at the configured base (``--docs-url`` or
  ``MIGRATION_GUARD_DOCS_URL``; without one, no link for the library's policies and the URL another
  pack declares for its own). The ``security`` tag and ``security-severity`` only on security controls
  (policy_index.is_security): a security family (policy_index.SECURITY_FAMILIES), or a policy the pack
  tags ``security`` (public access, in the operations family).
* ``automationDetails.id`` is ``migration-guard/<project>/<stack>/``: one code-scanning category per
  project and stack, so two stacks' uploads never close each other's alerts.
* What the offline preview assumed (data-source answers) are notifications of the run's invocation
  (``toolExecutionNotifications``, at the program line), also listed in the run's properties.
* Exempted findings are results with a ``suppressions`` entry (kind external, status accepted, the
  exemption's reason as justification); a violation whose exemption expired is an ordinary result with
  ``exemption`` in its properties.
"""

from __future__ import annotations

import json
from typing import Any

from migration_guard.policy_index import is_security

from ..model import PolicyInfo, Report, Violation, assumption_location
from .baseline import FINGERPRINT_KEY, fingerprint

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


def help_uri(policy: PolicyInfo, docs_url: str) -> str:
    """The docs entry at the configured base. Without one, a library policy gets no link (its reference
    is docs/policies.md wherever the user keeps this repository) and another pack's policy keeps its own."""
    if docs_url:
        return f"{docs_url.rstrip('#')}#{policy.name}"
    return "" if policy.from_library else policy.url


def _rule(pack: str, policy: PolicyInfo, docs_url: str) -> dict[str, Any]:
    security = is_security(policy.family, policy.tags)
    tags = set(policy.tags) | {"pulumi-policy"}
    tags = (tags | {"security"}) if security else (tags - {"security"})
    rule: dict[str, Any] = {
        "id": f"{pack}/{policy.name}",
        "name": policy.name,
        "shortDescription": {"text": policy.description.splitlines()[0] if policy.description else policy.name},
        "fullDescription": {"text": policy.rule or policy.description or policy.name},
        "defaultConfiguration": {"level": LEVELS.get(policy.enforcement_level, "warning")},
        "properties": {
            "tags": sorted(tags),
            "enforcementLevel": policy.enforcement_level,
            "policyType": policy.policy_type,
        },
    }
    if policy.remediation_steps:
        rule["help"] = {"text": policy.remediation_steps, "markdown": _remediation_markdown(policy)}
    uri = help_uri(policy, docs_url)
    if uri:
        rule["helpUri"] = uri
    if policy.severity:
        rule["properties"]["severity"] = policy.severity
        if security:
            rule["properties"]["security-severity"] = SECURITY_SEVERITY.get(policy.severity, "5.0")
    if policy.family:
        rule["properties"]["family"] = policy.family
    if policy.framework:
        rule["properties"]["framework"] = dict(sorted(policy.framework.items()))
    if policy.checkov_ids:
        rule["properties"]["checkov"] = list(policy.checkov_ids)
    if policy.aws_config_rules:
        rule["properties"]["awsConfig"] = list(policy.aws_config_rules)
    return rule


def _remediation_markdown(policy: PolicyInfo) -> str:
    lines = [f"**{policy.name}**: {policy.rule or policy.description}", "", "**Remediation**", ""]
    lines += [line.rstrip() for line in policy.remediation_steps.splitlines()]
    return "\n".join(lines).strip() + "\n"


def _location(report: Report, v: Violation) -> dict[str, Any]:
    if v.source:
        uri, line = report.source_prefix + v.source.file, v.source.line
    else:
        uri, line = report.source_prefix + "Pulumi.yaml", 1  # stack-level findings point at the project
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": line}},
    }
    if v.urn:
        location["logicalLocations"] = [{"fullyQualifiedName": v.urn, "name": v.name or v.urn, "kind": "resource"}]
    return location


def _result(report: Report, v: Violation, rule_index: dict[str, int], *, exempted: bool) -> dict[str, Any]:
    rule_id = f"{v.policy_pack}/{v.policy}"
    properties: dict[str, Any] = {
        "enforcementLevel": v.enforcement_level,
        "severity": v.severity,
        "unverifiable": v.unverifiable,
        "resourceType": v.type,
    }
    if v.exemption is not None:
        properties["exemption"] = v.exemption.to_json()
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "level": "note" if v.unverifiable else LEVELS.get(v.enforcement_level, "warning"),
        "message": {"text": v.message or v.description or rule_id},
        "locations": [_location(report, v)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(v)},
        "properties": properties,
    }
    if exempted and v.exemption is not None:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": v.exemption.describe()}
        ]
    if rule_id in rule_index:
        result["ruleIndex"] = rule_index[rule_id]
    return result


ASSUMPTION_DESCRIPTORS = {
    "assumed": ("offline-preview/assumed-answer",
                "The offline preview answered a data source itself (AWS was not asked); verdicts that depend "
                "on it hold for that answer. Give the real one with --invoke-results FILE."),
    "unanswered": ("offline-preview/unknown-answer",
                   "A data source had no answer (--allow-unknown-invokes): its result was unknown, so policies "
                   "that depend on it could not decide."),
}


def _add_assumptions(run: dict[str, Any], report: Report) -> None:
    """What the preview assumed, as notifications of the run's invocation: SARIF 2.1.0 puts "runtime
    conditions detected by the tool during the analysis" in ``invocation.toolExecutionNotifications``
    (section 3.20.21), each a ``notification`` (3.58) at the program line, with a descriptor in
    ``tool.driver.notifications`` (3.19.23) saying what the condition means. Level ``note`` for an
    assumed answer, ``warning`` for an unknown one."""
    if not report.assumptions:
        return
    kinds = sorted({getattr(item, "kind", "assumed") for item in report.assumptions})
    descriptors = [{"id": ASSUMPTION_DESCRIPTORS[k][0], "shortDescription": {"text": ASSUMPTION_DESCRIPTORS[k][1]}}
                   for k in kinds if k in ASSUMPTION_DESCRIPTORS]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    notifications: list[dict[str, Any]] = []
    for item in report.assumptions:
        kind = getattr(item, "kind", "assumed")
        descriptor_id = ASSUMPTION_DESCRIPTORS.get(kind, ASSUMPTION_DESCRIPTORS["assumed"])[0]
        notification: dict[str, Any] = {
            "level": "warning" if kind == "unanswered" else "note",
            "message": {"text": str(item)},
            "descriptor": {"id": descriptor_id, "index": index.get(descriptor_id, 0)},
            "properties": {"kind": "assumption", "subject": getattr(item, "subject", "")},
        }
        location = assumption_location(item)
        if location is not None:
            notification["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": report.source_prefix + location.file},
                "region": {"startLine": location.line},
            }}]
        notifications.append(notification)
    run["tool"]["driver"]["notifications"] = descriptors
    run["invocations"][0]["toolExecutionNotifications"] += notifications
    run["properties"]["assumptions"] = [str(item) for item in report.assumptions]


def render(report: Report, docs_url: str = "") -> str:
    rules = [_rule(pack.name, policy, docs_url) for pack in report.packs for policy in pack.policies]
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    findings = sorted([*report.violations, *report.unverifiable], key=lambda v: v.sort_key())
    results = [_result(report, v, rule_index, exempted=False) for v in findings]
    results += [_result(report, v, rule_index, exempted=True) for v in sorted(report.exempted, key=lambda v: v.sort_key())]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": _tool_version(),
                "informationUri": "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"{TOOL_NAME}/{report.project or 'project'}/{report.stack or 'stack'}/"},
        "results": results,
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
            "baselineMatched": report.baseline_matched,
        },
    }
    _add_assumptions(run, report)
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
