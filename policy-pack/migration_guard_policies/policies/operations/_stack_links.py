"""Links between stack resources: property dependencies and literal identifiers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import StackCheck, StackResourceView
from ...props import contains_unknown, contains_unknown_text, is_unknown


def literals(resource: StackResourceView, keys: Iterable[str]) -> set[str]:
    """The known, non-empty string values of ``keys`` on ``resource`` (its physical identifiers)."""
    found: set[str] = set()
    for key in keys:
        value = resource.props.get(key).str()
        if value and not contains_unknown_text(value):
            found.add(value)
    return found


def strings_in(value: Any) -> set[str]:
    """Every known string inside a value (map values, list items, nested)."""
    if isinstance(value, str):
        return set() if contains_unknown_text(value) else {value}
    if isinstance(value, dict):
        return {s for item in value.values() for s in strings_in(item)}
    if isinstance(value, list):
        return {s for item in value for s in strings_in(item)}
    return set()


def has_unknown(value: Any) -> bool:
    return is_unknown(value) or contains_unknown(value) or (isinstance(value, str) and contains_unknown_text(value))


def depends_on_any(ctx: StackCheck, resource: StackResourceView, props: Iterable[str], types: Iterable[str]) -> bool:
    """True when one of ``props`` of ``resource`` came from a resource of one of ``types``."""
    wanted = set(types)
    return any(dep.type in wanted for prop in props for dep in ctx.deps(resource, prop))
