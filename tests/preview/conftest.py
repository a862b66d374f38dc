"""Fixtures for the offline preview tests: one full preview of the `violations` program runs once per
session and is reused, because each preview starts several Python processes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

import pytest
from preview_support import CONFIGS, PACKS, PROGRAMS, PreviewRun

from migration_guard.preview.engine import PreviewOptions, run_preview


@pytest.fixture(scope="session", autouse=True)
def test_packs_interpreter() -> Iterator[None]:
    """The test packs declare `runtime: python` and no virtualenv, so the CLI starts them with
    PULUMI_PYTHON_CMD, else python3 on PATH (pulumi/pulumi sdk/python/toolchain/pip.go, `CommandPath`):
    here, the interpreter running the tests, where pulumi-policy is installed."""
    patch = pytest.MonkeyPatch()
    patch.setenv("PULUMI_PYTHON_CMD", sys.executable)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def violations_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewRun]:
    record_file = tmp_path_factory.mktemp("recording") / "requests.jsonl"
    previous = os.environ.get("RECORDING_PACK_FILE")
    os.environ["RECORDING_PACK_FILE"] = str(record_file)
    try:
        report = run_preview(
            PreviewOptions(
                cwd=PROGRAMS / "violations",
                stack="dev",
                policy_packs=[PACKS / "basic", PACKS / "second", PACKS / "recording"],
                policy_pack_configs=[CONFIGS / "remediate.json"],
            )
        )
    finally:
        if previous is None:
            os.environ.pop("RECORDING_PACK_FILE", None)
        else:
            os.environ["RECORDING_PACK_FILE"] = previous
    recording = [json.loads(line) for line in record_file.read_text().splitlines()]
    yield PreviewRun(report=report, recording=recording)
