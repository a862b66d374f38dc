"""Tricky cases of rds-engine-version-supported, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.versions.rds_engine_version_supported import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_GLOBAL_CLUSTER, RDS_INSTANCE


def run(props: dict, type_: str = RDS_INSTANCE, **kwargs):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, type_, props, **kwargs)


def test_message_names_the_closest_offered_versions() -> None:
    result = run({"engine": "postgres", "engineVersion": "14.7"})
    [violation] = result.violations
    assert "engineVersion 14.7 is not offered for postgres; offered 14.x versions: 14.20, 14.21, 14.22" in violation.detail


def test_unknown_major_names_the_nearest_majors() -> None:
    result = run({"engine": "postgres", "engineVersion": "19.1"})
    [violation] = result.violations
    assert "closest offered versions" in violation.detail and "18.3" in violation.detail


def test_engine_is_case_insensitive_and_numbers_are_versions() -> None:
    assert run({"engine": "Postgres", "engineVersion": "16.13"}).passed
    assert run({"engine": "postgres", "engineVersion": 16}).passed  # a number in the program: major only


def test_major_only_needs_auto_minor_upgrade_known() -> None:
    result = run({"engine": "postgres", "engineVersion": "16", "autoMinorVersionUpgrade": unknown("boolean")})
    assert not result.violations and result.unverifiable
    assert "autoMinorVersionUpgrade" in result.unverifiable[0].message


def test_unknown_engine_is_unverifiable_even_with_a_known_version() -> None:
    result = run({"engine": unknown(), "engineVersion": "14.7"})
    assert not result.violations and result.unverifiable
    assert "engine is unknown" in result.unverifiable[0].message


def test_allow_deprecated_accepts_a_listed_retired_version() -> None:
    props = {"engine": "postgres", "engineVersion": "16.9"}
    assert run(props).violations
    assert run(props, config={"allowDeprecated": True}).passed


def test_cluster_instance_and_global_cluster() -> None:
    assert run({"engine": "aurora-postgresql", "engineVersion": "16.9"}, RDS_CLUSTER_INSTANCE).passed
    result = run({"engine": "aurora-postgresql", "engineVersion": "15.7"}, RDS_GLOBAL_CLUSTER)
    assert result.violations and "15.17" in result.violations[0].detail
    assert run({"engine": "aurora-postgresql", "engineVersion": "16.13-limitless"}, RDS_CLUSTER).passed


def test_engine_without_version_data_is_not_applicable() -> None:
    result = run({"engine": "mysql", "engineVersion": "8.0.46"})
    assert result.passed and result.not_applicable
    assert "catalog refresh" in result.not_applicable[0][1]


def test_replica_without_engine_is_not_applicable() -> None:
    result = run({"replicateSourceDb": unknown(), "engineVersion": "16.13"})
    assert result.passed and result.not_applicable
