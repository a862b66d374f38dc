"""One run of every seed program per test session (see seeds_support)."""

from __future__ import annotations

import pytest
from seeds_support import SeedRuns, run_all


@pytest.fixture(scope="session")
def seed_runs() -> SeedRuns:
    return run_all()
