"""Paths and helpers shared by the offline preview tests (a uniquely named module, so that it never
clashes with other test folders' conftest modules)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migration_guard.preview.model import Report

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
PACKS = HERE / "packs"
CONFIGS = HERE / "configs"
STATES = HERE / "states"
REPO = HERE.parents[1]

# Secret values used by the `violations` program: no report format may contain them.
LITERAL_SECRET = "Sup3rSecretLiteral!"


@dataclass
class PreviewRun:
    report: Report
    recording: list[dict[str, Any]]


def run_cli_inprocess(*args: str) -> subprocess.CompletedProcess[str]:
    """`migration-guard ARGS` through cli.main in this process (saves an interpreter start per test)."""
    import contextlib
    import io

    from migration_guard import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it (`python -m migration_guard ...`)."""
    return subprocess.run(
        [sys.executable, "-m", "migration_guard", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
