"""docdb-cluster-encrypted: DocumentDB clusters encrypt storage with a customer-managed KMS key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...types import DOCDB_CLUSTER
from ._storage import REQUIRE_CMK_SETTING, StorageRule, require_cluster_key, require_encrypted

RULE = StorageRule(flag="storageEncrypted", key="kmsKeyId", service="DocumentDB", managed_alias="aws/rds")


def _is_global_secondary(r: ResourceCheck) -> bool:
    """A secondary of a global cluster: it joins one and sets no master credentials of its own."""
    return r.props.get("globalClusterIdentifier").present and not (
        r.props.get("masterUsername").present or r.props.get("masterPassword").present
        or r.props.get("masterPasswordWo").present or r.props.get("manageMasterUserPassword").present
    )


def check(r: ResourceCheck) -> None:
    if _is_global_secondary(r):
        if not r.config.get("requireCustomerManagedKey"):
            raise r.not_applicable("a secondary cluster of a global cluster inherits storage encryption")
        # Secondaries are in other Regions than the primary, and KMS keys are Regional.
        require_cluster_key(r, RULE)
        return
    if require_encrypted(r, RULE, "DocumentDB's storageEncrypted defaults to false outside the console"):
        require_cluster_key(r, RULE)


SPEC = ResourcePolicySpec(
    name="docdb-cluster-encrypted",
    description="DocumentDB clusters encrypt storage at rest with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(DOCDB_CLUSTER,),
    rule=(
        "`storageEncrypted` is true (DocumentDB defaults to false when a cluster is created through the API, "
        "CloudFormation or Pulumi; only the console turns it on: Amazon DocumentDB Developer Guide, \"Encrypting "
        "Amazon DocumentDB data at rest\"); when `requireCustomerManagedKey`, `kmsKeyId` is set and is not an "
        "AWS-managed key (`alias/aws/...`). Secondary clusters of a global cluster (`globalClusterIdentifier` "
        "without master credentials) inherit encryption: storageEncrypted is not checked there, and since a "
        "secondary is always in another Region than the primary and KMS keys are Regional, kmsKeyId is still "
        "required when requireCustomerManagedKey (without it: not applicable)."
    ),
    unknown_handling="storageEncrypted: unverifiable. kmsKeyId: an unknown value (a key created in the same program) "
                     "counts as set.",
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Set storage_encrypted=True and kms_key_id=key.arn on the aws.docdb.Cluster.\n"
        "3. An existing unencrypted cluster cannot be encrypted in place: snapshot it and restore the snapshot "
        "into a new cluster with storage_encrypted=True and kms_key_id."
    ),
    framework=Framework("AWS Security Hub", "DocumentDB.1"),
    refs=("DocumentDB.1", "CKV_AWS_74"),
    config=REQUIRE_CMK_SETTING,
    check=check,
    examples=(
        Example("Encrypted with a key from the same program",
                {"engine": "docdb", "masterUsername": "admin", "storageEncrypted": True, "kmsKeyId": unknown()},
                "pass"),
        Example("Cluster without storageEncrypted (defaults to false)", {"engine": "docdb", "masterUsername": "admin"},
                "fail", mentions=("storageEncrypted",)),
        Example("Encrypted with the AWS-managed key", {"storageEncrypted": True, "kmsKeyId": "alias/aws/rds"}, "fail",
                mentions=("kmsKeyId", "AWS-managed")),
        Example("Encrypted without a key, customer-managed key not required", {"storageEncrypted": True}, "pass",
                config={"requireCustomerManagedKey": False}),
        Example("storageEncrypted computed from another output", {"storageEncrypted": unknown("boolean"),
                                                                   "kmsKeyId": unknown()}, "unverifiable"),
        Example("Secondary of a global cluster with a key of its Region",
                {"globalClusterIdentifier": "catalog-global-dev", "kmsKeyId": unknown()}, "pass"),
        Example("Secondary of a global cluster, customer-managed key not required",
                {"globalClusterIdentifier": "catalog-global-dev"}, "not_applicable",
                config={"requireCustomerManagedKey": False}),
    ),
)
