"""neptune-cluster-encrypted: Neptune clusters encrypt storage with a customer-managed KMS key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...types import NEPTUNE_CLUSTER
from ._storage import REQUIRE_CMK_SETTING, StorageRule, require_cluster_key, require_encrypted

RULE = StorageRule(flag="storageEncrypted", key="kmsKeyArn", service="Neptune", managed_alias="aws/rds")


def check(r: ResourceCheck) -> None:
    if require_encrypted(r, RULE, "Neptune's storageEncrypted defaults to false"):
        require_cluster_key(r, RULE)


SPEC = ResourcePolicySpec(
    name="neptune-cluster-encrypted",
    description="Neptune clusters encrypt storage at rest with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(NEPTUNE_CLUSTER,),
    rule=(
        "`storageEncrypted` is true (it defaults to false, and encryption can only be chosen at creation: Amazon "
        "Neptune User Guide, \"Encrypting Neptune resources at rest\"); when `requireCustomerManagedKey`, "
        "`kmsKeyArn` is set and is not an AWS-managed key (`alias/aws/...`, by alias name or alias ARN)."
    ),
    unknown_handling="storageEncrypted: unverifiable. kmsKeyArn: an unknown value (a key created in the same program) "
                     "counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Set storage_encrypted=True and kms_key_arn=key.arn on the aws.neptune.Cluster.\n"
        "3. An existing unencrypted cluster cannot be encrypted in place: restore a snapshot into a new "
        "encrypted cluster."
    ),
    framework=Framework("AWS Security Hub", "Neptune.1"),
    refs=("Neptune.1", "CKV_AWS_44"),
    config=REQUIRE_CMK_SETTING,
    check=check,
    examples=(
        Example("Encrypted with a key from the same program", {"storageEncrypted": True, "kmsKeyArn": unknown()},
                "pass"),
        Example("Cluster without storageEncrypted", {"engine": "neptune"}, "fail", mentions=("storageEncrypted",)),
        Example("storageEncrypted false", {"storageEncrypted": False, "kmsKeyArn": unknown()}, "fail",
                mentions=("storageEncrypted is false",)),
        Example("Encrypted with the AWS-managed key by alias ARN",
                {"storageEncrypted": True, "kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:alias/aws/rds"}, "fail",
                mentions=("kmsKeyArn", "AWS-managed")),
        Example("Encrypted without a key, customer-managed key not required", {"storageEncrypted": True}, "pass",
                config={"requireCustomerManagedKey": False}),
        Example("storageEncrypted computed from another output", {"storageEncrypted": unknown("boolean"),
                                                                   "kmsKeyArn": unknown()},
                "unverifiable"),
    ),
)
