"""rds-storage-encrypted: cross-Region replicas and global-cluster members need a key of their own Region."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.rds_storage_encrypted import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE

SOURCE_EAST = "arn:aws:rds:us-east-1:111122223333:db:orders-primary"
CLUSTER_EAST = "arn:aws:rds:us-east-1:111122223333:cluster:orders-primary"


def test_cross_region_instance_replica_without_key_fails() -> None:
    result = analyze_resource(SPEC, RDS_INSTANCE, {"replicateSourceDb": SOURCE_EAST}, provider={"region": "eu-west-1"})
    assert result.violations and "cross-Region" in result.violations[0].detail


def test_same_region_arn_source_is_not_applicable() -> None:
    result = analyze_resource(SPEC, RDS_INSTANCE, {"replicateSourceDb": SOURCE_EAST}, provider={"region": "us-east-1"})
    assert result.not_applicable and not result.violations and not result.unverifiable


def test_resource_region_overrides_the_provider_region() -> None:
    props = {"replicateSourceDb": SOURCE_EAST, "region": "us-west-2"}
    assert analyze_resource(SPEC, RDS_INSTANCE, props, provider={"region": "us-east-1"}).violations


def test_cross_region_cluster_replica_with_aws_managed_alias_arn_fails() -> None:
    props = {"replicationSourceIdentifier": CLUSTER_EAST, "engine": "aurora-mysql",
             "kmsKeyId": "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds"}
    result = analyze_resource(SPEC, RDS_CLUSTER, props, provider={"region": "eu-west-1"})
    assert result.violations and "AWS-managed" in result.violations[0].detail


def test_arn_source_without_a_known_region_is_unverifiable() -> None:
    result = analyze_resource(SPEC, RDS_INSTANCE, {"replicateSourceDb": SOURCE_EAST})
    assert result.unverifiable and not result.violations
    assert "region" in result.unverifiable[0].message


def test_replica_with_its_own_key_passes_whatever_the_region() -> None:
    assert analyze_resource(SPEC, RDS_INSTANCE, {"replicateSourceDb": unknown(), "kmsKeyId": unknown()}).passed


def test_replicas_are_not_applicable_without_the_customer_key_requirement() -> None:
    result = analyze_resource(SPEC, RDS_INSTANCE, {"replicateSourceDb": SOURCE_EAST},
                              config={"requireCustomerManagedKey": False}, provider={"region": "eu-west-1"})
    assert result.not_applicable and not result.violations


def test_global_primary_is_checked_like_any_cluster() -> None:
    props = {"engine": "aurora-postgresql", "globalClusterIdentifier": "g", "masterUsername": "admin"}
    result = analyze_resource(SPEC, RDS_CLUSTER, props)
    assert result.violations and "storageEncrypted" in result.violations[0].detail


def test_global_secondary_with_key_passes() -> None:
    props = {"engine": "aurora-postgresql", "globalClusterIdentifier": "g", "kmsKeyId": unknown()}
    assert analyze_resource(SPEC, RDS_CLUSTER, props).passed


@pytest.mark.parametrize("key", [{"arn": "x"}, 42, ["k"]])
def test_a_key_that_is_not_an_identifier_fails_closed(key: object) -> None:
    result = analyze_resource(SPEC, RDS_INSTANCE, {"engine": "postgres", "storageEncrypted": True, "kmsKeyId": key})
    assert result.violations and "cannot be read" in result.violations[0].detail


def test_message_never_quotes_the_source_or_key() -> None:
    props = {"replicateSourceDb": "arn:aws:rds:us-east-1:111122223333:db:zq-secret-db",
             "kmsKeyId": "alias/aws/zq-secret-alias"}
    result = analyze_resource(SPEC, RDS_INSTANCE, props, provider={"region": "eu-west-1"})
    assert result.violations and "zq-secret" not in result.all_text()
