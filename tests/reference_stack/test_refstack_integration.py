"""Integration tests: query a deployed stack's real resources from its outputs with boto3.

With ``--live`` (or REFERENCE_STACK_LIVE=1) they run against the deployed stack in AWS (credentials
needed). Otherwise the same tests run against moto, where the fixture creates what the program declares
(both database engines), so every query is proven against the AWS API shapes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from migration_stack.variants import variant_config

from .deployed import Deployment, live_deployment, moto_deployment

MOTO_VARIANTS = {"aurora-postgresql": "aurora", "postgres": "rds-instance"}
READY_TASK_STATES = {"ready", "starting", "running", "stopping", "stopped", "failed"}


def _live(config: pytest.Config) -> bool:
    return bool(config.getoption("--live", default=False)) or os.environ.get("REFERENCE_STACK_LIVE") == "1"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "deployment" in metafunc.fixturenames:
        targets = ["live"] if _live(metafunc.config) else sorted(MOTO_VARIANTS)
        metafunc.parametrize("deployment", targets, indirect=True, scope="module")


@pytest.fixture(scope="module")
def deployment(request: pytest.FixtureRequest) -> Iterator[Deployment]:
    if request.param == "live":
        with live_deployment(request.config.getoption("--stack", default=None)) as deployed:
            yield deployed
    else:
        with moto_deployment(variant_config(MOTO_VARIANTS[request.param])) as deployed:
            yield deployed


def test_database_is_available_encrypted_and_multi_az(deployment: Deployment) -> None:
    outputs, rds = deployment.outputs, deployment.client("rds")
    if outputs["databaseEngine"] == "aurora-postgresql":
        (cluster,) = rds.describe_db_clusters(DBClusterIdentifier=outputs["databaseIdentifier"])["DBClusters"]
        assert cluster["Status"] == "available"
        assert cluster["StorageEncrypted"] is True
        assert cluster["KmsKeyId"] == outputs["kmsKeyArn"]
        assert cluster["IAMDatabaseAuthenticationEnabled"] is True
        assert cluster["BackupRetentionPeriod"] >= 7
        assert cluster["MasterUserSecret"]["KmsKeyId"] == outputs["kmsKeyArn"]
        assert cluster["MasterUserSecret"]["SecretArn"] == outputs["databaseMasterSecretArn"]
        assert "postgresql" in cluster["EnabledCloudwatchLogsExports"]
        members = rds.describe_db_instances(
            Filters=[{"Name": "db-cluster-id", "Values": [outputs["databaseIdentifier"]]}])["DBInstances"]
        assert sorted(m["DBInstanceIdentifier"] for m in members) == sorted(outputs["databaseInstanceIdentifiers"])
        assert len(members) >= 2
        assert len({m["AvailabilityZone"] for m in members}) >= 2, "cluster instances must span AZs"
        for member in members:
            assert member["DBInstanceStatus"] == "available"
            assert member["PubliclyAccessible"] is False
            assert member["MonitoringInterval"] > 0
    else:
        (instance,) = rds.describe_db_instances(DBInstanceIdentifier=outputs["databaseIdentifier"])["DBInstances"]
        assert instance["DBInstanceStatus"] == "available"
        assert instance["MultiAZ"] is True
        assert instance["StorageEncrypted"] is True
        assert instance["KmsKeyId"] == outputs["kmsKeyArn"]
        assert instance["PubliclyAccessible"] is False
        assert instance["BackupRetentionPeriod"] >= 7
        assert instance["IAMDatabaseAuthenticationEnabled"] is True
        assert instance["MonitoringInterval"] > 0
        assert instance["MasterUserSecret"]["KmsKeyId"] == outputs["kmsKeyArn"]


def test_replication_instance_is_private_multi_az_and_encrypted(deployment: Deployment) -> None:
    outputs, dms = deployment.outputs, deployment.client("dms")
    (instance,) = dms.describe_replication_instances(
        Filters=[{"Name": "replication-instance-arn", "Values": [outputs["dmsReplicationInstanceArn"]]}]
    )["ReplicationInstances"]
    assert instance["ReplicationInstanceIdentifier"] == outputs["dmsReplicationInstanceId"]
    assert instance["ReplicationInstanceStatus"] == "available"
    assert instance["MultiAZ"] is True
    assert instance["PubliclyAccessible"] is False
    assert instance["AutoMinorVersionUpgrade"] is True
    assert instance["KmsKeyId"] == outputs["kmsKeyArn"]


def test_replication_task_is_full_load_and_cdc_with_logging(deployment: Deployment) -> None:
    outputs, dms = deployment.outputs, deployment.client("dms")
    (task,) = dms.describe_replication_tasks(
        Filters=[{"Name": "replication-task-arn", "Values": [outputs["dmsReplicationTaskArn"]]}]
    )["ReplicationTasks"]
    assert task["ReplicationTaskIdentifier"] == outputs["dmsReplicationTaskId"]
    assert task["MigrationType"] == "full-load-and-cdc"
    assert task["Status"] in READY_TASK_STATES
    assert task["ReplicationInstanceArn"] == outputs["dmsReplicationInstanceArn"]
    assert task["SourceEndpointArn"] == outputs["dmsSourceEndpointArn"]
    assert task["TargetEndpointArn"] == outputs["dmsTargetEndpointArn"]
    rules = json.loads(task["TableMappings"])["rules"]
    assert any(r["rule-type"] == "selection" and r["rule-action"] == "include" for r in rules)
    assert json.loads(task["ReplicationTaskSettings"])["Logging"]["EnableLogging"] is True


@pytest.mark.parametrize("endpoint_key,secret_key", [
    ("dmsSourceEndpointArn", "sourceSecretArn"),
    ("dmsTargetEndpointArn", "targetSecretArn"),
])
def test_endpoints_take_credentials_from_secrets_manager(deployment: Deployment, endpoint_key: str,
                                                         secret_key: str) -> None:
    outputs, dms = deployment.outputs, deployment.client("dms")
    (endpoint,) = dms.describe_endpoints(
        Filters=[{"Name": "endpoint-arn", "Values": [outputs[endpoint_key]]}])["Endpoints"]
    assert endpoint["SslMode"] in ("require", "verify-ca", "verify-full")
    assert "Password" not in endpoint
    settings: dict[str, Any] = endpoint["PostgreSQLSettings"]
    assert settings["SecretsManagerSecretId"] == outputs[secret_key]
    assert settings["SecretsManagerAccessRoleArn"] == outputs["dmsSecretsAccessRoleArn"]
    assert "Password" not in settings
    secret = deployment.client("secretsmanager").describe_secret(SecretId=outputs[secret_key])
    assert secret["KmsKeyId"] == outputs["kmsKeyArn"]


def test_alarms_have_alarm_and_ok_actions(deployment: Deployment) -> None:
    outputs, cloudwatch = deployment.outputs, deployment.client("cloudwatch")
    alarms = cloudwatch.describe_alarms(AlarmNames=outputs["alarmNames"])["MetricAlarms"]
    assert sorted(a["AlarmName"] for a in alarms) == sorted(outputs["alarmNames"])
    metrics = {a["MetricName"] for a in alarms}
    assert {"CPUUtilization", "DatabaseConnections", "CDCLatencySource", "CDCLatencyTarget",
            "CDCIncomingChanges"} <= metrics
    assert metrics & {"FreeStorageSpace", "FreeLocalStorage"}
    for alarm in alarms:
        assert alarm["ActionsEnabled"] is True
        assert alarm["AlarmActions"] == [outputs["alarmTopicArn"]]
        assert alarm["OKActions"] == [outputs["alarmTopicArn"]]
    topic = deployment.client("sns").get_topic_attributes(TopicArn=outputs["alarmTopicArn"])["Attributes"]
    assert topic["KmsMasterKeyId"] in (outputs["kmsKeyArn"], outputs["kmsKeyId"])


def test_key_rotation_is_enabled(deployment: Deployment) -> None:
    outputs, kms = deployment.outputs, deployment.client("kms")
    status = kms.get_key_rotation_status(KeyId=outputs["kmsKeyId"])
    assert status["KeyRotationEnabled"] is True
    assert status.get("RotationPeriodInDays", 365) <= 365
    metadata = kms.describe_key(KeyId=outputs["kmsKeyId"])["KeyMetadata"]
    assert metadata["KeyManager"] == "CUSTOMER"
    assert metadata["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert metadata["Enabled"] is True

