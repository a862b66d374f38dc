"""The command-line habits people bring from Checkov, KICS and cfn-lint: --version, help everywhere,
--output -, several reports per run, policy selection, severity threshold, soft fail, baselines,
colour only on a terminal, quiet, and error paths that never leave an older success or a secret."""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from adoption_support import BASIC_PACK, BROKEN_PACK, REPO, VIOLATIONS, BundledRun, cli, cli_process

from migration_guard.cli import build_parser
from migration_guard.commands.output import Target, parse_targets, use_color
from migration_guard.preview.model import PreviewError


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_version() -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("migration-guard ")


def test_every_command_and_option_has_help_text() -> None:
    parser = build_parser()
    commands = _subparsers(parser)
    assert {"preview", "audit", "policies", "schema", "vendor", "bench", "catalog", "docs"} <= set(commands)
    for name, sub in [("", parser), *commands.items(), *_subparsers(commands["catalog"]).items()]:
        for action in sub._actions:
            if sub.add_help or not isinstance(action, argparse._HelpAction):
                assert action.help, f"{name}: {action.dest} has no help text"
            if isinstance(action, argparse._SubParsersAction):
                assert all(choice.help for choice in action._choices_actions), name
    for words in (["catalog", "--help"], ["preview", "--help"], ["policies", "--help"], ["docs", "--help"]):
        assert cli_process(*words).returncode == 0, words


def test_catalog_without_a_subcommand_shows_its_usage() -> None:
    result = cli("catalog")
    assert result.returncode == 2
    assert "refresh" in result.stderr


def test_output_dash_is_stdout_and_a_broken_pipe_ends_quietly() -> None:
    assert "rds-storage-encrypted" in cli("policies", "--output", "-").stdout
    process = subprocess.Popen([sys.executable, "-m", "migration_guard", "docs", "--output", "-"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first write, as after `| head -1`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert stderr == ""


def test_report_targets() -> None:
    assert parse_targets([], None) == [Target("text", "-")]
    assert parse_targets(["text"], "out.txt") == [Target("text", "out.txt")]
    assert parse_targets(["sarif=a.sarif", "markdown=b.md", "text"], None) == [
        Target("sarif", "a.sarif"), Target("markdown", "b.md"), Target("text", "-")]
    for bad in (["text", "json"], ["yaml"], ["json=a", "sarif=a"]):
        with pytest.raises(PreviewError):
            parse_targets(bad, None)


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(False, Terminal())
    assert not use_color(False, io.StringIO())
    assert not use_color(True, Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(False, Terminal())


def test_policy_listing_names_checkov_and_aws_config() -> None:
    listing = json.loads(cli("policies", "--format", "json").stdout)
    encrypted = next(p for p in listing if p["name"] == "rds-storage-encrypted")
    assert encrypted["family"] == "encryption"
    assert encrypted["level"] == "mandatory" and encrypted["severity"] == "high"
    assert "CKV_AWS_16" in encrypted["checkov"] and encrypted["awsConfig"] == ["rds-storage-encrypted"]
    from migration_guard_policies import all_specs

    assert {p["name"] for p in listing} == {s.name for s in all_specs()}
    text = cli("policies", "--policy", "CKV_AWS_16").stdout
    assert "rds-storage-encrypted" in text and "dms-endpoint-ssl" not in text


def test_selection_threshold_and_soft_fail(bundled_run: BundledRun, tmp_path: Path) -> None:
    document = json.loads(bundled_run.report("json"))
    assert {"rds-storage-encrypted", "required-tags"} <= {v["policy"] for v in document["violations"]}
    output = tmp_path / "selected.json"
    result = cli("preview", "--cwd", str(VIOLATIONS), "--policy-pack", str(REPO / "policy-pack"), "--pack-python", sys.executable,
                 "--policy", "encryption", "--policy", "CKV_AWS_157", "--skip-policy", "s3-bucket-encrypted",
                 "--severity-threshold", "high", "--soft-fail", "--format", f"json={output}")
    assert result.returncode == 0, result.stderr  # mandatory violations, but --soft-fail
    selected = json.loads(output.read_text())
    policies = {v["policy"] for v in selected["violations"]}
    assert "rds-storage-encrypted" in policies and "rds-instance-multi-az" in policies  # family, Checkov id
    assert "s3-bucket-encrypted" not in policies and "required-tags" not in policies
    assert all(v["severity"] in ("high", "critical") for v in selected["violations"])
    assert selected["summary"]["violations"]["mandatory"] > 0 and selected["summary"]["exitCode"] == 0
    assert "aws-migration-guard/required-tags" in selected["summary"]["skippedPolicies"]
    unknown = cli("preview", "--cwd", str(VIOLATIONS), "--policy-pack", str(BASIC_PACK), "--policy", "no-such-policy")
    assert unknown.returncode == 2 and "no-such-policy" in unknown.stderr


def test_baseline_reports_only_new_findings_and_is_stable_across_runs(
    bundled_run: BundledRun, baseline_run: BundledRun
) -> None:
    first = (bundled_run.directory / "baseline.json").read_bytes()
    assert json.loads(first)["findings"]
    assert (baseline_run.directory / "baseline.json").read_bytes() == first  # same findings, same bytes
    assert set(json.loads(first)) == {"version", "tool", "findings"}  # no date: stable across days
    assert baseline_run.code == 0, baseline_run.stderr  # every mandatory violation is known
    document = json.loads(baseline_run.report("json"))
    before = json.loads(bundled_run.report("json"))
    assert document["violations"] == [] and document["unverifiable"] == []
    assert document["summary"]["baselineMatched"] == len(before["violations"]) + len(before["unverifiable"])


def test_quiet_keeps_violations_and_the_result_only(bundled_run: BundledRun) -> None:
    result = cli("preview", "--cwd", str(VIOLATIONS), "--policy-pack", str(BASIC_PACK), "--quiet", "--no-color")
    assert result.returncode == 1
    assert not result.stdout.startswith("Previewing")
    assert "[mandatory]" in result.stdout and "Result: FAILED" in result.stdout
    assert "[advisory]" not in result.stdout or "[unverifiable]" not in result.stdout


def test_missing_stack_file_is_mentioned_once(tmp_path: Path) -> None:
    result = cli("preview", "--cwd", str(VIOLATIONS), "--stack", "nosuchstack", "--policy-pack", str(BASIC_PACK))
    assert result.stderr.count("Pulumi.nosuchstack.yaml") == 1, result.stderr


def test_a_failed_run_replaces_an_older_success(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "policy.sarif", tmp_path / "policy.xml"
    sarif.write_text('{"old": "success, exit 0"}')
    junit.write_text("<testsuites old='success'/>")
    result = cli("preview", "--cwd", str(VIOLATIONS), "--policy-pack", str(BROKEN_PACK),
                 "--format", f"sarif={sarif}", "--format", f"junit={junit}")
    assert result.returncode == 2
    document = json.loads(sarif.read_text())
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert document["runs"][0]["properties"]["project"] == "preview-violations"  # Pulumi.yaml's name
    assert "old" not in document and "old=" not in junit.read_text()
    assert 'errors="1"' in junit.read_text()


def test_an_internal_error_leaves_an_error_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from migration_guard import cli as command

    def explode(args: argparse.Namespace) -> None:
        raise RuntimeError("pack died after starting")

    monkeypatch.setattr(command, "_run", explode)
    target = tmp_path / "report.json"
    target.write_text('{"summary": {"exitCode": 0}}')
    result = cli("preview", "--cwd", str(VIOLATIONS), "--format", f"json={target}")
    assert result.returncode == 2
    document = json.loads(target.read_text())
    assert document["summary"]["exitCode"] == 2
    assert "internal error" in document["errors"][0]["message"]


PASSPHRASE = "adoption tests passphrase"
SALT = b"adoption"
SECRET = "Corr3ct-Horse-Battery"
SECRET_PROGRAM = """import pulumi

password = pulumi.Config().require_secret("dbPassword")


def fail(value: str) -> None:
    raise ValueError(f"the password {value} is not accepted by the database")


password.apply(fail)
"""


def _encrypt(key: bytes, plaintext: str, nonce: bytes) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), None)
    return f"v1:{base64.b64encode(nonce).decode()}:{base64.b64encode(sealed).decode()}"


def _secret_project(folder: Path) -> Path:
    """A passphrase-provider stack (pulumi/pulumi pkg/secrets/passphrase/manager.go) whose program puts a
    `config.require_secret` value into an exception message."""
    key = hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode(), SALT, 1_000_000, 32)
    check = _encrypt(key, "pulumi", bytes(11) + bytes([1]))
    salt_state = f"v1:{base64.b64encode(SALT).decode()}:{check}"
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text("name: secret-error\nruntime: python\n")
    (folder / "Pulumi.dev.yaml").write_text(yaml.safe_dump({
        "encryptionsalt": salt_state,
        "config": {"aws:region": "eu-west-1", "secret-error:dbPassword": {"secure": _encrypt(key, SECRET, bytes(12))}},
    }))
    (folder / "__main__.py").write_text(SECRET_PROGRAM)
    return folder


def test_secrets_in_error_messages_are_redacted_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", PASSPHRASE)
    program = _secret_project(tmp_path / "project")
    formats = [a for fmt in ("json", "sarif", "junit", "markdown") for a in ("--format", f"{fmt}={tmp_path / fmt}")]
    result = cli("preview", "--cwd", str(program), "--policy-pack", str(BASIC_PACK), "--format", "text", *formats)
    assert result.returncode == 2
    assert "the password [secret] is not accepted" in result.stderr  # the program saw the decrypted value
    assert SECRET not in result.stderr and SECRET not in result.stdout
    for fmt in ("json", "sarif", "junit", "markdown"):
        text = (tmp_path / fmt).read_text()
        assert "[secret]" in text, fmt
        assert SECRET not in text, fmt
