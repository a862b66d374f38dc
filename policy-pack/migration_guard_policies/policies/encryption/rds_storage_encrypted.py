"""rds-storage-encrypted: databases encrypt storage at rest, with a customer-managed key."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import BoolSetting
from ...spec import Family, Framework, ResourcePolicySpec
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import inherited_from_source, is_aurora

REQUIRE_CMK = BoolSetting(
    "requireCustomerManagedKey",
    default=True,
    description="Also require kmsKeyId (a customer-managed key) rather than the AWS-managed aws/rds key.",
)

def check(r: ResourceCheck) -> None:
    reason = inherited_from_source(r.type, r.props)
    if reason:
        r.not_applicable(f"storage encryption: {reason}")
    if r.type == RDS_INSTANCE and is_aurora(r.props):
        r.not_applicable("Aurora storage encryption is checked on the cluster")
    if r.type == RDS_CLUSTER and r.props.get("engineMode").str() == "serverless":
        return  # Aurora Serverless v1 is always encrypted

    encrypted = r.props.get("storageEncrypted")
    unknown_flag = r.check_unknown(encrypted, "storage encryption cannot be changed after creation")
    if not unknown_flag and not encrypted.is_true():
        r.violation(
            "storageEncrypted is not true: storage would be unencrypted (it defaults to false). "
            "Set storageEncrypted: true and kmsKeyId to a customer-managed KMS key."
        )
        return
    if r.setting(REQUIRE_CMK) and not r.props.get("kmsKeyId").present:
        r.violation(
            "kmsKeyId is not set: storage would be encrypted with the AWS-managed aws/rds key, which "
            "cannot be rotated on your schedule, shared across accounts or revoked. Set kmsKeyId to a "
            "customer-managed KMS key."
        )


SPEC = ResourcePolicySpec(
    name="rds-storage-encrypted",
    description="RDS instances and clusters encrypt storage at rest with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "`storageEncrypted` is true (it defaults to false for provisioned clusters and instances); when "
        "`requireCustomerManagedKey`, `kmsKeyId` is set. Replicas (Instance `replicateSourceDb`, Cluster "
        "`replicationSourceIdentifier`), snapshot and point-in-time restores and global-cluster secondaries "
        "inherit encryption: not applicable. Aurora Serverless v1 (`engineMode: serverless`) is always "
        "encrypted: passes. Aurora is checked on the Cluster."
    ),
    unknown_handling="kmsKeyId: an unknown value counts as set. storageEncrypted: unverifiable.",
    remediation=(
        "1. Create a customer-managed KMS key with rotation (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Set storage_encrypted=True and kms_key_id=key.arn on the aws.rds.Cluster or aws.rds.Instance.\n"
        "3. An existing unencrypted database cannot be encrypted in place: snapshot it, copy the snapshot "
        "with the key, and restore from the encrypted copy."
    ),
    framework=Framework("AWS Config managed rule", "rds-storage-encrypted"),
    refs=("CKV_AWS_16", "CKV_AWS_96", "CKV_AWS_327", "seed 000"),
    settings=(REQUIRE_CMK,),
    check=check,
    examples=(
        Example(
            "Aurora cluster encrypted with a customer-managed key created in the same program",
            {"engine": "aurora-postgresql", "storageEncrypted": True, "kmsKeyId": unknown()},
            "pass",
            type=RDS_CLUSTER,
        ),
        Example(
            "Instance without storageEncrypted (defaults to false)",
            {"engine": "postgres", "instanceClass": "db.r6g.large"},
            "fail",
            mentions=("storageEncrypted",),
        ),
        Example(
            "Encrypted with the AWS-managed key while a customer-managed key is required",
            {"engine": "postgres", "storageEncrypted": True},
            "fail",
            mentions=("kmsKeyId",),
        ),
        Example(
            "Encrypted with the AWS-managed key, customer-managed key not required",
            {"engine": "postgres", "storageEncrypted": True},
            "pass",
            config={"requireCustomerManagedKey": False},
        ),
        Example(
            "storageEncrypted computed from another resource's output",
            {"engine": "postgres", "storageEncrypted": unknown("boolean"), "kmsKeyId": unknown()},
            "unverifiable",
        ),
        Example(
            "Read replica inherits encryption from its source",
            {"engine": "postgres", "replicateSourceDb": unknown()},
            "not_applicable",
        ),
        Example(
            "Aurora Serverless v1 is always encrypted",
            {"engine": "aurora-postgresql", "engineMode": "serverless"},
            "pass",
            type=RDS_CLUSTER,
        ),
    ),
)
