"""The data files generated from the installed pulumi-aws SDK (`python -m migration_guard.generate`)."""

from __future__ import annotations

import json
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


def deprecated_types() -> dict[str, dict[str, Any]]:
    types = load("deprecations.json").get("types")
    return types if isinstance(types, dict) else {}


def deprecated_inputs(resource_type: str) -> dict[str, dict[str, Any]]:
    inputs = load("deprecations.json").get("inputs")
    found = inputs.get(resource_type) if isinstance(inputs, dict) else None
    return found if isinstance(found, dict) else {}


def provenance(filename: str) -> str:
    """The SDK version a data file was generated from (its date is in the file, not in the docs)."""
    return f"pulumi-aws {load(filename).get('pulumiAwsVersion', '?')}"
