"""dms-task-valid-mappings: JSON shapes, decided violations reported before unknowns."""

from __future__ import annotations

import json

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.dms_task_valid_mappings import SPEC

TASK = "aws:dms/replicationTask:ReplicationTask"
INCLUDE = json.dumps({"rules": [{"rule-type": "selection", "rule-id": "1", "rule-action": "include"}]})


def test_bad_migration_type_is_reported_even_when_mappings_are_unknown() -> None:
    result = analyze_resource(SPEC, TASK, {"migrationType": "full-load", "tableMappings": unknown()},
                              config={"allowedMigrationTypes": ["cdc"]})
    assert result.violations and result.unverifiable


def test_shapes_without_an_include_rule_fail() -> None:
    for mappings in ("[]", "{}", json.dumps({"rules": {}}), json.dumps({"rules": [None, 1, "x"]}),
                     json.dumps({"rules": [{"rule-type": "transformation", "rule-action": "include"}]})):
        result = analyze_resource(SPEC, TASK, {"migrationType": "cdc", "tableMappings": mappings})
        assert len(result.violations) == 1, mappings


def test_foreign_migration_type_is_not_repeated() -> None:
    result = analyze_resource(SPEC, TASK, {"migrationType": "weird-value", "tableMappings": INCLUDE})
    assert result.violations and "weird-value" not in result.all_text()


CONFIG = "aws:dms/replicationConfig:ReplicationConfig"
EXPLICIT = json.dumps({"rules": [{"rule-type": "selection", "rule-id": "1", "rule-action": "explicit",
                                  "object-locator": {"schema-name": "sales", "table-name": "orders"}}]})


def test_explicit_selection_selects_tables() -> None:
    assert analyze_resource(SPEC, TASK, {"migrationType": "full-load", "tableMappings": EXPLICIT}).passed
    assert analyze_resource(SPEC, CONFIG, {"replicationType": "cdc", "tableMappings": EXPLICIT}).passed


def test_replication_config_reads_replication_type_not_migration_type() -> None:
    result = analyze_resource(SPEC, CONFIG, {"migrationType": "cdc", "tableMappings": INCLUDE})
    assert len(result.violations) == 1 and "replicationType" in result.violations[0].detail


@pytest.mark.parametrize("depth", [100, 400, 980, 1000, 5000])
def test_deep_documents_fail_closed_naming_the_property(depth: int) -> None:
    """Issue 13: deep JSON made the mandatory policy raise RecursionError (an advisory); now it blocks."""
    deep = '{"rules": [{"rule-type": "selection", "rule-action": "include", "x": ' + "[" * depth + "]" * depth + "}]}"
    for type_, kind in ((TASK, "migrationType"), (CONFIG, "replicationType")):
        result = analyze_resource(SPEC, type_, {kind: "cdc", "tableMappings": deep})
        assert not result.unverifiable, depth  # a decision either way, never the SDK's crash advisory
        if depth >= 5000:  # beyond any JSON reader's depth: cannot be read, so it blocks
            assert len(result.violations) == 1 and "tableMappings" in result.violations[0].detail


def test_malformed_mappings_fail_even_with_an_allowed_type() -> None:
    for text in ("{rules: [", '{"rules": [', "null", ""):
        result = analyze_resource(SPEC, CONFIG, {"replicationType": "cdc", "tableMappings": text})
        assert len(result.violations) == 1, text


def test_interpolated_unknown_mappings_are_unverifiable() -> None:
    text = '{"rules": [{"rule-type": "selection", "rule-action": "include", "object-locator": {"schema-name": "' + \
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9" + '"}}]}'
    result = analyze_resource(SPEC, CONFIG, {"replicationType": "cdc", "tableMappings": text})
    assert not result.violations and result.unverifiable
