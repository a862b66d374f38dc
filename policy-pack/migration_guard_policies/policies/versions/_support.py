"""What the two standard-support policies share: which major a database runs and when its support ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family
from ...types import RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE
from ._catalog import Major, RdsEngine, sort_versions
from ._common import ECHOES, catalog_of, is_unset, lower, version_text

# What the two policies declare alike (rds-engine-standard-support and -ending): the SPEC keywords, the
# catalog sentence of the rule, the first remediation step and the examples whose verdict does not depend
# on how far the end of support is. Functions, so that no object is shared between the two SPECs.


class SupportSpecKeywords(TypedDict):
    """The ResourcePolicySpec keywords both policies pass (``**support_spec()``), typed for mypy."""

    family: Family
    resource_types: tuple[str, ...]
    unknown_handling: str
    refs: tuple[str, ...]
    echoes: frozenset[str]


def support_spec() -> SupportSpecKeywords:
    return {
        "family": Family.VERSIONS,
        "resource_types": (RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER),
        "unknown_handling": "unverifiable (engine, engineVersion)",
        "refs": ("RDS release calendars",),
        "echoes": ECHOES,
    }


CATALOG_RULE = "Dates come from the bundled catalog (RDS release calendars); engines or majors without dates: not applicable."
CHECK_CALENDAR = "1. Check the RDS release calendar (or the bundled catalog) for the end of standard support of your major.\n"
EXAMPLE_DAY = "2026-11-22"


def as_of_example() -> dict[str, Any]:
    """An example's config: the evaluation date the examples' verdicts are written for (a new dict each time)."""
    return {"asOf": EXAMPLE_DAY}


def supported_example() -> Example:
    """The example both policies pass: a major in standard support long after the example day."""
    return Example(
        "PostgreSQL 16 (standard support until 2029-02-28)",
        {"engine": "postgres", "engineVersion": "16.13"},
        "pass",
        config=as_of_example(),
    )


def undecided_examples() -> tuple[Example, ...]:
    """The examples neither policy can decide: an unknown version, no version."""
    return (
        Example(
            "Engine version computed from another output",
            {"engine": "postgres", "engineVersion": unknown()},
            "unverifiable",
            config=as_of_example(),
        ),
        Example(
            "No engineVersion: RDS picks its current default",
            {"engine": "postgres"},
            "not_applicable",
        ),
    )


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
        r.not_applicable("engineVersion is not set: RDS uses the engine's current default version")
    unknown_engine = r.check_unknown(engine_read, "support dates depend on the engine")
    unknown_version = r.check_unknown(version_read, "support dates depend on the major version")
    if unknown_engine or unknown_version:
        return None
    name, version = lower(engine_read), version_text(version_read)
    engine = catalog_of(r).rds.get(name or "")
    if name is None or version is None or engine is None:
        r.not_applicable("no engine and version the engine-version catalog knows")
    major_name = engine.major_of(version)
    major = engine.majors.get(major_name or "")
    if major is None or major.standard_support_end is None:
        r.not_applicable(f"the engine-version catalog has no standard-support dates for {name} {major_name or version}")
    return Support(name, version, engine, major, major.standard_support_end)
