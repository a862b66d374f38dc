"""The dms-serverless, s3-landing and documentdb variants under the mocks in preview mode: the properties
the catalog's revision-2 policies check, and the settings that select them."""

from __future__ import annotations

import json

import pytest
from migration_stack.settings import ConfigurationError

from . import stack_checks as checks
from .stack_harness import Registration, Run, cached_variant_run, settings_for

KEY = "aws:kms/key:Key"


def key_urn(run: Run) -> str:
    return run.one(KEY).urn


def only(run: Run, type_token: str) -> Registration:
    return run.one(type_token)


# -- dms-serverless ---------------------------------------------------------------------------------

def test_serverless_replaces_the_instance_and_task_by_one_multi_az_config_under_the_cmk() -> None:
    run = cached_variant_run("dms-serverless", True)
    assert run.of_type("aws:dms/replicationInstance:ReplicationInstance") == []
    assert run.of_type("aws:dms/replicationTask:ReplicationTask") == []
    config = only(run, "aws:dms/replicationConfig:ReplicationConfig")
    compute = config.inputs["computeConfig"]
    assert compute["multiAz"] is True
    assert (compute["minCapacityUnits"], compute["maxCapacityUnits"]) == (2, 16)
    assert key_urn(run) in checks.deps(config, "computeConfig")
    assert config.inputs["replicationType"] == "full-load-and-cdc"
    assert config.inputs["replicationConfigIdentifier"] == "migration-dms-serverless-dev"
    assert config.inputs["startReplication"] is False
    assert json.loads(config.inputs["replicationSettings"])["Logging"]["EnableLogging"] is True
    rules = json.loads(config.inputs["tableMappings"])["rules"]
    assert any(r["rule-type"] == "selection" and r["rule-action"] == "include" for r in rules)
    group = only(run, "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup")
    assert group.urn in checks.deps(config, "computeConfig")


def test_serverless_endpoints_read_secrets_manager_and_its_logs_are_pre_created() -> None:
    run = cached_variant_run("dms-serverless", True)
    for endpoint in run.of_type("aws:dms/endpoint:Endpoint"):
        assert "password" not in endpoint.inputs
        assert checks.deps(endpoint, "secretsManagerArn")
        assert endpoint.inputs["sslMode"] == "require"
    log_group = run.named("migration-dms-task-logs-dev")
    assert log_group.inputs["name"] == "dms-serverless-replication-migration-dms-serverless-dev"
    assert key_urn(run) in checks.deps(log_group, "kmsKeyId")


def test_serverless_alarms_watch_the_config() -> None:
    run = cached_variant_run("dms-serverless", True)
    config = only(run, "aws:dms/replicationConfig:ReplicationConfig")
    watching = [a for a in run.of_type("aws:cloudwatch/metricAlarm:MetricAlarm")
                if config.urn in checks.deps(a, "dimensions")]
    assert {a.inputs["metricName"] for a in watching} == {"CDCLatencySource", "CDCLatencyTarget",
                                                         "CDCIncomingChanges"}


# -- s3-landing -------------------------------------------------------------------------------------

def test_landing_bucket_is_versioned_kms_encrypted_private_and_tls_only() -> None:
    run = cached_variant_run("s3-landing", True)
    bucket = only(run, "aws:s3/bucket:Bucket")
    assert bucket.inputs["bucket"] == "migration-landing-123456789012-dev"
    versioning = only(run, "aws:s3/bucketVersioning:BucketVersioning")
    assert versioning.inputs["versioningConfiguration"]["status"] == "Enabled"
    encryption = only(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
    (rule,) = encryption.inputs["rules"]
    assert rule["applyServerSideEncryptionByDefault"]["sseAlgorithm"] == "aws:kms"
    assert key_urn(run) in checks.deps(encryption, "rules")
    block = only(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
    assert all(block.inputs[k] is True for k in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls",
                                                 "restrictPublicBuckets"))
    ownership = only(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls")
    assert ownership.inputs["rule"]["objectOwnership"] == "BucketOwnerEnforced"
    for sub_resource in (versioning, encryption, block, ownership):
        assert checks.deps(sub_resource, "bucket") == [bucket.urn]


def test_the_tls_only_policy_denies_insecure_transport() -> None:
    from migration_stack.landing import tls_only_policy

    (statement,) = tls_only_policy("arn:aws:s3:::landing")["Statement"]
    assert statement["Effect"] == "Deny"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert statement["Resource"] == ["arn:aws:s3:::landing", "arn:aws:s3:::landing/*"]


def test_the_s3_target_writes_parquet_with_sse_kms_under_the_cmk() -> None:
    run = cached_variant_run("s3-landing", True)
    endpoint = only(run, "aws:dms/s3Endpoint:S3Endpoint")
    assert endpoint.inputs["endpointType"] == "target"
    assert endpoint.inputs["endpointId"] == "migration-target-s3-landing-dev"
    assert endpoint.inputs["encryptionMode"] == "SSE_KMS"
    assert checks.deps(endpoint, "serverSideEncryptionKmsKeyId") == [key_urn(run)]
    assert endpoint.inputs["dataFormat"] == "parquet"
    assert endpoint.inputs["bucketFolder"] == "payments"
    assert endpoint.inputs["expectedBucketOwner"] == "123456789012"
    assert checks.deps(endpoint, "bucketName") == [only(run, "aws:s3/bucket:Bucket").urn]
    task = only(run, "aws:dms/replicationTask:ReplicationTask")
    assert checks.deps(task, "targetEndpointArn") == [endpoint.urn]


def test_the_s3_target_replaces_the_database() -> None:
    run = cached_variant_run("s3-landing", True)
    assert not [r for r in run.registrations if r.type.startswith(("aws:rds/", "aws:docdb/"))]
    assert [e.inputs["endpointType"] for e in run.of_type("aws:dms/endpoint:Endpoint")] == ["source"]
    assert run.of_type("aws:secretsmanager/secret:Secret") == [run.named("migration-source-db-secret-dev")]


def test_the_access_policy_lets_dms_write_the_bucket_only() -> None:
    from migration_stack.migration import access_policy_document

    document = access_policy_document("arn:k", "arn:aws:s3:::landing", ["arn:s"])
    actions = {a for s in document["Statement"] for a in s["Action"]}
    assert {"s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "kms:GenerateDataKey"} <= actions
    assert not any("*" in a for a in actions)
    without_bucket = access_policy_document("arn:k", "", ["arn:s"])
    assert not any(a.startswith("s3:") for s in without_bucket["Statement"] for a in s["Action"])


# -- documentdb -------------------------------------------------------------------------------------

def test_docdb_cluster_is_encrypted_backed_up_and_exports_audit_logs() -> None:
    run = cached_variant_run("documentdb", True)
    cluster = only(run, "aws:docdb/cluster:Cluster")
    inputs = cluster.inputs
    assert inputs["storageEncrypted"] is True
    assert checks.deps(cluster, "kmsKeyId") == [key_urn(run)]
    assert inputs["backupRetentionPeriod"] >= 7
    assert {"audit", "profiler"} <= set(inputs["enabledCloudwatchLogsExports"])
    assert inputs["manageMasterUserPassword"] is True
    assert "masterPassword" not in inputs
    assert inputs["deletionProtection"] is True
    assert inputs["port"] == 27017
    group = only(run, "aws:docdb/clusterParameterGroup:ClusterParameterGroup")
    assert checks.deps(cluster, "dbClusterParameterGroupName") == [group.urn]
    assert {p["name"]: p["value"] for p in group.inputs["parameters"]} == {"tls": "enabled", "audit_logs": "enabled"}
    assert group.inputs["family"] == "docdb5.0"
    logs = [g.inputs["name"] for g in run.of_type("aws:cloudwatch/logGroup:LogGroup")]
    assert "/aws/docdb/cluster/migration-docdb-dev/audit" in logs


def test_docdb_has_two_instances_in_two_azs_on_a_multi_az_subnet_group() -> None:
    run = cached_variant_run("documentdb", True)
    cluster = only(run, "aws:docdb/cluster:Cluster")
    members = run.of_type("aws:docdb/clusterInstance:ClusterInstance")
    assert len(members) == 2
    assert all(checks.deps(m, "clusterIdentifier") == [cluster.urn] for m in members)
    assert {m.inputs["availabilityZone"] for m in members} == {"us-east-1a", "us-east-1b"}
    assert all(m.inputs["enablePerformanceInsights"] is True for m in members)
    assert checks.subnet_group_problems(run) == []
    assert checks.cluster_multi_az_problems(run) == []


def test_docdb_migration_reads_mongodb_through_secrets_manager_and_keeps_the_target_password_secret() -> None:
    run = cached_variant_run("documentdb", True)
    endpoints = {e.inputs["endpointType"]: e for e in run.of_type("aws:dms/endpoint:Endpoint")}
    source, target = endpoints["source"], endpoints["target"]
    assert source.inputs["engineName"] == "mongodb"
    assert "password" not in source.inputs
    assert checks.deps(source, "secretsManagerArn")
    assert source.inputs["mongodbSettings"]["authType"] == "password"
    assert target.inputs["engineName"] == "docdb"
    assert target.inputs["sslMode"] == "require"
    assert "password" in target.secret_properties
    assert checks.deps(target, "serverName") == [only(run, "aws:docdb/cluster:Cluster").urn]
    assert [s.name for s in run.of_type("aws:secretsmanager/secret:Secret")] == ["migration-source-db-secret-dev"]
    assert checks.literal_credential_problems(run) == []


def test_docdb_alarms_and_events_cover_the_cluster_and_each_instance() -> None:
    run = cached_variant_run("documentdb", True)
    assert checks.alarm_coverage_problems(run) == []
    events = only(run, "aws:docdb/eventSubscription:EventSubscription")
    assert events.inputs["sourceType"] == "db-cluster"
    assert run.of_type("aws:rds/eventSubscription:EventSubscription") == []


# -- settings ---------------------------------------------------------------------------------------

def test_docdb_needs_the_target_password_as_secret_config() -> None:
    with pytest.raises(ConfigurationError) as error:
        settings_for("documentdb")
    assert any(p.startswith("targetDbPassword: is required when databaseEngine is docdb") for p in error.value.problems)


@pytest.mark.parametrize(("overrides", "key"), [
    ({"dmsMode": "serverless", "dmsServerlessMinCapacityUnits": "32", "dmsServerlessMaxCapacityUnits": "16"},
     "dmsServerlessMinCapacityUnits"),
    ({"dmsServerlessMaxCapacityUnits": "3"}, "dmsServerlessMaxCapacityUnits"),
    ({"dmsMode": "fleet"}, "dmsMode"),
    ({"migrationTarget": "kinesis"}, "migrationTarget"),
    ({"migrationTarget": "s3", "landingBucketFolder": "/leading"}, "landingBucketFolder"),
    ({"migrationTarget": "s3", "cutoverEnabled": "true", "cutoverHostedZoneId": "Z0123456789ABCDEFGHIJ",
      "cutoverDomain": "migration.example.com"}, "cutoverEnabled"),
])
def test_invalid_variant_settings_are_reported(overrides: dict[str, str], key: str) -> None:
    with pytest.raises(ConfigurationError) as error:
        settings_for("aurora", **overrides)
    assert any(p.startswith(f"{key}:") for p in error.value.problems), error.value.problems


def test_variant_settings_are_typed() -> None:
    serverless = settings_for("dms-serverless")
    assert (serverless.is_serverless, serverless.dms_min_capacity_units, serverless.dms_max_capacity_units) == (
        True, 2, 16)
    landing = settings_for("s3-landing")
    assert (landing.lands_in_s3, landing.landing_bucket_folder) == (True, "payments")
    base = settings_for("aurora")
    assert (base.is_serverless, base.lands_in_s3, base.is_docdb, base.source_engine) == (
        False, False, False, "postgres")


# -- secret rotation --------------------------------------------------------------------------------

@pytest.mark.parametrize(("variant", "engines"), [
    ("aurora", {"postgres"}), ("s3-landing", {"postgres"}), ("documentdb", {"mongodb"}),
])
def test_every_secret_rotates_with_the_single_user_function_of_its_engine(variant: str, engines: set[str]) -> None:
    from migration_stack.migration import ROTATION_APPLICATIONS

    run = cached_variant_run(variant, True)
    secrets = run.of_type("aws:secretsmanager/secret:Secret")
    rotations = run.of_type("aws:secretsmanager/secretRotation:SecretRotation")
    assert sorted(u for r in rotations for u in checks.deps(r, "secretId")) == sorted(s.urn for s in secrets)
    functions = run.of_type("aws:serverlessrepository/cloudFormationStack:CloudFormationStack")
    assert {f.inputs["applicationId"] for f in functions} == {ROTATION_APPLICATIONS[e] for e in engines}
    for rotation in rotations:
        assert rotation.inputs["rotationRules"]["automaticallyAfterDays"] == 30
        assert rotation.inputs["rotateImmediately"] is False
        assert rotation.inputs["rotationEnabled"] is True
        assert {f.urn for f in functions} >= set(checks.deps(rotation, "rotationLambdaArn"))
    for function in functions:
        assert set(function.inputs["capabilities"]) == {"CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"}
        assert function.inputs["parameters"]["endpoint"] == "https://secretsmanager.us-east-1.amazonaws.com"
        assert key_urn(run) in checks.deps(function, "parameters")


def test_rotation_days_are_bounded_by_the_policy_maximum() -> None:
    assert settings_for("aurora", secretRotationDays="60").secret_rotation_days == 60
    with pytest.raises(ConfigurationError) as error:
        settings_for("aurora", secretRotationDays="120")
    assert any(p.startswith("secretRotationDays:") for p in error.value.problems)
