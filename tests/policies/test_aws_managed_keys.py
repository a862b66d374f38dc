"""Every encryption policy that asks for a customer-managed key refuses AWS-managed keys in every form."""

from __future__ import annotations

from typing import Any

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption import (
    cloudwatch_log_group_encrypted,
    dms_replication_config_encrypted,
    dms_replication_instance_encrypted,
    dms_s3_endpoint_encrypted,
    docdb_cluster_encrypted,
    dynamodb_table_encrypted,
    lambda_environment_encrypted,
    neptune_cluster_encrypted,
    rds_performance_insights_encrypted,
    rds_storage_encrypted,
    redshift_cluster_encrypted,
    secretsmanager_secret_cmk,
    sns_topic_encrypted,
)
from migration_guard_policies.rules import is_aws_managed_key
from migration_guard_policies.spec import ResourcePolicySpec

AWS_MANAGED = [
    "alias/aws/rds",
    "alias/aws/secretsmanager",
    "ALIAS/AWS/DMS",
    "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds",
    "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/sns",
    "arn:aws-cn:kms:cn-north-1:111122223333:alias/aws/kms-anything",
]
CUSTOMER = [
    "alias/migration-dev",
    "alias/team/aws/rds",
    "1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:eu-west-1:111122223333:alias/aws-team",
]

# (spec, resource props with the key under test at the KEY marker, config)
KEY = object()
CASES: list[tuple[ResourcePolicySpec, dict[str, Any], dict[str, Any]]] = [
    (rds_storage_encrypted.SPEC, {"engine": "postgres", "storageEncrypted": True, "kmsKeyId": KEY}, {}),
    (rds_performance_insights_encrypted.SPEC, {"performanceInsightsEnabled": True,
                                               "performanceInsightsKmsKeyId": KEY}, {}),
    (dms_replication_instance_encrypted.SPEC, {"kmsKeyArn": KEY}, {}),
    (dms_replication_config_encrypted.SPEC, {"computeConfig": {"kmsKeyId": KEY}}, {}),
    (dms_s3_endpoint_encrypted.SPEC, {"endpointType": "target", "encryptionMode": "SSE_KMS",
                                      "serverSideEncryptionKmsKeyId": KEY}, {}),
    (secretsmanager_secret_cmk.SPEC, {"kmsKeyId": KEY}, {}),
    (secretsmanager_secret_cmk.SPEC, {"kmsKeyId": unknown(), "replicas": [{"region": "us-west-2", "kmsKeyId": KEY}]},
     {}),
    (sns_topic_encrypted.SPEC, {"kmsMasterKeyId": KEY}, {"requireCustomerManagedKey": True}),
    (cloudwatch_log_group_encrypted.SPEC, {"kmsKeyId": KEY}, {}),
    (lambda_environment_encrypted.SPEC, {"environment": {"variables": {"MODE": "x"}}, "kmsKeyArn": KEY}, {}),
    (docdb_cluster_encrypted.SPEC, {"storageEncrypted": True, "kmsKeyId": KEY}, {}),
    (neptune_cluster_encrypted.SPEC, {"storageEncrypted": True, "kmsKeyArn": KEY}, {}),
    (redshift_cluster_encrypted.SPEC, {"encrypted": "true", "kmsKeyId": KEY}, {}),
    (dynamodb_table_encrypted.SPEC, {"serverSideEncryption": {"enabled": True, "kmsKeyArn": KEY}},
     {"requireCustomerManagedKey": True}),
]


def with_key(props: dict[str, Any], key: str) -> dict[str, Any]:
    def put(value: Any) -> Any:
        if value is KEY:
            return key
        if isinstance(value, dict):
            return {k: put(v) for k, v in value.items()}
        if isinstance(value, list):
            return [put(v) for v in value]
        return value

    return put(props)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0].name)
@pytest.mark.parametrize("key", AWS_MANAGED)
def test_aws_managed_keys_fail(case: tuple[ResourcePolicySpec, dict[str, Any], dict[str, Any]], key: str) -> None:
    spec, props, config = case
    result = analyze_resource(spec, spec.resource_types[0], with_key(props, key), config=config)
    assert result.violations and "AWS-managed" in result.all_text()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case[0].name)
@pytest.mark.parametrize("key", CUSTOMER)
def test_customer_keys_pass(case: tuple[ResourcePolicySpec, dict[str, Any], dict[str, Any]], key: str) -> None:
    spec, props, config = case
    assert analyze_resource(spec, spec.resource_types[0], with_key(props, key), config=config).passed


@pytest.mark.parametrize("value", [None, 3, "", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "arn:aws:kms:x:y:key/alias/aws"])
def test_is_aws_managed_key_is_false_for_everything_else(value: object) -> None:
    assert not is_aws_managed_key(value)
