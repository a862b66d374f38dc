"""Pulumi project and stack configuration, read as the CLI reads them."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import PreviewError
from .secrets import StackDecrypter


@dataclass
class Project:
    name: str
    directory: Path
    program: Path  # the `main:` file or directory (the project directory by default)
    description: str = ""
    runtime: str = "python"
    config_defaults: dict[str, Any] = field(default_factory=dict)
    python: str | None = None  # the project's virtualenv interpreter, when it exists


@dataclass
class StackConfig:
    values: dict[str, str]  # "namespace:key" -> value as the engine holds it (objects as JSON)
    secret_keys: list[str]
    undecrypted: list[str] = field(default_factory=list)  # `secure:` keys handed over as unknown
    undecrypted_reason: str = ""


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise PreviewError(f"{path}: invalid YAML: {exc}") from None
    except OSError as exc:
        raise PreviewError(f"{path}: {exc.strerror}") from None


def load_project(cwd: Path) -> Project:
    manifest = cwd / "Pulumi.yaml"
    if not manifest.is_file():
        alternative = cwd / "Pulumi.yml"
        if not alternative.is_file():
            raise PreviewError(f"no Pulumi project found in {cwd} (expected Pulumi.yaml)")
        manifest = alternative
    data = _load_yaml(manifest)
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise PreviewError(f"{manifest}: a Pulumi project needs a `name`")
    runtime = data.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    options = runtime.get("options") if isinstance(runtime, dict) else None
    venv = options.get("virtualenv") if isinstance(options, dict) else None
    python = None
    if isinstance(venv, str) and venv:
        # Not resolved: the venv's python is a symlink, and only its own path activates the venv.
        candidate = (cwd.resolve() / venv / "bin" / "python").absolute()
        python = str(candidate) if candidate.is_file() else None
    if runtime_name != "python":
        raise PreviewError(f"{manifest}: runtime {runtime_name!r} is not supported; the offline preview runs Python programs")
    main = data.get("main")
    program = (cwd / main).resolve() if isinstance(main, str) and main else cwd.resolve()
    if not program.exists():
        raise PreviewError(f"{manifest}: main {main!r} does not exist")
    if program.is_dir() and not (program / "__main__.py").is_file():
        raise PreviewError(f"{manifest}: no __main__.py in the program directory {program}")
    defaults: dict[str, Any] = {}
    raw_config = data.get("config")
    if isinstance(raw_config, dict):
        for key, spec in raw_config.items():
            if isinstance(spec, dict) and "default" in spec:
                defaults[key] = spec["default"]
            elif isinstance(spec, dict) and "value" in spec:
                defaults[key] = spec["value"]
            elif not isinstance(spec, dict):
                defaults[key] = spec
    return Project(
        name=data["name"],
        directory=cwd.resolve(),
        program=program,
        description=str(data.get("description") or ""),
        config_defaults=defaults,
        python=python,
    )


def engine_string(value: Any) -> str:
    """A config value as the engine hands it to programs and providers: scalars as text, objects as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    if value is None:
        return ""
    return str(value)


def secret_placeholder(key: str) -> str:
    """Stands in for a `secure:` value that cannot be decrypted offline.

    Deterministic and high-entropy, so credential-strength policies treat it like a real generated
    secret rather than flagging a weak literal; it is marked secret like the real value.
    """
    digest = hashlib.sha256(f"migration-guard-preview:{key}".encode()).digest()
    return "mgp-" + base64.b32encode(digest).decode().rstrip("=").lower()[:28]


def _qualify(key: str, project: str) -> str:
    return key if ":" in key else f"{project}:{key}"


def load_stack_config(
    project: Project, stack: str, overrides: list[str], environ: Mapping[str, str] | None = None
) -> StackConfig:
    values: dict[str, str] = {}
    secret_keys: set[str] = set()
    decrypter = StackDecrypter(None)
    for key, value in project.config_defaults.items():
        values[_qualify(key, project.name)] = engine_string(value)
    stack_file = project.directory / f"Pulumi.{stack}.yaml"
    if stack_file.is_file():  # absent means empty, as with the CLI
        data = _load_yaml(stack_file) or {}
        config = data.get("config") if isinstance(data, dict) else None
        decrypter = StackDecrypter.for_stack(data if isinstance(data, dict) else {}, os.environ if environ is None else environ)
        if isinstance(config, dict):
            for key, value in config.items():
                qualified = _qualify(str(key), project.name)
                if isinstance(value, dict) and set(value) == {"secure"}:
                    values[qualified] = decrypter.decrypt(qualified, value["secure"])
                    secret_keys.add(qualified)
                else:
                    values[qualified] = engine_string(value)
    for item in overrides:
        if "=" not in item:
            raise PreviewError(f"--config {item!r}: expected KEY=VALUE")
        key, value = item.split("=", 1)
        if not key:
            raise PreviewError(f"--config {item!r}: the key is empty")
        qualified = _qualify(key, project.name)
        values[qualified] = value
        secret_keys.discard(qualified)
    undecrypted = sorted(k for k in decrypter.undecrypted if k in secret_keys)
    return StackConfig(
        values=dict(sorted(values.items())), secret_keys=sorted(secret_keys), undecrypted=undecrypted,
        undecrypted_reason=decrypter.reason if undecrypted else "",
    )
