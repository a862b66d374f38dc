"""Which interpreter starts a pack: the Python language host's rules.

Pinned against pulumi/pulumi `sdk/python/cmd/pulumi-language-python/main.go` (`parseOptions`: no default
virtualenv for analyzers; `RunPlugin`), `sdk/python/toolchain/toolchain.go` (`ResolveToolchain`: uv.lock,
then poetry.lock, searched upwards), `sdk/python/toolchain/pip.go` (`CommandPath`, `pip.Command`,
`ActivateVirtualEnv`, `NewVirtualEnvError`), `uv.go` (`newUv`) and `poetry.go` (`newPoetry`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from preview_support import PACKS, PROGRAMS, run_cli_inprocess

from migration_guard.analyzer.launch import PackLaunchError, detect_toolchain, resolve_interpreter


def make_pack(folder: Path, runtime: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "PulumiPolicy.yaml").write_text(f"runtime: {runtime}\nversion: 0.0.1\n")
    return folder


def fake_python(folder: Path) -> Path:
    python = folder / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\n")
    python.chmod(0o755)
    return python


def test_pulumi_python_cmd_then_python3_then_python(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "python")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("python", "mypython"):
        (bin_dir / name).write_text("#!/bin/sh\n")
        (bin_dir / name).chmod(0o755)
    assert resolve_interpreter(pack, {"PATH": str(bin_dir)}).python == str(bin_dir / "python")
    chosen = resolve_interpreter(pack, {"PATH": str(bin_dir), "PULUMI_PYTHON_CMD": "mypython"})
    assert chosen.python == str(bin_dir / "mypython")
    with pytest.raises(PackLaunchError, match="failed to locate any of"):
        resolve_interpreter(pack, {"PATH": str(tmp_path / "empty")})


def test_declared_virtualenv_is_used_and_activated(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "{name: python, options: {virtualenv: venv}}")
    python = fake_python(pack / "venv")
    chosen = resolve_interpreter(pack, {"PATH": "/usr/bin", "PYTHONHOME": "/x"})
    assert chosen.python == str(python)
    env = chosen.environment({"PATH": "/usr/bin", "PYTHONHOME": "/x"})
    assert env["PATH"].startswith(str(python.parent)) and env["VIRTUAL_ENV"] == str(pack / "venv")
    assert "PYTHONHOME" not in env


def test_missing_virtualenv_fails_with_the_cli_message(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "{name: python, options: {virtualenv: venv}}")
    with pytest.raises(PackLaunchError, match='set to "venv", but .* doesn\'t exist; run the following commands'):
        resolve_interpreter(pack, {"PATH": "/usr/bin"})
    (pack / "venv").mkdir()
    with pytest.raises(PackLaunchError, match="doesn't appear to be a virtual environment"):
        resolve_interpreter(pack, {"PATH": "/usr/bin"})


def test_lock_files_select_the_toolchain_searching_upwards(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "repo" / "pack", "python")
    assert detect_toolchain(pack, "") == "pip"
    (tmp_path / "repo" / "poetry.lock").write_text("")
    assert detect_toolchain(pack, "") == "poetry"
    (pack / "uv.lock").write_text("")
    assert detect_toolchain(pack, "") == "uv"
    assert detect_toolchain(pack, "pip") == "pip"
    with pytest.raises(PackLaunchError, match="Could not find `uv` executable"):
        resolve_interpreter(pack, {"PATH": str(tmp_path / "empty")})
    (pack / "uv.lock").unlink()
    with pytest.raises(PackLaunchError, match="Could not find `poetry` executable"):
        resolve_interpreter(pack, {"PATH": str(tmp_path / "empty")})


def test_uv_uses_the_dot_venv_beside_the_lock_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "python")
    (pack / "uv.lock").write_text("")
    bin_dir = tmp_path / "tools"
    bin_dir.mkdir()
    (bin_dir / "uv").write_text("#!/bin/sh\n")
    (bin_dir / "uv").chmod(0o755)
    python = fake_python(pack / ".venv")
    assert resolve_interpreter(pack, {"PATH": str(bin_dir)}).python == str(python)


def test_unsupported_options_are_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "{name: python, options: {toolchain: conda}}")
    with pytest.raises(PackLaunchError, match="unsupported toolchain option: conda"):
        resolve_interpreter(pack, {})


def test_a_named_pack_that_the_cli_could_not_start_fails_the_preview(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "PulumiPolicy.yaml").write_text("runtime:\n  name: python\n  options:\n    virtualenv: venv\n")
    (pack / "__main__.py").write_text((PACKS / "second" / "__main__.py").read_text())
    result = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(pack))
    assert result.returncode == 2
    assert "The 'virtualenv' option in Pulumi.yaml is set to \"venv\"" in result.stderr
    # ... and starts once the virtualenv exists (here: a link to the virtualenv running the tests).
    os.symlink(sys.prefix, pack / "venv", target_is_directory=True)
    started = run_cli_inprocess("preview", "--cwd", str(PROGRAMS / "clean"), "--policy-pack", str(pack))
    assert started.returncode == 0, started.stderr
