"""elasticache-engine-version-supported: (engine, engineVersion) is offered by ElastiCache."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP
from ._catalog import CacheEngine, provenance_note
from ._common import ECHOES, catalog_of, is_unset, lower, version_text


def offered(engine: CacheEngine, version: str) -> bool:
    """Exact match; for Valkey and Redis OSS 6+ also major.minor (7.1 ~ 7.1.0) and the 6.x form."""
    if version in engine.versions:
        return True
    if engine.name == "memcached":
        return False
    parts = version.split(".")
    if len(parts) == 2 and parts[1] == "x":
        return any(v.split(".")[0] == parts[0] for v in engine.versions)
    head = ".".join(parts[:2])
    return any(".".join(v.split(".")[:2]) == head for v in engine.versions if v.split(".")[0].isdigit() and int(v.split(".")[0]) >= 6)


def check(r: ResourceCheck) -> None:
    if r.type == ELASTICACHE_CLUSTER and r.props.get("replicationGroupId").present:
        r.not_applicable("a cluster in a replication group takes its engine from the group")
    engine_read, version_read = r.props.get("engine"), r.props.get("engineVersion")
    if is_unset(version_read):
        r.not_applicable("engineVersion is not set: ElastiCache uses the engine's latest version")
    unknown_engine = r.check_unknown(engine_read, "the offered versions depend on the engine")
    unknown_version = r.check_unknown(version_read, "ElastiCache rejects versions it does not offer")
    if unknown_engine or unknown_version:
        return
    name = lower(engine_read) or ("redis" if r.type == ELASTICACHE_REPLICATION_GROUP else None)
    engine = catalog_of(r).elasticache.get(name or "")
    if name is None or engine is None:
        r.not_applicable(f"engine {name or '(not set)'} is not in the engine-version catalog")
    version = version_text(version_read)
    if version is not None and offered(engine, version):
        return
    r.violation(
        f"engineVersion {version or '(not a string)'} is not offered by ElastiCache for {name}; offered versions: "
        f"{', '.join(engine.versions)} ({provenance_note(engine.source)}). Set an offered version."
    )


SPEC = ResourcePolicySpec(
    name="elasticache-engine-version-supported",
    description="ElastiCache replication groups and clusters use an engine version ElastiCache offers.",
    family=Family.VERSIONS,
    severity="medium",
    level="advisory",
    resource_types=(ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CLUSTER),
    rule=(
        "(`engine`, `engineVersion`) is offered by ElastiCache: an exact version from the catalog, or for Valkey and Redis "
        "OSS 6 and later the major.minor form (`7.1`) and, for Redis OSS 6, `6.x`. `engine` defaults to redis on a "
        "ReplicationGroup. Clusters that belong to a replication group (`replicationGroupId`) and engines missing from "
        "the catalog: not applicable."
    ),
    unknown_handling="unverifiable (engine, engineVersion)",
    remediation=(
        "1. List the offered versions: `aws elasticache describe-cache-engine-versions --engine valkey`.\n"
        "2. Set an offered version, e.g. `aws.elasticache.ReplicationGroup(..., engine=\"valkey\", engine_version=\"8.1\")`.\n"
        "3. Upgrades are in place for Valkey and Redis OSS; Memcached upgrades start with an empty cache."
    ),
    echoes=ECHOES,
    check=check,
    examples=(
        Example("Valkey 8.1 replication group", {"engine": "valkey", "engineVersion": "8.1"}, "pass"),
        Example("Redis OSS 6.x form", {"engine": "redis", "engineVersion": "6.x"}, "pass"),
        Example("Engine omitted defaults to Redis OSS", {"engineVersion": "7.1"}, "pass"),
        Example(
            "Redis OSS version ElastiCache never offered",
            {"engine": "redis", "engineVersion": "7.4"},
            "fail",
            mentions=("7.4", "7.1"),
        ),
        Example(
            "Memcached needs a full version",
            {"engine": "memcached", "engineVersion": "1.6"},
            "fail",
            type=ELASTICACHE_CLUSTER,
            mentions=("1.6.22",),
        ),
        Example("Version from another output", {"engine": "valkey", "engineVersion": unknown()}, "unverifiable"),
        Example(
            "Cluster member of a replication group",
            {"replicationGroupId": unknown(), "engineVersion": "7.1"},
            "not_applicable",
            type=ELASTICACHE_CLUSTER,
        ),
    ),
)
