"""Which Python a policy pack runs with, decided as the Pulumi CLI's Python language host decides it.

Sources (pulumi/pulumi):
- `sdk/python/cmd/pulumi-language-python/main.go`, `parseOptions`: the `runtime.options` keys
  `virtualenv`, `toolchain` (`pip`, `poetry`, `uv`) and `typechecker`; no default virtualenv for
  policy packs (`isPlugin` is false for analyzers). `RunPlugin`: a pack runs as
  `<python> -u -m pulumi.policy <engine> <pack dir>` with the pack directory as working directory.
- `sdk/python/toolchain/toolchain.go`, `ResolveToolchain`: with no `toolchain` option, a `uv.lock`
  (searched upwards from the pack) selects uv, then a `poetry.lock` selects poetry, else pip.
- `sdk/python/toolchain/pip.go`, `newPip`/`resolveVirtualEnvironmentPath` (relative to the pack root),
  `pip.Command` (the virtualenv's `bin/python`, with `ActivateVirtualEnv`), `CommandPath`
  (`PULUMI_PYTHON_CMD`, else `python3`, then `python` on PATH) and `NewVirtualEnvError` (the message
  when the declared virtualenv is missing).
- `sdk/python/toolchain/uv.go`, `newUv`: the virtualenv defaults to `.venv` beside the nearest
  `uv.lock` or `pyproject.toml` (or `UV_PROJECT_ENVIRONMENT`); `uv` must be on PATH.
- `sdk/python/toolchain/poetry.go`, `newPoetry`/`Command`: `poetry` must be on PATH; the interpreter
  is the one of `poetry env info --path`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MANIFEST = "PulumiPolicy.yaml"
TOOLCHAINS = ("pip", "poetry", "uv")


class PackLaunchError(RuntimeError):
    """The CLI could not start this pack either (bad manifest, missing virtualenv or toolchain)."""


@dataclass(frozen=True)
class PackRuntime:
    """What `runtime:` in PulumiPolicy.yaml declares."""

    name: str = "python"
    virtualenv: str = ""
    toolchain: str = ""  # "" means auto-detect from lock files


@dataclass(frozen=True)
class Interpreter:
    """The Python to start a pack with, and the environment changes activating its virtualenv."""

    python: str
    toolchain: str
    virtualenv: str = ""
    env: Mapping[str, str] = field(default_factory=dict)
    removed_env: tuple[str, ...] = ()

    def environment(self, base: Mapping[str, str]) -> dict[str, str]:
        result = {k: v for k, v in base.items() if k not in self.removed_env}
        result.update(self.env)
        return result


def read_manifest(pack_dir: Path) -> dict[str, Any]:
    manifest = pack_dir / MANIFEST
    try:
        data = yaml.safe_load(manifest.read_text()) or {}
    except OSError as exc:
        raise PackLaunchError(f"{manifest}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise PackLaunchError(f"{manifest}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PackLaunchError(f"{manifest}: expected a mapping")
    return data


def manifest_version(pack_dir: Path) -> str | None:
    """PulumiPolicy.yaml's `version`: the CLI reports it instead of the SDK's fixed 0.0.1."""
    if not (pack_dir / MANIFEST).is_file():
        return None
    version = read_manifest(pack_dir).get("version")
    return str(version) if version is not None else None


def pack_runtime(pack_dir: Path) -> PackRuntime:
    runtime = read_manifest(pack_dir).get("runtime", "python")
    if isinstance(runtime, str):
        return PackRuntime(name=runtime)
    if not isinstance(runtime, dict):
        raise PackLaunchError(f"{pack_dir / MANIFEST}: runtime must be a name or {{name, options}}")
    options = runtime.get("options") or {}
    if not isinstance(options, dict):
        raise PackLaunchError(f"{pack_dir / MANIFEST}: runtime.options must be a mapping")
    virtualenv, toolchain = options.get("virtualenv", ""), options.get("toolchain", "")
    if not isinstance(virtualenv, str):
        raise PackLaunchError("virtualenv option must be a string")
    if not isinstance(toolchain, str):
        raise PackLaunchError("toolchain option must be a string")
    if toolchain and toolchain not in TOOLCHAINS:
        raise PackLaunchError(f"unsupported toolchain option: {toolchain}")
    return PackRuntime(name=str(runtime.get("name", "python")), virtualenv=virtualenv, toolchain=toolchain)


def _search_up(start: Path, filename: str) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / filename).is_file():
            return folder
    return None


def detect_toolchain(pack_dir: Path, declared: str) -> str:
    if declared:
        return declared
    if _search_up(pack_dir, "uv.lock"):
        return "uv"
    if _search_up(pack_dir, "poetry.lock"):
        return "poetry"
    return "pip"


def venv_python(venv: Path) -> Path | None:
    for candidate in (venv / "bin" / "python", venv / "Scripts" / "python.exe"):
        if candidate.is_file():
            return candidate
    return None


def virtualenv_error(option: str, full_path: Path) -> PackLaunchError:
    """`NewVirtualEnvError` in sdk/python/toolchain/pip.go, word for word."""
    state = "doesn't exist" if not full_path.exists() else "doesn't appear to be a virtual environment"
    venv_bin = full_path / "bin" / "python"
    commands = (
        f"    1. python3 -m venv {full_path}\n"
        f"    2. {venv_bin} -m pip install --upgrade pip setuptools wheel\n"
        f"    3. {venv_bin} -m pip install -r requirements.txt\n"
    )
    return PackLaunchError(
        f"The 'virtualenv' option in Pulumi.yaml is set to {json.dumps(option)}, but {json.dumps(str(full_path))} {state}; "
        "run the following commands to create the virtual environment and install dependencies into it:\n\n"
        f"{commands}\n\n"
        "For more information see: https://www.pulumi.com/docs/intro/languages/python/#virtual-environments"
    )


def activated(venv: Path, toolchain: str, base: Mapping[str, str]) -> Interpreter:
    """`ActivateVirtualEnv`: the venv's bin first on PATH, VIRTUAL_ENV set, PYTHONHOME removed."""
    python = venv_python(venv)
    if python is None:
        raise PackLaunchError(f"{venv}: no bin/python in the virtual environment")
    path = base.get("PATH", "")
    bin_dir = str(python.parent)
    return Interpreter(
        python=str(python), toolchain=toolchain, virtualenv=str(venv),
        env={"PATH": bin_dir + (os.pathsep + path if path else ""), "VIRTUAL_ENV": str(venv)},
        removed_env=("PYTHONHOME",),
    )


def ambient_python(base: Mapping[str, str]) -> Interpreter:
    """`CommandPath`: PULUMI_PYTHON_CMD, else python3, else python, looked up on PATH."""
    commands = [base["PULUMI_PYTHON_CMD"]] if base.get("PULUMI_PYTHON_CMD") else ["python3", "python"]
    for command in commands:
        found = shutil.which(command, path=base.get("PATH"))
        if found:
            return Interpreter(python=found, toolchain="pip")
    raise PackLaunchError(
        f"failed to locate any of {commands!r} on your PATH. Have you installed Python 3.6 or greater?"
    )


def _uv_interpreter(pack_dir: Path, runtime: PackRuntime, base: Mapping[str, str]) -> Interpreter:
    if not shutil.which("uv", path=base.get("PATH")):
        raise PackLaunchError("Could not find `uv` executable.\nInstall uv and make sure it is in your PATH.")
    if runtime.virtualenv:
        venv = Path(runtime.virtualenv) if Path(runtime.virtualenv).is_absolute() else pack_dir / runtime.virtualenv
    else:
        project = _search_up(pack_dir, "uv.lock") or _search_up(pack_dir, "pyproject.toml") or pack_dir
        env_dir = base.get("UV_PROJECT_ENVIRONMENT") or ".venv"
        venv = Path(env_dir) if Path(env_dir).is_absolute() else project / env_dir
    if venv_python(venv) is None:
        raise PackLaunchError(f"uv virtual environment {venv} does not exist (run `uv sync` in {pack_dir})")
    return activated(venv, "uv", base)


def _poetry_interpreter(pack_dir: Path, base: Mapping[str, str]) -> Interpreter:
    poetry = shutil.which("poetry", path=base.get("PATH"))
    if not poetry:
        raise PackLaunchError(
            "Could not find `poetry` executable.\n"
            "Install poetry and make sure it is in your PATH, or set the toolchain option in Pulumi.yaml to `pip`."
        )
    try:
        completed = subprocess.run(
            [poetry, "env", "info", "--path"], cwd=pack_dir, env=dict(base), capture_output=True, text=True,
            timeout=60, check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PackLaunchError(f"poetry env info --path failed in {pack_dir}: {exc}") from None
    return activated(Path(completed.stdout.strip()), "poetry", base)


def resolve_interpreter(pack_dir: Path, base: Mapping[str, str] | None = None) -> Interpreter:
    """The interpreter the CLI would start `pack_dir` with, or the CLI's own failure."""
    environ = dict(os.environ if base is None else base)
    runtime = pack_runtime(pack_dir)
    if runtime.name != "python":
        raise PackLaunchError(f"{pack_dir / MANIFEST}: runtime {runtime.name!r} is not Python")
    toolchain = detect_toolchain(pack_dir, runtime.toolchain)
    if toolchain == "uv":
        return _uv_interpreter(pack_dir, runtime, environ)
    if toolchain == "poetry":
        return _poetry_interpreter(pack_dir, environ)
    if not runtime.virtualenv:
        return ambient_python(environ)
    venv = Path(runtime.virtualenv)
    venv = venv if venv.is_absolute() else pack_dir / venv
    if venv_python(venv) is None:
        raise virtualenv_error(runtime.virtualenv, venv)
    return activated(venv, "pip", environ)


def given_interpreter(python: str) -> Interpreter:
    """An interpreter chosen by the caller (the test harness, or `--pack-python`), used as is."""
    return Interpreter(python=python, toolchain="given")
