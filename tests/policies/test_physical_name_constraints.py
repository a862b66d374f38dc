"""physical-name-constraints: each AWS naming rule, name prefixes, SNS FIFO names, unknown names."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies import types as t
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.naming.physical_name_constraints import SPEC

VALID = [
    (t.RDS_INSTANCE, "identifier", "migration-postgres-dev"),
    (t.RDS_CLUSTER, "clusterIdentifier", "migration-aurora-dev"),
    (t.RDS_CLUSTER_INSTANCE, "identifier", "migration-aurora-1-dev"),
    (t.RDS_SUBNET_GROUP, "name", "migration-db-subnets-dev"),
    (t.RDS_PARAMETER_GROUP, "name", "migration-postgres-pg-16-dev"),
    (t.RDS_CLUSTER_PARAMETER_GROUP, "name", "migration-aurora-pg-16-dev"),
    (t.S3_BUCKET, "bucket", "migration-artifacts.dev-123456789012"),
    (t.DMS_REPLICATION_INSTANCE, "replicationInstanceId", "migration-dms-dev"),
    (t.DMS_REPLICATION_TASK, "replicationTaskId", "migration-full-load-and-cdc-dev"),
    (t.DMS_ENDPOINT, "endpointId", "migration-source-dev"),
    (t.DMS_REPLICATION_SUBNET_GROUP, "replicationSubnetGroupId", "migration-dms-subnets-dev"),
    (t.SECRETSMANAGER_SECRET, "name", "migration/dev/dms/source+ro@db=1"),
    (t.CLOUDWATCH_LOG_GROUP, "name", "/aws/rds/cluster/migration-aurora-dev/postgresql#1"),
    (t.CLOUDWATCH_METRIC_ALARM, "name", "Migration dev: CPU > 80% (writer)"),
    (t.KMS_ALIAS, "name", "alias/migration-dev"),
    (t.IAM_ROLE, "name", "migration-flow-logs-role-dev"),
    (t.IAM_POLICY, "name", "migration.dms_access+ro,dev@x=1"),
    (t.LB_LOAD_BALANCER, "name", "migration-api-dev"),
    (t.ALB_TARGET_GROUP, "name", "migration-api-tg-dev"),
    (t.SNS_TOPIC, "name", "migration_alarms-dev"),
    (t.ELASTICACHE_REPLICATION_GROUP, "replicationGroupId", "migration-cache-dev"),
    ("aws:docdb/cluster:Cluster", "clusterIdentifier", "Catalog-DocDB-dev"),  # stored lowercase
    ("aws:neptune/cluster:Cluster", "clusterIdentifier", "graph-dev"),
    ("aws:redshift/cluster:Cluster", "clusterIdentifier", "warehouse-dev"),
    ("aws:dms/s3Endpoint:S3Endpoint", "endpointId", "landing-target-dev"),
]

INVALID = [
    ("aws:docdb/cluster:Cluster", "clusterIdentifier", "1catalog", "start with a letter"),
    ("aws:neptune/cluster:Cluster", "clusterIdentifier", "graph--dev", "two consecutive hyphens"),
    ("aws:neptune/cluster:Cluster", "clusterIdentifierPrefix", "g" * 40, "at most 37"),
    ("aws:redshift/cluster:Cluster", "clusterIdentifier", "Warehouse", "'W'"),
    ("aws:redshift/cluster:Cluster", "clusterIdentifier", "w" * 64, "at most 63"),
    ("aws:dms/s3Endpoint:S3Endpoint", "endpointId", "landing.dev", "'.'"),
    (t.RDS_INSTANCE, "identifier", "orders-db-", "end with a hyphen"),
    (t.RDS_INSTANCE, "identifier", "a" * 64, "at most 63"),
    (t.RDS_CLUSTER, "clusterIdentifier", "orders_db", "'_'"),
    (t.RDS_SUBNET_GROUP, "name", "default", "'default'"),
    (t.RDS_PARAMETER_GROUP, "name", "pg.16", "'.'"),
    (t.S3_BUCKET_V2, "bucket", "ab", "shorter than 3"),
    (t.S3_BUCKET, "bucket", "192.168.1.10", "IP address"),
    (t.S3_BUCKET, "bucket", "xn--bucket", "xn--"),
    (t.S3_BUCKET, "bucket", "logs..dev", "two adjacent periods"),
    (t.S3_BUCKET, "bucket", "logs-dev-s3alias", "-s3alias"),
    (t.DMS_REPLICATION_INSTANCE, "replicationInstanceId", "9dms", "start with a letter"),
    (t.DMS_REPLICATION_TASK, "replicationTaskId", "task--dev", "two consecutive hyphens"),
    (t.DMS_ENDPOINT, "endpointId", "source.dev", "'.'"),
    (t.SECRETSMANAGER_SECRET, "name", "db secret", "' '"),
    (t.SECRETSMANAGER_SECRET, "name", "s" * 513, "at most 512"),
    (t.CLOUDWATCH_LOG_GROUP, "name", "/app/dev:errors", "':'"),
    (t.KMS_ALIAS, "name", "alias/aws/rds", "alias/aws/"),
    (t.IAM_ROLE, "name", "r" * 65, "at most 64"),
    (t.IAM_ROLE, "name", "rôle-dev", "'ô'"),
    (t.LB_LOAD_BALANCER, "name", "internal-api-dev", "internal-"),
    (t.ALB_LOAD_BALANCER, "name", "-api-dev", "start with a hyphen"),
    (t.LB_TARGET_GROUP, "name", "api_tg", "'_'"),
    (t.SNS_TOPIC, "name", "alarms.dev", "'.'"),
    (t.ELASTICACHE_REPLICATION_GROUP, "replicationGroupId", "cache-", "end with a hyphen"),
]


@pytest.mark.parametrize(("type_", "prop", "value"), VALID, ids=[v[0].split(":")[-1] for v in VALID])
def test_valid_names_pass(type_: str, prop: str, value: str) -> None:
    result = analyze_resource(SPEC, type_, {prop: value})
    assert result.passed, result.messages()


@pytest.mark.parametrize(("type_", "prop", "value", "needle"), INVALID, ids=[v[3] for v in INVALID])
def test_invalid_names_fail_naming_the_rule_and_reference(type_: str, prop: str, value: str, needle: str) -> None:
    result = analyze_resource(SPEC, type_, {prop: value})
    assert len(result.violations) == 1, result.messages()
    message = result.violations[0].message
    assert needle in message and prop in message
    assert any(ref in message for ref in ("Create", "PutMetricAlarm")), "the message cites the AWS API reference"


def test_prefix_leaves_room_for_the_generated_suffix() -> None:
    assert analyze_resource(SPEC, t.RDS_INSTANCE, {"identifierPrefix": "p" * 37}).passed
    result = analyze_resource(SPEC, t.RDS_INSTANCE, {"identifierPrefix": "p" * 38})
    assert "at most 37" in result.violations[0].message


def test_prefix_may_end_with_a_hyphen_but_must_start_right() -> None:
    assert analyze_resource(SPEC, t.RDS_CLUSTER, {"clusterIdentifierPrefix": "orders-"}).passed
    assert analyze_resource(SPEC, t.RDS_CLUSTER, {"clusterIdentifierPrefix": "1orders-"}).violations
    assert analyze_resource(SPEC, t.KMS_ALIAS, {"namePrefix": "alias/orders-"}).passed
    assert analyze_resource(SPEC, t.KMS_ALIAS, {"namePrefix": "orders-"}).violations


@pytest.mark.parametrize(
    ("props", "outcome"),
    [
        ({"name": "events-dev.fifo", "fifoTopic": True}, "pass"),
        ({"name": "events-dev", "fifoTopic": True}, "fail"),
        ({"name": "events-dev.fifo"}, "fail"),
        ({"name": "events-dev.fifo", "fifoTopic": unknown("boolean")}, "unverifiable"),
        ({"name": "events-dev", "fifoTopic": unknown("boolean")}, "pass"),
        ({"namePrefix": "e" * 225, "fifoTopic": True}, "pass"),
        ({"namePrefix": "e" * 226, "fifoTopic": True}, "fail"),
    ],
)
def test_sns_fifo_names(props: dict[str, object], outcome: str) -> None:
    result = analyze_resource(SPEC, t.SNS_TOPIC, props)
    got = "fail" if result.violations else "unverifiable" if result.unverifiable else "pass"
    assert got == outcome, result.messages()


def test_unknown_and_odd_values_never_crash() -> None:
    assert analyze_resource(SPEC, t.IAM_ROLE, {"name": unknown()}).unverifiable
    wrong = analyze_resource(SPEC, t.IAM_ROLE, {"name": 4242, "namePrefix": None})  # a wrong type is never absent
    assert [v.detail for v in wrong.violations if "has the wrong type (expected string)" in v.detail]
    assert "4242" not in wrong.all_text()
    assert analyze_resource(SPEC, t.IAM_ROLE, {"name": ""}).passed  # empty: the provider generates a name
