"""Storage encryption of a database cluster: a flag that must be true, and a customer-managed key."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import ResourceCheck
from ._common import require_key


@dataclass(frozen=True)
class StorageRule:
    flag: str  # storageEncrypted / encrypted
    key: str  # kmsKeyId / kmsKeyArn
    service: str  # "DocumentDB", for messages
    managed_alias: str  # aws/rds, aws/redshift: the AWS-managed key used without `key`


def require_encrypted(r: ResourceCheck, rule: StorageRule, default_note: str) -> bool:
    """Report unless ``rule.flag`` is explicitly true; True when it is (or is unknown: recorded)."""
    flag = r.props.get(rule.flag)
    if r.check_unknown(flag, "storage encryption can only be chosen when the cluster is created"):
        return True
    if flag.is_true():
        return True
    shown = "false" if flag.is_false() else ("not set" if not flag.present else "not readable as true/false")
    r.violation(
        f"{rule.flag} is {shown}: the {rule.service} cluster's storage, backups and snapshots would be "
        f"unencrypted ({default_note}), and encryption cannot be added later. Set {rule.flag}: true and "
        f"{rule.key} to a customer-managed KMS key."
    )
    return False


def require_cluster_key(r: ResourceCheck, rule: StorageRule) -> None:
    if not r.config.get("requireCustomerManagedKey"):
        return
    require_key(
        r,
        rule.key,
        f"{rule.key} is not set: the {rule.service} cluster would be encrypted with the AWS-managed "
        f"{rule.managed_alias} key, which cannot be rotated on your schedule, shared across accounts or revoked. "
        f"Set {rule.key} to a customer-managed KMS key.",
    )


REQUIRE_CMK_SETTING = {
    "requireCustomerManagedKey": {
        "type": "boolean",
        "default": True,
        "description": "Also require a customer-managed KMS key rather than the service's AWS-managed key.",
    }
}
