"""The fuzz run's numbers (tests/policies/test_fuzz.py) in the terminal summary: cases, policies, types."""

from __future__ import annotations

from typing import Any

import pytest

from .fuzz_cases import FUZZ_STATS


def pytest_configure(config: pytest.Config) -> None:
    config.stash[FUZZ_STATS] = {}


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    stats = config.stash.get(FUZZ_STATS, {})
    if stats.get("cases"):
        terminalreporter.write_line(
            f"fuzz: {stats['cases']} cases, {len(stats['policies'])} policies, {len(stats['types'])} distinct types")
