"""rds-engine-standard-support: the engine's major version is still in RDS standard support."""

from __future__ import annotations

import datetime as dt

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE
from ._catalog import EXTENDED_SUPPORT_DISABLED, EXTENDED_SUPPORT_ENGINES, Major, RdsEngine, sort_versions
from ._common import AS_OF, ECHOES, as_of, catalog_of, is_unset, lower, version_text


def newer_majors(engine: RdsEngine, major: str, day: dt.date) -> str:
    supported = {m for m, d in engine.majors.items() if d.standard_support_end is None or d.standard_support_end > day}
    majors = [m for m in sort_versions(supported | set(engine.available_majors())) if m != major]
    return ", ".join(f"{m}.x" for m in majors[-3:]) or "a newer major"


def support_dates(r: ResourceCheck) -> tuple[str, RdsEngine, Major, str] | None:
    """(engine name, catalog engine, major with its dates, version) of the resource; None when it cannot
    be told during preview (recorded as unverifiable). Not applicable without catalog dates."""
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
    return name, engine, major, version


def check(r: ResourceCheck) -> None:
    found = support_dates(r)
    if found is None:
        return
    name, engine, major, version = found
    major_name = major.name
    day, end = as_of(r), major.standard_support_end
    if end is None:
        return  # support_dates made the policy not applicable
    label = f"engineVersion {version} ({name} {major_name})"
    upgrade = f"Upgrade to a supported major ({newer_majors(engine, major.name, day)})"
    if day <= end:
        return  # the warning before the end is rds-engine-standard-support-ending's

    extended_end = major.extended_support_end
    if name not in EXTENDED_SUPPORT_ENGINES or not engine.extended_support:
        r.violation(f"{label} left RDS standard support on {end.isoformat()}; RDS upgrades such databases. {upgrade}.")
        return
    if extended_end is not None and day > extended_end:
        r.violation(
            f"{label} left RDS standard support on {end.isoformat()} and RDS Extended Support on "
            f"{extended_end.isoformat()}: RDS no longer runs it. {upgrade}."
        )
        return
    until = f" until {extended_end.isoformat()}" if extended_end else ""
    lifecycle = r.props.get("engineLifecycleSupport")
    if lifecycle.str() == EXTENDED_SUPPORT_DISABLED:
        r.violation(
            f"{label} left RDS standard support on {end.isoformat()} and engineLifecycleSupport disables RDS Extended "
            f"Support, so RDS refuses to create the database on it and upgrades existing ones. {upgrade}."
        )
        return
    r.violation(
        f"{label} left RDS standard support on {end.isoformat()}: RDS enrols the database in RDS Extended Support{until}, "
        "which is charged per vCPU-hour (per ACU-hour for Aurora Serverless) on top of the database price. "
        f"{upgrade}, or set engineLifecycleSupport: {EXTENDED_SUPPORT_DISABLED} to refuse the charges."
    )


SPEC = ResourcePolicySpec(
    name="rds-engine-standard-support",
    description="RDS and Aurora databases run a major version still in RDS standard support (no Extended Support charges).",
    family=Family.VERSIONS,
    severity="high",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER),
    rule=(
        "The version's major is still in RDS standard support on the evaluation date (`asOf`, default today). A version "
        "past standard support without `engineLifecycleSupport` = `open-source-rds-extended-support-disabled` is called out for RDS Extended "
        "Support charges (Extended Support exists for mysql, postgres, aurora-mysql and aurora-postgresql only). Dates "
        "come from the bundled catalog (RDS release calendars); engines or majors without dates: not applicable."
    ),
    unknown_handling="unverifiable (engine, engineVersion)",
    remediation=(
        "1. Check the RDS release calendar (or the bundled catalog) for the end of standard support of your major.\n"
        "2. Upgrade to a supported major: `engine_version=\"17.9\"` with `allow_major_version_upgrade=True` on the "
        "aws.rds.Instance / aws.rds.Cluster (use a blue/green deployment for production).\n"
        "3. Until then, decide on Extended Support explicitly: `engine_lifecycle_support=\"open-source-rds-extended-support-"
        "disabled\"` refuses the charges (RDS then upgrades the database), leaving it out accepts them."
    ),
    refs=("RDS release calendars",),
    settings=(AS_OF,),
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
            "PostgreSQL 13 past standard support: Extended Support charges",
            {"engine": "postgres", "engineVersion": "13.23"},
            "fail",
            config={"asOf": "2026-11-22"},
            mentions=("Extended Support", "engineLifecycleSupport", "open-source-rds-extended-support-disabled"),
        ),
        Example(
            "PostgreSQL 12 past standard support with Extended Support disabled",
            {"engine": "postgres", "engineVersion": "12", "engineLifecycleSupport": "open-source-rds-extended-support-disabled"},
            "fail",
            config={"asOf": "2026-11-22"},
            mentions=("engineLifecycleSupport",),
        ),
        Example(
            "Aurora PostgreSQL 14, still in standard support (the end is near: rds-engine-standard-support-ending)",
            {"engine": "aurora-postgresql", "engineVersion": "14.22"},
            "pass",
            type=RDS_CLUSTER,
            config={"asOf": "2026-11-22"},
        ),
        Example(
            "MySQL 8.0 past standard support (2026-07-31)",
            {"engine": "mysql", "engineVersion": "8.0.46"},
            "fail",
            config={"asOf": "2026-11-22"},
            mentions=("Extended Support",),
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
        Example(
            "Engine without support dates in the catalog",
            {"engine": "sqlserver-se", "engineVersion": "16.00.4165.4.v1"},
            "not_applicable",
        ),
    ),
)
