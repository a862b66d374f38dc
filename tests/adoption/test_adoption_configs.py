"""Per-environment configs in configs/ are valid for the pack (against the generated JSON Schema and
through the preview's own validation), the generated schema rejects what the pack rejects, and the
recommended strict config has no time bomb: the catalog-freshness check cannot block a deployment."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from adoption_support import BUNDLED_PACK, REPO, cli

from migration_guard.commands.schema import pack_config_schema
from migration_guard.preview.model import PackInfo, PreviewError
from migration_guard.preview.packs import (
    assemble_config,
    config_notes,
    load_config_file,
    read_pack_info,
    start_pack,
)

CONFIGS = sorted((REPO / "configs").glob("*.json"))
ENVIRONMENTS = {"development", "staging", "production", "ephemeral-ci"}


@pytest.fixture(scope="module")
def pack() -> Iterator[tuple[PackInfo, dict[str, Any]]]:
    process = start_pack(BUNDLED_PACK, project="configs", stack="dev", organization="organization", dry_run=True,
                         config={}, python=sys.executable)
    try:
        process.handshake()
        yield read_pack_info(process)
    finally:
        process.close()


def test_every_environment_has_a_config() -> None:
    assert {c.stem for c in CONFIGS} == ENVIRONMENTS


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_config_is_valid_for_the_pack(path: Path, pack: tuple[PackInfo, dict[str, Any]]) -> None:
    info, initial = pack
    config = json.loads(path.read_text())
    jsonschema.Draft7Validator(pack_config_schema(info)).validate(config)
    parsed = load_config_file(path)
    assembled = assemble_config(info, initial, parsed, str(path))  # the preview's validation, as the CLI's
    assert {p.name for p in info.policies} <= set(assembled)
    assert config_notes(info, parsed, str(path)) == []  # no unknown policy names


def test_schema_command_matches_the_pack_and_rejects_mistakes(
    pack: tuple[PackInfo, dict[str, Any]], tmp_path: Path
) -> None:
    info, initial = pack
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
    with pytest.raises(PreviewError):
        assemble_config(info, initial, load_config_file(mistake), "test")


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
