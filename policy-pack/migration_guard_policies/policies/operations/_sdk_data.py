"""The data files generated from the installed pulumi-aws SDK (`python -m migration_guard.generate`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


@cache
def load(filename: str) -> dict[str, Any]:
    """A bundled data file; an empty document when it is missing or unreadable (never raises)."""
    try:
        data = json.loads((DATA_DIR / filename).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def taggable_types() -> dict[str, str]:
    """Type token -> shape of its `tags` input ('map', or 'list' of key/value objects)."""
    types = load("taggable_types.json").get("types")
    return types if isinstance(types, dict) else {}


@dataclass(frozen=True)
class Deprecations:
    """What one pulumi-aws major deprecates: type token -> entry, and type token -> input -> entry."""

    label: str  # "pulumi-aws 7" in messages; "every pulumi-aws major" when the major is not known
    types: dict[str, dict[str, Any]]
    inputs: dict[str, dict[str, dict[str, Any]]]


@cache
def _majors() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Major -> (types, inputs): the installed SDK's at the top level, the others under otherMajors."""
    data = load("deprecations.json")
    found: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    others = data.get("otherMajors")
    for major, entry in (others.items() if isinstance(others, dict) else []):
        if isinstance(entry, dict):
            found[str(major)] = (_mapping(entry.get("types")), _mapping(entry.get("inputs")))
    found[str(data.get("major", "7"))] = (_mapping(data.get("types")), _mapping(data.get("inputs")))
    return found


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def deprecations_for(major: int | None) -> Deprecations:
    """The deprecations of ``major``; of the nearest bundled major below it (or the oldest) when it is not
    bundled; and, when the major is not known, only what every bundled major deprecates.

    Computed once per bundled major (the data files are read-only): this runs for every resource."""
    majors = _numbered_majors()
    if not majors:
        return Deprecations("pulumi-aws", {}, {})
    if major is None:
        return _common_deprecations()
    below = [m for m in majors if m <= major]
    return _deprecations_of(max(below) if below else min(majors))


@cache
def _numbered_majors() -> dict[int, tuple[dict[str, Any], dict[str, Any]]]:
    return {int(m): entry for m, entry in _majors().items() if m.isdigit()}


@cache
def _deprecations_of(chosen: int) -> Deprecations:  # only bundled majors: a bounded cache
    types, inputs = _numbered_majors()[chosen]
    return Deprecations(f"pulumi-aws {chosen}", types, inputs)


@cache
def _common_deprecations() -> Deprecations:
    return _in_every_major(list(_numbered_majors().values()))


def _in_every_major(entries: list[tuple[dict[str, Any], dict[str, Any]]]) -> Deprecations:
    first_types, first_inputs = entries[0]
    types = {t: e for t, e in first_types.items() if all(t in other for other, _ in entries[1:])}
    inputs: dict[str, dict[str, Any]] = {}
    for token, names in first_inputs.items():
        common = {n: e for n, e in _mapping(names).items()
                  if all(n in _mapping(other.get(token)) for _, other in entries[1:])}
        if common:
            inputs[token] = common
    return Deprecations("every bundled pulumi-aws major", types, inputs)


def deprecated_types(major: int | None = 7) -> dict[str, dict[str, Any]]:
    return deprecations_for(major).types


def deprecated_inputs(resource_type: str, major: int | None = 7) -> dict[str, dict[str, Any]]:
    return _mapping(deprecations_for(major).inputs.get(resource_type))


def provenance(filename: str) -> str:
    """The SDK version a data file was generated from (its date is in the file, not in the docs)."""
    data = load(filename)
    others = data.get("otherMajors")
    versions = [str(data.get("pulumiAwsVersion", "?"))]
    if isinstance(others, dict):
        versions += [str(e.get("pulumiAwsVersion", "?")) for e in others.values() if isinstance(e, dict)]
    return "pulumi-aws " + ", ".join(sorted(versions, key=lambda v: [int(p) for p in v.split(".") if p.isdigit()]))
