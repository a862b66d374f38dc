"""dynamodb-table-encrypted: DynamoDB tables use a customer-managed KMS key when one is required."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import DYNAMODB_TABLE
from ._common import customer_key_problem, require_key

WHY = "unless it is true the table is encrypted with an AWS-owned key, not a customer-managed one"


def _replicas(r: ResourceCheck) -> None:
    for replica in r.props.all("replicas[*]"):
        if replica.unknown:
            continue  # computed from another output: present
        if replica.map() is None:
            r.violation(f"{replica.path} cannot be read as a replica (regionName, kmsKeyArn). Set kmsKeyArn on it.")
            continue
        problem = customer_key_problem(r.props.get(f"{replica.path}.kmsKeyArn"))
        if problem:
            r.violation(f"{problem}: the replica would be encrypted with the AWS-managed aws/dynamodb key of its "
                        "Region. Set kmsKeyArn on every replicas entry to a customer-managed key of that Region.")


def check(r: ResourceCheck) -> None:
    if not r.config.get("requireCustomerManagedKey"):
        raise r.not_applicable("DynamoDB always encrypts tables at rest; a customer-managed key is not required "
                               "(requireCustomerManagedKey is false)")
    enabled = r.props.get("serverSideEncryption.enabled")
    if r.check_unknown(enabled, WHY):
        return
    if not enabled.is_true():
        r.violation(
            "serverSideEncryption.enabled is not true: the table is encrypted with an AWS-owned key, and a "
            "customer-managed key is required (requireCustomerManagedKey). Set serverSideEncryption: {enabled: "
            "true, kmsKeyArn: <customer-managed key ARN>}."
        )
        return
    require_key(
        r,
        "serverSideEncryption.kmsKeyArn",
        "serverSideEncryption.kmsKeyArn is not set: the table would be encrypted with the AWS-managed "
        "aws/dynamodb key. Set serverSideEncryption.kmsKeyArn to a customer-managed KMS key.",
    )
    _replicas(r)


SPEC = ResourcePolicySpec(
    name="dynamodb-table-encrypted",
    description="DynamoDB tables are encrypted with a customer-managed KMS key when one is required.",
    family=Family.ENCRYPTION,
    severity="medium",
    level="advisory",
    resource_types=(DYNAMODB_TABLE,),
    rule=(
        "When `requireCustomerManagedKey`, `serverSideEncryption.enabled` is true with "
        "`serverSideEncryption.kmsKeyArn` set and not an AWS-managed key (`alias/aws/...`), and so is each "
        "`replicas[].kmsKeyArn`. DynamoDB encrypts every table at rest, with an AWS-owned key by default and with "
        "the AWS-managed aws/dynamodb key when enabled without a key (DynamoDB Developer Guide, \"Encryption at "
        "rest\"); without requireCustomerManagedKey: not applicable."
    ),
    unknown_handling=(
        "unverifiable for an unknown serverSideEncryption.enabled; an unknown kmsKeyArn (a key created in the "
        "same program) or replica list counts as set."
    ),
    remediation=(
        "1. Create a customer-managed KMS key (aws.kms.Key, enable_key_rotation=True), and one per replica "
        "Region for global tables.\n"
        "2. Set server_side_encryption={\"enabled\": True, \"kms_key_arn\": key.arn} on the aws.dynamodb.Table "
        "and kms_key_arn on every replicas entry."
    ),
    framework=None,
    refs=("CKV_AWS_119",),
    config={
        "requireCustomerManagedKey": {
            "type": "boolean",
            "default": False,
            "description": "Require a customer-managed KMS key instead of the AWS-owned or AWS-managed key.",
        }
    },
    check=check,
    examples=(
        Example("Table with the default AWS-owned key, customer-managed key not required",
                {"billingMode": "PAY_PER_REQUEST", "hashKey": "id"}, "not_applicable"),
        Example("Table with a customer-managed key", {"hashKey": "id", "serverSideEncryption": {
            "enabled": True, "kmsKeyArn": unknown()}}, "pass", config={"requireCustomerManagedKey": True}),
        Example("Table with the AWS-owned key when a customer-managed key is required", {"hashKey": "id"}, "fail",
                config={"requireCustomerManagedKey": True}, mentions=("serverSideEncryption.enabled",)),
        Example("Encryption enabled without a key (AWS-managed aws/dynamodb)",
                {"hashKey": "id", "serverSideEncryption": {"enabled": True}}, "fail",
                config={"requireCustomerManagedKey": True}, mentions=("serverSideEncryption.kmsKeyArn",)),
        Example("Global table replica without a key of its Region",
                {"hashKey": "id", "serverSideEncryption": {"enabled": True, "kmsKeyArn": unknown()},
                 "replicas": [{"regionName": "us-west-2"}]}, "fail",
                config={"requireCustomerManagedKey": True}, mentions=("replicas[0].kmsKeyArn",)),
        Example("serverSideEncryption.enabled computed from another output",
                {"hashKey": "id", "serverSideEncryption": {"enabled": unknown("boolean")}}, "unverifiable",
                config={"requireCustomerManagedKey": True}),
    ),
)
