"""Fixtures for the reference-stack tests.

``--live`` runs the integration tests against a deployed stack in AWS (credentials required; the stack's
outputs come from ``pulumi stack output --json`` or the JSON file named by MIGRATION_STACK_OUTPUTS).
Without it the same integration test code runs against moto, with matching resources created by the test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
STACK_DIR = REPO_ROOT / "reference-stack"

for path in (STACK_DIR, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


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


@pytest.fixture(scope="session")
def live(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--live"))
