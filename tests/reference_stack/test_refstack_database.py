"""Database component: Aurora PostgreSQL (default) or RDS PostgreSQL Multi-AZ instance."""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws
from migration_stack.database import EXTENDED_SUPPORT_DISABLED, Database
from migration_stack.network import Network

from . import stack_checks as checks
from .stack_harness import Run, naming_for, run, settings_for

COMMON_SECURE = {
    "storageEncrypted": True,
    "manageMasterUserPassword": True,
    "iamDatabaseAuthenticationEnabled": True,
    "deletionProtection": True,
    "engineLifecycleSupport": EXTENDED_SUPPORT_DISABLED,
    "backupRetentionPeriod": 7,
    "engineVersion": "16.13",
}


def run_database(variant: str = "aurora", preview: bool = True, **overrides: str) -> Run:
    settings = settings_for(variant, **overrides)
    naming = naming_for(settings)

    def program() -> Any:
        key = aws.kms.Key("key-dev", enable_key_rotation=True)
        network = Network("network-dev", settings, naming, key)
        return Database("database-dev", settings, naming, network, key)

    return run(program, {}, preview=preview)


def test_aurora_cluster_is_encrypted_and_managed() -> None:
    result = run_database()
    key_urn = result.named("key-dev").urn
    cluster = result.one("aws:rds/cluster:Cluster")
    for prop, value in COMMON_SECURE.items():
        assert cluster.inputs[prop] == value, prop
    assert cluster.inputs["clusterIdentifier"] == "migration-aurora-dev"
    assert cluster.inputs["engine"] == "aurora-postgresql"
    assert cluster.inputs["enabledCloudwatchLogsExports"] == ["postgresql"]
    assert cluster.inputs["finalSnapshotIdentifier"] == "migration-aurora-dev-final"
    assert "masterPassword" not in cluster.inputs and "masterPasswordWo" not in cluster.inputs
    assert "publiclyAccessible" not in cluster.inputs
    for prop in ("kmsKeyId", "masterUserSecretKmsKeyId"):
        assert checks.deps(cluster, prop) == [key_urn], prop
    parameter_group = result.one("aws:rds/clusterParameterGroup:ClusterParameterGroup")
    assert parameter_group.inputs["family"] == "aurora-postgresql16"
    assert [(p["name"], p["value"]) for p in parameter_group.inputs["parameters"]] == [("rds.force_ssl", "1")]
    assert checks.deps(cluster, "dbClusterParameterGroupName") == [parameter_group.urn]


def test_aurora_writer_and_readers_span_azs() -> None:
    result = run_database()
    cluster = result.one("aws:rds/cluster:Cluster")
    members = result.of_type("aws:rds/clusterInstance:ClusterInstance")
    assert [m.inputs["identifier"] for m in members] == ["migration-aurora-1-dev", "migration-aurora-2-dev"]
    assert [m.inputs["availabilityZone"] for m in members] == ["us-east-1a", "us-east-1b"]
    assert [m.inputs["promotionTier"] for m in members] == [0, 1]
    monitoring_role = result.named("migration-rds-monitoring-dev")
    for member in members:
        assert checks.deps(member, "clusterIdentifier") == [cluster.urn]
        assert member.inputs["publiclyAccessible"] is False
        assert member.inputs["autoMinorVersionUpgrade"] is True
        assert member.inputs["performanceInsightsEnabled"] is True
        assert checks.deps(member, "performanceInsightsKmsKeyId") == [result.named("key-dev").urn]
        assert member.inputs["monitoringInterval"] == 60
        assert checks.deps(member, "monitoringRoleArn") == [monitoring_role.urn]
        assert "engineVersion" not in member.inputs
    assert checks.cluster_multi_az_problems(result) == []
    assert checks.subnet_group_problems(result) == []


def test_more_readers_cycle_through_the_azs() -> None:
    result = run_database("three-azs", auroraReaderCount="3")
    zones = [m.inputs["availabilityZone"] for m in result.of_type("aws:rds/clusterInstance:ClusterInstance")]
    assert zones == ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1a"]


def test_log_groups_are_precreated_encrypted() -> None:
    result = run_database()
    (group,) = [g for g in result.of_type("aws:cloudwatch/logGroup:LogGroup") if g.name.startswith("migration-db-logs")]
    assert group.inputs["name"] == "/aws/rds/cluster/migration-aurora-dev/postgresql"
    assert group.inputs["retentionInDays"] == 90
    assert checks.deps(group, "kmsKeyId") == [result.named("key-dev").urn]
    assert group.urn in result.one("aws:rds/cluster:Cluster").dependencies


def test_rds_instance_variant_is_multi_az_and_private() -> None:
    result = run_database("rds-instance")
    assert result.of_type("aws:rds/cluster:Cluster") == []
    instance = result.one("aws:rds/instance:Instance")
    for prop, value in COMMON_SECURE.items():
        assert instance.inputs[prop] == value, prop
    assert instance.inputs["engine"] == "postgres"
    assert instance.inputs["multiAz"] is True
    assert instance.inputs["publiclyAccessible"] is False
    assert instance.inputs["autoMinorVersionUpgrade"] is True
    assert instance.inputs["performanceInsightsEnabled"] is True
    assert instance.inputs["monitoringInterval"] == 60
    assert instance.inputs["enabledCloudwatchLogsExports"] == ["postgresql", "upgrade"]
    assert "password" not in instance.inputs and "passwordWo" not in instance.inputs
    key_urn = result.named("key-dev").urn
    for prop in ("kmsKeyId", "masterUserSecretKmsKeyId", "performanceInsightsKmsKeyId"):
        assert checks.deps(instance, prop) == [key_urn], prop
    parameter_group = result.one("aws:rds/parameterGroup:ParameterGroup")
    assert parameter_group.inputs["family"] == "postgres16"
    assert [(p["name"], p["value"]) for p in parameter_group.inputs["parameters"]] == [("rds.force_ssl", "1")]


def test_deletion_protection_and_final_snapshot_are_configurable() -> None:
    result = run_database(deletionProtection="false", skipFinalSnapshot="true")
    cluster = result.one("aws:rds/cluster:Cluster")
    assert cluster.inputs["deletionProtection"] is False
    assert cluster.inputs["skipFinalSnapshot"] is True
    assert "finalSnapshotIdentifier" not in cluster.inputs


def test_outputs() -> None:
    aurora = run_database(preview=False).result
    assert isinstance(aurora, Database)
    assert aurora.cluster is not None and aurora.instance is None and aurora.reader_endpoint is not None
    assert len(aurora.instance_identifiers) == 2
    rds = run_database("rds-instance", preview=False).result
    assert rds.instance is not None and rds.cluster is None and rds.reader_endpoint is None
