"""The reference stack passes every policy of the pack, through the offline preview, in every variant.

These run the real command line (`python -m migration_guard preview`): the program under Pulumi's mock
runtime in preview mode, the pack launched as the Pulumi CLI launches it, and the Analyzer protocol.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies import all_specs
from migration_guard_policies.policies.versions import (
    dms_engine_version_supported,
    rds_engine_version_supported,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "reference-stack"))

from migration_stack import settings as settings_module  # noqa: E402
from migration_stack.variants import VARIANT_OVERRIDES, VARIANT_SECRETS, VARIANTS  # noqa: E402


def preview(tmp_path: Path, overrides: dict[str, str], policy_config: dict[str, Any] | None) -> tuple[int, dict[str, Any]]:
    command = [sys.executable, "-m", "migration_guard", "preview", "--cwd", str(REPO_ROOT), "--stack", "dev",
               "--format", "json"]
    for key, value in sorted(overrides.items()):
        command += ["--config", f"{key}={value}"]
    if policy_config is not None:
        config_file = tmp_path / "policy-config.json"
        config_file.write_text(json.dumps(policy_config), encoding="utf-8")
        command += ["--policy-pack-config", str(config_file)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO_ROOT)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def findings(report: dict[str, Any]) -> list[str]:
    return [f"{v['policy']} on {v['name']}: {v['message']}" for v in report["violations"] + report["unverifiable"]]


def test_default_preview_passes_with_every_policy_of_the_pack(tmp_path: Path) -> None:
    code, report = preview(tmp_path, {}, None)
    assert code == 0, findings(report)
    summary = report["summary"]
    assert summary["policies"] == len(all_specs())
    assert summary["resources"] >= 50
    assert summary["violations"] == {"mandatory": 0, "advisory": 0}, findings(report)
    assert summary["unverifiable"] == 0, findings(report)


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_passes_with_every_policy_mandatory(tmp_path: Path, variant: str) -> None:
    overrides = {**VARIANT_OVERRIDES[variant], **VARIANT_SECRETS.get(variant, {})}
    code, report = preview(tmp_path, overrides, {"all": "mandatory"})
    assert code == 0, findings(report)
    assert report["summary"]["violations"] == {"mandatory": 0, "advisory": 0}, findings(report)
    assert report["summary"]["unverifiable"] == 0, findings(report)
    assert {p["enforcementLevel"] for pack in report["policyPacks"] for p in pack["policies"]} == {"mandatory"}


def test_a_stale_engine_version_and_no_deletion_protection_fail_the_preview(tmp_path: Path) -> None:
    overrides = {
        "migration-reference:databaseEngine": "postgres",
        "migration-reference:rdsEngineVersion": "14.7",  # seed 002: a version RDS no longer offers
        "migration-reference:deletionProtection": "false",
    }
    code, report = preview(tmp_path, overrides, {"all": "mandatory"})
    assert code == 1
    failed = {(v["policy"], v["type"]) for v in report["violations"]}
    assert ("rds-engine-version-supported", "aws:rds/instance:Instance") in failed
    assert ("rds-deletion-protection", "aws:rds/instance:Instance") in failed
    message = next(v["message"] for v in report["violations"] if v["policy"] == "rds-engine-version-supported")
    assert "14.7" in message and "14." in message.split("14.7", 1)[1]  # names the offered 14.x versions


@pytest.mark.parametrize("engine", ["aurora-postgresql", "postgres"])
def test_the_default_engine_versions_are_accepted_by_the_bundled_catalog(engine: str) -> None:
    version = settings_module.DEFAULT_ENGINE_VERSIONS[engine]
    resource_type = "aws:rds/cluster:Cluster" if engine.startswith("aurora") else "aws:rds/instance:Instance"
    result = analyze_resource(rds_engine_version_supported.SPEC, resource_type,
                              {"engine": engine, "engineVersion": version, "autoMinorVersionUpgrade": True})
    assert result.passed, result.messages()
    dms = analyze_resource(dms_engine_version_supported.SPEC, "aws:dms/replicationInstance:ReplicationInstance",
                           {"engineVersion": settings_module.DEFAULT_ENGINE_VERSIONS["dms"], "autoMinorVersionUpgrade": True})
    assert dms.passed, dms.messages()
