"""elasticache-encrypted: each setting is decided on its own; unknowns do not hide known violations."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.elasticache_encrypted import SPEC
from migration_guard_policies.types import ELASTICACHE_REPLICATION_GROUP


def run(props: dict):
    return analyze_resource(SPEC, ELASTICACHE_REPLICATION_GROUP, {"description": "cache", **props})


def test_known_violation_is_reported_alongside_an_unknown() -> None:
    result = run({"atRestEncryptionEnabled": False, "transitEncryptionEnabled": unknown("boolean")})
    assert [d.detail.split(" is")[0] for d in result.violations] == ["atRestEncryptionEnabled"]
    assert result.unverifiable and "transitEncryptionEnabled" in result.unverifiable[0].message


def test_unknown_mode_is_unverifiable() -> None:
    result = run({"atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
                  "transitEncryptionMode": unknown()})
    assert result.unverifiable and not result.violations


def test_explicit_false_transit_fails() -> None:
    result = run({"atRestEncryptionEnabled": True, "transitEncryptionEnabled": False})
    assert [d.detail.split(" is")[0] for d in result.violations] == ["transitEncryptionEnabled"]


def test_global_datastore_member_is_not_applicable() -> None:
    assert run({"globalReplicationGroupId": "ldgnf-global"}).not_applicable


def test_only_known_modes_are_quoted() -> None:
    result = run({"atRestEncryptionEnabled": True, "transitEncryptionEnabled": True,
                  "transitEncryptionMode": "zq-odd-mode"})
    assert result.violations and "zq-odd-mode" not in result.all_text()
