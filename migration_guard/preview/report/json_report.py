"""`json` format, version 1: the machine-readable report other tools and tests read.

Top-level keys: ``version`` (1), ``command`` ("preview" or "audit"), ``project``, ``stack``,
``summary`` {resources, policies, violations {mandatory, advisory}, unverifiable, remediations, exitCode},
``policyPacks`` [{name, version, policies [{name, description, enforcementLevel, severity, type}]}],
``resources`` [{urn, type, name, parent, provider, source {file, line} | null}] in registration order,
``violations`` and ``unverifiable`` [{policyPack, policyPackVersion, policy, enforcementLevel, severity, urn,
type, name, message, description, source}], ``remediations`` [{policyPack, policy, urn, type, name,
description, propertiesChanged, source}], ``errors`` [{message}]; ``exempted`` [the violation fields plus
``exemption`` {reason, expires, expired, resource}] lists findings an active exemption covered, and a
violation whose exemption expired carries ``exemption`` with ``expired: true``. The summary also counts
``exempted``, ``baselineMatched`` (left out by --baseline), ``belowSeverityThreshold`` and lists
``skippedPolicies`` (left out by --policy / --skip-policy).

``unverifiable`` holds every evaluation that could not be decided during preview: the SDK's own
"can't run policy ... during preview" diagnostics (which pulumi-policy emits at advisory level when a
policy touches an unknown value) and "can't run remediation" diagnostics. They are counted there and not
as advisory violations, because nothing was decided: at `pulumi up` the policy runs for real. Secret
values never appear: violation messages are redacted and properties are not included.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import RemediationRecord, Report, Resource, Violation

VERSION = 1


def _violation(v: Violation) -> dict[str, Any]:
    document = {
        "policyPack": v.policy_pack,
        "policyPackVersion": v.policy_pack_version,
        "policy": v.policy,
        "enforcementLevel": v.enforcement_level,
        "severity": v.severity,
        "urn": v.urn,
        "type": v.type,
        "name": v.name,
        "message": v.message,
        "description": v.description,
        "source": v.source.to_json() if v.source else None,
    }
    if v.exemption is not None:
        document["exemption"] = v.exemption.to_json()
    return document


def _resource(r: Resource) -> dict[str, Any]:
    return {
        "urn": r.urn,
        "type": r.type,
        "name": r.name,
        "parent": r.parent or None,
        "provider": r.provider_urn or None,
        "source": r.source.to_json() if r.source else None,
    }


def _remediation(r: RemediationRecord) -> dict[str, Any]:
    return {
        "policyPack": r.policy_pack,
        "policy": r.policy,
        "urn": r.urn,
        "type": r.type,
        "name": r.name,
        "description": r.description,
        "propertiesChanged": r.properties_changed,
        "source": r.source.to_json() if r.source else None,
    }


def to_document(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "command": report.command,
        "project": report.project,
        "stack": report.stack,
        "summary": {
            "resources": len(report.resources),
            "policies": report.policy_count,
            "violations": {"mandatory": len(report.mandatory), "advisory": len(report.advisory)},
            "unverifiable": len(report.unverifiable),
            "remediations": len(report.remediations),
            "exempted": len(report.exempted),
            "baselineMatched": report.baseline_matched,
            "belowSeverityThreshold": report.below_threshold,
            "skippedPolicies": report.skipped_policies,
            "exitCode": report.exit_code(),
        },
        "policyPacks": [
            {
                "name": p.name,
                "version": p.version,
                "policies": [
                    {
                        "name": pol.name,
                        "description": pol.description,
                        "enforcementLevel": pol.enforcement_level,
                        "severity": pol.severity,
                        "type": pol.policy_type,
                    }
                    for pol in p.policies
                ],
            }
            for p in report.packs
        ],
        "resources": [_resource(r) for r in report.resources],
        "violations": [_violation(v) for v in report.violations],
        "unverifiable": [_violation(v) for v in report.unverifiable],
        "exempted": [_violation(v) for v in report.exempted],
        "remediations": [_remediation(r) for r in report.remediations],
        "errors": [{"message": e} for e in report.errors],
        "assumptions": list(report.assumptions),
    }


def render(report: Report) -> str:
    return json.dumps(to_document(report), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
