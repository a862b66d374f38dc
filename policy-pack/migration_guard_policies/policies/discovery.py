"""Collect the SPEC of every policy module in a family package (rule-per-file, like cfn-lint)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from ..spec import PolicySpec


def collect(package: str, path: Iterable[str]) -> list[PolicySpec]:
    """Import every public module of ``package`` in name order and return their ``SPEC``s."""
    specs: list[PolicySpec] = []
    for info in sorted(pkgutil.iter_modules(list(path)), key=lambda m: m.name):
        if info.name.startswith("_") or info.ispkg:
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, PolicySpec):
            specs.append(spec)
    return specs
