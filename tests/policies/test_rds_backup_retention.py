"""Tricky cases of rds-backup-retention, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.rds_backup_retention import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE


def test_minimum_is_inclusive_and_configurable() -> None:
    assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": "postgres", "backupRetentionPeriod": 7}).passed
    six = analyze_resource(SPEC, RDS_CLUSTER, {"engine": "aurora-mysql", "backupRetentionPeriod": 6})
    assert six.violations and "6 days" in six.violations[0].detail
    assert analyze_resource(SPEC, RDS_INSTANCE, {"backupRetentionPeriod": 3}, config={"minDays": 3}).passed


def test_not_applicable_cases() -> None:
    assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": "aurora-postgresql"}).not_applicable
    assert analyze_resource(SPEC, RDS_INSTANCE, {"replicateSourceDb": "orders-dev"}).not_applicable
    # a cluster is never a replica for this policy: replica clusters keep their own backups
    assert analyze_resource(SPEC, RDS_CLUSTER, {"replicationSourceIdentifier": unknown()}).violations


def test_malformed_values() -> None:
    assert analyze_resource(SPEC, RDS_INSTANCE, {"backupRetentionPeriod": "14"}).passed
    assert analyze_resource(SPEC, RDS_INSTANCE, {"backupRetentionPeriod": 7.5}).violations
    assert analyze_resource(SPEC, RDS_INSTANCE, {"backupRetentionPeriod": None}).violations
