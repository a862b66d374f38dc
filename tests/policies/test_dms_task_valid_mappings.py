"""dms-task-valid-mappings: JSON shapes, decided violations reported before unknowns."""

from __future__ import annotations

import json

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
