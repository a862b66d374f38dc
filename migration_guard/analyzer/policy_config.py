"""Policy configuration as the Pulumi CLI reads, reconciles and validates it before Configure.

Sources (pulumi/pulumi `pkg/resource/analyzer/config.go`):
- `parsePolicyPackConfig`: an empty file is allowed; a top-level `environments` list (Pulumi ESC) is
  taken out; each other key is a level string or an object whose `enforcementLevel` is taken out;
  the error wordings below.
- `ReconcilePolicyPackConfig`/`createConfigWithDefaults`/`applyConfig`: schema defaults, then the
  pack's initialConfig, then the file. `all` sets ONLY the enforcement level of every policy; every
  key of the file (also `all` and names the pack does not have) then becomes an entry of the result,
  which is what the pack's Configure receives.
- `validatePolicyPackConfig`/`validatePolicyConfig`/`convertSchema`: each policy's properties are
  validated against `{type: object, properties, required}` (only those two keys of the schema travel
  over the wire) with gojsonschema; every error is `<policy>: <field>: <description>` with the
  `(root): ` prefix trimmed. `pkg/engine/update.go`, `loadPolicyPlugins`: every error is printed as
  `validating policy config: <pack> <version>  <error>`, sorted, and the preview stops; but the
  engine calls the pack's Configure first, and when Configure fails that error is the one reported.
A pack's own rules (MigrationGuard's Configure refuses misspelt keys, impossible dates, unsafe patterns:
`migration_guard_policies.settings.config_problems`) are not emulated here: the pack applies them.
Wording of the descriptions: gojsonschema's `DefaultLocale` (xeipuuv/gojsonschema `locales.go`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from migration_guard_policies.settings import go_number, json_type_name

from .protocol import ENFORCEMENT_LEVELS


class PolicyConfigError(ValueError):
    """The config cannot be used; ``lines`` holds every message, in the CLI's wording and order."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


@dataclass
class PolicyConfig:
    """`plugin.AnalyzerPolicyConfig`: an enforcement level ("" = not given) and properties."""

    enforcement_level: str = ""
    properties: dict[str, Any] = field(default_factory=dict)

    def as_configure_entry(self) -> dict[str, Any]:
        entry = dict(self.properties)
        if self.enforcement_level:
            entry["enforcementLevel"] = self.enforcement_level
        return entry


@dataclass
class ParsedConfig:
    policies: dict[str, PolicyConfig]
    environments: list[str]


def _go_type(value: Any) -> str:
    """Go's `%T` of a decoded JSON value."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, dict):
        return "map[string]interface {}"
    return "<nil>"


def _go_value(value: Any) -> str:
    """Go's `%v` of a decoded JSON value (enough for the error messages)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "<nil>"
    if isinstance(value, (int, float)):
        return go_number(value)
    if isinstance(value, list):
        return "[" + " ".join(_go_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_go_value(v)}" for k, v in sorted(value.items())) + "]"
    return str(value)


def _level_from(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise PolicyConfigError(
            [f'parsing enforcement level for "{key}": {_go_value(value)} is not a valid enforcement level; '
             "must be a string"]
        )
    if value not in ENFORCEMENT_LEVELS:
        raise PolicyConfigError([f'parsing enforcement level for "{key}": "{value}" is not a valid enforcement level'])
    return value


def _environments(raw: Any) -> list[str]:
    if not isinstance(raw, list):
        raise PolicyConfigError([f'"environments" must be an array of strings, got {_go_type(raw)}'])
    for index, item in enumerate(raw):
        if not isinstance(item, str):
            raise PolicyConfigError([f'"environments[{index}]" must be a string, got {_go_type(item)}'])
    return list(raw)


def parse_policy_config(text: str) -> ParsedConfig:
    """`parsePolicyPackConfig`. Keys are taken in sorted order so the first error is deterministic."""
    if not text.strip():
        return ParsedConfig(policies={}, environments=[])
    try:
        data = json.loads(text)
    except RecursionError:
        raise PolicyConfigError(["invalid JSON: nested too deeply"]) from None
    except ValueError as exc:
        raise PolicyConfigError([f"invalid JSON: {exc}"]) from None
    if not isinstance(data, dict):
        raise PolicyConfigError([f"invalid JSON: cannot unmarshal {_go_type(data)} into a map of policy names"])
    environments = _environments(data.pop("environments")) if "environments" in data else []
    policies: dict[str, PolicyConfig] = {}
    for key in sorted(data):
        value = data[key]
        if isinstance(value, str):
            entry = PolicyConfig(enforcement_level=_level_from(key, value))
        elif isinstance(value, dict):
            properties = dict(value)
            level = _level_from(key, properties.pop("enforcementLevel")) if "enforcementLevel" in properties else ""
            entry = PolicyConfig(enforcement_level=level, properties=properties)
        else:
            raise PolicyConfigError(
                [f'parsing "{key}": {_go_value(value)} is not a valid value; must be a string or object']
            )
        if entry.enforcement_level or entry.properties:  # "Don't bother including empty configs."
            policies[key] = entry
    return ParsedConfig(policies=policies, environments=environments)


@dataclass(frozen=True)
class PolicyDefaults:
    """What GetAnalyzerInfo says about one policy."""

    name: str
    enforcement_level: str
    config_schema: Mapping[str, Any]  # {"properties": ..., "required": [...]} as it came over the wire


def _with_defaults(policies: Sequence[PolicyDefaults]) -> dict[str, PolicyConfig]:
    result: dict[str, PolicyConfig] = {}
    for policy in policies:
        properties = {
            key: schema["default"]
            for key, schema in (policy.config_schema.get("properties") or {}).items()
            if isinstance(schema, dict) and "default" in schema
        }
        result[policy.name] = PolicyConfig(enforcement_level=policy.enforcement_level, properties=properties)
    return result


def _apply(result: dict[str, PolicyConfig], layer: Mapping[str, PolicyConfig]) -> None:
    """`applyConfig`: `all` sets only the level; then every key of the layer is merged in."""
    everything = layer.get("all")
    if everything is not None and everything.enforcement_level:
        for entry in result.values():
            entry.enforcement_level = everything.enforcement_level
    for name, given in layer.items():
        current = result.get(name) or PolicyConfig()
        merged = PolicyConfig(
            enforcement_level=given.enforcement_level or current.enforcement_level,
            properties={**current.properties, **given.properties},
        )
        result[name] = merged


_REQUIRED = re.compile(r"^'(.*)' is a required property$")
def _json_type(value: Any) -> str:
    return json_type_name(value)  # the pack's own Configure words types the same way


def _field(error: jsonschema.ValidationError) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    return path or "(root)"


def _quoted_list(values: Sequence[Any]) -> str:
    return ", ".join(json.dumps(v) for v in values)


def _description(error: jsonschema.ValidationError) -> tuple[str, str]:
    """(field, description) in gojsonschema's DefaultLocale wording."""
    where, kind, expected = _field(error), error.validator, error.validator_value
    if kind == "required":  # one error per missing property, named in jsonschema's message
        named = _REQUIRED.match(str(error.message))
        return where, f"{named.group(1) if named else '?'} is required"
    descriptions = {
        "type": lambda: f"Invalid type. Expected: {expected if isinstance(expected, str) else ' or '.join(expected)}"
        f", given: {_json_type(error.instance)}",
        "minimum": lambda: f"Must be greater than or equal to {_go_value(expected)}",
        "maximum": lambda: f"Must be less than or equal to {_go_value(expected)}",
        "exclusiveMinimum": lambda: f"Must be greater than {_go_value(expected)}",
        "exclusiveMaximum": lambda: f"Must be less than {_go_value(expected)}",
        "enum": lambda: f"{where} must be one of the following: {_quoted_list(expected)}",
        "const": lambda: f"{where} does not match: {json.dumps(expected)}",
        "pattern": lambda: f"Does not match pattern '{expected}'",
        "format": lambda: f"Does not match format '{expected}'",
        # Schemas travel as protobuf Structs: every number arrives as a float (1.0), gojsonschema prints 1.
        "minLength": lambda: f"String length must be greater than or equal to {_go_value(expected)}",
        "maxLength": lambda: f"String length must be less than or equal to {_go_value(expected)}",
        "minItems": lambda: f"Array must have at least {_go_value(expected)} items",
        "maxItems": lambda: f"Array must have at most {_go_value(expected)} items",
        "uniqueItems": lambda: "array items must be unique",
        "multipleOf": lambda: f"Must be a multiple of {_go_value(expected)}",
        "additionalProperties": lambda: "; ".join(
            f"Additional property {extra} is not allowed" for extra in _extra_keys(error)
        ),
    }
    render = descriptions.get(str(kind))
    return where, render() if render else str(error.message)


def _extra_keys(error: jsonschema.ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    known = set((error.schema.get("properties") or {}) if isinstance(error.schema, dict) else ())
    return sorted(k for k in instance if k not in known)


def _cli_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """`convertSchema`: only properties and required reach the CLI's validator."""
    result: dict[str, Any] = {"type": "object"}
    if schema.get("properties"):
        result["properties"] = schema["properties"]
    if schema.get("required"):
        result["required"] = schema["required"]
    return result


def policy_errors(policy: PolicyDefaults, properties: Mapping[str, Any]) -> list[str]:
    """Every error the CLI's validator finds in one policy's properties, `<policy>: <field>: <description>`.

    Only what the CLI checks: the wire schema carries no top-level additionalProperties, so a key the
    schema does not declare passes here. A pack that refuses such keys (MigrationGuard's does, with every
    other problem of its config, migration_guard_policies.settings.config_problems) says so from its own
    Configure, which the preview calls as the engine does."""
    if not policy.config_schema:
        return []
    schema = _cli_schema(policy.config_schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    messages: list[str] = []
    for error in validator.iter_errors(dict(properties)):
        where, description = _description(error)
        for part in description.split("; ") if error.validator == "additionalProperties" else [description]:
            text = part if where == "(root)" else f"{where}: {part}"
            messages.append(f"{policy.name}: {text}")
    return messages


def reconcile_checked(
    policies: Sequence[PolicyDefaults],
    initial: Mapping[str, PolicyConfig],
    given: Mapping[str, PolicyConfig],
    *,
    pack: str,
    version: str,
) -> tuple[dict[str, PolicyConfig], list[str]]:
    """`ReconcilePolicyPackConfig`: the config Configure receives and every validation error, sorted in
    the CLI's wording (the engine still calls Configure with that config, and a Configure error is the one
    it reports: pkg/engine/update.go, `loadPolicyPlugins`)."""
    result = _with_defaults(policies)
    _apply(result, initial)
    _apply(result, given)
    errors: list[str] = []
    for policy in policies:
        errors.extend(policy_errors(policy, result[policy.name].properties))
    return result, sorted(f"validating policy config: {pack} {version}  {e}" for e in errors)


def unknown_policy_names(policies: Sequence[PolicyDefaults], given: Mapping[str, PolicyConfig]) -> list[str]:
    """Keys of the file that name no policy of the pack (the CLI passes them on without a word)."""
    names = {p.name for p in policies} | {"all"}
    return sorted(k for k in given if k not in names)
