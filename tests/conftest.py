"""Shared test setup: the repository root on the path for imports of test helpers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

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
