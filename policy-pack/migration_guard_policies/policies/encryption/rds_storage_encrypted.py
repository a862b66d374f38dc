"""rds-storage-encrypted: databases encrypt storage at rest, with a customer-managed key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...props import Read, contains_unknown_text
from ...types import RDS_CLUSTER, RDS_INSTANCE
from ..rds_common import inherited_from_source, is_aurora
from ._common import customer_key_problem, require_key

KEY_MISSING = (
    "kmsKeyId is not set: storage would be encrypted with the AWS-managed aws/rds key, which cannot be rotated "
    "on your schedule, shared across accounts or revoked. Set kmsKeyId to a customer-managed KMS key."
)
REGIONAL_KEY_MISSING = (
    "kmsKeyId is not set on a {what}: KMS keys are Regional, so this database cannot use its source's key and "
    "would be encrypted with the AWS-managed aws/rds key of its own Region. Set kmsKeyId to a customer-managed "
    "key of this resource's Region."
)
WHY_REGION = "a cross-Region replica must set kmsKeyId to a customer-managed key of its own Region"


def _arn_region(value: str) -> str | None:
    """The Region of an RDS ARN (arn:<partition>:rds:<region>:<account>:...), or None for an identifier."""
    parts = value.split(":")
    if len(parts) >= 6 and parts[0] == "arn" and parts[2] == "rds" and parts[3]:
        return parts[3].lower()
    return None


def _own_region(r: ResourceCheck) -> Read:
    """The Region this resource is created in: its own `region` (pulumi-aws 7) or its provider's."""
    own = r.props.get("region")
    return own if own.present else r.provider.get("region")


def _is_cross_region(r: ResourceCheck, source: Read) -> bool | None:
    """True for a replica whose source ARN is in another Region; None when that cannot be decided yet."""
    if source.has_unknown():
        r.unverifiable(source.path, WHY_REGION)
        return None
    source_region = _arn_region(source.str() or "")
    if source_region is None:
        return False  # a same-Region source may be named by identifier; a cross-Region one needs its ARN
    region = _own_region(r).str()
    if region is None or contains_unknown_text(region):
        r.unverifiable("region", f"the source is an ARN and {WHY_REGION}")
        return None
    return region.lower() != source_region


def _replica_source(r: ResourceCheck) -> Read | None:
    prop = "replicateSourceDb" if r.type == RDS_INSTANCE else "replicationSourceIdentifier"
    source = r.props.get(prop)
    return source if source.present else None


def _replica_or_member(r: ResourceCheck) -> bool:
    """Cross-Region replicas and global-cluster members need a key of their own Region; True when handled.

    Replicas and global secondaries inherit storage encryption; only their Regional key is checked.
    """
    source = _replica_source(r)
    secondary = (source is None and r.type == RDS_CLUSTER and r.props.get("globalClusterIdentifier").present
                 and inherited_from_source(r.type, r.props) is not None)
    if source is None and not secondary:
        return False
    if not r.config.get("requireCustomerManagedKey"):
        raise r.not_applicable("storage encryption: a replica or global-cluster secondary inherits it from its source")
    if source is not None and customer_key_problem(r.props.get("kmsKeyId")) is not None:
        cross = _is_cross_region(r, source)
        if cross is False:
            raise r.not_applicable("storage encryption: a same-Region replica inherits it and its key from its source")
        if cross is None:
            return True
    what = "member of a global cluster" if secondary else "cross-Region replica"
    require_key(r, "kmsKeyId", REGIONAL_KEY_MISSING.format(what=what))
    return True


def check(r: ResourceCheck) -> None:
    if _replica_or_member(r):
        return
    reason = inherited_from_source(r.type, r.props)
    if reason:
        raise r.not_applicable(f"storage encryption: {reason}")
    if r.type == RDS_INSTANCE and is_aurora(r.props):
        raise r.not_applicable("Aurora storage encryption is checked on the cluster")
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
    if r.config.get("requireCustomerManagedKey"):
        require_key(r, "kmsKeyId", KEY_MISSING)


SPEC = ResourcePolicySpec(
    name="rds-storage-encrypted",
    description="RDS instances and clusters encrypt storage at rest with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    rule=(
        "`storageEncrypted` is true (it defaults to false for provisioned clusters and instances); when "
        "`requireCustomerManagedKey`, `kmsKeyId` is set and is not an AWS-managed key (`alias/aws/...` by alias "
        "name or alias ARN). Replicas (Instance `replicateSourceDb`, Cluster `replicationSourceIdentifier`), "
        "snapshot and point-in-time restores and global-cluster secondaries inherit encryption within one "
        "Region: not applicable. KMS keys are Regional, so a cross-Region replica (its source is an RDS ARN of "
        "another Region than the resource's `region` or its provider's) and a secondary member of a global "
        "cluster (`globalClusterIdentifier`) must set `kmsKeyId` when `requireCustomerManagedKey` (RDS API "
        "CreateDBInstanceReadReplica / CreateDBCluster, KmsKeyId: a replica in another Region must name a key "
        "of the destination Region). Aurora Serverless v1 (`engineMode: serverless`) is always encrypted: "
        "passes. Aurora is checked on the Cluster."
    ),
    unknown_handling=(
        "kmsKeyId: an unknown value counts as set. storageEncrypted: unverifiable. A replica without kmsKeyId "
        "whose source or Region is unknown: unverifiable (whether it is cross-Region decides)."
    ),
    remediation=(
        "1. Create a customer-managed KMS key with rotation (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Set storage_encrypted=True and kms_key_id=key.arn on the aws.rds.Cluster or aws.rds.Instance.\n"
        "3. An existing unencrypted database cannot be encrypted in place: snapshot it, copy the snapshot "
        "with the key, and restore from the encrypted copy."
    ),
    framework=Framework("AWS Config managed rule", "rds-storage-encrypted"),
    refs=("CKV_AWS_16", "CKV_AWS_96", "CKV_AWS_327", "seed 000"),
    config={
        "requireCustomerManagedKey": {
            "type": "boolean",
            "default": True,
            "description": "Also require kmsKeyId (a customer-managed key) rather than the AWS-managed aws/rds key.",
        }
    },
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
            "Same-Region read replica (source by identifier) inherits encryption and key",
            {"engine": "postgres", "replicateSourceDb": "orders-primary-dev"},
            "not_applicable",
        ),
        Example(
            "Read replica whose source is unknown during preview and without a key of its own",
            {"engine": "postgres", "replicateSourceDb": unknown()},
            "unverifiable",
        ),
        Example(
            "Cross-Region read replica without a key of its Region",
            {"engine": "postgres", "replicateSourceDb": "arn:aws:rds:us-east-1:111122223333:db:orders-primary-dev"},
            "fail",
            provider={"region": "us-west-2"},
            mentions=("kmsKeyId", "cross-Region"),
        ),
        Example(
            "Cross-Region read replica with a customer-managed key of its Region",
            {"engine": "postgres", "replicateSourceDb": "arn:aws:rds:us-east-1:111122223333:db:orders-primary-dev",
             "kmsKeyId": unknown()},
            "pass",
            provider={"region": "us-west-2"},
        ),
        Example(
            "Secondary cluster of a global database without a key of its Region",
            {"engine": "aurora-postgresql", "globalClusterIdentifier": "orders-global-dev"},
            "fail",
            type=RDS_CLUSTER,
            mentions=("kmsKeyId", "global cluster"),
        ),
        Example(
            "Encrypted with the AWS-managed key named by its alias ARN",
            {"engine": "postgres", "storageEncrypted": True,
             "kmsKeyId": "arn:aws:kms:us-east-1:111122223333:alias/aws/rds"},
            "fail",
            mentions=("kmsKeyId", "AWS-managed"),
        ),
        Example(
            "Aurora Serverless v1 is always encrypted",
            {"engine": "aurora-postgresql", "engineMode": "serverless"},
            "pass",
            type=RDS_CLUSTER,
        ),
    ),
)
