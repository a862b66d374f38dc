"""Exemptions: a logical-name or URN glob, a required reason, an optional expiry date.

Every policy accepts ``exemptions`` in its configuration. The :class:`ExemptionLedger` (one per pack
process, inside :class:`~migration_guard_policies.state.PackState`) records which exemptions each
policy was configured with and which matched a resource, for the ``exemptions-unused`` policy.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Exemption:
    resource: str
    reason: str
    expires: dt.date | None

    def matches(self, name: str, urn: str) -> bool:
        return fnmatch.fnmatchcase(name, self.resource) or fnmatch.fnmatchcase(urn, self.resource)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires


def parse_exemptions(raw: Any) -> tuple[Exemption, ...]:
    """The well-formed entries of an ``exemptions`` value; a malformed entry never exempts anything."""
    result: list[Exemption] = []
    if not isinstance(raw, (list, tuple)):
        return ()
    for item in raw:
        exemption = _parse_one(item)
        if exemption is not None:
            result.append(exemption)
    return tuple(result)


def _parse_one(item: Any) -> Exemption | None:
    if not isinstance(item, Mapping):
        return None
    resource, reason, expires = item.get("resource"), item.get("reason"), item.get("expires")
    if not isinstance(resource, str) or not resource or not isinstance(reason, str) or not reason:
        return None
    if len(resource) > 1024:
        return None
    when: dt.date | None = None
    if expires is not None:
        if not isinstance(expires, str):
            return None
        try:
            when = dt.date.fromisoformat(expires)
        except ValueError:
            return None
    return Exemption(resource, reason, when)


def match_exemption(
    exemptions: Sequence[Exemption], name: str, urn: str, today: dt.date
) -> tuple[Exemption | None, Exemption | None]:
    """(active exemption, expired exemption) matching this resource."""
    active: Exemption | None = None
    expired: Exemption | None = None
    for exemption in exemptions:
        if exemption.matches(name, urn):
            if exemption.expired(today):
                expired = expired or exemption
            else:
                active = active or exemption
    return active, expired


def expired_note(expired: Exemption) -> str:
    when = expired.expires.isoformat() if expired.expires else ""
    return f" (exemption '{expired.resource}' expired on {when} and no longer applies: {expired.reason})"


class ExemptionLedger:
    """Which exemptions each policy was configured with, and how often each matched a resource."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[Exemption, int]] = {}
        self._lock = threading.Lock()

    def note(self, policy: str, exemptions: Sequence[Exemption], matched: Exemption | None = None) -> None:
        if not exemptions and policy in self._seen:
            return
        with self._lock:
            seen = self._seen.setdefault(policy, {})
            for exemption in exemptions:
                seen.setdefault(exemption, 0)
            if matched is not None:
                seen[matched] = seen.get(matched, 0) + 1

    def entries(self) -> list[tuple[str, dict[Exemption, int]]]:
        with self._lock:
            return sorted((policy, dict(seen)) for policy, seen in self._seen.items())

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()
