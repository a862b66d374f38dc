"""The pre-commit hooks and the GitHub Actions examples parse, name files that exist, and the commands
they run exist and work: the offline workflow's preview step and job-summary step run here as written,
on a copy of the project outside the checkout."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from adoption_support import REPO, cli_process, validate_sarif

from migration_guard.cli import build_parser
from migration_guard.preview.report.markdown import LIMIT

WORKFLOWS = REPO / "examples" / "github-actions"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def _workflow(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text())
    assert document["jobs"] and (True in document or "on" in document)  # YAML reads `on:` as True
    return document


def _steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in document["jobs"].values() for step in job["steps"]]


def _migration_guard_commands(script: str) -> list[list[str]]:
    commands = []
    for line in script.splitlines():
        words = shlex.split(line, posix=True) if "migration-guard" in line else []
        if words and words[0].endswith("migration-guard"):
            commands.append(words[1:])
    return commands


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's Pulumi project, copied outside the checkout (reports land there, not in the tree)."""
    copy = tmp_path_factory.mktemp("ci") / "repo"
    copy.mkdir()
    for name in ("Pulumi.dev.yaml", "requirements.txt"):
        shutil.copy(REPO / name, copy / name)
    manifest = yaml.safe_load((REPO / "Pulumi.yaml").read_text())
    manifest["runtime"]["options"]["virtualenv"] = sys.prefix  # the program's venv: already set up here
    (copy / "Pulumi.yaml").write_text(yaml.safe_dump(manifest))
    for folder in ("reference-stack", "configs"):
        shutil.copytree(REPO / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "policy-pack", copy / "policy-pack",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return copy


def test_every_migration_guard_command_in_the_examples_parses() -> None:
    parser = build_parser()
    scripts = [s.get("run", "") for name in ("migration-guard-offline.yml", "migration-guard-pulumi-preview.yml")
               for s in _steps(_workflow(name))]
    hooks = yaml.safe_load(HOOKS.read_text())
    scripts += [hook["entry"] for hook in hooks]
    commands = [c for script in scripts for c in _migration_guard_commands(os.path.expandvars(script))]
    assert len(commands) >= 3
    for words in commands:
        parser.parse_args(words)  # exits (fails the test) on an unknown command or option


def test_pre_commit_hooks(project: Path) -> None:
    hooks = yaml.safe_load(HOOKS.read_text())
    assert {h["id"] for h in hooks} == {"migration-guard-preview", "migration-guard-preview-system"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["pass_filenames"] is False
        files = re.compile(hook["files"])
        assert files.search("Pulumi.dev.yaml") and files.search("reference-stack/migration_stack/network.py")
        for dependency in hook.get("additional_dependencies", []):
            assert (REPO / dependency / "pyproject.toml").is_file()
    entry = shlex.split(hooks[0]["entry"])
    result = cli_process(*entry[1:], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: passed" in result.stdout


def test_offline_workflow_runs_as_written(project: Path) -> None:
    document = _workflow("migration-guard-offline.yml")
    steps = {s.get("name"): s for s in _steps(document)}
    assert document["permissions"]["security-events"] == "write"
    upload = next(s for s in steps.values() if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    sarif_file = upload["with"]["sarif_file"]
    install = steps["Install the program's dependencies and MigrationGuard"]["run"]
    assert "-r requirements.txt" in install and "#subdirectory=policy-pack" in install
    env = {**os.environ, "STACK": document["env"]["STACK"], "MIGRATION_GUARD_REPO": "https://git.example.test/org/repo"}
    script = steps["Offline preview with the policy pack"]["run"].replace(".venv/bin/migration-guard",
                                                                          f"{sys.executable} -m migration_guard")
    preview = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=project, env=env,
                             capture_output=True, text=True, timeout=600)
    assert preview.returncode == 0, preview.stdout + preview.stderr
    rules = validate_sarif((project / sarif_file).read_text())["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"].startswith("https://git.example.test/org/repo/blob/main/docs/policies.md#")
    summary = project / "summary.md"
    job_summary = subprocess.run(["bash", "-euo", "pipefail", "-c", steps["Job summary"]["run"]], cwd=project,
                                 env={**env, "GITHUB_STEP_SUMMARY": str(summary)}, capture_output=True, text=True)
    assert job_summary.returncode == 0, job_summary.stderr
    text = summary.read_text()
    assert text.startswith("## MigrationGuard preview") and len(text) <= LIMIT


def test_pulumi_workflow_points_at_the_pack_and_a_valid_config() -> None:
    document = _workflow("migration-guard-pulumi-preview.yml")
    steps = _steps(document)
    pulumi = next(s for s in steps if str(s.get("uses", "")).startswith("pulumi/actions"))
    assert pulumi["with"]["command"] == "preview"
    pack = REPO / pulumi["with"]["policyPacks"]
    assert (pack / "PulumiPolicy.yaml").is_file() and (pack / "requirements.txt").is_file()
    config = json.loads((REPO / pulumi["with"]["policyPackConfigs"]).read_text())
    assert config["all"] == "mandatory"  # validated against the pack in test_adoption_configs


def test_readme_quick_start_is_two_commands_and_ci_runs_them() -> None:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (REPO / ".ci" / "run").read_text()
    assert "pip install --quiet --disable-pip-version-check -r requirements.txt" in ci
    assert commands[1] in ci  # the README's test command
