"""Per-environment configs in configs/ are valid for the pack (against the generated JSON Schema, and
through what the preview does with them: the CLI's reconcile and validation, then the pack's own Configure),
the generated schema rejects what the pack rejects, and the
recommended strict config has no time bomb: the catalog-freshness check cannot block a deployment."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from adoption_support import BUNDLED_PACK, REPO, cli

from migration_guard.analyzer.client import PackProcess
from migration_guard.analyzer.policy_config import PolicyConfig
from migration_guard.commands.schema import pack_config_schema
from migration_guard.preview.model import PackInfo, PreviewError
from migration_guard.preview.packs import (
    assemble_config_checked,
    config_notes,
    configure_pack,
    load_config_file,
    read_pack_info,
    start_pack,
)

CONFIGS = sorted((REPO / "configs").glob("*.json"))
ENVIRONMENTS = {"development", "staging", "production", "ephemeral-ci"}


Pack = tuple[PackInfo, dict[str, PolicyConfig], PackProcess]


@pytest.fixture(scope="module")
def pack() -> Iterator[Pack]:
    process = start_pack(BUNDLED_PACK, project="configs", stack="dev", organization="organization", dry_run=True,
                         config={}, python=sys.executable)
    try:
        process.handshake()
        yield (*read_pack_info(process), process)
    finally:
        process.close()


def test_every_environment_has_a_config() -> None:
    assert {c.stem for c in CONFIGS} == ENVIRONMENTS


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_config_is_valid_for_the_pack(path: Path, pack: Pack) -> None:
    info, initial, process = pack
    config = json.loads(path.read_text())
    jsonschema.Draft7Validator(pack_config_schema(info)).validate(config)
    parsed = load_config_file(path)
    # What the preview does with it (engine.py): the CLI's reconcile and validation, then the pack's Configure.
    entries, errors = assemble_config_checked(info, initial, parsed, str(path))
    assert errors == []
    assert {p.name for p in info.policies} <= set(entries)
    configure_pack(process, info, entries, errors, str(path))  # the pack's own Configure accepts it
    assert config_notes(info, parsed, str(path)) == []  # no unknown policy names


def test_schema_command_matches_the_pack_and_rejects_mistakes(pack: Pack, tmp_path: Path) -> None:
    info, initial, process = pack
    result = cli("schema", "--policy-pack", str(BUNDLED_PACK), "--pack-python", sys.executable)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema == pack_config_schema(info)
    jsonschema.Draft7Validator.check_schema(schema)
    assert set(schema["properties"]) == {"all"} | {p.name for p in info.policies}
    validator = jsonschema.Draft7Validator(schema)
    for mistake in ({"rds-backup-retention": {"minDayz": 3}}, {"no-such-policy": "mandatory"},
                    {"all": "strict"}, {"rds-backup-retention": {"minDays": 0}}):
        assert list(validator.iter_errors(mistake)), mistake
    mistake = tmp_path / "mistake.json"
    mistake.write_text(json.dumps({"rds-backup-retention": {"minDays": 0}}))
    entries, errors = assemble_config_checked(info, initial, load_config_file(mistake), "test")
    assert errors == [f"validating policy config: {info.name} {info.version}"
                      "  rds-backup-retention: minDays: Must be greater than or equal to 1"]
    # The pack's Configure refuses it first, and the engine reports that refusal (pkg/engine/update.go).
    with pytest.raises(PreviewError, match="configuring policy pack .*\n.*rds-backup-retention: minDays"):
        configure_pack(process, info, entries, errors, "test")
    misspelt = tmp_path / "misspelt.json"
    misspelt.write_text(json.dumps({"rds-backup-retention": {"minDayz": 3}}))
    entries, errors = assemble_config_checked(info, initial, load_config_file(misspelt), "test")
    assert errors == []  # the CLI's validator cannot see an undeclared key (convertSchema)...
    with pytest.raises(PreviewError, match="Additional property minDayz is not allowed"):
        configure_pack(process, info, entries, errors, "test")  # ...the pack's Configure refuses it


def test_strict_config_never_blocks_on_catalog_age(tmp_path: Path) -> None:
    production = json.loads((REPO / "configs" / "production.json").read_text())
    assert production["all"] == "mandatory"
    # The date-driven warnings stay warnings: a catalog or an engine getting older never blocks by itself.
    assert production["rds-engine-standard-support-ending"]["enforcementLevel"] == "advisory"
    long_after = (dt.date.today() + dt.timedelta(days=400)).isoformat()  # far beyond maxAgeDays (120)
    production["engine-version-catalog-fresh"] = {"enforcementLevel": production["engine-version-catalog-fresh"],
                                                  "asOf": long_after}
    config, report = tmp_path / "production.json", tmp_path / "report.json"
    config.write_text(json.dumps(production))
    result = cli("preview", "--cwd", str(REPO), "--policy-pack-config", str(config),
                 "--config", "migration-reference:backupRetentionDays=14", "--format", f"json={report}")
    document = json.loads(report.read_text())
    assert document["errors"] == [], document["errors"]
    stale = [v for v in document["violations"] if v["policy"] == "engine-version-catalog-fresh"]
    assert stale and all(v["enforcementLevel"] == "advisory" for v in stale)  # reported, never blocking
    assert result.returncode == 0, result.stderr
    assert document["summary"]["violations"]["mandatory"] == 0
