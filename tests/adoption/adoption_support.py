"""Paths and helpers for the adoption tests (install, CI habits, reports): a uniquely named module."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PREVIEW_TESTS = REPO / "tests" / "preview"
VIOLATIONS = PREVIEW_TESTS / "programs" / "violations"
BASIC_PACK = PREVIEW_TESTS / "packs" / "basic"
BROKEN_PACK = PREVIEW_TESTS / "packs" / "broken"
BUNDLED_PACK = REPO / "policy-pack"
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"


@dataclass
class BundledRun:
    """One CLI run of the bundled pack (tests/adoption/conftest.py) and the reports it wrote."""

    directory: Path
    code: int
    stdout: str
    stderr: str

    def report(self, fmt: str) -> str:
        return (self.directory / f"report.{fmt}").read_text(encoding="utf-8")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`migration-guard ARGS` through cli.main in this process."""
    from migration_guard import cli as command

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = command.main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def cli_process(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None,
                executable: str = "") -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, in its own process."""
    command = [executable] if executable else [sys.executable, "-m", "migration_guard"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600, stdin=subprocess.DEVNULL)


def validate_sarif(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(document)
    return document
