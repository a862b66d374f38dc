"""Tricky cases of elasticache-engine-version-supported, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.versions.elasticache_engine_version_supported import SPEC
from migration_guard_policies.types import ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP


def run(props: dict, type_: str = ELASTICACHE_REPLICATION_GROUP):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, type_, props)


def test_major_minor_matching_only_from_redis_6() -> None:
    assert run({"engine": "redis", "engineVersion": "7.1"}).passed
    assert run({"engine": "redis", "engineVersion": "6.2.6"}).passed  # a patch of an offered 6.2
    assert run({"engine": "redis", "engineVersion": "5.0.6"}).passed
    assert run({"engine": "redis", "engineVersion": "5.0"}).violations  # before 6 the full version is needed
    assert run({"engine": "redis", "engineVersion": "8.x"}).violations


def test_engine_names_are_case_insensitive() -> None:
    assert run({"engine": "Valkey", "engineVersion": "8.2"}).passed


def test_unknown_engine_on_a_cluster() -> None:
    result = run({"engine": unknown(), "engineVersion": "1.6.22"}, ELASTICACHE_CLUSTER)
    assert result.unverifiable and not result.violations


def test_engine_missing_from_the_catalog_is_not_applicable() -> None:
    result = run({"engine": "redis-stack", "engineVersion": "7.2"})
    assert result.passed and result.not_applicable
