"""Runs the seed programs through the offline preview (its Python API, the path `migration-guard preview`
takes) with the project's pack, and reads the reports per case.

The faulty and fixed groups are one preview each. Every error program is its own run (a program that
stops cannot share a run); those run only the preview's program step, which is where the preview
stops with exit 2 (a test runs one of them through the whole command line too). The runs overlap:
each is one or two child processes, mostly importing SDK modules.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from seed_cases import ERROR_CASES, STACK_TYPE

from migration_guard.preview.engine import PreviewOptions, run_preview
from migration_guard.preview.model import PreviewError, Report, Resource, Violation
from migration_guard.preview.program import run_program
from migration_guard.preview.project import load_project, load_stack_config

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PROGRAMS = HERE / "programs"
FAULTY = PROGRAMS / "faulty"
FIXED = PROGRAMS / "fixed"
ERRORS = PROGRAMS / "errors"
PACK = REPO / "policy-pack"
POLICY_CONFIG = HERE / "policy-config.json"


@dataclass
class SeedRuns:
    faulty: Report
    fixed: Report
    errors: dict[str, str]  # error program -> the preview's error message ("" when it did not stop)


STACK_NAME = "dev"
CONCURRENT_RUNS = 4
#: The passphrase of programs/fixed/Pulumi.dev.yaml's `secure:` test values (the Pulumi CLI's passphrase
#: secrets provider, as `pulumi config set --secret` writes them). The faulty stack file has no
#: encryption salt: its secure value reaches the program unknown, as with an unknown passphrase.
TEST_PASSPHRASE = "seeds-test-passphrase"


def preview(program_dir: Path) -> Report:
    """The preview as `migration-guard preview --cwd DIR` runs it: no --policy-pack, so the project's own
    pack (policy-pack/ in a parent folder, here PACK) runs as the main job runs it."""
    return run_preview(PreviewOptions(cwd=program_dir, stack=STACK_NAME, policy_pack_configs=[POLICY_CONFIG]))


def program_error(program_dir: Path) -> str:
    """The error the offline preview stops with when the program fails ("" when the program runs)."""
    project = load_project(program_dir)
    try:
        run_program(project, STACK_NAME, load_stack_config(project, STACK_NAME, []))
    except PreviewError as error:
        return str(error)
    return ""


@contextmanager
def passphrase(value: str) -> Iterator[None]:
    """PULUMI_CONFIG_PASSPHRASE for the block (the preview reads it from the environment, as the CLI does)."""
    previous = os.environ.get("PULUMI_CONFIG_PASSPHRASE")
    os.environ["PULUMI_CONFIG_PASSPHRASE"] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PULUMI_CONFIG_PASSPHRASE", None)
        else:
            os.environ["PULUMI_CONFIG_PASSPHRASE"] = previous


def run_all() -> SeedRuns:
    with passphrase(TEST_PASSPHRASE), ThreadPoolExecutor(max_workers=CONCURRENT_RUNS) as pool:
        faulty = pool.submit(preview, FAULTY)
        fixed = pool.submit(preview, FIXED)
        errors = {case.program: pool.submit(program_error, ERRORS / case.program) for case in ERROR_CASES}
        return SeedRuns(faulty.result(), fixed.result(), {k: v.result() for k, v in errors.items()})


def case_resources(report: Report, case: str) -> list[Resource]:
    """The resources a case program declared: those whose source line is in its file (or folder)."""
    prefix = f"cases/{case}"
    return [r for r in report.resources
            if r.source is not None and (r.source.file == prefix or r.source.file.startswith(prefix + "/"))]


def findings(report: Report) -> list[Violation]:
    return [*report.violations, *report.unverifiable]


def on_stack(violation: Violation) -> bool:
    return violation.type == STACK_TYPE or not violation.urn


def describe(violations: list[Violation]) -> list[str]:
    return [f"{v.policy} [{v.enforcement_level}] on {v.type} {v.name}: {v.message}" for v in violations]
