"""`migration-guard schema`: a JSON Schema (draft 7) for the `--policy-pack-config` file of a pack,
generated from what the pack declares (GetAnalyzerInfo: each policy's config schema and levels).

Point an editor at it for completion and checking, e.g. in VS Code ``"json.schemas": [{"fileMatch":
["configs/*.json"], "url": "./policy-config.schema.json"}]``.
"""

from __future__ import annotations

from typing import Any

from migration_guard.preview.model import PackInfo, PolicyInfo

LEVELS = ["advisory", "mandatory", "remediate", "disabled"]
LEVEL_SCHEMA: dict[str, Any] = {"type": "string", "enum": LEVELS, "description": "the enforcement level"}


def _policy_object(policy: PolicyInfo) -> dict[str, Any]:
    declared = policy.config_schema or {}
    properties: dict[str, Any] = {"enforcementLevel": LEVEL_SCHEMA}
    properties.update(declared.get("properties") or {})
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": declared.get("additionalProperties", False),
    }
    if declared.get("required"):
        schema["required"] = sorted(declared["required"])
    return schema


def pack_config_schema(pack: PackInfo) -> dict[str, Any]:
    policies: dict[str, Any] = {
        "all": {**LEVEL_SCHEMA, "description": "the level of every policy (a policy's own entry wins)"},
    }
    for policy in sorted(pack.policies, key=lambda p: p.name):
        policies[policy.name] = {
            "description": f"{policy.description} (default: {policy.enforcement_level})",
            "oneOf": [LEVEL_SCHEMA, _policy_object(policy)],
        }
    # Unknown names are rejected here although the Pulumi CLI passes them on: they have no effect, so an
    # editor should flag them (usually a typo).
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"urn:migration-guard:policy-pack-config:{pack.name}:{pack.version}",
        "title": f"--policy-pack-config for {pack.name} {pack.version}",
        "type": "object",
        "properties": policies,
        "additionalProperties": False,
    }
