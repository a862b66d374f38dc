"""The bundled pack's Configure as the engine drives it: validation errors named, state reset per Configure.

The engine configures a pack once per preview (pulumi/pulumi `pkg/engine/update.go`, `loadPolicyPlugins`,
then `(*analyzer).Configure` in `pkg/resource/plugin/analyzer_plugin.go`) and sends every entry of the
reconciled config, including `all` and names the pack does not have (`applyConfig`,
`pkg/resource/analyzer/config.go`). The CLI validates only each schema's `properties` and `required`
(`convertSchema`), so a misspelt key or an impossible date must be refused by the pack's own Configure.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from preview_support import PROGRAMS, REPO, run_cli_inprocess

from migration_guard.testing.pack_process import PackProcess
from migration_guard_policies import all_specs

RDS = "aws:rds/instance:Instance"
DB_URN = "urn:pulumi:dev::p::aws:rds/instance:Instance::db-dev"


@pytest.fixture
def pack() -> Iterator[PackProcess]:
    with PackProcess(REPO / "policy-pack", project="p", stack="dev") as process:
        process.configure_stack()
        yield process


def _levels(**overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {s.name: {"enforcementLevel": "disabled"} for s in all_specs()}
    entries["exemptions-unused"] = {"enforcementLevel": "advisory"}
    entries.update(overrides)
    return entries


def _unused_reports(pack: PackProcess) -> list[str]:
    pack.analyze(RDS, {"engine": "postgres", "storageEncrypted": True}, DB_URN, "db-dev")
    response = pack.analyze_stack([{"type": RDS, "urn": DB_URN, "name": "db-dev", "properties": {"engine": "postgres"}}])
    return [d.message for d in response.diagnostics if d.policyName == "exemptions-unused"]


def test_configure_accepts_what_the_cli_sends_for_all_and_unknown_names(pack: PackProcess) -> None:
    pack.configure(_levels(all={"enforcementLevel": "advisory"}, **{"retired-policy": {"enforcementLevel": "mandatory"}}))


def test_the_preview_reports_an_unused_exemption(tmp_path: Path) -> None:
    config = tmp_path / "policy-config.json"
    config.write_text('{"rds-storage-encrypted": {"exemptions": [{"resource": "legacy-*", "reason": "JIRA-1"}]}}')
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(REPO / "policy-pack"),
        "--pack-python", sys.executable, "--policy-pack-config", str(config),
    )
    assert result.returncode in (0, 1), result.stderr  # the program's own violations do not matter here
    assert "legacy-*" in result.stdout and "exemptions-unused" in result.stdout
