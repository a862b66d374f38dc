"""Where the reports of one run go: `--format FMT[=PATH]` (repeatable) and `--output PATH` (`-` is stdout).

``--format text`` and ``--output FILE`` keep their plain meaning: a format without ``=PATH`` goes to
``--output`` (stdout by default), and only one format may go there. Before the run, every report file
of the run is removed, so a run that fails never leaves an older success behind; after it, every file
gets this run's report (an error report when the run failed).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from migration_guard.preview.model import PreviewError, Report
from migration_guard.preview.redaction import REDACTED, redact_text

FORMAT_CHOICES = ("text", "json", "sarif", "junit", "markdown")
STDOUT = "-"


@dataclass(frozen=True)
class Target:
    fmt: str
    path: str  # STDOUT or a file path

    @property
    def to_stdout(self) -> bool:
        return self.path == STDOUT


def parse_targets(formats: Sequence[str], output: str | None) -> list[Target]:
    targets: list[Target] = []
    plain: list[str] = []
    for spec in formats or ["text"]:
        fmt, _, path = spec.partition("=")
        fmt = fmt.strip().lower()
        if fmt not in FORMAT_CHOICES:
            raise PreviewError(f"--format {spec}: unknown format {fmt!r} (one of {', '.join(FORMAT_CHOICES)})")
        if path:
            targets.append(Target(fmt, path))
        else:
            plain.append(fmt)
    if len(plain) > 1:
        raise PreviewError(f"--format: {' and '.join(plain)} would both go to {output or 'stdout'}; "
                           "give all but one a file: --format FMT=PATH")
    if plain:
        targets.append(Target(plain[0], output or STDOUT))
    elif output:
        raise PreviewError("--output needs a --format without =PATH")
    paths = [t.path for t in targets if not t.to_stdout]
    duplicates = sorted({p for p in paths if paths.count(p) > 1})
    if duplicates:
        raise PreviewError(f"--format: two reports would be written to {duplicates[0]}")
    if sum(t.to_stdout for t in targets) > 1:
        raise PreviewError("--format: only one report can go to stdout")
    return targets


def clear_stale(targets: Iterable[Target]) -> None:
    """Remove the report files an earlier run left, before this run starts."""
    for target in targets:
        if not target.to_stdout:
            with contextlib.suppress(FileNotFoundError):
                Path(target.path).unlink()


def use_color(no_color_flag: bool, stream: TextIO | None = None) -> bool:
    """ANSI colour only for a terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb."""
    stream = stream or sys.stdout
    if no_color_flag or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def write(target: Target, text: str) -> None:
    if target.to_stdout:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        path = Path(target.path)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        raise PreviewError(f"--format {target.fmt}={target.path}: {exc.strerror}") from None


def error_report(command: str, project: str, stack: str, message: str) -> Report:
    return Report(command=command, project=project, stack=stack, resources=[], packs=[], violations=[],
                  unverifiable=[], remediations=[], errors=[message])


class Redactor:
    """Replaces values that arrived as secrets in anything printed or reported: every occurrence of one of
    4 characters or more, and shorter ones where they stand as a whole value (a secret ``42`` leaves
    ``1420`` alone; migration_guard/preview/redaction.py)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.values: list[str] = []
        self.short: list[str] = []
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        """More values to redact (the secrets of a state that `audit` has just read)."""
        found = {s for s in secrets if isinstance(s, str) and s and s != REDACTED}
        self.values = sorted(set(self.values) | {s for s in found if len(s) >= 4}, key=len, reverse=True)
        self.short = sorted(set(self.short) | {s for s in found if len(s) < 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for value in self.values:
            text = text.replace(value, REDACTED)
        return redact_text(text, self.short) if self.short else text

    def report(self, report: Report) -> None:
        report.errors = [self(e) for e in report.errors]
        for v in [*report.violations, *report.unverifiable, *report.exempted]:
            v.message = self(v.message)
            v.description = self(v.description)
