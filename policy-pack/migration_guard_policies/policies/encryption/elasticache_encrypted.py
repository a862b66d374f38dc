"""elasticache-encrypted: replication groups encrypt data at rest and require TLS in transit."""

from __future__ import annotations

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...spec import Family, ResourcePolicySpec
from ...types import ELASTICACHE_REPLICATION_GROUP

FLAGS = (
    ("atRestEncryptionEnabled", "data at rest (snapshots, swap, backups in S3) would be unencrypted"),
    ("transitEncryptionEnabled", "clients and replication would talk in plaintext"),
)


def check(r: ResourceCheck) -> None:
    if r.props.get("globalReplicationGroupId").present:
        r.not_applicable("a member of a global datastore takes its encryption settings from the global group")
    for prop, risk in FLAGS:
        flag = r.props.get(prop)
        if not r.check_unknown(flag, f"unless it is true, {risk}") and not flag.is_true():
            r.violation(f"{prop} is not true: {risk}. Set {prop}: true.")

    mode = r.props.get("transitEncryptionMode")
    if r.check_unknown(mode, "it must be 'required' so clients cannot connect without TLS"):
        return
    value = mode.str()
    if value not in (None, "", "required"):
        shown = "'preferred'" if value == "preferred" else "not 'required'"  # echo only known modes
        r.violation(
            f"transitEncryptionMode is {shown}: clients may still connect without TLS. Set "
            "transitEncryptionMode: 'required' once every client uses TLS."
        )


SPEC = ResourcePolicySpec(
    name="elasticache-encrypted",
    description="ElastiCache replication groups encrypt data at rest and require TLS in transit.",
    family=Family.ENCRYPTION,
    severity="high",
    level="mandatory",
    resource_types=(ELASTICACHE_REPLICATION_GROUP,),
    rule=(
        "`atRestEncryptionEnabled` and `transitEncryptionEnabled` are true, and `transitEncryptionMode`, when "
        "set, is `required` (not `preferred`). Members of a global datastore (`globalReplicationGroupId`) take "
        "these settings from the global group: not applicable."
    ),
    unknown_handling="unverifiable (an unknown atRestEncryptionEnabled, transitEncryptionEnabled or transitEncryptionMode)",
    remediation=(
        "1. Set at_rest_encryption_enabled=True and kms_key_id=key.arn on the aws.elasticache.ReplicationGroup "
        "(at-rest encryption needs a new group for older engines: create one and migrate).\n"
        "2. Set transit_encryption_enabled=True; to migrate live clients, go through "
        "transit_encryption_mode=\"preferred\" and then set \"required\".\n"
        "3. Use an auth token or RBAC user group with TLS."
    ),
    refs=("CKV_AWS_29", "CKV_AWS_30"),
    echoes=frozenset({"transitEncryptionMode"}),
    check=check,
    examples=(
        Example(
            "Encrypted at rest and in transit",
            {"engine": "valkey", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
             "kmsKeyId": unknown()},
            "pass",
        ),
        Example(
            "TLS required explicitly",
            {"engine": "redis", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
             "transitEncryptionMode": "required"},
            "pass",
        ),
        Example(
            "No encryption settings",
            {"engine": "redis", "nodeType": "cache.r7g.large"},
            "fail",
            mentions=("atRestEncryptionEnabled", "transitEncryptionEnabled"),
        ),
        Example(
            "TLS preferred lets plaintext clients connect",
            {"engine": "redis", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
             "transitEncryptionMode": "preferred"},
            "fail",
            mentions=("transitEncryptionMode", "preferred"),
        ),
        Example(
            "transitEncryptionEnabled computed during preview",
            {"engine": "redis", "atRestEncryptionEnabled": True, "transitEncryptionEnabled": unknown("boolean")},
            "unverifiable",
        ),
        Example(
            "Secondary member of a global datastore",
            {"globalReplicationGroupId": unknown(), "description": "secondary"},
            "not_applicable",
        ),
    ),
)
