"""The test harness's view of a running policy pack: the shared Analyzer client
(:mod:`migration_guard.analyzer`), with the interpreter a test wants.

The offline preview starts a pack with exactly the interpreter the Pulumi CLI would use
(:func:`migration_guard.analyzer.launch.resolve_interpreter`). A test usually runs the pack's code with
the interpreter running the tests (where the test installed the pack's dependencies), so here the
default is: the pack's declared virtualenv when it exists, else the test's own interpreter. Pass
``python=...`` to choose one, or ``cli_interpreter=True`` to start the pack (or fail) as the CLI would.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from migration_guard.analyzer import client as _client
from migration_guard.analyzer.client import (
    DEFAULT_CALL_TIMEOUT,
    DEFAULT_START_TIMEOUT,
    PackCallTimeout,
    PackProcessError,
    summarize_traceback,
    to_struct,
)
from migration_guard.analyzer.launch import PackLaunchError, manifest_version, pack_runtime, venv_python
from migration_guard.analyzer.protocol import (
    ENFORCEMENT_LEVEL_NAMES,
    ENFORCEMENT_LEVELS,
    PLACEHOLDER_ENGINE_ADDRESS,
    SEVERITY_NAMES,
)

__all__ = [
    "DEFAULT_CALL_TIMEOUT",
    "DEFAULT_START_TIMEOUT",
    "ENFORCEMENT_LEVELS",
    "ENFORCEMENT_LEVEL_NAMES",
    "PLACEHOLDER_ENGINE_ADDRESS",
    "SEVERITY_NAMES",
    "PackCallTimeout",
    "PackProcess",
    "PackProcessError",
    "harness_python",
    "pack_manifest_version",
    "summarize_traceback",
    "to_struct",
]

pack_manifest_version = manifest_version


def harness_python(pack_dir: str | os.PathLike[str]) -> str:
    """The declared virtualenv's python when that virtualenv exists, else the interpreter running the tests."""
    directory = Path(pack_dir).resolve()
    try:
        declared = pack_runtime(directory).virtualenv if (directory / "PulumiPolicy.yaml").is_file() else ""
    except PackLaunchError:
        declared = ""
    if declared:
        venv = Path(declared) if Path(declared).is_absolute() else directory / declared
        python = venv_python(venv)
        if python is not None:
            return str(python)
    return sys.executable


class PackProcess(_client.PackProcess):
    """One running policy pack (see :class:`migration_guard.analyzer.client.PackProcess`)."""

    def __init__(
        self, pack_dir: str | os.PathLike[str], *, python: str | None = None, cli_interpreter: bool = False,
        **kwargs: Any,
    ) -> None:
        chosen = python if python or cli_interpreter else harness_python(pack_dir)
        super().__init__(pack_dir, python=chosen, **kwargs)
