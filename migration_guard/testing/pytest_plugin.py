"""pytest plugin: fixtures for testing CrossGuard packs (registered through the `pytest11` entry point)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest

from migration_guard.testing.pack_process import PackProcess

PackLauncher = Callable[..., PackProcess]


@pytest.fixture
def policy_pack_process() -> Iterator[PackLauncher]:
    """A launcher for policy packs, started exactly as the Pulumi CLI starts them.

    Call it with the pack directory and, optionally, ``env``, ``stack``, ``project``, ``organization``,
    ``config`` and ``dry_run``; it returns a running :class:`PackProcess` with one method per Analyzer
    RPC. Every pack started through it is stopped at teardown.
    """
    started: list[PackProcess] = []

    def launch(
        pack_dir: str | os.PathLike[str],
        *,
        env: Mapping[str, str] | None = None,
        stack: str = "dev",
        project: str = "project",
        organization: str = "organization",
        config: Mapping[str, str] | None = None,
        dry_run: bool = True,
        **kwargs: Any,
    ) -> PackProcess:
        process = PackProcess(
            pack_dir, env=env, stack=stack, project=project, organization=organization, config=config,
            dry_run=dry_run, **kwargs,
        )
        started.append(process)
        return process

    try:
        yield launch
    finally:
        for process in started:
            process.close()
