"""AnalyzeStack properties shaped as the real engine sends them during `pulumi preview`.

The engine sends AnalyzeStack each resource's planned outputs (pkg/resource/deploy/step_generator.go,
stepGenerator.AnalyzeResources: ``Properties: resource.FromResourcePropertyMap(v.Outputs)``). For a resource
being created, those are the provider's preview of Create: the terraform bridge turns the planned state into
outputs (pulumi-terraform-bridge pkg/tfbridge/schema.go, MakeTerraformOutputs / MakeTerraformOutput: a nil
value becomes a null property), in which every computed attribute the program did not set is unknown and
every other attribute it did not set is null.

Which attributes are computed is read from the installed pulumi-aws SDK: a resource's output property typed
``pulumi.Output[T]`` (not ``Optional[T]``) is always present after creation, i.e. computed when not set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from migration_guard import generate
from migration_guard_policies.examples import StackResource, unknown

_OUTPUT = re.compile(r'    @pulumi\.getter(?:\(name="(?P<name>\w+)"\))?\n    def (?P<py>\w+)\(self\) -> '
                     r'pulumi\.Output\[(?P<annotation>.*?)\]:\n')


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@cache
def output_attributes(token: str) -> dict[str, str]:
    """Engine name -> output annotation of a resource type, from the installed SDK's source."""
    _, middle, cls = token.split(":")
    module, _, file_stem = middle.partition("/")
    root = generate.sdk_root()
    module_dir = root / ("lambda_" if module == "lambda" else module)
    path = module_dir / f"{_snake(file_stem)}.py"
    text = Path(path).read_text(encoding="utf-8")
    body = text[text.index(f"class {cls}(pulumi.CustomResource):"):]
    return {m["name"] or m["py"]: m["annotation"] for m in _OUTPUT.finditer(body)}


def _unknown_for(annotation: str) -> Any:
    if annotation.startswith(("Sequence[", "'outputs")) and "Sequence" in annotation:
        return unknown("array")
    if annotation.startswith(("Mapping[", "'outputs.")):
        return unknown("object")
    if "bool" in annotation:
        return unknown("boolean")
    if "int" in annotation or "float" in annotation:
        return unknown("number")
    return unknown("string")


def planned_outputs(token: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The planned outputs of a resource the program creates with ``inputs``."""
    outputs: dict[str, Any] = {"id": unknown()}  # an example that gives an id models `pulumi up`: kept below
    for name, annotation in output_attributes(token).items():
        if name in inputs:
            outputs[name] = inputs[name]
        elif annotation.startswith("Optional["):
            outputs[name] = None
        else:
            outputs[name] = _unknown_for(annotation)
    outputs.update({name: value for name, value in inputs.items() if name not in outputs or name == "id"})
    return outputs


def engine_resource(token: str, name: str, inputs: Mapping[str, Any],
                    deps: Mapping[str, tuple[str, ...]] | None = None) -> StackResource:
    """A stack resource as AnalyzeStack shows it during preview (inputs that came from another resource's
    output are given as ``unknown()`` with their ``deps``)."""
    return StackResource(token, name, planned_outputs(token, inputs), deps=dict(deps or {}))


def engine_shaped(resources: tuple[StackResource, ...] | list[StackResource]) -> tuple[StackResource, ...]:
    """The same program's resources as AnalyzeStack shows them during preview (their props taken as the
    program's inputs; aws types only, other types kept as they are)."""
    shaped = []
    for resource in resources:
        props = planned_outputs(resource.type, resource.props) if resource.type.startswith("aws:") else resource.props
        shaped.append(StackResource(resource.type, resource.name, props, deps=dict(resource.deps),
                                    parent=resource.parent))
    return tuple(shaped)
