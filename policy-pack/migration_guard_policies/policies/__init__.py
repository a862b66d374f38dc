"""Every MigrationGuard policy, by family. Each family package lists its own policies."""

from __future__ import annotations

from ..spec import PolicySpec, StackPolicySpec
from . import availability, encryption, naming, operations, secrets, versions

FAMILIES = (encryption, availability, naming, secrets, versions, operations)


def all_specs() -> list[PolicySpec]:
    specs: list[PolicySpec] = []
    for family in FAMILIES:
        specs.extend(family.SPECS)
    # The SDK runs stack policies in this order: exemptions-unused reads what every other policy
    # matched, so it goes last (the fast path orders it last whatever the order).
    specs.sort(key=lambda spec: isinstance(spec, StackPolicySpec) and spec.reads_ledger)
    return specs
