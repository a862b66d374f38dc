"""Tricky cases of rds-iam-authentication, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.rds_iam_authentication import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE


def test_engines_without_iam_authentication() -> None:
    for engine in ("oracle-se2", "sqlserver-ee", "db2-ae", "custom-oracle-ee"):
        assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": engine}).not_applicable, engine
    for engine in ("postgres", "mysql", "mariadb"):
        assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": engine}).violations, engine


def test_unknown_engine_only_matters_when_disabled() -> None:
    assert analyze_resource(SPEC, RDS_CLUSTER, {"engine": unknown(), "iamDatabaseAuthenticationEnabled": True}).passed
    assert analyze_resource(SPEC, RDS_CLUSTER, {"engine": unknown()}).unverifiable
