"""rds-engine-standard-support: the engine's major version is still in RDS standard support."""

from __future__ import annotations

import datetime as dt

from ...context import ResourceCheck
from ...examples import Example
from ...spec import ResourcePolicySpec
from ...types import RDS_CLUSTER
from ._catalog import EXTENDED_SUPPORT_DISABLED, EXTENDED_SUPPORT_ENGINES
from ._common import AS_OF, as_of
from ._support import (
    CATALOG_RULE,
    CHECK_CALENDAR,
    Support,
    as_of_example,
    support_of,
    support_spec,
    supported_example,
    undecided_examples,
)


def past_support_message(r: ResourceCheck, support: Support, day: dt.date) -> str:
    """What a database past the end of standard support costs or risks, by engine and lifecycle setting."""
    label, end, upgrade = support.label, support.end.isoformat(), support.upgrade(day)
    extended_end = support.major.extended_support_end
    if support.name not in EXTENDED_SUPPORT_ENGINES or not support.engine.extended_support:
        return f"{label} left RDS standard support on {end}; RDS upgrades such databases. {upgrade}."
    if extended_end is not None and day > extended_end:
        return (f"{label} left RDS standard support on {end} and RDS Extended Support on "
                f"{extended_end.isoformat()}: RDS no longer runs it. {upgrade}.")
    if r.props.get("engineLifecycleSupport").str() == EXTENDED_SUPPORT_DISABLED:
        return (f"{label} left RDS standard support on {end} and engineLifecycleSupport disables RDS Extended "
                f"Support, so RDS refuses to create the database on it and upgrades existing ones. {upgrade}.")
    until = f" until {extended_end.isoformat()}" if extended_end else ""
    return (f"{label} left RDS standard support on {end}: RDS enrols the database in RDS Extended Support{until}, "
            "which is charged per vCPU-hour (per ACU-hour for Aurora Serverless) on top of the database price. "
            f"{upgrade}, or set engineLifecycleSupport: {EXTENDED_SUPPORT_DISABLED} to refuse the charges.")


def check(r: ResourceCheck) -> None:
    support = support_of(r)
    if support is None:
        return
    day = as_of(r)
    if day > support.end:  # on the last day the major is still supported; the warning is -ending's
        r.violation(past_support_message(r, support, day))


SPEC = ResourcePolicySpec(
    name="rds-engine-standard-support",
    description="RDS and Aurora databases run a major version still in RDS standard support (no Extended Support charges).",
    severity="high",
    level="mandatory",
    rule=(
        "The version's major is still in RDS standard support on the evaluation date (`asOf`, default today); it blocks "
        "only once that date has passed (the warning before the end is the advisory policy "
        "`rds-engine-standard-support-ending`). A version past standard support "
        "without `engineLifecycleSupport` = `open-source-rds-extended-support-disabled` is called out for RDS Extended "
        "Support charges (Extended Support exists for mysql, postgres, aurora-mysql and aurora-postgresql only). "
    ) + CATALOG_RULE,
    remediation=CHECK_CALENDAR + (
        "2. Upgrade to a supported major: `engine_version=\"17.9\"` with `allow_major_version_upgrade=True` on the "
        "aws.rds.Instance / aws.rds.Cluster (use a blue/green deployment for production).\n"
        "3. Until then, decide on Extended Support explicitly: `engine_lifecycle_support=\"open-source-rds-extended-support-"
        "disabled\"` refuses the charges (RDS then upgrades the database), leaving it out accepts them."
    ),
    settings=(AS_OF,),
    **support_spec(),
    check=check,
    examples=(
        supported_example(),
        Example(
            "PostgreSQL 13 past standard support: Extended Support charges",
            {"engine": "postgres", "engineVersion": "13.23"},
            "fail",
            config=as_of_example(),
            mentions=("Extended Support", "engineLifecycleSupport", "open-source-rds-extended-support-disabled"),
        ),
        Example(
            "PostgreSQL 12 past standard support with Extended Support disabled",
            {"engine": "postgres", "engineVersion": "12", "engineLifecycleSupport": "open-source-rds-extended-support-disabled"},
            "fail",
            config=as_of_example(),
            mentions=("engineLifecycleSupport",),
        ),
        Example(
            "Aurora PostgreSQL 14 close to the end of standard support still passes here (see -ending)",
            {"engine": "aurora-postgresql", "engineVersion": "14.22"},
            "pass",
            type=RDS_CLUSTER,
            config=as_of_example(),
        ),
        Example(
            "MySQL 8.0 past standard support (2026-07-31)",
            {"engine": "mysql", "engineVersion": "8.0.46"},
            "fail",
            config=as_of_example(),
            mentions=("Extended Support",),
        ),
        *undecided_examples(),
        Example(
            "Engine without support dates in the catalog",
            {"engine": "sqlserver-se", "engineVersion": "16.00.4165.4.v1"},
            "not_applicable",
        ),
    ),
)
