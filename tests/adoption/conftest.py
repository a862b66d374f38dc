"""One run of the bundled pack over the preview tests' `violations` program, with exemptions (one
active, one expired), every report format at once and a baseline; and a second run against that
baseline. Each run starts several Python processes, so the results are shared by the tests."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from adoption_support import BUNDLED_PACK, VIOLATIONS, BundledRun, cli

FORMATS = ("json", "sarif", "junit", "markdown")
EXEMPTIONS = {
    "rds-storage-encrypted": {
        "exemptions": [{"resource": "orders-dev-*", "reason": "legacy volume, re-encrypted at cutover (JIRA-1)",
                        "expires": "2099-12-31"}]
    },
    "rds-instance-multi-az": {
        "exemptions": [{"resource": "orders-dev-instance", "reason": "single-AZ until cutover", "expires": "2020-01-01"}]
    },
}


def _run(directory: Path, *extra: str) -> BundledRun:
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "policy-config.json"
    config.write_text(json.dumps(EXEMPTIONS), encoding="utf-8")
    formats = [arg for fmt in FORMATS for arg in ("--format", f"{fmt}={directory / f'report.{fmt}'}")]
    result = cli("preview", "--cwd", str(VIOLATIONS), "--policy-pack", str(BUNDLED_PACK), "--pack-python", sys.executable,
                 "--policy-pack-config", str(config), "--format", "text", *formats, "--no-color", *extra)
    return BundledRun(directory, result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="session", autouse=True)
def test_packs_interpreter() -> Iterator[None]:
    """Packs without a virtualenv start with PULUMI_PYTHON_CMD, else python3 on PATH, as under the CLI
    (tests/preview/conftest.py): here, the interpreter running the tests."""
    patch = pytest.MonkeyPatch()
    patch.setenv("PULUMI_PYTHON_CMD", sys.executable)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory: pytest.TempPathFactory) -> BundledRun:
    directory = tmp_path_factory.mktemp("bundled-run")
    return _run(directory, "--create-baseline", str(directory / "baseline.json"))


@pytest.fixture(scope="session")
def baseline_run(bundled_run: BundledRun, tmp_path_factory: pytest.TempPathFactory) -> BundledRun:
    directory = tmp_path_factory.mktemp("baseline-run")
    return _run(directory, "--baseline", str(bundled_run.directory / "baseline.json"),
                "--create-baseline", str(directory / "baseline.json"))
