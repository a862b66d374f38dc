"""dms-replication-instance-encrypted: DMS replication instance storage uses a customer-managed key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import DMS_REPLICATION_INSTANCE
from ._common import require_key


def check(r: ResourceCheck) -> None:
    require_key(
        r,
        "kmsKeyArn",
        "kmsKeyArn is not set: the replication instance's storage (cached changes, task logs, table data "
        "in flight) would be encrypted with the AWS-managed aws/dms key. Set kmsKeyArn to a customer-managed "
        "KMS key.",
    )


SPEC = ResourcePolicySpec(
    name="dms-replication-instance-encrypted",
    description="DMS replication instances encrypt their storage with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(DMS_REPLICATION_INSTANCE,),
    rule="`kmsKeyArn` is set on every DMS replication instance and is not an AWS-managed key (`alias/aws/...`, by alias name or alias ARN).",
    unknown_handling="present: an unknown kmsKeyArn (a key created in the same program) counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Set kms_key_arn=key.arn on the aws.dms.ReplicationInstance.\n"
        "3. The key cannot be changed on an existing instance: the instance is replaced, so plan the change "
        "between migration tasks."
    ),
    refs=("CKV_AWS_212",),
    check=check,
    examples=(
        Example(
            "Replication instance encrypted with a key from the same program",
            {"replicationInstanceClass": "dms.r6i.large", "kmsKeyArn": unknown()},
            "pass",
        ),
        Example(
            "Replication instance encrypted with a literal key ARN",
            {
                "replicationInstanceClass": "dms.r6i.large",
                "kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
            "pass",
        ),
        Example(
            "No kmsKeyArn: the AWS-managed aws/dms key is used",
            {"replicationInstanceClass": "dms.r6i.large"},
            "fail",
            mentions=("kmsKeyArn",),
        ),
        Example(
            "Empty kmsKeyArn",
            {"replicationInstanceClass": "dms.r6i.large", "kmsKeyArn": ""},
            "fail",
            mentions=("kmsKeyArn",),
        ),
    ),
)
