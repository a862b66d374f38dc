"""Tricky cases of rds-not-publicly-accessible, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.rds_not_publicly_accessible import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE


def test_only_multi_az_db_clusters_must_say_false() -> None:
    assert analyze_resource(SPEC, RDS_CLUSTER, {"engine": "aurora-postgresql"}).passed
    assert analyze_resource(SPEC, RDS_CLUSTER, {"engine": "mysql", "dbClusterInstanceClass": "db.m6gd.large"}).violations
    undecided = analyze_resource(SPEC, RDS_CLUSTER, {"engine": "mysql", "dbClusterInstanceClass": unknown()})
    assert undecided.unverifiable and "dbClusterInstanceClass" in undecided.unverifiable[0].message
    assert analyze_resource(SPEC, RDS_CLUSTER, {"dbClusterInstanceClass": unknown(), "publiclyAccessible": False}).passed


def test_public_true_fails_on_every_type_and_string_forms() -> None:
    for type_ in (RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER):
        assert analyze_resource(SPEC, type_, {"publiclyAccessible": True}).violations, type_
    assert analyze_resource(SPEC, RDS_INSTANCE, {"publiclyAccessible": "true"}).violations
    assert analyze_resource(SPEC, RDS_CLUSTER_INSTANCE, {}).passed
