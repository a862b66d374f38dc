"""The bundled engine-version catalog (data/engine_versions.json), loaded once and read-only.

Policies never call AWS: they read this file, refreshed by ``migration-guard catalog refresh``.
Every date is an ISO ``YYYY-MM-DD`` string in the file and a :class:`datetime.date` here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOG_PATH = Path(__file__).resolve().parents[2] / "data" / "engine_versions.json"

# Engines for which RDS sells Extended Support past the end of standard support.
EXTENDED_SUPPORT_ENGINES = frozenset({"mysql", "postgres", "aurora-mysql", "aurora-postgresql"})
EXTENDED_SUPPORT_DISABLED = "open-source-rds-extended-support-disabled"

_VERSION_PART = re.compile(r"(\d+)|([^\d.\-_]+)")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders 16.9 before 16.13 and 8.0.mysql_aurora.3.08.2 sensibly."""
    parts: list[tuple[int, int | str]] = []
    for number, text in _VERSION_PART.findall(version):
        parts.append((0, int(number)) if number else (1, text))
    return tuple(parts)


def sort_versions(versions: Any) -> list[str]:
    return sorted((str(v) for v in versions), key=version_key)


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Source:
    kind: str  # "curated" (public documentation) or "api" (catalog refresh)
    retrieved: dt.date | None
    urls: tuple[str, ...]
    notes: str
    complete: bool

    @classmethod
    def of(cls, raw: Any) -> Source:
        raw = raw if isinstance(raw, Mapping) else {}
        urls = raw.get("urls")
        return cls(
            kind=str(raw.get("kind", "")),
            retrieved=parse_date(raw.get("retrieved")),
            urls=tuple(str(u) for u in urls) if isinstance(urls, list) else (),
            notes=str(raw.get("notes", "")),
            complete=bool(raw.get("complete", False)),
        )


@dataclass(frozen=True)
class Major:
    name: str
    standard_support_end: dt.date | None
    extended_support_end: dt.date | None


@dataclass(frozen=True)
class RdsVersion:
    version: str
    major: str
    status: str  # "available" or "deprecated" (RDS lists it but no longer creates databases on it)

    @property
    def available(self) -> bool:
        return self.status == "available"


@dataclass(frozen=True)
class RdsEngine:
    name: str
    source: Source
    extended_support: bool
    majors: dict[str, Major]
    versions: dict[str, RdsVersion]

    @property
    def has_versions(self) -> bool:
        return bool(self.versions)

    def major_of(self, version: str) -> str | None:
        """The major a version belongs to: its catalog entry, else the longest matching major prefix."""
        entry = self.versions.get(version)
        if entry is not None:
            return entry.major
        known = set(self.majors) | {v.major for v in self.versions.values()}
        matches = [m for m in known if version == m or version.startswith(m + ".") or version.startswith(m + "-")]
        return max(matches, key=len) if matches else None

    def is_major(self, version: str) -> bool:
        return version not in self.versions and (
            version in self.majors or any(v.major == version for v in self.versions.values())
        )

    def available_in(self, major: str) -> list[str]:
        return sort_versions(v.version for v in self.versions.values() if v.major == major and v.available)

    def available_majors(self) -> list[str]:
        return sort_versions({v.major for v in self.versions.values() if v.available})

    def closest(self, version: str, limit: int = 6) -> tuple[str, list[str]]:
        """(label, versions): the offered versions of the same major, else the newest of the nearest majors."""
        major = self.major_of(version)
        if major is not None:
            same = self.available_in(major)
            if same:
                return f"offered {major}.x versions", same[-limit:] if len(same) > limit else same
        majors = self.available_majors()
        if not majors:
            return "offered versions", []
        target = version_key(major or version)
        ranked = sorted(majors, key=lambda m: (_distance(version_key(m), target), version_key(m)))
        newest = [self.available_in(m)[-1] for m in ranked[:limit]]
        return "closest offered versions", sort_versions(newest)


def _distance(a: tuple[tuple[int, int | str], ...], b: tuple[tuple[int, int | str], ...]) -> int:
    first_a = a[0][1] if a and isinstance(a[0][1], int) else 0
    first_b = b[0][1] if b and isinstance(b[0][1], int) else 0
    return abs(int(first_a) - int(first_b))


@dataclass(frozen=True)
class DmsVersion:
    version: str
    lifecycle: str  # "active", "default" or "deprecated"
    launch_date: dt.date | None
    deprecation_date: dt.date | None  # no new replication instances after this date
    force_upgrade_date: dt.date | None

    def deprecated_on(self, day: dt.date) -> bool:
        if self.lifecycle == "deprecated":
            return True
        return self.deprecation_date is not None and day >= self.deprecation_date


@dataclass(frozen=True)
class CacheEngine:
    name: str
    source: Source
    versions: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    generated: dt.date | None
    region: str
    provenance: dict[str, Any]
    rds: dict[str, RdsEngine]
    dms: dict[str, DmsVersion]
    dms_source: Source
    elasticache: dict[str, CacheEngine]
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def oldest(self) -> dt.date | None:
        """The oldest retrieval date of any part (a refresh may have kept a skipped service's old data)."""
        dates = [s.retrieved for s in self.sources.values() if s.retrieved is not None]
        if self.generated is not None:
            dates.append(self.generated)
        return min(dates) if dates else None


def _rds_engine(name: str, raw: Mapping[str, Any]) -> RdsEngine:
    majors_raw = raw.get("majors") if isinstance(raw.get("majors"), Mapping) else {}
    versions_raw = raw.get("versions") if isinstance(raw.get("versions"), Mapping) else {}
    majors = {
        str(m): Major(str(m), parse_date(d.get("standardSupportEnd")), parse_date(d.get("extendedSupportEnd")))
        for m, d in (majors_raw or {}).items()
        if isinstance(d, Mapping)
    }
    versions = {
        str(v): RdsVersion(str(v), str(d.get("major", "")), str(d.get("status", "available")))
        for v, d in (versions_raw or {}).items()
        if isinstance(d, Mapping)
    }
    return RdsEngine(name, Source.of(raw.get("source")), bool(raw.get("extendedSupport", False)), majors, versions)


def load(path: Path = CATALOG_PATH) -> Catalog:
    data = json.loads(path.read_text(encoding="utf-8"))
    return from_dict(data)


def from_dict(data: Mapping[str, Any]) -> Catalog:
    provenance = dict(data.get("provenance") or {})
    rds = {str(k): _rds_engine(str(k), v) for k, v in (data.get("rds") or {}).items() if isinstance(v, Mapping)}
    dms_raw = data.get("dms") or {}
    dms = {
        str(v): DmsVersion(
            str(v),
            str(d.get("lifecycle", "active")),
            parse_date(d.get("launchDate")),
            parse_date(d.get("deprecationDate")),
            parse_date(d.get("forceUpgradeDate")),
        )
        for v, d in (dms_raw.get("versions") or {}).items()
        if isinstance(d, Mapping)
    }
    elasticache = {
        str(k): CacheEngine(str(k), Source.of(v.get("source")), tuple(sort_versions(v.get("versions") or [])))
        for k, v in (data.get("elasticache") or {}).items()
        if isinstance(v, Mapping)
    }
    sources: dict[str, Source] = {f"rds:{k}": e.source for k, e in rds.items()}
    sources["dms"] = Source.of(dms_raw.get("source"))
    sources.update({f"elasticache:{k}": e.source for k, e in elasticache.items()})
    return Catalog(
        generated=parse_date(provenance.get("generated")),
        region=str(provenance.get("region", "")),
        provenance=provenance,
        rds=rds,
        dms=dms,
        dms_source=sources["dms"],
        elasticache=elasticache,
        sources=sources,
    )


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The bundled catalog, parsed once per pack process."""
    return load()


def provenance_note(engine_source: Source) -> str:
    when = engine_source.retrieved.isoformat() if engine_source.retrieved else "an unknown date"
    return f"engine-version catalog of {when}"
