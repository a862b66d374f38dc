"""dms-replication-config-encrypted: DMS Serverless storage uses a customer-managed KMS key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import DMS_REPLICATION_CONFIG
from ._common import require_key


def check(r: ResourceCheck) -> None:
    require_key(
        r,
        "computeConfig.kmsKeyId",
        "computeConfig.kmsKeyId is not set: the DMS Serverless replication's storage (cached changes, task logs, "
        "table data in flight) would be encrypted with DMS's default key, the AWS-managed aws/dms key. Set "
        "computeConfig.kmsKeyId to a customer-managed KMS key.",
    )


def _config(**compute: object) -> dict[str, object]:
    return {"replicationConfigIdentifier": "orders-cdc-dev", "replicationType": "full-load-and-cdc",
            "sourceEndpointArn": unknown(), "targetEndpointArn": unknown(), "tableMappings": unknown(),
            "computeConfig": {"replicationSubnetGroupId": unknown(), "maxCapacityUnits": 16, **compute}}


SPEC = ResourcePolicySpec(
    name="dms-replication-config-encrypted",
    description="DMS Serverless replication configs encrypt their storage with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(DMS_REPLICATION_CONFIG,),
    rule=(
        "`computeConfig.kmsKeyId` is set and is not an AWS-managed key (`alias/aws/...`, by alias name or alias "
        "ARN): without it DMS Serverless encrypts the replication's storage with its default key, the AWS-managed "
        "aws/dms key (DMS API ComputeConfig.KmsKeyId). A value that is not a key identifier fails."
    ),
    unknown_handling="present: an unknown computeConfig or kmsKeyId (a key created in the same program) counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True) whose policy lets DMS use it.\n"
        "2. Set compute_config={..., \"kms_key_id\": key.arn} on the aws.dms.ReplicationConfig.\n"
        "3. The key of an existing configuration cannot be changed in place: the configuration is replaced, so "
        "plan the change between replications."
    ),
    refs=("seed 004 (DMS storage encryption)",),
    check=check,
    examples=(
        Example("Serverless config with a key from the same program", _config(kmsKeyId=unknown(), multiAz=True),
                "pass"),
        Example("Serverless config without a key", _config(multiAz=True), "fail",
                mentions=("computeConfig.kmsKeyId",)),
        Example("Serverless config with the AWS-managed aws/dms key by alias ARN",
                _config(kmsKeyId="arn:aws:kms:eu-west-1:111122223333:alias/aws/dms"), "fail",
                mentions=("computeConfig.kmsKeyId", "AWS-managed")),
        Example("computeConfig computed from another output (counts as set)",
                {"replicationConfigIdentifier": "orders-cdc-dev", "computeConfig": unknown("object")}, "pass"),
    ),
)
