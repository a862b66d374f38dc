"""Integration tests of the S3 landing target (variant s3-landing), like test_refstack_integration: a
deployed stack with ``--live``, else moto with what the program declares. A module of its own, so its moto
deployment never overlaps the database variants' (moto's IAM is account-wide).

moto implements S3 and DMS S3 endpoints; it has no DMS Serverless and no DocumentDB, so those variants
are covered by the unit tests and the offline preview only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from migration_stack.variants import variant_config

from .deployed import Deployment, live_deployment, moto_deployment

MOTO_LANDING_VARIANTS = {"s3-landing": "s3-landing"}


def _live(config: pytest.Config) -> bool:
    return bool(config.getoption("--live", default=False)) or os.environ.get("REFERENCE_STACK_LIVE") == "1"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "landing_deployment" in metafunc.fixturenames:
        targets = ["live"] if _live(metafunc.config) else sorted(MOTO_LANDING_VARIANTS)
        metafunc.parametrize("landing_deployment", targets, indirect=True, scope="module")


@pytest.fixture(scope="module")
def landing_deployment(request: pytest.FixtureRequest) -> Iterator[Deployment]:
    if request.param == "live":
        with live_deployment(request.config.getoption("--stack", default=None)) as deployed:
            yield deployed
    else:
        with moto_deployment(variant_config(MOTO_LANDING_VARIANTS[request.param])) as deployed:
            yield deployed


def test_landing_bucket_is_versioned_kms_encrypted_private_and_tls_only(landing_deployment: Deployment) -> None:
    outputs = landing_deployment.outputs
    if outputs.get("migrationTarget", "database") != "s3":  # a live stack of another variant has no landing bucket
        assert "landingBucketName" not in outputs
        return
    s3, bucket = landing_deployment.client("s3"), outputs["landingBucketName"]
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    (rule,) = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"] == outputs["kmsKeyArn"]
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert block == {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                     "RestrictPublicBuckets": True}
    (ownership,) = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    assert ownership["ObjectOwnership"] == "BucketOwnerEnforced"
    (statement,) = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"]
    assert statement["Effect"] == "Deny" and statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_the_s3_target_writes_to_the_landing_bucket_with_sse_kms(landing_deployment: Deployment) -> None:
    outputs, dms = landing_deployment.outputs, landing_deployment.client("dms")
    if outputs.get("migrationTarget", "database") != "s3":
        assert "landingBucketName" not in outputs
        return
    (endpoint,) = dms.describe_endpoints(
        Filters=[{"Name": "endpoint-arn", "Values": [outputs["dmsTargetEndpointArn"]]}])["Endpoints"]
    assert endpoint["EngineName"] == "s3"
    settings = endpoint["S3Settings"]
    assert settings["BucketName"] == outputs["landingBucketName"]
    assert settings["EncryptionMode"] == "SSE_KMS"
    assert settings["ServerSideEncryptionKmsKeyId"] == outputs["kmsKeyArn"]
    assert settings["ServiceAccessRoleArn"] == outputs["dmsSecretsAccessRoleArn"]
    (task,) = dms.describe_replication_tasks(
        Filters=[{"Name": "replication-task-arn", "Values": [outputs["dmsReplicationTaskArn"]]}]
    )["ReplicationTasks"]
    assert task["TargetEndpointArn"] == outputs["dmsTargetEndpointArn"]
    assert task["MigrationType"] == "full-load-and-cdc"
