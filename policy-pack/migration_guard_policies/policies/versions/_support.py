"""What the two standard-support policies share: which major a database runs and when its support ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model import ResourceCheck
from ._catalog import Major, RdsEngine, catalog, sort_versions
from ._common import is_unset, lower, version_text


@dataclass(frozen=True)
class Support:
    """The database's engine and major in the catalog, with its standard-support end date."""

    name: str
    version: str
    engine: RdsEngine
    major: Major
    end: dt.date

    @property
    def label(self) -> str:
        return f"engineVersion {self.version} ({self.name} {self.major.name})"

    def upgrade(self, day: dt.date) -> str:
        return f"Upgrade to a supported major ({newer_majors(self.engine, self.major.name, day)})"


def newer_majors(engine: RdsEngine, major: str, day: dt.date) -> str:
    supported = {m for m, d in engine.majors.items() if d.standard_support_end is None or d.standard_support_end > day}
    majors = [m for m in sort_versions(supported | set(engine.available_majors())) if m != major]
    return ", ".join(f"{m}.x" for m in majors[-3:]) or "a newer major"


def support_of(r: ResourceCheck) -> Support | None:
    """The database's support facts; None when a value is unknown (recorded as unverifiable). Raises
    not-applicable when no version is set or the catalog has no dates for it."""
    engine_read, version_read = r.props.get("engine"), r.props.get("engineVersion")
    if is_unset(version_read):
        raise r.not_applicable("engineVersion is not set: RDS uses the engine's current default version")
    unknown_engine = r.check_unknown(engine_read, "support dates depend on the engine")
    unknown_version = r.check_unknown(version_read, "support dates depend on the major version")
    if unknown_engine or unknown_version:
        return None
    name, version = lower(engine_read), version_text(version_read)
    engine = catalog().rds.get(name or "")
    if name is None or version is None or engine is None:
        raise r.not_applicable("no engine and version the engine-version catalog knows")
    major_name = engine.major_of(version)
    major = engine.majors.get(major_name or "")
    if major is None or major.standard_support_end is None:
        raise r.not_applicable(f"the engine-version catalog has no standard-support dates for {name} {major_name or version}")
    return Support(name, version, engine, major, major.standard_support_end)
