"""The input shapes of AWS resource types, read from the installed pulumi-aws SDK's ``*Args`` classes.

Every input getter of a generated Args class carries its engine name (``@pulumi.getter(name=...)``, the
camelCase the engine sends) and a typed return annotation such as
``Optional[Input[Sequence[Input['InstanceBlueGreenUpdateArgs']]]]``. :func:`input_shape` turns a resource
type token into a :class:`Shape` tree: scalars, enums (with their values), lists, maps, nested objects
(the nested ``*Args`` classes, read lazily so recursive types stay finite) and JSON documents (the inputs
the provider takes as JSON text, as :func:`migration_guard.preview.sdk_schema.json_document_inputs` finds
them). The fuzz strategies (:mod:`tests.policies.fuzz_cases`) draw property bags from these shapes.
"""

from __future__ import annotations

import collections.abc
import enum
import importlib
import sys
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from migration_guard.preview.sdk_schema import args_class, fields_of, json_document_inputs

SCALARS = ("str", "int", "float", "bool")


@dataclass(frozen=True)
class Shape:
    """One input's shape. ``kind`` is a scalar kind, "enum", "list", "map", "object", "json" or "any"."""

    kind: str
    element: Shape | None = None  # list and map elements
    values: tuple[str, ...] = ()  # enum values
    args: type | None = field(default=None, compare=False)  # object: the nested Args class

    def fields(self) -> dict[str, Shape]:
        """An object's fields (engine name -> shape); read on demand, so recursive Args types stay finite."""
        return object_fields(self.args) if self.args is not None else {}


ANY = Shape("any")


def sdk_class(token: str) -> type | None:
    """The resource class of a type token (``aws:rds/instance:Instance`` -> ``pulumi_aws.rds.Instance``)."""
    try:
        package, middle, name = token.split(":")
    except ValueError:
        return None
    if package != "aws":
        return None
    module_name = middle.split("/")[0]
    try:
        module = importlib.import_module(f"pulumi_aws.{'lambda_' if module_name == 'lambda' else module_name}")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if isinstance(found, type) else None


def _members(annotation: Any) -> list[Any]:
    """The real types in an input annotation: no None, no Awaitable[...], no Output[T], unions flattened."""
    pending, out = [annotation], []
    while pending:
        item = pending.pop(0)
        origin = typing.get_origin(item)
        if origin is typing.Union:
            pending.extend(typing.get_args(item))
        elif item is type(None) or origin is collections.abc.Awaitable or isinstance(item, typing.ForwardRef) and item.__forward_arg__.startswith("Output["):
            continue
        else:
            out.append(item)
    return out


def _resolve(item: Any, module: Any) -> Any:
    if isinstance(item, typing.ForwardRef):
        item = item.__forward_arg__
    if isinstance(item, str):
        name = item.split(".")[-1].strip("'\"")
        return getattr(module, name, None) if module is not None else None
    return item


def shape_of(annotation: Any, owner: type) -> Shape:
    module = sys.modules.get(owner.__module__)
    members = [_resolve(m, module) for m in _members(annotation)]
    enums = [m for m in members if isinstance(m, type) and issubclass(m, enum.Enum)]
    if enums:
        return Shape("enum", values=tuple(str(v.value) for e in enums for v in e))
    for member in members:
        origin = typing.get_origin(member)
        if origin in (list, collections.abc.Sequence):
            (element,) = typing.get_args(member) or (Any,)
            return Shape("list", element=shape_of(element, owner))
        if origin in (dict, collections.abc.Mapping):
            args = typing.get_args(member)
            return Shape("map", element=shape_of(args[1], owner) if len(args) == 2 else ANY)
        if isinstance(member, type) and member.__name__.endswith("Args") and fields_of(member):
            return Shape("object", args=member)
    scalars = {str: "str", bool: "bool", int: "int", float: "float"}
    for member in members:
        if member in scalars:
            return Shape(scalars[member])
    if any(isinstance(m, type) and "PolicyDocument" in m.__name__ for m in members) or \
            any("PolicyDocument" in repr(m) for m in _members(annotation)):
        return Shape("json")
    return ANY


@cache
def object_fields(args: type) -> dict[str, Shape]:
    return {name: shape_of(f.annotation, args) for name, f in sorted(fields_of(args).items())}


@cache
def input_shape(token: str) -> dict[str, Shape] | None:
    """Engine name -> shape of every input of a resource type; None when the SDK does not have the type."""
    cls = sdk_class(token)
    args = args_class(cls) if cls is not None else None
    if cls is None or args is None:
        return None
    shapes = dict(object_fields(args))
    for name in json_document_inputs(cls, token):
        shapes[name] = Shape("json")
    return shapes
