"""`markdown` format: for pull-request comments and CI job summaries."""

from __future__ import annotations

from ..model import Report, Violation


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>").strip()


def _row(v: Violation, level: str) -> str:
    where = f"`{v.source}`" if v.source else ""
    resource = f"`{v.type}` {_cell(v.name)}" if v.type else "stack"
    return f"| {level} | {v.severity} | `{v.policy_pack}/{v.policy}` | {resource} | {where} | {_cell(v.message)} |"


def render(report: Report) -> str:
    code = report.exit_code()
    status = {0: "Passed", 1: "Failed: mandatory policy violations", 2: "Error"}[code]
    packs = ", ".join(f"`{p.name}@v{p.version}`" for p in report.packs) or "none"
    out = [
        f"## MigrationGuard {report.command}: {report.project} ({report.stack})",
        "",
        f"**{status}**. Policy packs: {packs}.",
        "",
        "| Resources | Policies | Mandatory | Advisory | Unverifiable | Remediations |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {len(report.resources)} | {report.policy_count} | {len(report.mandatory)} | {len(report.advisory)} "
        f"| {len(report.unverifiable)} | {len(report.remediations)} |",
        "",
    ]
    if report.errors:
        out.append("### Errors")
        out.append("")
        out += [f"- {_cell(e)}" for e in report.errors]
        out.append("")
    if report.violations:
        out += ["### Violations", "", "| Level | Severity | Policy | Resource | Location | Message |",
                "|---|---|---|---|---|---|"]
        ordered = sorted(report.violations, key=lambda v: (v.enforcement_level != "mandatory", v.sort_key()))
        out += [_row(v, v.enforcement_level) for v in ordered]
        out.append("")
    if report.unverifiable:
        out += ["<details><summary>Unverifiable during preview "
                f"({len(report.unverifiable)})</summary>", "",
                "| Level | Severity | Policy | Resource | Location | Message |", "|---|---|---|---|---|---|"]
        out += [_row(v, "unverifiable") for v in report.unverifiable]
        out += ["", "</details>", ""]
    if report.remediations:
        out += ["### Remediations", "", "| Policy | Resource | Properties changed |", "|---|---|---|"]
        out += [f"| `{r.policy_pack}/{r.policy}` | `{r.type}` {_cell(r.name)} | {_cell(', '.join(r.properties_changed))} |"
                for r in report.remediations]
        out.append("")
    return "\n".join(out)
