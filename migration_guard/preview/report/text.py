"""`text` format: like the Policies section of `pulumi preview`, grouped by resource, then a summary."""

from __future__ import annotations

from ..model import Report, Violation


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _violation_lines(v: Violation, tag: str) -> list[str]:
    severity = f" [{v.severity}]" if v.severity else ""
    lines = [f"        - [{tag}]{severity}  {v.policy_pack}/{v.policy}"]
    lines += [f"          {line}" for line in v.message.splitlines() or [""]]
    return lines


def render(report: Report) -> str:
    verb = "Previewing" if report.command == "preview" else "Auditing"
    packs = ", ".join(f"{p.name}@v{p.version}" for p in report.packs)
    out = [f"{verb} {report.project} ({report.stack}) offline with {packs or 'no policy packs'}", ""]
    for error in report.errors:
        out.append(f"error: {error}")
    findings = sorted([*report.violations, *report.unverifiable], key=lambda v: v.sort_key())
    if findings:
        out.append("Policies:")
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
                out += _violation_lines(v, "unverifiable" if v.unverifiable else v.enforcement_level)
        out.append("")
    if report.remediations:
        out.append("Remediations:")
        for r in report.remediations:
            changed = ", ".join(r.properties_changed) or "no property"
            where = f"  ({r.source})" if r.source else ""
            out.append(f"    {r.type}  {r.name}{where}: {r.policy_pack}/{r.policy} changed {changed}")
        out.append("")
    out.append("Summary:")
    out.append(f"    {_plural(len(report.resources), 'resource')}, {_plural(report.policy_count, 'policy').replace('policys', 'policies')} in {_plural(len(report.packs), 'pack')}")
    out.append(
        f"    {len(report.mandatory)} mandatory, {len(report.advisory)} advisory, "
        f"{len(report.unverifiable)} unverifiable during preview, {_plural(len(report.remediations), 'remediation')}"
    )
    code = report.exit_code()
    result = {0: "passed", 1: "FAILED: mandatory policy violations", 2: "ERROR"}[code]
    out.append(f"    Result: {result}")
    return "\n".join(out) + "\n"
