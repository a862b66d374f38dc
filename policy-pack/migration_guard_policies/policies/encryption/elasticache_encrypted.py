"""elasticache-encrypted: replication groups encrypt data at rest and require TLS in transit."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...props import Read, State
from ...types import ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE

AT_REST = "data at rest (snapshots, swap, backups in S3) would be unencrypted"
IN_TRANSIT = "clients and replication would talk in plaintext"
# AtRestEncryptionEnabled defaults to true for Valkey and to false for Redis OSS (ElastiCache API
# CreateReplicationGroup); pulumi-aws's default engine for a replication group is redis.
DEFAULT_AT_REST = {"valkey": True, "redis": False}


def _require_flag(r: ResourceCheck, prop: str, risk: str, default: bool | None = False) -> None:
    flag = r.props.get(prop)
    if r.check_unknown(flag, f"unless it is true, {risk}"):
        return
    if flag.is_true() or (not flag.present and flag.state is not State.MALFORMED and default is True):
        return
    r.violation(f"{prop} is not true: {risk}. Set {prop}: true.")


def _engine(r: ResourceCheck, default: str | None) -> str | None:
    engine = r.props.get("engine")
    if r.check_unknown(engine, "the engine decides whether encryption at rest is on by default"):
        return None
    return (engine.str() or default or "").lower()


def _transit_mode(r: ResourceCheck) -> None:
    mode: Read = r.props.get("transitEncryptionMode")
    if r.check_unknown(mode, "it must be 'required' so clients cannot connect without TLS"):
        return
    value = mode.str()
    if value not in (None, "", "required"):
        shown = "'preferred'" if value == "preferred" else "not 'required'"  # echo only known modes
        r.violation(
            f"transitEncryptionMode is {shown}: clients may still connect without TLS. Set "
            "transitEncryptionMode: 'required' once every client uses TLS."
        )


def _replication_group(r: ResourceCheck) -> None:
    if r.props.get("globalReplicationGroupId").present:
        raise r.not_applicable("a member of a global datastore takes its encryption settings from the global group")
    engine = _engine(r, "redis")
    at_rest = r.props.get("atRestEncryptionEnabled")
    if engine is None and not at_rest.present:
        r.unverifiable("engine", "atRestEncryptionEnabled is omitted, and it defaults to true for valkey only")
    elif engine is not None:
        _require_flag(r, "atRestEncryptionEnabled", AT_REST, DEFAULT_AT_REST.get(engine, False))
    _require_flag(r, "transitEncryptionEnabled", IN_TRANSIT)
    _transit_mode(r)


def _cluster(r: ResourceCheck) -> None:
    if r.props.get("replicationGroupId").present:
        raise r.not_applicable("a member of a replication group takes its encryption settings from the group")
    engine = _engine(r, None)
    if engine is None:
        return
    if engine == "memcached":
        _require_flag(r, "transitEncryptionEnabled", IN_TRANSIT)
        return
    what = f"a standalone {engine} cluster" if engine in DEFAULT_AT_REST else "a standalone cluster of this engine"
    r.violation(
        f"{what} cannot be encrypted at rest (ElastiCache encrypts at rest only replication groups and serverless "
        "caches), and transit encryption for Redis OSS and Valkey is set on a replication group. Use an "
        "aws.elasticache.ReplicationGroup (atRestEncryptionEnabled, transitEncryptionEnabled) or an "
        "aws.elasticache.ServerlessCache instead."
    )


def check(r: ResourceCheck) -> None:
    if r.type == ELASTICACHE_SERVERLESS_CACHE:
        return  # always encrypted at rest and in transit
    if r.type == ELASTICACHE_CLUSTER:
        _cluster(r)
    else:
        _replication_group(r)


SPEC = ResourcePolicySpec(
    name="elasticache-encrypted",
    description="ElastiCache caches encrypt data at rest and require TLS in transit.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CLUSTER, ELASTICACHE_SERVERLESS_CACHE),
    rule=(
        "ReplicationGroup: `atRestEncryptionEnabled` is true (omitted passes for engine `valkey`, whose AWS "
        "default is true; Redis OSS, pulumi-aws's default engine, defaults to false: ElastiCache API "
        "CreateReplicationGroup, AtRestEncryptionEnabled) and `transitEncryptionEnabled` is true, and "
        "`transitEncryptionMode`, when set, is `required` (not `preferred`). Members of a global datastore "
        "(`globalReplicationGroupId`) take these settings from the global group: not applicable. A standalone "
        "elasticache Cluster with engine redis or valkey cannot encrypt at rest (ElastiCache User Guide, "
        "\"At-Rest Encryption in ElastiCache\": replication groups and serverless caches only): it fails, pointing "
        "at a ReplicationGroup or ServerlessCache; a memcached Cluster needs `transitEncryptionEnabled`; a "
        "Cluster in a replication group (`replicationGroupId`): not applicable. A ServerlessCache is always "
        "encrypted: passes."
    ),
    unknown_handling=(
        "unverifiable (an unknown engine, atRestEncryptionEnabled, transitEncryptionEnabled or "
        "transitEncryptionMode)"
    ),
    remediation=(
        "1. Set at_rest_encryption_enabled=True and kms_key_id=key.arn on the aws.elasticache.ReplicationGroup "
        "(at-rest encryption needs a new group for older engines: create one and migrate).\n"
        "2. Set transit_encryption_enabled=True; to migrate live clients, go through "
        "transit_encryption_mode=\"preferred\" and then set \"required\".\n"
        "3. Use an auth token or RBAC user group with TLS."
    ),
    refs=("CKV_AWS_29", "CKV_AWS_30"),
    echoes=frozenset({"transitEncryptionMode"}),
    check=check,
    examples=(
        Example(
            "Encrypted at rest and in transit",
            {"engine": "valkey", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
             "kmsKeyId": unknown()},
            "pass",
        ),
        Example(
            "TLS required explicitly",
            {"engine": "redis", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
             "transitEncryptionMode": "required"},
            "pass",
        ),
        Example(
            "No encryption settings",
            {"engine": "redis", "nodeType": "cache.r7g.large"},
            "fail",
            mentions=("atRestEncryptionEnabled", "transitEncryptionEnabled"),
        ),
        Example(
            "TLS preferred lets plaintext clients connect",
            {"engine": "redis", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
             "transitEncryptionMode": "preferred"},
            "fail",
            mentions=("transitEncryptionMode", "preferred"),
        ),
        Example(
            "transitEncryptionEnabled computed during preview",
            {"engine": "redis", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": unknown("boolean")},
            "unverifiable",
        ),
        Example(
            "Valkey replication group relying on its encrypted-at-rest default",
            {"engine": "valkey", "transitEncryptionEnabled": True},
            "pass",
        ),
        Example(
            "Redis OSS replication group without atRestEncryptionEnabled (default false)",
            {"engine": "redis", "transitEncryptionEnabled": True},
            "fail",
            mentions=("atRestEncryptionEnabled",),
        ),
        Example(
            "Standalone Redis OSS cluster (cannot encrypt at rest)",
            {"clusterId": "sessions-dev", "engine": "redis", "nodeType": "cache.t4g.small", "numCacheNodes": 1},
            "fail",
            type=ELASTICACHE_CLUSTER,
            mentions=("ReplicationGroup", "ServerlessCache"),
        ),
        Example(
            "Memcached cluster with transit encryption",
            {"clusterId": "cache-dev", "engine": "memcached", "transitEncryptionEnabled": True},
            "pass",
            type=ELASTICACHE_CLUSTER,
        ),
        Example(
            "Memcached cluster without transit encryption",
            {"clusterId": "cache-dev", "engine": "memcached"},
            "fail",
            type=ELASTICACHE_CLUSTER,
            mentions=("transitEncryptionEnabled",),
        ),
        Example(
            "Cluster that joins a replication group",
            {"clusterId": "sessions-dev-2", "replicationGroupId": unknown()},
            "not_applicable",
            type=ELASTICACHE_CLUSTER,
        ),
        Example(
            "Serverless cache (always encrypted)",
            {"engine": "valkey", "majorEngineVersion": "8"},
            "pass",
            type=ELASTICACHE_SERVERLESS_CACHE,
        ),
        Example(
            "Secondary member of a global datastore",
            {"globalReplicationGroupId": unknown(), "description": "secondary"},
            "not_applicable",
        ),
    ),
)
