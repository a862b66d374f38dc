"""`text` format: like the Policies section of `pulumi preview`, grouped by resource, then a summary.

Colour (ANSI) only when asked: the command line asks when the report goes to a terminal and
``NO_COLOR`` is not set. ``quiet`` leaves out the unverifiable findings, exemptions and remediations and
keeps the decided violations and the result. What the preview assumed (data-source answers) comes
before the summary.
"""

from __future__ import annotations

from ..model import Report, Violation

COLOURS = {"mandatory": "31", "advisory": "33", "unverifiable": "36", "exempted": "90", "passed": "32",
           "FAILED": "31;1", "ERROR": "31;1", "error": "31"}


def _paint(text: str, key: str, color: bool) -> str:
    code = COLOURS.get(key)
    return f"\033[{code}m{text}\033[0m" if color and code else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _tag(v: Violation) -> str:
    if v.exemption is not None and not v.exemption.expired:
        return "exempted"
    # The CLI shows "can't run policy" where pulumi-policy reports it: an advisory diagnostic under Policies.
    return "advisory" if v.unverifiable else v.enforcement_level


def _violation_lines(v: Violation, color: bool) -> list[str]:
    tag = _tag(v)
    severity = f" [{v.severity}]" if v.severity else ""
    note = "  (unverifiable during preview)" if v.unverifiable else ""
    lines = [f"        - {_paint(f'[{tag}]', tag, color)}{severity}  {v.policy_pack}/{v.policy}{note}"]
    lines += [f"          {line}" for line in v.message.splitlines() or [""]]
    return lines


def _findings(report: Report, findings: list[Violation], color: bool) -> list[str]:
    out = ["Policies:"]
    order = {r.urn: i for i, r in enumerate(report.resources)}
    by_urn: dict[str, list[Violation]] = {}
    for finding in findings:
        by_urn.setdefault(finding.urn, []).append(finding)
    for urn in sorted(by_urn, key=lambda u: (order.get(u, len(order)), u)):
        group = by_urn[urn]
        first = group[0]
        where = f"  ({first.source})" if first.source else ""
        label = f"{first.type}  {first.name}" if first.type else urn or "stack"
        out.append(f"    {label}{where}")
        for v in group:
            out += _violation_lines(v, color)
    return [*out, ""]


def _summary(report: Report, color: bool) -> list[str]:
    policies = _plural(report.policy_count, "policy").replace("policys", "policies")
    out = ["Summary:", f"    {_plural(len(report.resources), 'resource')}, {policies} in {_plural(len(report.packs), 'pack')}"]
    out.append(
        f"    {len(report.mandatory)} mandatory, {len(report.advisory)} advisory, "
        f"{len(report.unverifiable)} unverifiable during preview, {len(report.exempted)} exempted, "
        f"{_plural(len(report.remediations), 'remediation')}"
    )
    if report.baseline_matched:
        out.append(f"    {report.baseline_matched} known finding(s) in the baseline not shown")
    if report.severity_threshold:
        out.append(f"    {report.below_threshold} finding(s) below severity {report.severity_threshold} not shown")
    if report.skipped_policies:
        out.append(f"    {_plural(len(report.skipped_policies), 'policy').replace('policys', 'policies')} not selected")
    code = report.exit_code()
    result = {0: "passed", 1: "FAILED: mandatory policy violations", 2: "ERROR"}[code]
    key = {0: "passed", 1: "FAILED", 2: "ERROR"}[code]
    if code == 0 and report.mandatory and report.soft_fail:
        result = "passed (--soft-fail: mandatory violations reported, exit 0)"
    out.append(f"    Result: {_paint(result, key, color)}")
    return out


def _assumptions(report: Report) -> list[str]:
    """What the preview assumed where AWS would have answered (data sources), one line each."""
    if not report.assumptions:
        return []
    out = [f"Assumptions ({_plural(len(report.assumptions), 'answer')} the offline preview assumed; "
           "give the real ones with --invoke-results FILE):"]
    return [*out, *[f"    {line}" for line in report.assumptions], ""]


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    verb = "Previewing" if report.command == "preview" else "Auditing"
    packs = ", ".join(f"{p.name}@v{p.version}" for p in report.packs)
    out = [] if quiet else [f"{verb} {report.project} ({report.stack}) offline with {packs or 'no policy packs'}", ""]
    for error in report.errors:
        out.append(f"{_paint('error:', 'error', color)} {error}")
    shown = report.violations if quiet else [*report.violations, *report.unverifiable, *report.exempted]
    findings = sorted(shown, key=lambda v: v.sort_key())
    if findings:
        out += _findings(report, findings, color)
    if report.remediations and not quiet:
        out.append("Remediations:")
        for r in report.remediations:
            changed = ", ".join(r.properties_changed) or "no property"
            where = f"  ({r.source})" if r.source else ""
            out.append(f"    {r.type}  {r.name}{where}: {r.policy_pack}/{r.policy} changed {changed}")
        out.append("")
    if not quiet:
        out += _assumptions(report)
    out += _summary(report, color)
    return "\n".join(out) + "\n"
