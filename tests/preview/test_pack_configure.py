"""The bundled pack's Configure as the engine drives it: validation errors named, state reset per Configure.

The engine configures a pack once per preview (pulumi/pulumi `pkg/engine/update.go`, `loadPolicyPlugins`,
then `(*analyzer).Configure` in `pkg/resource/plugin/analyzer_plugin.go`) and sends every entry of the
reconciled config, including `all` and names the pack does not have (`applyConfig`,
`pkg/resource/analyzer/config.go`). The CLI validates only each schema's `properties` and `required`
(`convertSchema` keeps those two keys and nothing else), and a direct Configure (another client, or a
CLI that does not validate) skips even that, so a misspelt key, a wrong type, NaN or Infinity, an
impossible date or an unusable pattern must be refused by the pack's own Configure. The engine turns a
Configure error into `configuring policy pack "<name>" at "<path>": <status message>` and stops
(`(*analyzer).Configure` returns `rpcerror.Convert(err)`; `loadPolicyPlugins` returns that error before
it reports any validation error), so the refusal names every problem, in the offline preview's wording.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from preview_support import PROGRAMS, REPO, run_cli_inprocess
from pulumi.runtime.proto import analyzer_pb2

from migration_guard.analyzer.policy_config import PolicyConfig, PolicyDefaults, reconcile_checked
from migration_guard.preview.packs import read_pack_info
from migration_guard.testing.pack_process import PackProcess, PackProcessError
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


def _refusal(pack: PackProcess, config: dict[str, dict[str, Any]]) -> list[str]:
    with pytest.raises(PackProcessError) as raised:
        pack.configure(config)
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert raised.value.details is not None
    return raised.value.details.split("\n")


def test_direct_configure_refuses_every_problem_naming_policy_and_key(pack: PackProcess) -> None:
    lines = _refusal(pack, _levels(**{
        "rds-backup-retention": {"enforcementLevel": "mandatory", "minDay": 3, "minDays": "seven"},
        "rds-engine-standard-support": {"enforcementLevel": "advisory", "asOf": "2027-02-30"},
        "no-plaintext-secrets-in-environment": {
            "enforcementLevel": "advisory", "extraNamePatterns": ["(a+)+$", "([", "^TOKEN_"],
        },
        "rds-storage-encrypted": {"enforcementLevel": "advisory", "exemptions": [
            {"resource": "db-*", "reason": "JIRA-1", "expires": "2027-02-30"},
            {"resource": "x", "reson": "typo"},
        ]},
    }))
    assert lines == sorted(lines)
    assert lines == [
        "no-plaintext-secrets-in-environment: extraNamePatterns.0: Does not match format 'regex': it can "
        "backtrack catastrophically (a nested quantifier, a back-reference or more than 512 characters); "
        "rewrite it without them",
        "no-plaintext-secrets-in-environment: extraNamePatterns.1: Does not match format 'regex'",
        "rds-backup-retention: Additional property minDay is not allowed",
        "rds-backup-retention: minDays: Invalid type. Expected: integer, given: string",
        "rds-engine-standard-support: asOf: Does not match format 'date'",
        "rds-storage-encrypted: exemptions.0.expires: Does not match format 'date'",
        "rds-storage-encrypted: exemptions.1: Additional property reson is not allowed",
        "rds-storage-encrypted: exemptions.1: reason is required",
    ]


def test_direct_configure_refuses_nan_and_infinity(pack: PackProcess) -> None:
    """JSON cannot carry them, but a Struct can: a direct client's NaN or Infinity is refused, by key."""
    request = analyzer_pb2.ConfigureAnalyzerRequest()
    entry = analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.MANDATORY)
    entry.properties["minDays"] = float("nan")
    request.policyConfig["rds-backup-retention"].CopyFrom(entry)
    entry = analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.ADVISORY)
    entry.properties["maxAgeDays"] = float("inf")
    request.policyConfig["engine-version-catalog-fresh"].CopyFrom(entry)
    with pytest.raises(PackProcessError) as raised:
        pack._call("Configure", request)
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert str(raised.value.details).split("\n") == [
        "engine-version-catalog-fresh: maxAgeDays: Invalid type. Expected: integer, given: non-finite number",
        "rds-backup-retention: minDays: Invalid type. Expected: integer, given: non-finite number",
    ]


def test_a_refused_configure_keeps_the_configuration_in_force(pack: PackProcess) -> None:
    pack.configure(_levels(**{"rds-backup-retention": {"enforcementLevel": "mandatory", "minDays": 30}}))
    _refusal(pack, _levels(**{"rds-backup-retention": {"enforcementLevel": "disabled", "minDays": 0}}))
    response = pack.analyze(RDS, {"engine": "postgres", "backupRetentionPeriod": 14}, DB_URN, "db-dev")
    [diagnostic] = [d for d in response.diagnostics if d.policyName == "rds-backup-retention"]
    assert "at least 30 days" in diagnostic.message
    assert diagnostic.enforcementLevel == analyzer_pb2.MANDATORY


def test_configure_accepts_any_properties_on_all_and_unknown_names(pack: PackProcess) -> None:
    """`applyConfig` passes `all` and unknown names on with their properties; they configure nothing."""
    pack.configure(_levels(
        all={"enforcementLevel": "advisory", "minDay": 3, "exemptions": 7},
        **{"retired-policy": {"enforcementLevel": "mandatory", "asOf": "2027-02-30", "pattern": ["(a+)+"]}},
    ))


def test_the_refusal_words_cli_errors_as_the_offline_preview_does(pack: PackProcess) -> None:
    """Errors the CLI's own validator finds (the offline preview's emulation of it) appear word for word in
    the pack's refusal, which adds only what the CLI cannot see."""
    info, initial = read_pack_info(pack)
    config = {
        "rds-backup-retention": {"enforcementLevel": "mandatory", "minDays": 0, "minDay": 3},
        "engine-version-catalog-fresh": {"enforcementLevel": "advisory", "maxAgeDays": 2.5},
        "no-plaintext-secrets-in-environment": {"enforcementLevel": "advisory", "extraNamePatterns": "TOKEN"},
        "rds-storage-encrypted": {"enforcementLevel": "advisory", "requireCustomerManagedKey": "yes",
                                  "exemptions": [{"resource": "", "reason": "r"}, {"reason": "r", "expires": "soon"}]},
    }
    defaults = [PolicyDefaults(p.name, p.enforcement_level, p.config_schema) for p in info.policies]
    given = {name: PolicyConfig(str(entry["enforcementLevel"]),
                                {k: v for k, v in entry.items() if k != "enforcementLevel"})
             for name, entry in config.items()}
    entries, cli_errors = reconcile_checked(defaults, initial, given, pack=info.name, version=info.version)
    prefix = f"validating policy config: {info.name} {info.version}  "
    assert len(cli_errors) == 7 and all(e.startswith(prefix) for e in cli_errors), cli_errors
    lines = _refusal(pack, {name: entry.as_configure_entry() for name, entry in entries.items()})
    assert {e.removeprefix(prefix) for e in cli_errors} < set(lines)
    assert sorted(set(lines) - {e.removeprefix(prefix) for e in cli_errors}) == [
        "rds-backup-retention: Additional property minDay is not allowed",
    ]


def test_the_preview_stops_on_the_packs_refusal(tmp_path: Path) -> None:
    config = tmp_path / "policy-config.json"
    config.write_text('{"rds-backup-retention": {"minDay": 3}, '
                      '"rds-storage-encrypted": {"exemptions": [{"resource": "db-*", "reason": "r", "expires": "2027-02-30"}]}}')
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(REPO / "policy-pack"),
        "--pack-python", sys.executable, "--policy-pack-config", str(config),
    )
    assert result.returncode == 2, result.stdout
    lines = [line.strip() for line in result.stderr.splitlines()]
    start = next(i for i, line in enumerate(lines) if 'configuring policy pack "aws-migration-guard" at ' in line)
    assert lines[start + 1:start + 3] == [
        "rds-backup-retention: Additional property minDay is not allowed",
        "rds-storage-encrypted: exemptions.0.expires: Does not match format 'date'",
    ], result.stderr


@pytest.mark.parametrize("update", [False, True], ids=["streaming", "state"])
def test_a_refusal_is_reported_before_the_programs_own_error(tmp_path: Path, update: bool) -> None:
    """The engine configures the packs before it runs the program (pulumi/pulumi pkg/engine/update.go
    ``loadPolicyPlugins``, called before the deployment is made), so a config the pack refuses stops the
    update whatever the program would do: here a program that fails is not what is reported, neither
    while the packs analyze as the program runs nor in a ``--state`` preview (analyzed after the program)."""
    config = tmp_path / "policy-config.json"
    config.write_text('{"rds-backup-retention": {"minDay": 3}}')
    state = ["--state", str(Path(__file__).parent / "states" / "violations-state.json")] if update else []
    result = run_cli_inprocess(
        "preview", "--cwd", str(PROGRAMS / "program_error"), "--policy-pack", str(REPO / "policy-pack"),
        "--pack-python", sys.executable, "--policy-pack-config", str(config), *state,
    )
    assert result.returncode == 2, result.stdout
    assert 'configuring policy pack "aws-migration-guard" at ' in result.stderr, result.stderr
    assert "rds-backup-retention: Additional property minDay is not allowed" in result.stderr
    assert "the program failed" not in result.stderr and "KeyError" not in result.stderr, result.stderr
