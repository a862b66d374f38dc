"""What the installed provider SDK says about a resource or an invoke result (runner side).

Pulumi's generated Python SDKs carry their schema in the classes: every property getter has the
engine name (``@pulumi.getter(name="assumeRolePolicy")`` sets ``_pulumi_name``) and a typed return
annotation. From those this module derives:

- the outputs a provider computes (outputs of the resource class that are not inputs of its Args);
- the inputs that are JSON documents: typed ``Union[str, PolicyDocument...]`` (the provider declares
  them with ``AltTypes`` PolicyDocument and ``Transform: TransformJSONDocument``), or typed ``str`` and
  documented as a JSON document (the program may pass an object; the provider's Check needs text);
- a typed value for every field of an invoke result type (used for assumed data-source answers).
"""

from __future__ import annotations

import collections.abc
import re
import sys
import typing
from dataclasses import dataclass
from typing import Any

_JSON_DOC = re.compile(r"\bJSON\b")
_POLICY_DOCUMENT = "PolicyDocument"


@dataclass(frozen=True)
class Field:
    engine_name: str
    annotation: Any
    doc: str


def fields_of(cls: type) -> dict[str, Field]:
    """Engine name -> field, for every ``@pulumi.getter`` property of a class and its bases."""
    found: dict[str, Field] = {}
    for klass in reversed(cls.__mro__):
        for value in vars(klass).values():
            if isinstance(value, property) and value.fget is not None:
                name = getattr(value.fget, "_pulumi_name", None)
                if isinstance(name, str):
                    annotation = getattr(value.fget, "__annotations__", {}).get("return")
                    found[name] = Field(name, annotation, value.fget.__doc__ or "")
    return found


def args_class(cls: type) -> type | None:
    """Resource args are ``<Name>Args``, or ``<Name>InitArgs`` where a nested type took that name."""
    module = sys.modules.get(cls.__module__)
    for candidate in (f"{cls.__name__}InitArgs", f"{cls.__name__}Args"):
        found = getattr(module, candidate, None) if module is not None else None
        if isinstance(found, type) and getattr(found, "__module__", None) == cls.__module__:
            return found
    return None


def computed_only_outputs(cls: type) -> list[str]:
    """Outputs of a resource class that are not inputs: a provider computes them, so they are unknown
    until creation. (Optional inputs that the provider would also compute cannot be told apart
    without the provider schema; they stay absent when not set.)"""
    args = args_class(cls)
    if args is None:
        return []
    return sorted(set(fields_of(cls)) - set(fields_of(args)) - {"id", "urn"})


def _annotation_text(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else repr(annotation)


def _is_plain_string(annotation: Any) -> bool:
    """``Input[str]`` / ``Input[Optional[str]]``: only str (plus the Input wrappers) in the union."""
    text = _annotation_text(annotation)
    without_wrappers = text.replace("Awaitable", "").replace("Output[T]", "").replace("NoneType", "")
    return "str" in without_wrappers and not any(word in without_wrappers for word in ("Sequence", "Mapping", "Args", "int", "bool", "float"))


# pulumi-aws 6 and older type these inputs plain `str` although the provider transforms them
# (AltTypes PolicyDocument + TransformJSONDocument in pulumi-aws provider/resources.go).
OLDER_SDK_JSON_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "aws:iam/role:Role": ("assumeRolePolicy",),
    "aws:iam/policy:Policy": ("policy",),
    "aws:iam/rolePolicy:RolePolicy": ("policy",),
    "aws:iam/userPolicy:UserPolicy": ("policy",),
    "aws:iam/groupPolicy:GroupPolicy": ("policy",),
    "aws:s3/bucketPolicy:BucketPolicy": ("policy",),
    "aws:sqs/queuePolicy:QueuePolicy": ("policy",),
    "aws:sns/topicPolicy:TopicPolicy": ("policy",),
}


def json_document_inputs(cls: type, token: str = "") -> list[str]:
    """Engine names of the inputs the provider takes as JSON documents."""
    args = args_class(cls)
    if args is None:
        return []
    names: list[str] = list(OLDER_SDK_JSON_DOCUMENTS.get(token, ()))
    for name, field in fields_of(args).items():
        policy_document = _POLICY_DOCUMENT in _annotation_text(field.annotation)
        documented_json = _is_plain_string(field.annotation) and bool(_JSON_DOC.search(field.doc.strip().split("\n", 1)[0]))
        if policy_document or documented_json:
            names.append(name)
    return sorted(set(names))


# -- typed values for invoke results -------------------------------------------------------------

def _resolve(annotation: Any, owner: type) -> Any:
    """A ForwardRef such as 'outputs.GetVpcFilterResult' resolved in the owner's module."""
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        module = sys.modules.get(owner.__module__)
        target: Any = module
        for part in annotation.split("."):
            target = getattr(target, part, None)
            if target is None:
                package = sys.modules.get(owner.__module__.rsplit(".", 1)[0])
                target = getattr(package, annotation.split(".")[-1], None) if package else None
                break
        return target
    return annotation


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) is typing.Union:
        members = [m for m in typing.get_args(annotation) if m is not type(None)]
        optional = len(members) < len(typing.get_args(annotation))
        return (members[0] if len(members) == 1 else annotation), optional
    return annotation, False


@dataclass(frozen=True)
class ValueShape:
    """What a result field holds: a kind ("str", "bool", "int", "float", "list", "map", "object",
    "any") and, for lists and objects, the element or object class."""

    kind: str
    required: bool
    element: Any = None


def shape_of(annotation: Any, owner: type) -> ValueShape:
    inner, optional = _strip_optional(annotation)
    inner = _resolve(inner, owner)
    origin = typing.get_origin(inner)
    if inner is str:
        return ValueShape("str", not optional)
    if inner is bool:
        return ValueShape("bool", not optional)
    if inner is int:
        return ValueShape("int", not optional)
    if inner is float:
        return ValueShape("float", not optional)
    if origin in (list, collections.abc.Sequence, typing.Sequence):
        (element,) = typing.get_args(inner) or (Any,)
        return ValueShape("list", not optional, _resolve(element, owner))
    if origin in (dict, collections.abc.Mapping, typing.Mapping):
        return ValueShape("map", not optional)
    if isinstance(inner, type) and fields_of(inner):
        return ValueShape("object", not optional, inner)
    return ValueShape("any", not optional)


def result_fields(cls: type) -> dict[str, ValueShape]:
    """Engine name -> shape for every field of an invoke result class."""
    return {name: shape_of(field.annotation, cls) for name, field in fields_of(cls).items()}
