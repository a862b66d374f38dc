"""The pack as the Pulumi CLI and Pulumi Cloud install and start it.

- `pulumi policy new` writes `runtime: {name: python, options: {virtualenv: venv}}`; the Python
  language host runs the pack with that virtualenv's interpreter and fails when it is missing
  (pulumi/pulumi `sdk/python/toolchain/pip.go`, `pip.Command` and `NewVirtualEnvError`;
  `sdk/python/cmd/pulumi-language-python/main.go`, `RunPlugin`).
- A pack enabled from Pulumi Cloud is downloaded and installed: a virtualenv is created, the
  requirements installed, then the pack folder itself when it is a buildable package
  (`sdk/python/toolchain/pip.go`, `InstallDependencies`; `toolchain.IsBuildablePackage`).
- The publish tarball honours .gitignore files, so `policy-pack/venv/` must be ignored.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from migration_guard.analyzer.client import PackProcess, PackProcessError
from migration_guard.analyzer.launch import resolve_interpreter
from migration_guard_policies import all_specs

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "policy-pack"


def tracked_pack_files() -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--", "policy-pack"], capture_output=True, text=True, check=True
    )
    files = [line.removeprefix("policy-pack/") for line in listed.stdout.splitlines() if line]
    assert "PulumiPolicy.yaml" in files and "requirements.txt" in files
    return files


def copy_tracked_pack(target: Path) -> Path:
    for relative in tracked_pack_files():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACK / relative, destination)
    return target


@pytest.fixture(scope="session")
def installed_pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tracked pack files, installed as the CLI installs a downloaded pack (one venv per test run)."""
    pack = copy_tracked_pack(tmp_path_factory.mktemp("remote") / "aws-migration-guard")
    venv = pack / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(pack / "requirements.txt")], check=True, timeout=900)
    subprocess.run([*pip, str(pack)], check=True, timeout=600)
    yield pack


def test_manifest_declares_the_virtualenv_as_pulumi_policy_new_writes_it() -> None:
    manifest = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    assert manifest["runtime"] == {"name": "python", "options": {"virtualenv": "venv"}}


def test_manifest_and_pyproject_versions_are_equal() -> None:
    manifest = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    project = (PACK / "pyproject.toml").read_text().split("[project]", 1)[1].split("\n[", 1)[0]
    match = re.search(r'^version\s*=\s*"([^"]+)"', project, re.MULTILINE)
    assert match is not None
    assert str(manifest["version"]) == match.group(1)


def test_the_pack_virtualenv_is_ignored_so_publish_never_uploads_it() -> None:
    ignored = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", "-q", "policy-pack/venv/bin/python"], check=False
    )
    assert ignored.returncode == 0
    assert not any(f.startswith("venv/") for f in tracked_pack_files())


def test_the_cli_cannot_start_the_pack_without_its_virtualenv(tmp_path: Path) -> None:
    pack = copy_tracked_pack(tmp_path / "pack")
    with pytest.raises(PackProcessError, match="The 'virtualenv' option in Pulumi.yaml is set to \"venv\".*doesn't exist"):
        PackProcess(pack)


def test_remote_install_starts_and_answers_get_analyzer_info(installed_pack: Path) -> None:
    interpreter = resolve_interpreter(installed_pack)
    assert interpreter.python == str(installed_pack / "venv" / "bin" / "python")
    with PackProcess(installed_pack, call_timeout=120) as pack:
        info = pack.get_analyzer_info()
    assert info.name == "aws-migration-guard"
    assert sorted(p.name for p in info.policies) == sorted(s.name for s in all_specs())
