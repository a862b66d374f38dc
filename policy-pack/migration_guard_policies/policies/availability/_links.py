"""Resolving links between stack resources, shared by the availability stack policies.

During preview ids and ARNs are unknown, so a property that refers to another resource of the stack
is resolved through its property dependencies; a literal identifier is matched against the target's
own literal identifier properties (or its id, once known at `pulumi up`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...model import StackCheck, StackResourceView
from ...props import Read
from ...types import EC2_SUBNET


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
    literals = {v.lower() for v in literal_ids(resource.props.get(prop))}
    if literals:
        for candidate in ctx.of_type(*types):
            if candidate not in found and identifiers(candidate, keys) & literals:
                found.append(candidate)
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
