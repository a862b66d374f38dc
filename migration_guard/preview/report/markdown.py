"""`markdown` format: for pull-request comments and CI job summaries.

The summary comes first. Findings are grouped per policy, with the policy's description once, then
one table row per resource. The whole document stays within GitHub's 65,536-character limit for a
comment (``LIMIT``): when the findings do not fit, the rows that fit are shown and a note under the
summary says how many were left out and where the full list is (the json or sarif report).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Report, Violation

LIMIT = 65_536
RESERVED = 1_200  # the note on what was left out, the closing lines, margins


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>").strip()


def _resource(v: Violation) -> str:
    return f"`{v.type}` {_cell(v.name)}" if v.type else "stack"


def _row(v: Violation) -> str:
    where = f"`{v.source}`" if v.source else ""
    note = f" *({_cell(v.exemption.describe())})*" if v.exemption is not None and v.exemption.expired else ""
    return f"| {_resource(v)} | {where} | {_cell(v.message)}{note} |"


def _exempted_row(v: Violation) -> str:
    assert v.exemption is not None
    expires = v.exemption.expires or "never"
    return f"| `{v.policy_pack}/{v.policy}` | {_resource(v)} | {_cell(v.exemption.reason)} | {expires} |"


@dataclass
class _Budget:
    left: int
    shown: int = 0
    omitted: int = 0

    def take(self, text: str) -> bool:
        if len(text) + 1 > self.left:
            return False
        self.left -= len(text) + 1
        return True


def _grouped(findings: Iterable[Violation]) -> list[list[Violation]]:
    groups: dict[tuple[str, str], list[Violation]] = {}
    for v in sorted(findings, key=lambda v: (v.enforcement_level != "mandatory", v.policy_pack, v.policy, v.sort_key())):
        groups.setdefault((v.policy_pack, v.policy), []).append(v)
    return list(groups.values())


def _policy_section(group: list[Violation], level: str, budget: _Budget) -> list[str]:
    first = group[0]
    header = [f"#### `{first.policy_pack}/{first.policy}` ({level}, {first.severity or 'no severity'}): {len(group)}",
              "", _cell(first.description) if first.description else "", "",
              "| Resource | Location | Message |", "|---|---|---|"]
    if not budget.take("\n".join(header)):
        budget.omitted += len(group)
        return []
    rows: list[str] = []
    for v in group:
        row = _row(v)
        if budget.take(row):
            rows.append(row)
            budget.shown += 1
        else:
            budget.omitted += 1
    return [*header, *rows, ""]


def _findings_sections(report: Report, budget: _Budget) -> list[str]:
    out: list[str] = []
    if report.violations:
        out += ["### Violations", ""]
        for group in _grouped(report.violations):
            out += _policy_section(group, group[0].enforcement_level, budget)
    if report.unverifiable:
        out += ["### Unverifiable during preview", "",
                "These could not be decided with the values known at preview; `pulumi up` decides them.", ""]
        for group in _grouped(report.unverifiable):
            out += _policy_section(group, "unverifiable", budget)
    if report.exempted:
        header = ["### Exempted", "", "| Policy | Resource | Reason | Expires |", "|---|---|---|---|"]
        if budget.take("\n".join(header)):
            rows = [r for r in map(_exempted_row, report.exempted) if budget.take(r)]
            budget.shown += len(rows)
            budget.omitted += len(report.exempted) - len(rows)
            out += [*header, *rows, ""]
        else:
            budget.omitted += len(report.exempted)
    return out


def _summary(report: Report) -> list[str]:
    code = report.exit_code()
    status = {0: "Passed", 1: "Failed: mandatory policy violations", 2: "Error"}[code]
    if code == 0 and report.mandatory and report.soft_fail:
        status = "Passed with --soft-fail: mandatory policy violations reported"
    packs = ", ".join(f"`{p.name}@v{p.version}`" for p in report.packs) or "none"
    out = [
        f"## MigrationGuard {report.command}: {report.project} ({report.stack})",
        "",
        f"**{status}**. Policy packs: {packs}.",
        "",
        "| Resources | Policies | Mandatory | Advisory | Unverifiable | Exempted | Remediations |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(report.resources)} | {report.policy_count} | {len(report.mandatory)} | {len(report.advisory)} "
        f"| {len(report.unverifiable)} | {len(report.exempted)} | {len(report.remediations)} |",
        "",
    ]
    notes = []
    if report.baseline_matched:
        notes.append(f"{report.baseline_matched} finding(s) already in the baseline are not shown.")
    if report.severity_threshold:
        notes.append(f"{report.below_threshold} finding(s) below severity {report.severity_threshold} are not shown.")
    if report.skipped_policies:
        notes.append(f"{len(report.skipped_policies)} policies were not selected.")
    return out + ([" ".join(notes), ""] if notes else [])


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return []
    return ["### Errors", "", *[f"- {_cell(e)[:4000]}" for e in report.errors], ""]


ASSUMPTIONS_SHOWN = 50  # lines of assumptions at most; the json report lists every one


def _assumptions(report: Report) -> list[str]:
    """What the preview assumed (data-source answers), under the summary: it qualifies the verdicts."""
    if not report.assumptions:
        return []
    shown = report.assumptions[:ASSUMPTIONS_SHOWN]
    out = ["### Assumptions", "",
           f"The offline preview assumed {len(report.assumptions)} answer(s) that AWS would give "
           "(supply the real ones with `--invoke-results FILE`):", ""]
    out += [f"- {_cell(line)}" for line in shown]
    if len(report.assumptions) > len(shown):
        out.append(f"- and {len(report.assumptions) - len(shown)} more (the `json` report lists every one)")
    return [*out, ""]


def _remediations(report: Report, budget: _Budget) -> list[str]:
    if not report.remediations:
        return []
    out = ["### Remediations", "", "| Policy | Resource | Properties changed |", "|---|---|---|"]
    rows = [f"| `{r.policy_pack}/{r.policy}` | `{r.type}` {_cell(r.name)} | {_cell(', '.join(r.properties_changed))} |"
            for r in report.remediations]
    kept = [r for r in rows if budget.take(r)]
    budget.omitted += len(rows) - len(kept)
    return [*out, *kept, ""]


def render(report: Report, limit: int = LIMIT) -> str:
    head = _summary(report) + _errors(report) + _assumptions(report)
    budget = _Budget(left=limit - RESERVED - len("\n".join(head)))
    body = _findings_sections(report, budget) + _remediations(report, budget)
    if budget.omitted:
        total = budget.shown + budget.omitted
        head += [f"> **{budget.omitted} of {total} entries were left out** to stay within {limit:,} characters; "
                 "the `json` and `sarif` reports list every finding.", ""]
    return "\n".join(head + body)
