"""`preview --state FILE`: preview an update of an existing stack (a `pulumi stack export`) as the engine does.

Sources (pulumi/pulumi `pkg/resource/deploy/step_generator.go`):
- `generateSteps`: with an old state for the URN, `processIgnoreChanges` puts the OLD input values back
  at every `ignoreChanges` path before Check and before the analyzers see the inputs; Check then gets
  the old inputs too, so defaults recorded in the old `__defaults` list (autonames included) keep their
  old values (pulumi-terraform-bridge `pkg/tfbridge/schema.go`, "use the old value" for old defaults).
- A resource whose inputs did not change has a `same` step: its outputs are the deployed ones from the
  state. One that changed is an update: the provider plans from the old state, so attributes the
  program does not set keep their deployed values unless the plan recomputes them.
- `AnalyzeResources` walks the deployment's `news`: resources in the state that the program no longer
  registers are deleted and are not in AnalyzeStack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from migration_guard.analyzer.protocol import UNKNOWN_SENTINELS

from .model import ProgramRun, Resource

DEFAULTS_KEY = "__defaults"


def _split_path(path: str) -> list[str]:
    """`ignoreChanges` paths: `a`, `a.b`, `a["b.c"]` (simple dotted paths and quoted keys)."""
    parts: list[str] = []
    for chunk in path.replace('"]', "").replace('["', ".").split("."):
        if chunk:
            parts.append(chunk)
    return parts


def _get(value: Any, parts: list[str]) -> tuple[bool, Any]:
    for part in parts:
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return False, None
    return True, value


def _set(target: dict[str, Any], parts: list[str], value: Any) -> None:
    node: Any = target
    for part in parts[:-1]:
        if not isinstance(node, dict):
            return
        node = node.setdefault(part, {})
    if isinstance(node, dict):
        node[parts[-1]] = value


def _drop(target: dict[str, Any], parts: list[str]) -> None:
    node: Any = target
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(parts[-1], None)


def apply_ignore_changes(inputs: dict[str, Any], old_inputs: Mapping[str, Any], paths: list[str]) -> dict[str, Any]:
    """`processIgnoreChanges`: the old value at each ignored path (absent stays absent)."""
    result = dict(inputs)
    for path in paths:
        parts = _split_path(path)
        if not parts:
            continue
        found, old_value = _get(old_inputs, parts)
        if found:
            _set(result, parts, old_value)
        else:
            _drop(result, parts)
    return result


def keep_old_defaults(inputs: dict[str, Any], old_inputs: Mapping[str, Any], program_keys: set[str]) -> dict[str, Any]:
    """Defaults the provider filled in last time (autonames too) keep their old values."""
    result = dict(inputs)
    for key in old_inputs.get(DEFAULTS_KEY) or []:
        if isinstance(key, str) and key not in program_keys and key in old_inputs:
            result[key] = old_inputs[key]
    return result


def _comparable(inputs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in inputs.items() if k != DEFAULTS_KEY}


def _has_unknown(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and item in UNKNOWN_SENTINELS:
            return True
        if isinstance(item, Mapping):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def unchanged(inputs: Mapping[str, Any], old_inputs: Mapping[str, Any]) -> bool:
    return not _has_unknown(inputs) and _comparable(inputs) == _comparable(old_inputs)


def planned_update_outputs(new_outputs: Mapping[str, Any], old_outputs: Mapping[str, Any], inputs: Mapping[str, Any]) -> dict[str, Any]:
    """An update's plan: the new inputs; what the program does not set keeps its deployed value."""
    result = dict(new_outputs)
    for key, value in old_outputs.items():
        if key not in inputs and key != DEFAULTS_KEY:
            result[key] = value
    return result


def registered_keys(resource: Resource) -> set[str]:
    return set(resource.inputs)


def apply_before_check(run: ProgramRun, old: Mapping[str, Resource]) -> dict[str, set[str]]:
    """Old values for ignoreChanges and old defaults; returns each resource's program-set keys."""
    program_keys: dict[str, set[str]] = {}
    for resource in run.resources:
        previous = old.get(resource.urn)
        program_keys[resource.urn] = registered_keys(resource)
        if previous is None or not resource.custom or resource.external:
            continue
        paths = [str(p) for p in resource.options.get("ignoreChanges") or []]
        inputs = apply_ignore_changes(resource.inputs, previous.inputs, paths)
        inputs = keep_old_defaults(inputs, previous.inputs, program_keys[resource.urn] - set(paths))
        computed_only = {k: v for k, v in resource.outputs.items() if k not in resource.inputs}
        resource.inputs, resource.outputs = inputs, {**computed_only, **inputs}
    return program_keys


def apply_after_check(run: ProgramRun, old: Mapping[str, Resource]) -> None:
    """Deployed outputs for unchanged resources, planned outputs from the old state for updates."""
    for resource in run.resources:
        previous = old.get(resource.urn)
        if previous is None or not resource.custom or resource.external or resource.type.startswith("pulumi:"):
            continue
        if unchanged(resource.inputs, previous.inputs):
            resource.inputs = {k: v for k, v in previous.inputs.items() if k != DEFAULTS_KEY}
            resource.outputs = dict(previous.outputs)
        else:
            resource.outputs = planned_update_outputs(resource.outputs, previous.outputs, resource.inputs)
