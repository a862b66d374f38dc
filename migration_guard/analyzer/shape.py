"""Requests shaped as the Pulumi engine builds them during `pulumi preview`.

Two views of each custom resource reach a pack:

- **Analyze** gets the inputs *after the provider's Check* (pulumi/pulumi
  `pkg/resource/deploy/step_generator.go`, `generateSteps`: `inputs = resp.Properties` of `Check`, then
  the analyzers). The Terraform bridge's Check adds the non-falsy Terraform schema defaults
  (pulumi/pulumi-terraform-bridge `pkg/tfbridge/schema.go`, `makeTerraformInputs`, "populate defaults
  from the Terraform schema", with `shouldSuppressTFSchemaDefaultValue` dropping falsy ones), and
  pulumi-aws adds `tagsAll`: the provider's `defaultTags.tags` merged with the resource's `tags`.
- **AnalyzeStack** gets each resource's *outputs* (`step_generator.go`, `AnalyzeResources`: "AnalyzeStack
  is called on the final outputs of each resource"). During preview those are the provider's planned
  state: the checked inputs, and every attribute the provider computes that the program did not set
  is unknown - purely computed outputs, and optional inputs the provider computes when omitted.

Which attributes the provider computes is derived offline from the installed pulumi-aws SDK, read with
`ast` (never imported): an attribute that is an output of the resource class but no input of its
`Args` class is computed; an optional input whose output is declared non-Optional
(`pulumi.Output[T]`, not `pulumi.Output[Optional[T]]`) is required or computed, so when the program
omits it the provider computes it. Defaults the bridge adds come from :data:`TERRAFORM_DEFAULTS`.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .protocol import SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINELS, UNKNOWN_STRING

# CPython's ast keeps its recursion-depth counter in interpreter-wide state, so two threads parsing
# at once can fail with "SystemError: AST constructor recursion depth mismatch" (python/cpython
# gh-106905; seen here on 3.11.7 when the seeds tests run previews on several threads).
_AST_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class TerraformDefault:
    value: Any
    source: str  # where the default is stated


# Non-falsy Terraform schema defaults of the covered types that a policy reads. The bridge's Check adds
# them when the program omits them; falsy defaults (false, 0, "") are not added (see the module doc).
# Source: the argument's documentation in the installed pulumi-aws SDK (generated from the Terraform
# schema), file and argument named; checked against pulumi-aws 7.51.
TERRAFORM_DEFAULTS: dict[str, dict[str, TerraformDefault]] = {
    "aws:rds/instance:Instance": {
        "autoMinorVersionUpgrade": TerraformDefault(True, "pulumi_aws/rds/instance.py auto_minor_version_upgrade: Defaults to true"),
        "deleteAutomatedBackups": TerraformDefault(True, "pulumi_aws/rds/instance.py delete_automated_backups: Default is `true`"),
    },
    "aws:rds/clusterInstance:ClusterInstance": {
        "autoMinorVersionUpgrade": TerraformDefault(True, "pulumi_aws/rds/cluster_instance.py auto_minor_version_upgrade: Default `true`"),
    },
    "aws:rds/cluster:Cluster": {
        "backupRetentionPeriod": TerraformDefault(1, "pulumi_aws/rds/cluster.py backup_retention_period: Default `1`"),
        "autoMinorVersionUpgrade": TerraformDefault(True, "pulumi_aws/rds/cluster.py auto_minor_version_upgrade: Defaults to `true`"),
        "engineMode": TerraformDefault("provisioned", "pulumi_aws/rds/cluster.py engine_mode: Defaults to: `provisioned`"),
        "deleteAutomatedBackups": TerraformDefault(True, "pulumi_aws/rds/cluster.py delete_automated_backups: Default is `true`"),
    },
    "aws:kms/key:Key": {
        "keyUsage": TerraformDefault("ENCRYPT_DECRYPT", "pulumi_aws/kms/key.py key_usage: Defaults to `ENCRYPT_DECRYPT`"),
        "customerMasterKeySpec": TerraformDefault("SYMMETRIC_DEFAULT", "pulumi_aws/kms/key.py customer_master_key_spec: Defaults to `SYMMETRIC_DEFAULT`"),
        "isEnabled": TerraformDefault(True, "pulumi_aws/kms/key.py is_enabled: Defaults to `true`"),
    },
    "aws:secretsmanager/secret:Secret": {
        "recoveryWindowInDays": TerraformDefault(30, "pulumi_aws/secretsmanager/secret.py recovery_window_in_days: The default value is `30`"),
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        "actionsEnabled": TerraformDefault(True, "pulumi_aws/cloudwatch/metric_alarm.py actions_enabled: Defaults to `true`"),
        "treatMissingData": TerraformDefault("missing", "pulumi_aws/cloudwatch/metric_alarm.py treat_missing_data: Defaults to `missing`"),
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        "loadBalancerType": TerraformDefault("application", "pulumi_aws/lb/load_balancer.py load_balancer_type: The default value is `application`"),
    },
}


@dataclass(frozen=True)
class TypeShape:
    """What the SDK says about one resource type."""

    outputs: frozenset[str] = frozenset()
    inputs: frozenset[str] = frozenset()
    required_inputs: frozenset[str] = frozenset()
    non_optional_outputs: frozenset[str] = frozenset()

    @property
    def computed(self) -> frozenset[str]:
        """Outputs that are no input: the provider always computes them."""
        return self.outputs - self.inputs - {"id", "urn"}

    @property
    def provider_computed_inputs(self) -> frozenset[str]:
        """Optional inputs the provider computes when the program omits them."""
        return (self.non_optional_outputs & self.inputs) - self.required_inputs

    @property
    def taggable(self) -> bool:
        return "tagsAll" in self.outputs


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _getter_name(function: ast.FunctionDef) -> str | None:
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = call.func if call else decorator
        if isinstance(target, ast.Attribute) and target.attr == "getter":
            for keyword in call.keywords if call else []:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
            return function.name
    return None


def _getters(cls: ast.ClassDef) -> dict[str, tuple[str, str]]:
    """python name -> (engine name, return annotation source) of every `@pulumi.getter`."""
    found: dict[str, tuple[str, str]] = {}
    for node in cls.body:
        if isinstance(node, ast.FunctionDef):
            engine = _getter_name(node)
            if engine is not None:
                found[node.name] = (engine, ast.unparse(node.returns) if node.returns else "")
    return found


def _required_kwonly(cls: ast.ClassDef) -> set[str]:
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__init__":
            return {a.arg for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True) if d is None}
    return set()


def _is_optional_output(annotation: str) -> bool:
    return annotation.replace(" ", "").startswith("pulumi.Output[Optional[")


class SdkShapes:
    """Type shapes read from the installed pulumi-aws SDK, parsed once per type per instance."""

    def __init__(self, sdk_root: Path | None = None) -> None:
        self._root = sdk_root if sdk_root is not None else _find_sdk("pulumi_aws")
        self._cache: dict[str, TypeShape] = {}

    def shape(self, token: str) -> TypeShape:
        if token not in self._cache:
            self._cache[token] = self._read(token)
        return self._cache[token]

    def _read(self, token: str) -> TypeShape:
        parts = token.split(":")
        if self._root is None or len(parts) != 3 or parts[0] != "aws" or "/" not in parts[1]:
            return TypeShape()
        module, resource = parts[1].split("/", 1)
        path = self._root / module.replace("-", "_") / f"{_snake(resource)}.py"
        if not path.is_file():
            return TypeShape()
        classes = _read_classes(path.read_text(), (parts[2], f"{parts[2]}Args", f"{parts[2]}InitArgs"))
        resource_cls = classes.get(parts[2])
        args_cls = classes.get(f"{parts[2]}Args") or classes.get(f"{parts[2]}InitArgs")
        if resource_cls is None or args_cls is None:
            return TypeShape()
        out_getters, in_getters = _getters(resource_cls), _getters(args_cls)
        required = {in_getters[p][0] for p in _required_kwonly(args_cls) if p in in_getters}
        return TypeShape(
            outputs=frozenset(e for e, _ in out_getters.values()),
            inputs=frozenset(e for e, _ in in_getters.values()),
            required_inputs=frozenset(required),
            non_optional_outputs=frozenset(e for e, a in out_getters.values() if not _is_optional_output(a)),
        )


def _class_source(text: str, name: str) -> str | None:
    """The source of the top-level class ``name``: from its ``class`` line to the next line that starts
    in the first column (the module's next statement), or None when the file has no such class."""
    match = re.search(rf"^class {re.escape(name)}\b[^\n]*\n", text, re.MULTILINE)
    if match is None:
        return None
    end = re.compile(r"^[^\s#]", re.MULTILINE).search(text, match.end())
    return text[match.start(): end.start() if end else len(text)]


def _read_classes(text: str, names: tuple[str, ...]) -> dict[str, ast.ClassDef]:
    """The named top-level classes of a module, parsing only their own source (a resource module is
    mostly its state class and documentation); the whole module when a class cannot be cut out alone."""
    found: dict[str, ast.ClassDef] = {}
    for name in names:
        source = _class_source(text, name)
        if source is None:
            continue
        try:
            with _AST_PARSE_LOCK:
                node = ast.parse(source).body[0]
        except (SyntaxError, IndexError):
            node = None
        if not isinstance(node, ast.ClassDef) or node.name != name:
            with _AST_PARSE_LOCK:
                tree = ast.parse(text)
            return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef) and n.name in names}
        found[name] = node
    return found


def _find_sdk(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _plain(value: Any) -> Any:
    """The value under a secret wrapper (for reading provider config)."""
    if isinstance(value, dict) and value.get(SPECIAL_SIG_KEY) == SECRET_SIG:
        return value.get("value")
    return value


def _is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value in UNKNOWN_SENTINELS


def default_tags(provider_inputs: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The provider's `defaultTags.tags` ({} when none), or None when it is unknown."""
    raw = _plain((provider_inputs or {}).get("defaultTags"))
    if isinstance(raw, str) and not _is_unknown(raw):
        try:
            raw = json.loads(raw)  # default providers carry config values as JSON text
        except ValueError:
            return {}
    if _is_unknown(raw):
        return None
    tags = _plain(raw.get("tags")) if isinstance(raw, dict) else None
    if tags is None:
        return {}
    if _is_unknown(tags) or not isinstance(tags, dict):
        return None
    return dict(tags)


def tags_all(inputs: Mapping[str, Any], provider_inputs: Mapping[str, Any] | None) -> Any:
    """pulumi-aws's `tagsAll`: default tags overridden by the resource's own; unknown if either is."""
    defaults = default_tags(provider_inputs)
    tags = _plain(inputs.get("tags"))
    if defaults is None or _is_unknown(tags) or (tags is not None and not isinstance(tags, dict)):
        return UNKNOWN_STRING
    return {**defaults, **(tags or {})}


@dataclass
class EngineShaper:
    """Turns what a program registered into the engine's Analyze inputs and planned outputs."""

    shapes: SdkShapes = field(default_factory=SdkShapes)

    def checked_inputs(
        self, token: str, inputs: Mapping[str, Any], provider_inputs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Inputs after the provider's Check: Terraform defaults, then `tagsAll`."""
        result = dict(inputs)
        for key, default in TERRAFORM_DEFAULTS.get(token, {}).items():
            result.setdefault(key, default.value)
        if self.shapes.shape(token).taggable and "tagsAll" not in result:
            result["tagsAll"] = tags_all(result, provider_inputs)
        return result

    def planned_outputs(self, token: str, checked: Mapping[str, Any]) -> dict[str, Any]:
        """The provider's planned state during preview: checked inputs, every other computed attribute unknown."""
        shape = self.shapes.shape(token)
        result = dict(checked)
        for key in sorted(shape.computed | shape.provider_computed_inputs):
            result.setdefault(key, UNKNOWN_STRING)
        return result

    def shape_resource(
        self, token: str, inputs: Mapping[str, Any], provider_inputs: Mapping[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        checked = self.checked_inputs(token, inputs, provider_inputs)
        return checked, self.planned_outputs(token, checked)
