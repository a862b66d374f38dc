"""The command as users run it: exit codes, error messages, determinism, audit, routing."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from preview_support import CONFIGS, PACKS, PROGRAMS, STATES, run_cli, run_cli_inprocess

from migration_guard import cli

BASIC = str(PACKS / "basic")


def test_clean_program_exits_0() -> None:
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", BASIC, "--config", "aws:region=ap-south-1",
    )
    assert result.returncode == 0, result.stderr
    assert "Result: passed" in result.stdout
    assert "0 mandatory" in result.stdout
    assert "3 resources" in result.stdout  # stack, default provider, instance


def test_violations_exit_1_and_reports_are_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for index in range(2):
        target = tmp_path / f"report-{index}.sarif"
        result = run_cli(
            "preview", "--cwd", str(PROGRAMS / "violations"), "--policy-pack", BASIC,
            "--policy-pack", str(PACKS / "second"), "--format", "sarif", "--output", str(target),
        )
        assert result.returncode == 1, result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"Sup3rSecretLiteral!" not in outputs[0]


def test_program_error_names_the_users_file_and_line_first() -> None:
    result = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "program_error"), "--policy-pack", BASIC)
    assert result.returncode == 2
    assert "\nerror: settings.py:3: the program failed: KeyError: 'dev'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unanswered_invoke_names_the_invoke_and_the_line() -> None:
    result = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "unanswered_invoke"), "--policy-pack", BASIC)
    assert result.returncode == 2
    # Every unanswered invoke of the run is reported at once, each at its line.
    assert (
        "error: 2 invokes cannot be answered in an offline preview:\n"
        "  __main__.py:3: aws:outposts/getOutpost:getOutpost\n"
        "  __main__.py:4: aws:ec2/getVpcEndpointService:getVpcEndpointService\n"
    ) in result.stderr
    assert "--invoke-results" in result.stderr


def test_unanswered_invoke_can_be_supplied_or_allowed() -> None:
    supplied = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "unanswered_invoke"), "--policy-pack", BASIC,
        "--invoke-results", str(CONFIGS / "invoke-results.json"), "--format", "json",
    )
    assert supplied.returncode == 0, supplied.stderr
    allowed = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "unanswered_invoke"), "--policy-pack", BASIC, "--allow-unknown-invokes",
    )
    assert allowed.returncode == 0, allowed.stderr


def test_bad_policy_config_names_policy_and_key() -> None:
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", BASIC,
        "--policy-pack-config", str(CONFIGS / "bad.json"), "--format", "json",
    )
    assert result.returncode == 2
    # pkg/engine/update.go, loadPolicyPlugins: "validating policy config: <pack> <version>  <policy>: <error>"
    assert "validating policy config: preview-test-pack 1.2.3  rds-retention-test: minDays: Must be greater than or equal to 1" in result.stderr
    document = json.loads(result.stdout)
    assert document["errors"] and "rds-retention-test" in document["errors"][0]["message"]
    assert document["summary"]["exitCode"] == 2


def test_pack_that_fails_to_start_is_an_error() -> None:
    result = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(PACKS / "broken"))
    assert result.returncode == 2
    assert "broken test pack fails at import" in result.stderr
    assert "failed to start" in result.stderr
    assert "__main__.py:3: RuntimeError: broken test pack fails at import" in result.stderr


def test_policy_that_raises_stops_the_preview_with_a_clear_error() -> None:
    result = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "policy_crash"), "--policy-pack", BASIC)
    assert result.returncode == 2
    assert "Analyze failed" in result.stderr
    assert "policy bug while checking a queue" in result.stderr
    assert "aws:sqs/queue:Queue::jobs-dev" in result.stderr


def test_unknown_values_are_unverifiable_not_advisory() -> None:
    result = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "unknowns"), "--policy-pack", BASIC, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"]["unverifiable"] == 1
    assert document["summary"]["violations"] == {"mandatory": 0, "advisory": 0}
    finding = document["unverifiable"][0]
    assert finding["policy"] == "rds-encrypted-test"
    assert finding["message"].startswith("can't run policy")
    assert finding["source"] == {"file": "src/__main__.py", "line": 5}  # `main: src/` is honoured


def test_audit_runs_packs_over_exported_state() -> None:
    result = run_cli_inprocess("audit", "--state", str(STATES / "violations-state.json"), "--policy-pack", BASIC,
                     "--format", "json")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["command"] == "audit"
    policies = {(v["name"], v["policy"]) for v in document["violations"]}
    assert ("db-prod", "rds-encrypted-test") in policies
    assert ("logs-prod", "bucket-encryption-stack-test") in policies
    assert "AuditedPlaintextSecret9" not in result.stdout


def test_missing_routed_module_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "ROUTED_COMMANDS", {("docs",): "migration_guard.no_such_module_for_tests"})
    assert cli.main(["docs", "--check"]) == 2
    assert "not available" in capsys.readouterr().err


def test_catalog_refresh_and_docs_are_routed(monkeypatch: pytest.MonkeyPatch) -> None:
    received: dict[str, list[str]] = {}
    for name in ("fake_catalog_refresh", "fake_docs"):
        module = types.ModuleType(name)
        module.main = lambda argv, _n=name: received.setdefault(_n, list(argv)) and 0  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(cli, "ROUTED_COMMANDS", {("catalog", "refresh"): "fake_catalog_refresh", ("docs",): "fake_docs"})
    assert cli.main(["catalog", "refresh", "--dry-run"]) == 0
    assert cli.main(["docs", "--check"]) == 0
    assert received == {"fake_catalog_refresh": ["--dry-run"], "fake_docs": ["--check"]}


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "migration-guard"
    assert script.is_file()
