"""Finding fingerprints and baselines (`--create-baseline FILE`, `--baseline FILE`).

A fingerprint is a hash of the policy pack, the policy, the resource URN and the kind of finding
(a decided violation or one that could not be verified during preview): never the message text, a
date or a line number, so it stays the same across runs, days, message rewording and code moves.
SARIF ``partialFingerprints`` use the same value, so code-scanning alerts stay open on the same
finding instead of closing and reopening.

The baseline file is JSON: ``{"version": 1, "tool": "migration-guard", "findings": [{fingerprint,
policyPack, policy, urn, kind}]}``, sorted, with no timestamp (the same findings give the same bytes).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..model import PreviewError, Report, Violation

VERSION = 1
FINGERPRINT_KEY = "migrationGuardFinding/v2"


def finding_kind(v: Violation) -> str:
    return "unverifiable" if v.unverifiable else "violation"


def fingerprint(v: Violation) -> str:
    key = "\0".join((v.policy_pack, v.policy, v.urn, finding_kind(v)))
    return hashlib.sha256(key.encode()).hexdigest()


def baseline_document(report: Report) -> dict[str, Any]:
    entries = {
        fingerprint(v): {
            "fingerprint": fingerprint(v),
            "policyPack": v.policy_pack,
            "policy": v.policy,
            "urn": v.urn,
            "kind": finding_kind(v),
        }
        for v in [*report.violations, *report.unverifiable]
    }
    return {"version": VERSION, "tool": "migration-guard", "findings": [entries[k] for k in sorted(entries)]}


def write_baseline(report: Report, path: Path) -> int:
    document = baseline_document(report)
    try:
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise PreviewError(f"--create-baseline {path}: {exc.strerror}") from None
    return len(document["findings"])


def read_baseline(path: Path) -> frozenset[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PreviewError(f"--baseline {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise PreviewError(f"--baseline {path}: invalid JSON: {exc}") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list) or document.get("version") != VERSION:
        raise PreviewError(f"--baseline {path}: not a migration-guard baseline (version {VERSION} with findings)")
    prints = [f.get("fingerprint") for f in findings if isinstance(f, dict)]
    if not all(isinstance(p, str) for p in prints):
        raise PreviewError(f"--baseline {path}: a finding without a fingerprint")
    return frozenset(str(p) for p in prints)


def apply_baseline(report: Report, known: frozenset[str]) -> None:
    """Leave out the findings the baseline records; count them in ``report.baseline_matched``."""
    kept_violations = [v for v in report.violations if fingerprint(v) not in known]
    kept_unverifiable = [v for v in report.unverifiable if fingerprint(v) not in known]
    report.baseline_matched += (len(report.violations) - len(kept_violations)) + (
        len(report.unverifiable) - len(kept_unverifiable)
    )
    report.violations = kept_violations
    report.unverifiable = kept_unverifiable
