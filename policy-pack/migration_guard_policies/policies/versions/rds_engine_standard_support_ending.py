"""rds-engine-standard-support-ending: the warning before a major leaves RDS standard support.

Split off rds-engine-standard-support (catalog revision 2: one level per policy). This is the minimal
split that keeps the warning; the naming/secrets/versions helper owns its content.
"""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import IntSetting
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE
from ._common import AS_OF, ECHOES, as_of
from .rds_engine_standard_support import newer_majors, support_dates

WARN_DAYS = IntSetting(
    "warnDays",
    default=180,
    minimum=0,
    description="Report when fewer than this many days of standard support remain (0 disables).",
)


def check(r: ResourceCheck) -> None:
    found = support_dates(r)
    if found is None:
        return
    name, engine, major, version = found
    day, end = as_of(r), major.standard_support_end
    if end is None or day > end:
        return  # past the end: rds-engine-standard-support reports it
    left = (end - day).days
    if left < r.setting(WARN_DAYS):
        r.violation(
            f"engineVersion {version} ({name} {major.name}) leaves RDS standard support on {end.isoformat()}, in "
            f"{left} days. Plan the major upgrade now: after that date RDS enrols the database in paid RDS Extended "
            f"Support. Upgrade to a supported major ({newer_majors(engine, major.name, day)})."
        )


SPEC = ResourcePolicySpec(
    name="rds-engine-standard-support-ending",
    description="RDS and Aurora databases are not within warnDays of the end of their major's standard support.",
    family=Family.VERSIONS,
    severity="medium",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER),
    rule=(
        "Fewer than warnDays (default 180) remain before the version's major leaves RDS standard support on the "
        "evaluation date (`asOf`, default today); the message gives the date and the next supported majors. Dates come "
        "from the bundled catalog (RDS release calendars); engines or majors without dates: not applicable."
    ),
    unknown_handling="unverifiable (engine, engineVersion)",
    remediation=(
        "1. Plan the major upgrade before the end of standard support (RDS release calendar).\n"
        "2. Upgrade with `engine_version` and `allow_major_version_upgrade=True` (blue/green for production)."
    ),
    refs=("RDS release calendars",),
    settings=(WARN_DAYS, AS_OF),
    echoes=ECHOES,
    check=check,
    examples=(
        Example(
            "PostgreSQL 16 (standard support until 2029-02-28)",
            {"engine": "postgres", "engineVersion": "16.13"},
            "pass",
            config={"asOf": "2026-11-22"},
        ),
        Example(
            "Aurora PostgreSQL 14 within warnDays of the end of standard support",
            {"engine": "aurora-postgresql", "engineVersion": "14.22"},
            "fail",
            type=RDS_CLUSTER,
            config={"asOf": "2026-11-22"},
            mentions=("2027-02-28",),
        ),
        Example(
            "Engine version computed from another output",
            {"engine": "postgres", "engineVersion": unknown()},
            "unverifiable",
            config={"asOf": "2026-11-22"},
        ),
    ),
)
