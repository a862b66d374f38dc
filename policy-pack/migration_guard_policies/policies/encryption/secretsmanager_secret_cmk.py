"""secretsmanager-secret-cmk: secrets are encrypted with a customer-managed KMS key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, Framework, ResourceCheck, ResourcePolicySpec
from ...types import SECRETSMANAGER_SECRET
from ._common import customer_key_problem, require_key

REMEDY = "Set kmsKeyId to a customer-managed KMS key."


def _replicas(r: ResourceCheck) -> None:
    for replica in r.props.all("replicas[*]"):
        if replica.unknown or replica.has_unknown() and replica.map() is None:
            continue  # a replica list computed from another output: present
        if replica.map() is None:
            r.violation(f"{replica.path} cannot be read as a replica (region, kmsKeyId). {REMEDY}")
            continue
        problem = customer_key_problem(r.props.get(f"{replica.path}.kmsKeyId"))
        if problem:
            r.violation(
                f"{problem}: the replica would be encrypted with the AWS-managed aws/secretsmanager key of its "
                f"Region. Set kmsKeyId on every replicas entry to a customer-managed key of that Region."
            )


def check(r: ResourceCheck) -> None:
    require_key(
        r,
        "kmsKeyId",
        "kmsKeyId is not set: the secret would be encrypted with the AWS-managed aws/secretsmanager key, "
        "which cannot be shared across accounts (DMS or applications in another account cannot read it) and "
        f"whose key policy you cannot restrict. {REMEDY}",
    )
    _replicas(r)


SPEC = ResourcePolicySpec(
    name="secretsmanager-secret-cmk",
    description="Secrets Manager secrets are encrypted with a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(SECRETSMANAGER_SECRET,),
    rule=(
        "`kmsKeyId` is set and is not an AWS-managed key (`alias/aws/...` by alias name or alias ARN); so is "
        "each `replicas[].kmsKeyId` (a replica without one uses the AWS-managed aws/secretsmanager key of its "
        "Region: Secrets Manager ReplicateSecretToRegions, AddReplicaRegionListType.KmsKeyId). A value that is "
        "not a key identifier fails."
    ),
    unknown_handling=(
        "present: an unknown kmsKeyId (a key created in the same program) or an unknown replica list counts as "
        "set."
    ),
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True) whose policy lets the "
        "readers of the secret (applications, the DMS access role) call kms:Decrypt.\n"
        "2. Set kms_key_id=key.arn on the aws.secretsmanager.Secret.\n"
        "3. Changing the key re-encrypts only new versions: rotate or re-put the secret value afterwards."
    ),
    framework=Framework("AWS Config managed rule", "secretsmanager-using-cmk"),
    refs=("CKV_AWS_149",),
    check=check,
    examples=(
        Example("Secret encrypted with a key from the same program", {"kmsKeyId": unknown()}, "pass"),
        Example(
            "Secret encrypted with a customer-managed key alias",
            {"name": "orders-db-dev", "kmsKeyId": "alias/migration-dev"},
            "pass",
        ),
        Example("Secret without kmsKeyId", {"name": "orders-db-dev"}, "fail", mentions=("kmsKeyId",)),
        Example(
            "Secret with the AWS-managed alias",
            {"kmsKeyId": "alias/aws/secretsmanager"},
            "fail",
            mentions=("kmsKeyId", "AWS-managed"),
        ),
        Example(
            "Replica in another Region without its own key",
            {"kmsKeyId": unknown(), "replicas": [{"region": "us-west-2"}]},
            "fail",
            mentions=("replicas[0].kmsKeyId",),
        ),
        Example(
            "Replica with a customer-managed key of its Region",
            {"kmsKeyId": unknown(), "replicas": [{"region": "us-west-2", "kmsKeyId": unknown()}]},
            "pass",
        ),
        Example(
            "Replica list computed from another output",
            {"kmsKeyId": unknown(), "replicas": unknown("array")},
            "pass",
        ),
        Example(
            "Secret with the AWS-managed alias ARN",
            {"kmsKeyId": "arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager"},
            "fail",
            mentions=("kmsKeyId",),
        ),
    ),
)
