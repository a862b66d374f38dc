"""Shared test setup: the repository root on the path for imports of test helpers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# Registered at the root of the suite, so that `pytest --live` works from the repository root.
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("reference-stack")
    group.addoption(
        "--live",
        action="store_true",
        default=False,
        help="run the reference-stack integration tests against a deployed stack in AWS (needs credentials)",
    )
    fuzz = parser.getgroup("fuzz")
    fuzz.addoption(
        "--fuzz-cases",
        action="store",
        type=int,
        default=None,
        help="total cases of tests/policies/test_fuzz.py, shared out over its policies (a long run: 100000; "
             "default: MIGRATION_GUARD_FUZZ_CASES, else the bounded CI run)",
    )
    group.addoption(
        "--stack",
        action="store",
        default=None,
        help="stack whose outputs the --live tests read (default: the selected Pulumi stack)",
    )


# Version policies read the engine-version catalog through the pack state's injected source: the
# suite (in-process and pack processes alike) reads a frozen copy, so that a real `catalog refresh`
# of the bundled data never changes what the examples conclude.
FROZEN_CATALOG = ROOT / "tests" / "data" / "engine_versions.frozen.json"
os.environ.setdefault("MIGRATION_GUARD_CATALOG_FILE", str(FROZEN_CATALOG))


# Property-based tests are derandomised (the same examples on every run, from a seed derived from each
# test) and keep no example database, so that CI is deterministic and a failure reproduces anywhere.
# `HYPOTHESIS_PROFILE=explore` draws fresh random examples (and remembers failures) for a local hunt.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", derandomize=False, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
