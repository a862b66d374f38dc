"""redshift-cluster-encrypted: Redshift clusters are explicitly encrypted with a customer-managed KMS key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...types import REDSHIFT_CLUSTER
from ._storage import REQUIRE_CMK_SETTING, StorageRule, require_cluster_key, require_encrypted

RULE = StorageRule(flag="encrypted", key="kmsKeyId", service="Redshift", managed_alias="aws/redshift")


def check(r: ResourceCheck) -> None:
    if require_encrypted(r, RULE, "Redshift's default has changed over time, so the policy asks for the explicit "
                                  "setting"):
        require_cluster_key(r, RULE)


SPEC = ResourcePolicySpec(
    name="redshift-cluster-encrypted",
    description="Redshift clusters are explicitly encrypted at rest with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(REDSHIFT_CLUSTER,),
    rule=(
        "`encrypted` is explicitly true (a boolean, or the string \"true\" that pulumi-aws 7 uses): Redshift's "
        "default for new clusters has changed over time, so the policy does not rely on it (Amazon Redshift "
        "Management Guide, \"Amazon Redshift database encryption\"); when `requireCustomerManagedKey`, `kmsKeyId` "
        "is set and is not an AWS-managed key (`alias/aws/...`, by alias name or alias ARN)."
    ),
    unknown_handling="encrypted: unverifiable. kmsKeyId: an unknown value (a key created in the same program) counts "
                     "as set.",
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True).\n"
        "2. Set encrypted=\"true\" (pulumi-aws 7; True in earlier versions) and kms_key_id=key.arn on the "
        "aws.redshift.Cluster.\n"
        "3. An existing cluster can be moved to the key with a cluster modification (Redshift migrates the data); "
        "plan for the resize-like downtime."
    ),
    framework=Framework("AWS Security Hub", "Redshift.10"),
    refs=("Redshift.10", "CKV_AWS_64"),
    config=REQUIRE_CMK_SETTING,
    check=check,
    examples=(
        Example("Encrypted with a key from the same program (pulumi-aws 7 string)",
                {"clusterIdentifier": "warehouse-dev", "encrypted": "true", "kmsKeyId": unknown()}, "pass"),
        Example("Encrypted with a key (boolean, earlier pulumi-aws)", {"encrypted": True, "kmsKeyId": unknown()},
                "pass"),
        Example("Cluster relying on Redshift's default", {"clusterIdentifier": "warehouse-dev", "nodeType": "ra3.xlplus"},
                "fail", mentions=("encrypted is not set",)),
        Example("Encrypted with the AWS-managed aws/redshift key", {"encrypted": "true",
                                                                     "kmsKeyId": "alias/aws/redshift"},
                "fail", mentions=("kmsKeyId", "AWS-managed")),
        Example("Encrypted without a key, customer-managed key not required", {"encrypted": "true"}, "pass",
                config={"requireCustomerManagedKey": False}),
        Example("encrypted computed from another output", {"encrypted": unknown(), "kmsKeyId": unknown()},
                "unverifiable"),
    ),
)
