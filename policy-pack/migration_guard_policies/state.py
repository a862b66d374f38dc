"""PackState: everything a pack process remembers during one preview, and nothing global.

The engine keeps one pack process for a preview: Configure, then Analyze for each resource, then
AnalyzeStack. The pack creates one :class:`PackState` and hands it to every policy; a new Configure
resets it. It holds:

* the exemption ledger (which exemptions each policy has and which matched, for exemptions-unused);
* the clock (``today()``), injectable so that tests and examples are reproducible;
* the Analyze memory: the inputs this process saw for each URN (stack policies ask whether the
  program set a value the engine-shaped AnalyzeStack shows as computed);
* the engine-version catalog source, injectable so that tests run against a frozen copy.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from typing import Any

from .exemptions import ExemptionLedger
from .messages import SecretSet
from .props import Props

Clock = Callable[[], dt.date]
CatalogSource = Callable[[], Any]


def utc_today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


# A catalog file to read instead of the bundled one (the test suite points it at a frozen copy, so
# that a real `catalog refresh` never changes what the examples conclude).
CATALOG_FILE_ENV = "MIGRATION_GUARD_CATALOG_FILE"


def bundled_catalog() -> Any:
    """The catalog shipped inside the pack (data/engine_versions.json), or the file CATALOG_FILE_ENV names."""
    from pathlib import Path

    from .policies.versions import _catalog

    override = os.environ.get(CATALOG_FILE_ENV)
    return _catalog.load(Path(override)) if override else _catalog.load()


class PackState:
    """One per pack process (one preview); reset by each Configure."""

    def __init__(self, *, clock: Clock = utc_today, catalog_source: CatalogSource = bundled_catalog) -> None:
        self._clock = clock
        self._catalog_source = catalog_source
        self._catalog: Any = None
        self._lock = threading.Lock()
        self.ledger = ExemptionLedger()
        self._analyzed: dict[str, Props] = {}
        self._configuration: object = None  # SDK path: the configuration in force (see begin)
        self._refused: list[str] = []  # SDK path: its problems
        self._secrets_request: object = None  # SDK path: the last request whose secrets were collected
        self._secrets: SecretSet = SecretSet()

    def today(self) -> dt.date:
        return self._clock()

    def catalog(self) -> Any:
        """The engine-version catalog, loaded once from the injected source."""
        if self._catalog is None:
            with self._lock:
                if self._catalog is None:
                    self._catalog = self._catalog_source()
        return self._catalog

    def remember(self, urn: str, props: Props) -> None:
        """Record the Analyze inputs of a resource (the first ones seen for its URN)."""
        if urn and urn not in self._analyzed:
            self._analyzed[urn] = props

    def analyzed(self, urn: str) -> Props | None:
        return self._analyzed.get(urn)

    def reset(self) -> None:
        """A new Configure: a new preview starts clean (the catalog stays loaded: it is read-only)."""
        with self._lock:
            self.ledger.clear()
            self._analyzed = {}

    def begin(self, configuration: object, start: Callable[[], list[str]]) -> list[str]:
        """SDK path (no Configure hook): when ``configuration`` (the SDK servicer's config object, which each
        Configure replaces) is not the one in force, reset and run ``start`` (once, before any other call
        goes on). Returns what ``start`` returned for the configuration in force (its problems).

        The configuration is in force only once ``start`` has returned: when it raises, no configuration is
        (the exception propagates), so the next call starts again instead of going ahead unrefused."""
        with self._lock:
            if configuration is not self._configuration:
                self._configuration = None
                self.ledger.clear()
                self._analyzed = {}
                self._refused = start()
                self._configuration = configuration
            return self._refused

    def request_secrets(self, request: object, collect: Callable[[], SecretSet]) -> SecretSet:
        """SDK path: the secrets of ``request``, collected once for all the policies it is handed to."""
        with self._lock:
            if request is self._secrets_request:
                return self._secrets
        secrets = collect()
        with self._lock:
            self._secrets_request, self._secrets = request, secrets
        return secrets
