"""The program's Python environment, set up as the Pulumi CLI's Python language host sets it up.

The language host (sdk/python/cmd/pulumi-language-python/main.go, ``parseOptions``) reads the
``runtime.options`` of Pulumi.yaml: ``virtualenv`` and ``toolchain`` (``pip``, ``poetry``, ``uv``; by
default detected from a ``uv.lock`` or ``poetry.lock``, else pip: sdk/python/toolchain/toolchain.go,
``ResolveToolchain``). Before running the program it ensures the environment exists
(``GetRequiredPackages`` -> ``EnsureVenv``):

- pip: when the ``virtualenv`` directory is missing or empty, ``python -m venv DIR`` then
  ``python -m pip install -r requirements.txt`` (sdk/python/toolchain/pip.go, ``EnsureVenv`` and
  ``InstallDependencies``);
- uv: ``uv sync`` with ``UV_PROJECT_ENVIRONMENT`` set to the virtualenv, ``.venv`` by default
  (sdk/python/toolchain/uv.go);
- poetry: ``poetry install``, then the environment ``poetry env info --path`` names
  (sdk/python/toolchain/poetry.go).

With no virtualenv at all the language host runs ``python3`` from PATH; the offline preview runs
such a program with its own interpreter instead (it has pulumi and the tool), and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import PreviewError

Progress = Callable[[str], None]
INSTALL_TIMEOUT = 1800.0


@dataclass(frozen=True)
class RuntimeOptions:
    virtualenv: str | None
    toolchain: str  # "auto", "pip", "uv", "poetry"


@dataclass(frozen=True)
class Interpreter:
    python: str
    why: str

    def describe(self) -> str:
        return f"note: running the program with {self.python} ({self.why})"


def runtime_options(raw: Any) -> RuntimeOptions:
    options = raw if isinstance(raw, dict) else {}
    venv = options.get("virtualenv")
    if venv is not None and not isinstance(venv, str):
        raise PreviewError("Pulumi.yaml: the runtime option `virtualenv` must be a string")
    toolchain = options.get("toolchain", "auto")
    if toolchain not in ("auto", "pip", "uv", "poetry"):
        raise PreviewError(f"Pulumi.yaml: unknown runtime option toolchain {toolchain!r} (pip, uv or poetry)")
    return RuntimeOptions(venv or None, str(toolchain))


def venv_python(venv: Path) -> Path:
    # Not resolved: the venv's python is a symlink, and only its own path activates the venv.
    return (venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")).absolute()


def _is_venv(venv: Path) -> bool:
    return venv_python(venv).is_file()


def _resolve_toolchain(options: RuntimeOptions, project_dir: Path) -> str:
    if options.toolchain != "auto":
        return options.toolchain
    for directory in (project_dir, *project_dir.parents):
        if (directory / "uv.lock").is_file():
            return "uv"
        if (directory / "poetry.lock").is_file():
            return "poetry"
    return "pip"


def _run(command: list[str], cwd: Path, progress: Progress, env: dict[str, str] | None = None) -> None:
    progress("$ " + " ".join(command))
    try:
        completed = subprocess.run(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, timeout=INSTALL_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PreviewError(f"setting up the program's environment failed: {' '.join(command)}: {exc}") from None
    if completed.returncode != 0:
        tail = "\n".join(completed.stdout.strip().splitlines()[-15:])
        raise PreviewError(f"setting up the program's environment failed: {' '.join(command)} exited "
                           f"{completed.returncode}:\n{tail}")


def _base_python() -> str:
    """The interpreter that creates virtualenvs: PULUMI_PYTHON_CMD, else python3 on PATH (as the CLI)."""
    return os.environ.get("PULUMI_PYTHON_CMD") or shutil.which("python3") or sys.executable


def _pip_environment(venv: Path, project_dir: Path, install: bool, progress: Progress) -> Interpreter:
    if _is_venv(venv):
        return Interpreter(str(venv_python(venv)), "the virtualenv named in Pulumi.yaml")
    if venv.exists() and not venv.is_dir():
        raise PreviewError(f"the 'virtualenv' option in Pulumi.yaml is set to {str(venv)!r} but it is not a directory")
    if not install:
        raise PreviewError(
            f"the virtualenv {venv} named in Pulumi.yaml does not exist; create it (python3 -m venv {venv} && "
            f"{venv}/bin/pip install -r requirements.txt), or run without --no-install to let the preview create it"
        )
    progress(f"Creating virtual environment {venv} ...")
    _run([_base_python(), "-m", "venv", str(venv)], project_dir, progress)
    requirements = project_dir / "requirements.txt"
    if requirements.is_file():
        progress(f"Installing {requirements.name} into {venv} ...")
        _run([str(venv_python(venv)), "-m", "pip", "install", "-r", str(requirements)], project_dir, progress)
    progress("Finished creating virtual environment")
    return Interpreter(str(venv_python(venv)), "the virtualenv named in Pulumi.yaml, created now")


def _uv_environment(venv: Path, project_dir: Path, install: bool, progress: Progress) -> Interpreter:
    uv = shutil.which("uv")
    if uv is None:
        if _is_venv(venv):
            progress(f"note: toolchain uv, but uv is not installed: using the existing {venv} as it is")
            return Interpreter(str(venv_python(venv)), "the uv project's virtualenv; uv is not installed")
        raise PreviewError(
            f"Pulumi.yaml uses the uv toolchain, but uv is not installed and {venv} does not exist; install uv "
            "(pip install uv) or create the environment with `uv sync`, then run the preview again"
        )
    if not install and not _is_venv(venv):
        raise PreviewError(f"the uv project's virtualenv {venv} does not exist; run `uv sync`, or run without --no-install")
    if install:
        progress(f"Syncing the uv project into {venv} ...")
        _run([uv, "sync"], project_dir, progress, env={**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv)})
    return Interpreter(str(venv_python(venv)), "the uv project's virtualenv")


def _poetry_environment(project_dir: Path, install: bool, progress: Progress) -> Interpreter:
    poetry = shutil.which("poetry")
    in_project = project_dir / ".venv"
    if poetry is None:
        if _is_venv(in_project):
            progress(f"note: toolchain poetry, but poetry is not installed: using the existing {in_project} as it is")
            return Interpreter(str(venv_python(in_project)), "the poetry project's .venv; poetry is not installed")
        raise PreviewError(
            "Pulumi.yaml uses the poetry toolchain, but poetry is not installed and the project has no .venv; install "
            "poetry (pip install poetry) or create the environment with `poetry install`, then run the preview again"
        )
    if install:
        progress("Installing the poetry project ...")
        _run([poetry, "install", "--no-ansi"], project_dir, progress)
    completed = subprocess.run([poetry, "env", "info", "--path"], cwd=project_dir, capture_output=True, text=True,
                               stdin=subprocess.DEVNULL, timeout=120)
    path = Path(completed.stdout.strip())
    if completed.returncode != 0 or not _is_venv(path):
        raise PreviewError("poetry has no environment for this project; run `poetry install`, then the preview again")
    return Interpreter(str(venv_python(path)), "the poetry project's environment")


def program_interpreter(
    options: RuntimeOptions, project_dir: Path, *, install: bool = True, progress: Progress | None = None,
) -> Interpreter:
    """The interpreter that runs the program, its environment created first when it is missing."""
    say = progress or (lambda message: None)
    toolchain = _resolve_toolchain(options, project_dir)
    venv = (project_dir / options.virtualenv) if options.virtualenv else None
    if toolchain == "uv":
        return _uv_environment(venv or project_dir / ".venv", project_dir, install, say)
    if toolchain == "poetry":
        return _poetry_environment(project_dir, install, say)
    if venv is not None:
        return _pip_environment(venv.absolute(), project_dir, install, say)
    return Interpreter(sys.executable, "no virtualenv in Pulumi.yaml: the offline preview's own interpreter")
