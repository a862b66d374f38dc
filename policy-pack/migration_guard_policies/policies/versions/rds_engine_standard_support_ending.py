"""rds-engine-standard-support-ending: the engine's major leaves RDS standard support soon (advisory)."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example
from ...settings import IntSetting
from ...spec import ResourcePolicySpec
from ...types import RDS_CLUSTER
from ._common import AS_OF, as_of
from ._support import (
    CATALOG_RULE,
    CHECK_CALENDAR,
    as_of_example,
    support_of,
    support_spec,
    supported_example,
    undecided_examples,
)

DEFAULT_WARN_DAYS = 180


WARN_DAYS = IntSetting(
    "warnDays",
    default=DEFAULT_WARN_DAYS,
    minimum=0,
    description="Warn when fewer than this many days of standard support remain (0 disables).",
)


def check(r: ResourceCheck) -> None:
    support = support_of(r)
    if support is None:
        return
    day, end = as_of(r), support.end
    if day > end:
        return  # already past: rds-engine-standard-support blocks it
    left = (end - day).days
    warn_days = r.setting(WARN_DAYS)
    if left < warn_days:
        r.violation(
            f"{support.label} leaves RDS standard support on {end.isoformat()}, in {left} days. Plan the major "
            "upgrade now: after that date RDS enrols the database in paid RDS Extended Support (mysql, postgres, "
            f"aurora-mysql, aurora-postgresql) or upgrades it. {support.upgrade(day)}."
        )


SPEC = ResourcePolicySpec(
    name="rds-engine-standard-support-ending",
    description="RDS and Aurora databases do not run a major version about to leave RDS standard support.",
    severity="medium",
    level="advisory",
    rule=(
        "Fewer than warnDays remain before the version's major leaves RDS standard support on the evaluation date "
        "(`asOf`, default today); the message gives the date and the next supported majors. Once the date has "
        "passed, the mandatory `rds-engine-standard-support` reports the database instead. "
    ) + CATALOG_RULE,
    remediation=CHECK_CALENDAR + (
        "2. Schedule the major upgrade before that date: `engine_version=\"17.9\"` with "
        "`allow_major_version_upgrade=True` (use a blue/green deployment for production).\n"
        "3. Or decide on Extended Support explicitly with engine_lifecycle_support."
    ),
    settings=(WARN_DAYS, AS_OF),
    **support_spec(),
    check=check,
    examples=(
        supported_example(),
        Example(
            "Aurora PostgreSQL 14 within warnDays of the end of standard support",
            {"engine": "aurora-postgresql", "engineVersion": "14.22"},
            "fail",
            type=RDS_CLUSTER,
            config=as_of_example(),
            mentions=("2027-02-28", "98 days"),
        ),
        Example(
            "warnDays 0 disables the warning",
            {"engine": "aurora-postgresql", "engineVersion": "14.22"},
            "pass",
            type=RDS_CLUSTER,
            config={**as_of_example(), "warnDays": 0},
        ),
        Example(
            "Already past standard support: the blocking policy reports it, not this one",
            {"engine": "postgres", "engineVersion": "13.23"},
            "pass",
            config=as_of_example(),
        ),
        *undecided_examples(),
    ),
)
