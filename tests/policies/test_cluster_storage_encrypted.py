"""docdb-, neptune- and redshift-cluster-encrypted: explicit flags, string booleans, keys, unknowns."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption import (
    docdb_cluster_encrypted,
    neptune_cluster_encrypted,
    redshift_cluster_encrypted,
)
from migration_guard_policies.types import DOCDB_CLUSTER, NEPTUNE_CLUSTER, REDSHIFT_CLUSTER

CASES = [
    (docdb_cluster_encrypted.SPEC, DOCDB_CLUSTER, "storageEncrypted", "kmsKeyId"),
    (neptune_cluster_encrypted.SPEC, NEPTUNE_CLUSTER, "storageEncrypted", "kmsKeyArn"),
    (redshift_cluster_encrypted.SPEC, REDSHIFT_CLUSTER, "encrypted", "kmsKeyId"),
]


@pytest.mark.parametrize(("spec", "type_", "flag", "key"), CASES)
@pytest.mark.parametrize(("value", "ok"), [(True, True), ("true", True), (False, False), ("false", False),
                                           ("yes", False), (1, False), ({"v": True}, False)])
def test_flag_values(spec, type_: str, flag: str, key: str, value: object, ok: bool) -> None:
    assert analyze_resource(spec, type_, {flag: value, key: unknown()}).passed is ok


@pytest.mark.parametrize(("spec", "type_", "flag", "key"), CASES)
def test_unknown_flag_does_not_hide_a_missing_key(spec, type_: str, flag: str, key: str) -> None:
    result = analyze_resource(spec, type_, {flag: unknown("boolean")})
    assert result.unverifiable and [key in d.detail for d in result.violations] == [True]


@pytest.mark.parametrize(("spec", "type_", "flag", "key"), CASES)
def test_key_not_required_when_configured(spec, type_: str, flag: str, key: str) -> None:
    assert analyze_resource(spec, type_, {flag: True}, config={"requireCustomerManagedKey": False}).passed


def test_docdb_global_secondary_needs_only_a_key() -> None:
    spec = docdb_cluster_encrypted.SPEC
    assert analyze_resource(spec, DOCDB_CLUSTER, {"globalClusterIdentifier": "g"}).violations
    assert analyze_resource(spec, DOCDB_CLUSTER, {"globalClusterIdentifier": "g", "kmsKeyId": unknown()}).passed
    primary = {"globalClusterIdentifier": "g", "masterUsername": "admin", "kmsKeyId": unknown()}
    result = analyze_resource(spec, DOCDB_CLUSTER, primary)
    assert result.violations and "storageEncrypted" in result.violations[0].detail
