"""What a run reports: policy selection (`--policy`, `--skip-policy`), `--severity-threshold`, and the
library's details (family, rule, Checkov / AWS Config equivalents) on the packs' policies.

Selection works on the findings after the packs ran, so it behaves the same for any pack: a policy
left out has no findings, no SARIF rule and no JUnit test case.
"""

from __future__ import annotations

from collections.abc import Sequence

from migration_guard.policy_index import PolicyEntry, matches

from ..model import PolicyInfo, Report, Violation

SEVERITY_ORDER = {"low": 1, "medium": 2, "high": 3, "critical": 4}


def enrich(report: Report, library: dict[str, PolicyEntry]) -> None:
    for pack in report.packs:
        for policy in pack.policies:
            entry = library.get(policy.name)
            if entry is None:
                policy.family = policy.family or (policy.tags[0] if policy.tags else "")
                continue
            policy.family = entry.family
            policy.from_library = True
            policy.rule = policy.rule or entry.rule
            policy.checkov_ids = list(entry.checkov_ids)
            policy.aws_config_rules = list(entry.aws_config_rules)


def _selected(policy: PolicyInfo, include: Sequence[str], exclude: Sequence[str], library: dict[str, PolicyEntry]) -> bool:
    entry = library.get(policy.name)

    def named(token: str) -> bool:
        return matches(token, policy.name, policy.family, policy.tags, entry)

    if include and not any(named(t) for t in include):
        return False
    return not any(named(t) for t in exclude)


def select_policies(
    report: Report, include: Sequence[str], exclude: Sequence[str], library: dict[str, PolicyEntry]
) -> None:
    if not include and not exclude:
        return
    dropped: set[tuple[str, str]] = set()
    for pack in report.packs:
        kept = [p for p in pack.policies if _selected(p, include, exclude, library)]
        dropped |= {(pack.name, p.name) for p in pack.policies if p not in kept}
        pack.policies = kept
    report.skipped_policies = sorted(f"{pack}/{policy}" for pack, policy in dropped)

    def keep(v: Violation) -> bool:
        return (v.policy_pack, v.policy) not in dropped

    report.violations = [v for v in report.violations if keep(v)]
    report.unverifiable = [v for v in report.unverifiable if keep(v)]
    report.exempted = [v for v in report.exempted if keep(v)]
    report.remediations = [r for r in report.remediations if (r.policy_pack, r.policy) not in dropped]


def apply_severity_threshold(report: Report, threshold: str | None) -> None:
    """Leave out findings below the threshold; a finding without a severity is always kept."""
    if not threshold:
        return
    floor = SEVERITY_ORDER[threshold]

    def keep(v: Violation) -> bool:
        return SEVERITY_ORDER.get(v.severity, floor) >= floor

    before = len(report.violations) + len(report.unverifiable)
    report.violations = [v for v in report.violations if keep(v)]
    report.unverifiable = [v for v in report.unverifiable if keep(v)]
    report.exempted = [v for v in report.exempted if keep(v)]
    report.severity_threshold = threshold
    report.below_threshold = before - len(report.violations) - len(report.unverifiable)
