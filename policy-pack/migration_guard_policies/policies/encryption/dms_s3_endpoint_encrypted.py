"""dms-s3-endpoint-encrypted: DMS S3 targets write objects with SSE-KMS and a customer-managed key."""

from __future__ import annotations

from ...examples import Example, unknown
from ...model import Family, ResourceCheck, ResourcePolicySpec
from ...types import DMS_ENDPOINT, DMS_S3_ENDPOINT
from ._common import require_key

MODES = ("SSE_S3", "SSE_KMS")  # DMS S3Settings.EncryptionMode; SSE_S3 is the default
WHY = "DMS must write the migrated objects with SSE_KMS and a customer-managed key"


def _settings_prefix(r: ResourceCheck) -> str | None:
    """Where the S3 settings live: top level on S3Endpoint, `s3Settings` on an Endpoint of engine s3."""
    if r.type == DMS_S3_ENDPOINT:
        return ""
    engine = r.props.get("engineName")
    if r.check_unknown(engine, "whether the endpoint writes to S3 depends on its engine"):
        return None
    if (engine.str() or "").lower() != "s3":
        raise r.not_applicable("the endpoint's engine is not s3")
    return "s3Settings."


def check(r: ResourceCheck) -> None:
    kind = r.props.get("endpointType")
    if r.check_unknown(kind, "only target endpoints write objects"):
        return
    if (kind.str() or "").lower() == "source":
        raise r.not_applicable("a source endpoint reads objects: DMS ignores encryptionMode there")
    prefix = _settings_prefix(r)
    if prefix is None:
        return
    mode = r.props.get(f"{prefix}encryptionMode")
    if r.check_unknown(mode, WHY):
        return
    value = mode.str()
    if value is None or value.upper() != "SSE_KMS":
        shown = "not set (DMS then uses SSE_S3)" if not mode.present else (
            f"'{value}'" if value in MODES else "not SSE_KMS")
        r.violation(
            f"{prefix}encryptionMode is {shown}: the migrated objects would be encrypted with an S3-managed key, "
            f"not a customer-managed one. Set {prefix}encryptionMode: SSE_KMS and "
            f"{prefix}serverSideEncryptionKmsKeyId to a customer-managed KMS key."
        )
        return
    key = f"{prefix}serverSideEncryptionKmsKeyId"
    require_key(r, key, f"{key} is not set while encryptionMode is SSE_KMS: objects would be encrypted with the "
                        f"AWS-managed aws/s3 key. Set {key} to a customer-managed KMS key ARN.")


SPEC = ResourcePolicySpec(
    name="dms-s3-endpoint-encrypted",
    description="DMS S3 target endpoints write objects with SSE-KMS and a customer-managed KMS key.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(DMS_S3_ENDPOINT, DMS_ENDPOINT),
    rule=(
        "On a dms S3Endpoint, or a dms Endpoint with engine s3 (`s3Settings`, earlier pulumi-aws versions), "
        "`encryptionMode` is `SSE_KMS` with `serverSideEncryptionKmsKeyId` set and not an AWS-managed key "
        "(`alias/aws/...`). The default, SSE_S3, encrypts with a key S3 manages (AWS DMS User Guide, \"Using "
        "Amazon S3 as a target\", EncryptionMode). Source endpoints (DMS ignores encryptionMode there) and "
        "Endpoints of other engines: not applicable."
    ),
    unknown_handling=(
        "unverifiable (an unknown endpointType, engineName or encryptionMode); an unknown "
        "serverSideEncryptionKmsKeyId (a key created in the same program) counts as set."
    ),
    remediation=(
        "1. Create a customer-managed KMS key whose policy lets the DMS service access role use it.\n"
        "2. Set encryption_mode=\"SSE_KMS\" and server_side_encryption_kms_key_id=key.arn on the "
        "aws.dms.S3Endpoint.\n"
        "3. Give the endpoint's service_access_role_arn kms:GenerateDataKey and kms:Decrypt on the key."
    ),
    refs=("migration targets in S3",),
    echoes=frozenset({"encryptionMode"}),
    check=check,
    examples=(
        Example("S3 target with SSE-KMS and a customer-managed key",
                {"endpointId": "landing-dev", "endpointType": "target", "bucketName": "landing-dev-1a2b",
                 "encryptionMode": "SSE_KMS", "serverSideEncryptionKmsKeyId": unknown()}, "pass"),
        Example("S3 target with the default SSE_S3", {"endpointType": "target", "bucketName": "landing-dev-1a2b"},
                "fail", mentions=("encryptionMode",)),
        Example("S3 target with SSE_S3 explicitly", {"endpointType": "target", "encryptionMode": "SSE_S3"}, "fail",
                mentions=("SSE_S3",)),
        Example("SSE_KMS with the AWS-managed aws/s3 key",
                {"endpointType": "target", "encryptionMode": "SSE_KMS",
                 "serverSideEncryptionKmsKeyId": "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"}, "fail",
                mentions=("serverSideEncryptionKmsKeyId", "AWS-managed")),
        Example("SSE_KMS without a key", {"endpointType": "target", "encryptionMode": "SSE_KMS"}, "fail",
                mentions=("serverSideEncryptionKmsKeyId",)),
        Example("encryptionMode computed from another output", {"endpointType": "target",
                                                                "encryptionMode": unknown()}, "unverifiable"),
        Example("S3 source endpoint", {"endpointType": "source", "bucketName": "exports-1a2b"}, "not_applicable"),
        Example("Endpoint with engine s3 and s3Settings (earlier pulumi-aws)",
                {"endpointId": "landing-dev", "endpointType": "target", "engineName": "s3",
                 "s3Settings": {"encryptionMode": "SSE_S3"}}, "fail", type=DMS_ENDPOINT,
                mentions=("s3Settings.encryptionMode",)),
        Example("Endpoint of another engine", {"endpointType": "target", "engineName": "postgres"}, "not_applicable",
                type=DMS_ENDPOINT),
    ),
)
