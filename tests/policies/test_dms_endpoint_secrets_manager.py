"""Tricky cases of dms-endpoint-secrets-manager, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.secrets.dms_endpoint_secrets_manager import SPEC
from migration_guard_policies.types import DMS_ENDPOINT

SM = {"secretsManagerArn": unknown(), "secretsManagerAccessRoleArn": unknown()}


def run(props: dict):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, DMS_ENDPOINT, props)


def test_every_listed_engine_is_checked() -> None:
    for engine in ("postgres", "aurora-postgresql", "mysql", "aurora", "mariadb", "oracle", "sqlserver", "redshift",
                   "mongodb", "sybase", "db2", "db2-zos", "babelfish", "Postgres"):
        assert run({"engineName": engine}).violations, engine
        assert run({"engineName": engine, **SM}).passed, engine


def test_other_engines_are_not_applicable() -> None:
    for engine in ("docdb", "s3", "kinesis", "kafka", "dynamodb", "redis", "opensearch"):
        result = run({"engineName": engine, "password": "x"})
        assert result.not_applicable and result.passed, engine


def test_password_alongside_secrets_manager_still_fails() -> None:
    result = run({"engineName": "postgres", "password": "Dms-Src-Pw-2024", **SM})
    assert result.violations and "password is set" in result.violations[0].detail
    assert "Dms-Src-Pw-2024" not in result.all_text()


def test_unknown_engine_is_unverifiable_only_when_it_would_fail() -> None:
    assert run({"engineName": unknown(), **SM}).passed
    result = run({"engineName": unknown(), "password": unknown()})
    assert result.unverifiable and not result.violations
    assert "engineName" in result.unverifiable[0].message


def test_engine_list_is_the_catalogs() -> None:
    # shared/policy-catalog.md, dms-endpoint-secrets-manager (docdb excluded).
    from migration_guard_policies.policies.secrets.dms_endpoint_secrets_manager import SECRETS_MANAGER_ENGINES

    assert {
        "postgres", "aurora-postgresql", "mysql", "aurora", "mariadb", "oracle", "sqlserver", "redshift", "mongodb",
        "sybase", "db2", "db2-zos", "babelfish",
    } == SECRETS_MANAGER_ENGINES
