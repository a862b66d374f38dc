"""`migration-guard policies`: every policy of the library with its family, level, severity and the
Checkov / AWS Config equivalents its declaration cites."""

from __future__ import annotations

import json
from collections.abc import Sequence

from migration_guard.policy_index import PolicyEntry, library_entries, matches

HEADERS = ("POLICY", "FAMILY", "LEVEL", "SEVERITY", "CHECKOV", "AWS CONFIG")


def _row(entry: PolicyEntry) -> tuple[str, ...]:
    return (entry.name, entry.family, entry.level, entry.severity,
            ",".join(entry.checkov_ids) or "-", ",".join(entry.aws_config_rules) or "-")


def render_table(entries: Sequence[PolicyEntry]) -> str:
    rows = [HEADERS, *(_row(e) for e in entries)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + f"\n\n{len(entries)} policies\n"


def render_markdown(entries: Sequence[PolicyEntry]) -> str:
    out = ["| Policy | Family | Level | Severity | Checkov | AWS Config |", "|---|---|---|---|---|---|"]
    out += [f"| `{e.name}` | {e.family} | {e.level} | {e.severity} | {', '.join(e.checkov_ids) or '-'} "
            f"| {', '.join(e.aws_config_rules) or '-'} |" for e in entries]
    return "\n".join(out) + "\n"


def select(entries: Sequence[PolicyEntry], tokens: Sequence[str]) -> list[PolicyEntry]:
    if not tokens:
        return list(entries)
    return [e for e in entries if any(matches(t, e.name, e.family, e.tags, e) for t in tokens)]


def render(fmt: str, tokens: Sequence[str]) -> str:
    entries = select(library_entries(), tokens)
    if fmt == "json":
        return json.dumps([e.to_json() for e in entries], indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(entries)
    return render_table(entries)
