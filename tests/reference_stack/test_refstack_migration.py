"""Migration component: DMS instance, Secrets Manager endpoints with TLS, full-load-and-cdc task."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
from migration_stack.database import Database
from migration_stack.migration import Migration
from migration_stack.network import Network
from migration_stack.variants import BASE_CONFIG, NS

from . import stack_checks as checks
from .stack_harness import Run, naming_for, run, run_stack, settings_for


def run_migration(variant: str = "aurora", preview: bool = True,
                  password: pulumi.Output[str] | None = None, **overrides: str) -> Run:
    settings = settings_for(variant, **overrides)
    if password is not None:
        import dataclasses

        settings = dataclasses.replace(settings, source_db_password=password)
    naming = naming_for(settings)

    def program() -> Any:
        key = aws.kms.Key("key-dev", enable_key_rotation=True)
        network = Network("network-dev", settings, naming, key)
        database = Database("database-dev", settings, naming, network, key)
        return Migration("migration-dev", settings, naming, network, database, key)

    return run(program, {}, preview=preview)


def test_replication_instance_is_private_multi_az_and_encrypted() -> None:
    result = run_migration()
    instance = result.one("aws:dms/replicationInstance:ReplicationInstance")
    assert instance.inputs["replicationInstanceId"] == "migration-dms-dev"
    assert instance.inputs["multiAz"] is True
    assert instance.inputs["publiclyAccessible"] is False
    assert instance.inputs["autoMinorVersionUpgrade"] is True
    assert instance.inputs["engineVersion"] == "3.6.1"
    assert checks.deps(instance, "kmsKeyArn") == [result.named("key-dev").urn]
    subnet_group = result.one("aws:dms/replicationSubnetGroup:ReplicationSubnetGroup")
    assert checks.deps(instance, "replicationSubnetGroupId") == [subnet_group.urn]
    assert checks.subnet_group_problems(result) == []
    private = [s.urn for s in result.of_type("aws:ec2/subnet:Subnet") if s.inputs["tags"]["Tier"] == "private"]
    assert sorted(checks.deps(subnet_group, "subnetIds")) == sorted(private)


def test_endpoints_use_secrets_manager_and_tls() -> None:
    result = run_migration()
    role = result.named("migration-dms-secrets-access-dev")
    assert "dms.us-east-1.amazonaws.com" in role.inputs["assumeRolePolicy"]
    secrets = {s.name: s for s in result.of_type("aws:secretsmanager/secret:Secret")}
    source_secret, target_secret = secrets["migration-source-db-secret-dev"], secrets["migration-target-db-secret-dev"]
    for secret in (source_secret, target_secret):
        assert checks.deps(secret, "kmsKeyId") == [result.named("key-dev").urn]
        assert secret.inputs["recoveryWindowInDays"] == 30
    endpoints = {e.inputs["endpointType"]: e for e in result.of_type("aws:dms/endpoint:Endpoint")}
    assert endpoints["source"].inputs["engineName"] == "postgres"
    assert endpoints["target"].inputs["engineName"] == "aurora-postgresql"
    for endpoint, secret in ((endpoints["source"], source_secret), (endpoints["target"], target_secret)):
        assert endpoint.inputs["sslMode"] == "require"
        assert checks.deps(endpoint, "secretsManagerArn") == [secret.urn]
        assert checks.deps(endpoint, "secretsManagerAccessRoleArn") == [role.urn]
        for literal in ("password", "username", "serverName"):
            assert literal not in endpoint.inputs
    assert endpoints["source"].inputs["databaseName"] == "payments"


def test_rds_target_engine() -> None:
    result = run_migration("rds-instance")
    target = [e for e in result.of_type("aws:dms/endpoint:Endpoint") if e.inputs["endpointType"] == "target"]
    assert target[0].inputs["engineName"] == "postgres"
    assert target[0].inputs["endpointId"] == "migration-target-postgres-dev"


def test_task_is_full_load_and_cdc_with_mappings_and_logging() -> None:
    result = run_migration()
    task = result.one("aws:dms/replicationTask:ReplicationTask")
    assert task.inputs["migrationType"] == "full-load-and-cdc"
    assert task.inputs["startReplicationTask"] is False
    mappings = json.loads(task.inputs["tableMappings"])
    assert json.loads(BASE_CONFIG[f"{NS}:dmsTableMappings"]) == mappings
    assert any(r["rule-type"] == "selection" and r["rule-action"] == "include" for r in mappings["rules"])
    settings = json.loads(task.inputs["replicationTaskSettings"])
    assert settings["Logging"]["EnableLogging"] is True
    assert checks.deps(task, "replicationInstanceArn") == [result.one("aws:dms/replicationInstance:ReplicationInstance").urn]
    log_group = result.named("migration-dms-task-logs-dev")
    assert log_group.inputs["name"] == "dms-tasks-migration-dms-dev"
    assert log_group.inputs["retentionInDays"] == 90


def test_custom_table_mappings_from_config() -> None:
    mappings = {"rules": [{"rule-type": "selection", "rule-id": "7", "rule-name": "orders",
                           "object-locator": {"schema-name": "sales", "table-name": "orders"},
                           "rule-action": "include"}]}
    result = run_migration(dmsTableMappings=json.dumps(mappings))
    task = result.one("aws:dms/replicationTask:ReplicationTask")
    assert json.loads(task.inputs["tableMappings"]) == mappings


def test_source_secret_value_only_from_secret_config() -> None:
    assert run_migration().of_type("aws:secretsmanager/secretVersion:SecretVersion") == []
    result = run_migration(preview=False, password=pulumi.Output.secret("k9!vQ2#rT8@wL5$zX1"))
    version = result.one("aws:secretsmanager/secretVersion:SecretVersion")
    assert checks.deps(version, "secretId") == [result.named("migration-source-db-secret-dev").urn]
    assert version.secret_properties == {"secretString"}
    document = json.loads(version.inputs["secretString"])
    assert document == {"username": "dms_replication", "password": "k9!vQ2#rT8@wL5$zX1",
                        "host": "pg-primary.onprem.example.com", "port": 5432, "dbname": "payments",
                        "engine": "postgres"}


def test_secret_config_stays_secret_through_the_stack() -> None:
    config = dict(BASE_CONFIG)
    config[f"{NS}:sourceDbPassword"] = "k9!vQ2#rT8@wL5$zX1"
    result = run_stack(config, secret_keys=[f"{NS}:sourceDbPassword"])
    migration = result.result.migration
    assert migration.source_secret_version is not None
    secret_string = migration.source_secret_version.secret_string
    from pulumi.runtime.sync_await import _sync_await

    assert _sync_await(secret_string.is_secret()) is True


def test_outputs() -> None:
    migration = run_migration(preview=False).result
    assert isinstance(migration, Migration)
    from pulumi.runtime.sync_await import _sync_await

    assert _sync_await(migration.task_resource_id.future()) == "TASKRESOURCEID"
