"""rds-engine-version-supported: engineVersion is a version RDS still offers for the engine."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import BoolSetting
from ...spec import Family, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_GLOBAL_CLUSTER, RDS_INSTANCE
from ._catalog import RdsEngine, provenance_note
from ._common import ECHOES, catalog_of, is_unset, lower, version_text

ALLOW_DEPRECATED = BoolSetting(
    "allowDeprecated",
    default=False,
    description="Accept versions RDS still lists but has deprecated (existing databases only; new ones fail).",
)

WHY_ENGINE = "the versions RDS offers depend on the engine"
WHY_VERSION = "RDS rejects a version it no longer offers when the database is created"


def _offered(engine: RdsEngine, version: str) -> str:
    label, versions = engine.closest(version)
    listed = ", ".join(versions) if versions else "none in the catalog"
    return f"{label}: {listed}"


def check(r: ResourceCheck) -> None:
    engine_read, version_read = r.props.get("engine"), r.props.get("engineVersion")
    if is_unset(version_read):
        r.not_applicable("engineVersion is not set: RDS uses the engine's default version (or the cluster's)")
    unknown_engine = r.check_unknown(engine_read, WHY_ENGINE)
    unknown_version = r.check_unknown(version_read, WHY_VERSION)
    if unknown_engine or unknown_version:
        return
    name = lower(engine_read)
    if name is None:
        r.not_applicable("engine is not set: the version follows the source database or cluster")
    engine = catalog_of(r).rds.get(name)
    if engine is None:
        r.not_applicable(f"engine {name} is not in the engine-version catalog")
    if not engine.has_versions:
        r.not_applicable(f"the engine-version catalog lists no versions for {name}; run `migration-guard catalog refresh`")
    version = version_text(version_read)
    if version is None:
        r.violation("engineVersion is not a version string. Set it to a version RDS offers, for example a major such as 16.")
        return

    entry = engine.versions.get(version)
    where = provenance_note(engine.source)
    if entry is not None:
        if entry.available or r.setting(ALLOW_DEPRECATED):
            return
        r.violation(
            f"engineVersion {version} is no longer offered for {name} (RDS retired it; new databases on it fail); "
            f"{_offered(engine, version)} ({where}). Pin an offered version, or a major with autoMinorVersionUpgrade."
        )
        return
    if engine.is_major(version):
        minors = engine.available_in(version)
        if not minors:
            r.violation(f"engineVersion {version}: RDS offers no {name} {version}.x version any more; {_offered(engine, version)} ({where}).")
            return
        auto = r.props.get("autoMinorVersionUpgrade")
        if r.check_unknown(auto, "a major-only engineVersion is accepted only with automatic minor upgrades"):
            return
        if auto.is_false():
            r.violation(
                f"engineVersion {version} is a major version only, which RDS accepts only when autoMinorVersionUpgrade is "
                f"not false. Pin a full version ({', '.join(minors)}) or enable autoMinorVersionUpgrade."
            )
        return
    r.violation(
        f"engineVersion {version} is not offered for {name}; {_offered(engine, version)} ({where}). "
        "Pin an offered version, or a major version with autoMinorVersionUpgrade."
    )


SPEC = ResourcePolicySpec(
    name="rds-engine-version-supported",
    description="RDS and Aurora databases pin an engine version that RDS still offers.",
    family=Family.VERSIONS,
    severity="high",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_CLUSTER_INSTANCE),
    rule=(
        "`engineVersion`, when set, is offered by RDS for `engine`: an exact available version, or a major-only version "
        "(`16`, `8.0`) whose major has an available minor, accepted only when `autoMinorVersionUpgrade` is not false (RDS "
        "requires that for a version prefix). Otherwise the message names the closest supported versions. Applies to rds "
        "Instance, Cluster, GlobalCluster and ClusterInstance (when it sets a version). Engines missing from the catalog: "
        "not applicable."
    ),
    unknown_handling="unverifiable (engine, engineVersion, and autoMinorVersionUpgrade for a major-only version)",
    remediation=(
        "1. Look up the offered versions: `aws rds describe-db-engine-versions --engine postgres "
        "--query 'DBEngineVersions[].EngineVersion'` (or the bundled catalog, docs/engine-versions.md).\n"
        "2. Pin an offered version, e.g. `aws.rds.Instance(..., engine=\"postgres\", engine_version=\"16.13\")`, or pin the "
        "major only (`engine_version=\"16\"`) and keep `auto_minor_version_upgrade=True` so RDS picks and patches the minor.\n"
        "3. For an existing database on a retired minor, upgrade it (modify the engine version) before RDS forces it."
    ),
    refs=("seed 002 (`14.7`)",),
    settings=(ALLOW_DEPRECATED,),
    echoes=ECHOES,
    check=check,
    examples=(
        Example("Current PostgreSQL minor", {"engine": "postgres", "engineVersion": "16.13"}, "pass"),
        Example(
            "Major-only version with automatic minor upgrades (the default)",
            {"engine": "postgres", "engineVersion": "16"},
            "pass",
        ),
        Example(
            "PostgreSQL 14.7 is not offered any more (seed 002)",
            {"engine": "postgres", "engineVersion": "14.7"},
            "fail",
            mentions=("14.7", "14.22"),
        ),
        Example(
            "Retired minor (end of standard support October 31, 2026)",
            {"engine": "postgres", "engineVersion": "16.9"},
            "fail",
            mentions=("16.9", "16.13"),
        ),
        Example(
            "Major-only version with automatic minor upgrades disabled",
            {"engine": "postgres", "engineVersion": "17", "autoMinorVersionUpgrade": False},
            "fail",
            mentions=("autoMinorVersionUpgrade",),
        ),
        Example(
            "Aurora PostgreSQL cluster on an offered version",
            {"engine": "aurora-postgresql", "engineVersion": "16.11"},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "Version computed from another resource's output",
            {"engine": "postgres", "engineVersion": unknown()},
            "unverifiable",
        ),
        Example(
            "Cluster instance that follows its cluster's version",
            {"engine": "aurora-postgresql", "clusterIdentifier": unknown()},
            "not_applicable",
            type=RDS_CLUSTER_INSTANCE,
        ),
        Example(
            "Engine the catalog does not know",
            {"engine": "custom-oracle-ee", "engineVersion": "19.my_cev1"},
            "not_applicable",
        ),
    ),
)
