"""elasticache-encrypted: each setting is decided on its own; unknowns do not hide known violations."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.elasticache_encrypted import SPEC
from migration_guard_policies.types import (
    ELASTICACHE_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
    ELASTICACHE_SERVERLESS_CACHE,
)


def run(props: dict):
    return analyze_resource(SPEC, ELASTICACHE_REPLICATION_GROUP, {"description": "cache", **props})


def test_known_violation_is_reported_alongside_an_unknown() -> None:
    result = run({"atRestEncryptionEnabled": False, "transitEncryptionEnabled": unknown("boolean")})
    assert [d.detail.split(" is")[0] for d in result.violations] == ["atRestEncryptionEnabled"]
    assert result.unverifiable and "transitEncryptionEnabled" in result.unverifiable[0].message


def test_unknown_mode_is_unverifiable() -> None:
    result = run({"atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
                  "transitEncryptionMode": unknown()})
    assert result.unverifiable and not result.violations


def test_explicit_false_transit_fails() -> None:
    result = run({"atRestEncryptionEnabled": True, "transitEncryptionEnabled": False})
    assert [d.detail.split(" is")[0] for d in result.violations] == ["transitEncryptionEnabled"]


def test_global_datastore_member_is_not_applicable() -> None:
    assert run({"globalReplicationGroupId": "ldgnf-global"}).not_applicable


def test_only_known_modes_are_quoted() -> None:
    result = run({"atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
                  "transitEncryptionMode": "zq-odd-mode"})
    assert result.violations and "zq-odd-mode" not in result.all_text()


def test_valkey_at_rest_default_is_true_but_explicit_false_fails() -> None:
    assert run({"engine": "valkey", "transitEncryptionEnabled": True}).passed
    assert run({"engine": "Valkey", "transitEncryptionEnabled": True}).passed
    result = run({"engine": "valkey", "atRestEncryptionEnabled": False, "transitEncryptionEnabled": True})
    assert result.violations and "atRestEncryptionEnabled" in result.violations[0].detail


def test_omitted_engine_is_redis_whose_at_rest_default_is_false() -> None:
    assert run({"transitEncryptionEnabled": True}).violations


def test_unknown_engine_with_omitted_at_rest_is_unverifiable() -> None:
    result = run({"engine": unknown(), "transitEncryptionEnabled": True})
    assert result.unverifiable and not result.violations


def test_malformed_at_rest_flag_fails_even_for_valkey() -> None:
    assert run({"engine": "valkey", "atRestEncryptionEnabled": {"on": True}, "transitEncryptionEnabled": True}).violations


def cluster(props: dict):
    return analyze_resource(SPEC, ELASTICACHE_CLUSTER, {"clusterId": "c-dev", **props})


def test_standalone_redis_and_valkey_clusters_fail_whatever_they_set() -> None:
    for engine in ("redis", "valkey"):
        result = cluster({"engine": engine, "transitEncryptionEnabled": True})
        assert result.violations and "ReplicationGroup" in result.violations[0].detail


def test_memcached_cluster_needs_transit_encryption() -> None:
    assert cluster({"engine": "memcached", "transitEncryptionEnabled": True}).passed
    assert cluster({"engine": "memcached", "transitEncryptionEnabled": False}).violations
    assert cluster({"engine": "memcached", "transitEncryptionEnabled": unknown("boolean")}).unverifiable


def test_cluster_of_a_replication_group_is_not_applicable() -> None:
    assert cluster({"replicationGroupId": "sessions-dev"}).not_applicable


def test_cluster_with_unknown_engine_is_unverifiable_and_missing_engine_fails() -> None:
    assert cluster({"engine": unknown()}).unverifiable
    assert cluster({}).violations


def test_serverless_cache_passes() -> None:
    assert analyze_resource(SPEC, ELASTICACHE_SERVERLESS_CACHE, {"engine": "redis"}).passed
