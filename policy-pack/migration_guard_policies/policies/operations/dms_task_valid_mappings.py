"""dms-task-valid-mappings: DMS tasks use an allowed migration type and select at least one table."""

from __future__ import annotations

import json
from typing import Any

from ...context import ResourceCheck
from ...examples import Example, unknown
from ...settings import StrListSetting
from ...spec import Family, ResourcePolicySpec
from ...types import DMS_REPLICATION_TASK

DMS_MIGRATION_TYPES = ("full-load", "cdc", "full-load-and-cdc")  # every type DMS has

ALLOWED_MIGRATION_TYPES = StrListSetting(
    "allowedMigrationTypes",
    default=DMS_MIGRATION_TYPES,
    item_enum=DMS_MIGRATION_TYPES,
    description="Migration types tasks may use.",
)


def _includes_something(mappings: Any) -> bool:
    rules = mappings.get("rules") if isinstance(mappings, dict) else None
    return isinstance(rules, list) and any(
        isinstance(rule, dict) and rule.get("rule-type") == "selection" and rule.get("rule-action") == "include"
        for rule in rules
    )


def check(r: ResourceCheck) -> None:
    allowed = list(r.setting(ALLOWED_MIGRATION_TYPES))

    migration_type = r.props.get("migrationType")
    if not r.check_unknown(migration_type, "it must be one of allowedMigrationTypes"):
        value = migration_type.str()
        if value is None:
            r.violation(f"migrationType is not set: set it to one of {', '.join(allowed)}.")
        elif value not in allowed:
            shown = f" '{value}'" if value in DMS_MIGRATION_TYPES else ""  # only DMS's own values are repeated
            r.violation(f"migrationType{shown} is not allowed here: use one of {', '.join(allowed)}.")

    mappings = r.props.json("tableMappings")
    if r.check_unknown(mappings, "it must be a JSON document with a selection rule that includes tables"):
        return
    if mappings.absent or mappings.value is None:
        r.violation("tableMappings is not set: DMS needs a table-mapping document with a selection rule.")
    elif mappings.state.value == "malformed":
        r.violation("tableMappings is not valid JSON: DMS rejects the task when it is created.")
    elif not _includes_something(mappings.value):
        r.violation(
            "tableMappings has no selection rule with rule-action include: the task would migrate no table. "
            "Add a rule with \"rule-type\": \"selection\" and \"rule-action\": \"include\"."
        )


_MAPPINGS = json.dumps(
    {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "orders", "rule-action": "include",
                "object-locator": {"schema-name": "orders", "table-name": "%"}}]}
)
_EXCLUDE_ONLY = json.dumps(
    {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "audit", "rule-action": "exclude",
                "object-locator": {"schema-name": "audit", "table-name": "%"}}]}
)

SPEC = ResourcePolicySpec(
    name="dms-task-valid-mappings",
    description="DMS replication tasks use an allowed migration type and table mappings that select tables.",
    family=Family.OPERATIONS,
    severity="high",
    level="mandatory",
    resource_types=(DMS_REPLICATION_TASK,),
    rule=(
        "`migrationType` is in allowedMigrationTypes; `tableMappings` parses as JSON and has at least one "
        "selection rule with `rule-action` include."
    ),
    unknown_handling="unverifiable (a migrationType or tableMappings computed from another resource's output)",
    remediation=(
        "1. Set migration_type to one of allowedMigrationTypes (full-load-and-cdc for a migration with cut-over).\n"
        "2. Build table_mappings with json.dumps({\"rules\": [{\"rule-type\": \"selection\", \"rule-id\": \"1\", "
        "\"rule-name\": \"all\", \"rule-action\": \"include\", \"object-locator\": {\"schema-name\": \"app\", "
        "\"table-name\": \"%\"}}]}) so it is always valid JSON."
    ),
    refs=("seed 004",),
    echoes=frozenset({"migrationType"}),
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
        Example("Table mappings built from another resource's output", {"migrationType": "full-load",
                "tableMappings": unknown()}, "unverifiable"),
    ),
)
