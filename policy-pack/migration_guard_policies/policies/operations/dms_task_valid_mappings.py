"""dms-task-valid-mappings: DMS tasks use an allowed migration type and select at least one table."""

from __future__ import annotations

import json
from typing import Any

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...props import Read, State
from ...settings import StrListSetting
from ...spec import Family, ResourcePolicySpec
from ...types import DMS_REPLICATION_CONFIG, DMS_REPLICATION_TASK
from ._dms_documents import read_document

DMS_MIGRATION_TYPES = ("full-load", "cdc", "full-load-and-cdc")  # every type DMS has
ALLOWED_MIGRATION_TYPES = StrListSetting(
    "allowedMigrationTypes",
    default=DMS_MIGRATION_TYPES,
    item_enum=DMS_MIGRATION_TYPES,
    description="Migration types tasks (and DMS Serverless replication configs) may use.",
)
SELECTING_ACTIONS = ("include", "explicit")
# ReplicationTask calls it migrationType, the DMS Serverless ReplicationConfig replicationType.
TYPE_PROP = {DMS_REPLICATION_TASK: "migrationType", DMS_REPLICATION_CONFIG: "replicationType"}


def _selects_something(mappings: Any) -> bool:
    """A selection rule with rule-action include or explicit (both select tables; exclude does not)."""
    rules = mappings.get("rules") if isinstance(mappings, dict) else None
    return isinstance(rules, list) and any(
        isinstance(rule, dict) and rule.get("rule-type") == "selection"
        and rule.get("rule-action") in SELECTING_ACTIONS
        for rule in rules
    )


def _check_type(r: ResourceCheck, allowed: list[str]) -> None:
    prop = TYPE_PROP.get(r.type, "migrationType")
    migration_type = r.props.get(prop)
    if r.check_unknown(migration_type, "it must be one of allowedMigrationTypes"):
        return
    value = migration_type.str()
    if value is None:
        r.violation(f"{prop} is not set to a migration type: set it to one of {', '.join(allowed)}.")
    elif value not in allowed:
        shown = f" '{value}'" if value in DMS_MIGRATION_TYPES else ""  # only DMS's own values are repeated
        r.violation(f"{prop}{shown} is not allowed here: use one of {', '.join(allowed)}.")


def _check_mappings(r: ResourceCheck, mappings: Read) -> None:
    if mappings.state in (State.ABSENT, State.NULL):
        r.violation("tableMappings is not set: DMS needs a table-mapping document with a selection rule.")
    elif mappings.state is State.MALFORMED:
        r.violation(
            "tableMappings cannot be read as a JSON document (it is not valid JSON, or nested too deeply to check): "
            "DMS rejects a document it cannot parse, and this policy cannot tell which tables it selects. Build it "
            "with json.dumps from a flat list of rules."
        )
    elif not _selects_something(mappings.value):
        r.violation(
            "tableMappings has no selection rule with rule-action include or explicit: the task would migrate no "
            "table. Add a rule with \"rule-type\": \"selection\" and \"rule-action\": \"include\"."
        )


def check(r: ResourceCheck) -> None:
    allowed = list(r.setting(ALLOWED_MIGRATION_TYPES))
    _check_type(r, allowed)
    mappings = read_document(r, "tableMappings", "it must be a JSON document with a selection rule that selects tables")
    if mappings is not None:
        _check_mappings(r, mappings)


_MAPPINGS = json.dumps(
    {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "orders", "rule-action": "include",
                "object-locator": {"schema-name": "orders", "table-name": "%"}}]}
)
_EXPLICIT = json.dumps(
    {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "orders", "rule-action": "explicit",
                "object-locator": {"schema-name": "sales", "table-name": "orders"}}]}
)
# A selection rule with a document nested 1,000 levels deep inside it (issue 13: it used to crash the policy).
_DEEP = '{"rules": [{"rule-type": "selection", "rule-action": "include", "filters": ' + "[" * 1000 + "]" * 1000 + "}]}"
_EXCLUDE_ONLY = json.dumps(
    {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "audit", "rule-action": "exclude",
                "object-locator": {"schema-name": "audit", "table-name": "%"}}]}
)

SPEC = ResourcePolicySpec(
    name="dms-task-valid-mappings",
    description=(
        "DMS replication tasks and DMS Serverless replication configs use an allowed migration type and table "
        "mappings that select tables."
    ),
    family=Family.OPERATIONS,
    severity="high",
    level="mandatory",
    resource_types=(DMS_REPLICATION_TASK, DMS_REPLICATION_CONFIG),
    rule=(
        "`migrationType` (ReplicationConfig: `replicationType`) is in allowedMigrationTypes; `tableMappings` parses "
        "as JSON and has at least one selection rule with `rule-action` include or explicit (explicit selects the "
        "named table: https://docs.aws.amazon.com/dms/latest/userguide/"
        "CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Selections.html). A document that cannot "
        "be read (malformed, or nested too deeply) fails closed."
    ),
    unknown_handling=(
        "unverifiable (a migrationType / replicationType or tableMappings computed from another resource's output)"
    ),
    remediation=(
        "1. Set migration_type to one of allowedMigrationTypes (full-load-and-cdc for a migration with cut-over).\n"
        "2. Build table_mappings with json.dumps({\"rules\": [{\"rule-type\": \"selection\", \"rule-id\": \"1\", "
        "\"rule-name\": \"all\", \"rule-action\": \"include\", \"object-locator\": {\"schema-name\": \"app\", "
        "\"table-name\": \"%\"}}]}) so it is always valid JSON."
    ),
    refs=("seed 004",),
    echoes=frozenset({"migrationType", "replicationType"}),
    settings=(ALLOWED_MIGRATION_TYPES,),
    check=check,
    examples=(
        Example("Full load and CDC of one schema", {"migrationType": "full-load-and-cdc", "tableMappings": _MAPPINGS},
                "pass"),
        Example("Table mappings that are not JSON (seed 004)", {"migrationType": "full-load", "tableMappings": "{rules: ["},
                "fail", mentions=("tableMappings",)),
        Example("Only exclusion rules select nothing", {"migrationType": "cdc", "tableMappings": _EXCLUDE_ONLY}, "fail",
                mentions=("include",)),
        Example("CDC not allowed by configuration", {"migrationType": "cdc", "tableMappings": _MAPPINGS}, "fail",
                config={"allowedMigrationTypes": ["full-load"]}, mentions=("migrationType",)),
        Example("DMS Serverless config selecting one table explicitly",
                {"replicationType": "cdc", "tableMappings": _EXPLICIT}, "pass", type=DMS_REPLICATION_CONFIG),
        Example("DMS Serverless config with a replication type that is not allowed",
                {"replicationType": "cdc", "tableMappings": _MAPPINGS}, "fail", type=DMS_REPLICATION_CONFIG,
                config={"allowedMigrationTypes": ["full-load"]}, mentions=("replicationType",)),
        Example("Table mappings nested too deeply to read fail closed",
                {"migrationType": "full-load", "tableMappings": _DEEP}, "fail", mentions=("tableMappings",)),
        Example("Table mappings built from another resource's output", {"migrationType": "full-load",
                "tableMappings": unknown()}, "unverifiable"),
    ),
)
