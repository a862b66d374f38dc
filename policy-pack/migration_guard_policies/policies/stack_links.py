"""Resolving links between stack resources, shared by the stack policies of every family.

During preview ids and ARNs are unknown, so a property that refers to another resource of the stack
is resolved through its property dependencies; a literal identifier is matched against the target's
own literal identifier properties (or its id, once known at `pulumi up`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..context import StackCheck, StackResourceView
from ..props import Read, contains_unknown_text
from ..types import EC2_SUBNET


def literal_ids(read: Read) -> list[str]:
    """The known string values of a string or list-of-strings property."""
    value = read.str()
    if value is not None:
        return [value]
    return [item for item in read.list() or [] if isinstance(item, str)]


def identifiers(resource: StackResourceView, keys: Sequence[str]) -> set[str]:
    """The literal identifiers of a resource (its id and the given name properties), lowercased."""
    found = set()
    for key in ("id", *keys):
        value = resource.props.get(key).str()
        if value:
            found.add(value.lower())
    return found


def linked(ctx: StackCheck, resource: StackResourceView, prop: str, types: Sequence[str],
           keys: Sequence[str] = ()) -> list[StackResourceView]:
    """Resources of ``types`` that ``resource.prop`` refers to: by property dependency, or by a literal
    value equal to the target's id or one of its ``keys``."""
    found = [d for d in ctx.deps(resource, prop) if d.type in types]
    literals = dict.fromkeys(v.lower() for v in literal_ids(resource.props.get(prop)))
    if literals:
        seen = set(found)
        named = {c.position: c for value in literals for c in ctx.named(types, ("id", *keys), value) if c not in seen}
        found.extend(named[p] for p in sorted(named))
    return found


@dataclass(frozen=True)
class Zone:
    """An Availability Zone as a program names it: by name (us-east-1a) or by id (use1-az1)."""

    kind: str  # "availabilityZone" or "availabilityZoneId"
    value: str

    def __str__(self) -> str:
        return self.value


def same_zone(a: Zone, b: Zone) -> bool | None:
    """Whether two zones are the same; None when one is a name and the other an id."""
    if a.kind != b.kind:
        return None
    return a.value.lower() == b.value.lower()


def zone_of(props_owner: StackResourceView) -> Zone | None:
    """The literal AZ of a subnet (or of anything with availabilityZone / availabilityZoneId)."""
    for key in ("availabilityZone", "availabilityZoneId"):
        value = props_owner.props.get(key).str()
        if value:
            return Zone(key, value)
    return None


def distinct_zones(zones: Sequence[Zone]) -> int | None:
    """How many distinct AZs; None when names and ids are mixed and fewer than 2 are certain."""
    names = {z.value.lower() for z in zones if z.kind == "availabilityZone"}
    ids = {z.value.lower() for z in zones if z.kind == "availabilityZoneId"}
    if max(len(names), len(ids)) >= 2:
        return max(len(names), len(ids))
    if names and ids:
        return None
    return len(names) + len(ids)


def subnets_of(ctx: StackCheck, resource: StackResourceView, prop: str) -> list[StackResourceView]:
    return linked(ctx, resource, prop, (EC2_SUBNET,))


def literals(resource: StackResourceView, keys: Iterable[str]) -> set[str]:
    """The known, non-empty string values of ``keys`` on ``resource`` (its physical identifiers)."""
    found: set[str] = set()
    for key in keys:
        value = resource.props.get(key).str()
        if value and not contains_unknown_text(value):
            found.add(value)
    return found


def strings_in(value: Any) -> set[str]:
    """Every known string inside a value (map values, list items, nested); iterative."""
    found: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if not contains_unknown_text(item):
                found.add(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def depends_on_any(ctx: StackCheck, resource: StackResourceView, props: Iterable[str], types: Iterable[str]) -> bool:
    """True when one of ``props`` of ``resource`` came from a resource of one of ``types``."""
    wanted = set(types)
    return any(dep.type in wanted for prop in props for dep in ctx.deps(resource, prop))
