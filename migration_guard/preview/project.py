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

from .environment import RuntimeOptions, runtime_options
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
    runtime_options: RuntimeOptions = field(default_factory=lambda: RuntimeOptions(None, "auto"))
    stack_config_dir: Path | None = None  # `stackConfigDir:` (stack files live there instead)


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
    options = runtime_options(runtime.get("options") if isinstance(runtime, dict) else None)
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
    config_dir = data.get("stackConfigDir")
    if config_dir is not None and not isinstance(config_dir, str):
        raise PreviewError(f"{manifest}: `stackConfigDir` must be a path")
    return Project(
        name=data["name"],
        directory=cwd.resolve(),
        program=program,
        description=str(data.get("description") or ""),
        config_defaults=defaults,
        runtime_options=options,
        stack_config_dir=(cwd.resolve() / config_dir) if config_dir else None,
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


def _is_secure(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"secure"}


def decrypt_nested(value: Any, key: str, decrypter: StackDecrypter) -> tuple[Any, bool]:
    """The value with every `secure:` node (at any depth inside objects and lists) decrypted, or the
    unknown string where it cannot be; True when any node was secure (the whole key is then secret)."""
    if _is_secure(value):
        return decrypter.decrypt(key, value["secure"]), True
    if isinstance(value, dict):
        found = False
        out: dict[str, Any] = {}
        for name, item in value.items():
            out[name], inner = decrypt_nested(item, key, decrypter)
            found = found or inner
        return out, found
    if isinstance(value, list):
        items = [decrypt_nested(item, key, decrypter) for item in value]
        return [item for item, _ in items], any(inner for _, inner in items)
    return value, False


def stack_file_path(project: Project, stack: str) -> Path:
    """Pulumi.<stack>.yaml in the project directory, or in `stackConfigDir` when the project sets it."""
    directory = project.stack_config_dir or project.directory
    for suffix in ("yaml", "yml"):
        candidate = directory / f"Pulumi.{stack}.{suffix}"
        if candidate.is_file():
            return candidate
    return directory / f"Pulumi.{stack}.yaml"


def load_stack_config(
    project: Project, stack: str, overrides: list[str], environ: Mapping[str, str] | None = None
) -> StackConfig:
    values: dict[str, str] = {}
    secret_keys: set[str] = set()
    decrypter = StackDecrypter(None)
    for key, value in project.config_defaults.items():
        values[_qualify(key, project.name)] = engine_string(value)
    stack_file = stack_file_path(project, stack)
    if stack_file.is_file():  # absent means empty, as with the CLI
        data = _load_yaml(stack_file)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise PreviewError(f"{stack_file}: a stack file must be a mapping (with `config:`), not {type(data).__name__}")
        config = data.get("config")
        if config is not None and not isinstance(config, dict):
            raise PreviewError(f"{stack_file}: `config` must be a mapping of keys to values")
        decrypter = StackDecrypter.for_stack(data, os.environ if environ is None else environ)
        for key, value in (config or {}).items():
            qualified = _qualify(str(key), project.name)
            decrypted, secure = decrypt_nested(value, qualified, decrypter)
            values[qualified] = engine_string(decrypted)
            if secure:
                secret_keys.add(qualified)
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
