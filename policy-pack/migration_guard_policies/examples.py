"""Markers for example property sets: values unknown during preview, and secrets.

Examples in policy declarations are plain Python data; these markers say where the engine would
send an unknown sentinel or a secret. The test harness turns them into exactly what the engine
sends (sentinel strings, secret signatures) before the SDK deserialises them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

UnknownKind = Literal["string", "boolean", "number", "array", "object"]


@dataclass(frozen=True)
class Unknown:
    kind: UnknownKind = "string"

    def __repr__(self) -> str:
        return f"unknown({self.kind!r})"


@dataclass(frozen=True)
class SecretValue:
    value: Any

    def __repr__(self) -> str:
        return "secret(...)"


def unknown(kind: UnknownKind = "string") -> Unknown:
    """A value the engine does not know during preview (an id, an ARN, a computed attribute)."""
    return Unknown(kind)


def secret(value: Any) -> SecretValue:
    """A value marked secret in the program (``pulumi.Output.secret`` or ``config.require_secret``)."""
    return SecretValue(value)


Expectation = Literal["pass", "fail", "unverifiable", "advisory", "not_applicable"]


@dataclass(frozen=True)
class Example:
    """One resource's inputs and what the policy must conclude about them.

    ``expect`` is ``pass`` (no diagnostic), ``fail`` (at least one violation, and ``mentions``
    appear in a message), ``unverifiable`` (the policy's own "can't be verified during preview"
    advisory, nothing else), ``advisory`` (an advisory warning of the policy, nothing blocked) or
    ``not_applicable``.
    """

    title: str
    props: dict[str, Any]
    expect: Expectation
    type: str | None = None  # defaults to the policy's first resource type
    config: dict[str, Any] = field(default_factory=dict)
    name: str = "example-dev"
    mentions: tuple[str, ...] = ()
    provider: dict[str, Any] | None = None  # properties of the resource's provider (defaultTags, region)


@dataclass(frozen=True)
class StackResource:
    """One resource of a stack example. ``deps`` maps a property to the names it depends on."""

    type: str
    name: str
    props: dict[str, Any]
    deps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parent: str | None = None
    provider: dict[str, Any] | None = None  # properties of the resource's provider (region, defaultTags)


@dataclass(frozen=True)
class StackExample:
    title: str
    resources: tuple[StackResource, ...]
    expect: Expectation
    config: dict[str, Any] = field(default_factory=dict)
    mentions: tuple[str, ...] = ()
    failing: tuple[str, ...] = ()  # names of the resources the violations must point at
