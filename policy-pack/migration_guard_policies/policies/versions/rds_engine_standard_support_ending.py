"""rds-engine-standard-support-ending: the engine's major leaves RDS standard support soon (advisory)."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE
from ._common import AS_OF_SCHEMA, ECHOES, as_of
from ._support import support_of

DEFAULT_WARN_DAYS = 180


def check(r: ResourceCheck) -> None:
    support = support_of(r)
    if support is None:
        return
    day, end = as_of(r), support.end
    if day > end:
        return  # already past: rds-engine-standard-support blocks it
    left = (end - day).days
    warn_days = r.config_int("warnDays", DEFAULT_WARN_DAYS)
    if left < warn_days:
        r.violation(
            f"{support.label} leaves RDS standard support on {end.isoformat()}, in {left} days. Plan the major "
            "upgrade now: after that date RDS enrols the database in paid RDS Extended Support (mysql, postgres, "
            f"aurora-mysql, aurora-postgresql) or upgrades it. {support.upgrade(day)}."
        )


SPEC = ResourcePolicySpec(
    name="rds-engine-standard-support-ending",
    description="RDS and Aurora databases do not run a major version about to leave RDS standard support.",
    family=Family.VERSIONS,
    severity="medium",
    level="advisory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER),
    rule=(
        "Fewer than warnDays remain before the version's major leaves RDS standard support on the evaluation date "
        "(`asOf`, default today); the message gives the date and the next supported majors. Once the date has "
        "passed, the mandatory `rds-engine-standard-support` reports the database instead. Dates come from the "
        "bundled catalog (RDS release calendars); engines or majors without dates: not applicable."
    ),
    unknown_handling="unverifiable (engine, engineVersion)",
    remediation=(
        "1. Check the RDS release calendar (or the bundled catalog) for the end of standard support of your major.\n"
        "2. Schedule the major upgrade before that date: `engine_version=\"17.9\"` with "
        "`allow_major_version_upgrade=True` (use a blue/green deployment for production).\n"
        "3. Or decide on Extended Support explicitly with engine_lifecycle_support."
    ),
    refs=("RDS release calendars",),
    config={
        "warnDays": {
            "type": "integer",
            "default": DEFAULT_WARN_DAYS,
            "minimum": 0,
            "description": "Warn when fewer than this many days of standard support remain (0 disables).",
        },
        "asOf": AS_OF_SCHEMA,
    },
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
            mentions=("2027-02-28", "98 days"),
        ),
        Example(
            "warnDays 0 disables the warning",
            {"engine": "aurora-postgresql", "engineVersion": "14.22"},
            "pass",
            type=RDS_CLUSTER,
            config={"asOf": "2026-11-22", "warnDays": 0},
        ),
        Example(
            "Already past standard support: the blocking policy reports it, not this one",
            {"engine": "postgres", "engineVersion": "13.23"},
            "pass",
            config={"asOf": "2026-11-22"},
        ),
        Example(
            "Engine version computed from another output",
            {"engine": "postgres", "engineVersion": unknown()},
            "unverifiable",
            config={"asOf": "2026-11-22"},
        ),
        Example(
            "No engineVersion: RDS picks its current default",
            {"engine": "postgres"},
            "not_applicable",
        ),
    ),
)
