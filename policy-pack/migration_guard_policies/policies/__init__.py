"""Every MigrationGuard policy, by family. Each family package lists its own policies."""

from __future__ import annotations

from ..model import PolicySpec
from . import availability, encryption, naming, operations, secrets, versions

FAMILIES = (encryption, availability, naming, secrets, versions, operations)


def all_specs() -> list[PolicySpec]:
    specs: list[PolicySpec] = []
    for family in FAMILIES:
        specs.extend(family.SPECS)
    return specs
