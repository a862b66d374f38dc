"""A team publishes a pack it composed from the library: `migration-guard vendor DIR` copies the library
into the pack folder (`pulumi policy publish` uploads only that folder), and the pack runs from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from adoption_support import cli

from migration_guard.commands.vendor import PACKAGE, library_dir
from migration_guard.testing.pack_process import PackProcess

MAIN = '''from pulumi_policy import PolicyPack

from migration_guard_policies import all_specs, policies

chosen = [s for s in all_specs() if s.family.value in ("encryption", "secrets")]
PolicyPack(name="acme-data-guard", policies=policies(chosen))
'''


def _composed_pack(folder: Path) -> Path:
    folder.mkdir()
    (folder / "PulumiPolicy.yaml").write_text("runtime: python\nversion: 1.0.0\ndescription: ACME data guard\n")
    (folder / "__main__.py").write_text(MAIN)
    (folder / "requirements.txt").write_text("pulumi>=3.160,<4\npulumi-policy>=1.21,<2\n")
    return folder


def test_vendor_copies_the_library_and_the_pack_runs_from_it(tmp_path: Path) -> None:
    pack = _composed_pack(tmp_path / "acme-pack")
    assert cli("vendor", str(pack), "--check").returncode == 1  # nothing vendored yet
    result = cli("vendor", str(pack))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # requirements.txt does not list the library: nothing to warn about
    copy = pack / PACKAGE
    assert (copy / "data" / "engine_versions.json").is_file() and (copy / "py.typed").is_file()
    assert not list(copy.rglob("__pycache__"))
    assert cli("vendor", str(pack), "--check").returncode == 0
    imported = subprocess.run([sys.executable, "-c", f"import {PACKAGE}; print({PACKAGE}.__file__)"], cwd=pack,
                              capture_output=True, text=True, check=True).stdout.strip()
    assert Path(imported).resolve().parent == copy.resolve()  # the pack folder's copy wins over the install
    process = PackProcess(pack, project="p", stack="dev", organization="o", dry_run=True, config={})
    try:
        process.handshake()
        info = process.get_analyzer_info()
    finally:
        process.close()
    assert info.name == "acme-data-guard"
    assert {p.name for p in info.policies} >= {"rds-storage-encrypted", "no-weak-default-credentials"}
    (copy / "props.py").write_text("# edited by hand\n")
    assert cli("vendor", str(pack), "--check").returncode == 1
    assert library_dir() != copy


def test_vendor_refuses_a_folder_that_is_not_a_pack(tmp_path: Path) -> None:
    result = cli("vendor", str(tmp_path))
    assert result.returncode == 2 and "PulumiPolicy.yaml" in result.stderr


def test_vendor_warns_when_requirements_still_list_the_library(tmp_path: Path) -> None:
    pack = _composed_pack(tmp_path / "pack")
    (pack / "requirements.txt").write_text("pulumi\npulumi-policy\nmigration-guard-policies\n")
    result = cli("vendor", str(pack))
    assert result.returncode == 0 and "remove that line" in result.stderr
