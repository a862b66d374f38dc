"""dynamodb-table-encrypted: only with requireCustomerManagedKey; table and replica keys."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.encryption.dynamodb_table_encrypted import SPEC
from migration_guard_policies.types import DYNAMODB_TABLE

CMK = {"requireCustomerManagedKey": True}


def test_default_config_is_not_applicable_even_for_an_unencrypted_looking_table() -> None:
    result = analyze_resource(SPEC, DYNAMODB_TABLE, {"serverSideEncryption": {"enabled": False}})
    assert result.not_applicable and not result.violations


def test_disabled_sse_fails_when_a_customer_key_is_required() -> None:
    result = analyze_resource(SPEC, DYNAMODB_TABLE, {"serverSideEncryption": {"enabled": False}}, config=CMK)
    assert result.violations and result.violations[0].enforcement_level == "advisory"


def test_replicas_need_their_own_keys() -> None:
    table = {"serverSideEncryption": {"enabled": True, "kmsKeyArn": unknown()},
             "replicas": [{"regionName": "us-west-2", "kmsKeyArn": unknown()}, {"regionName": "eu-west-1"}]}
    result = analyze_resource(SPEC, DYNAMODB_TABLE, table, config=CMK)
    assert [d.detail.split(" ")[0] for d in result.violations] == ["replicas[1].kmsKeyArn"]


def test_unknown_replica_list_counts_as_set() -> None:
    table = {"serverSideEncryption": {"enabled": True, "kmsKeyArn": unknown()}, "replicas": unknown("array")}
    assert analyze_resource(SPEC, DYNAMODB_TABLE, table, config=CMK).passed
