"""Tricky cases of rds-log-exports-enabled, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.rds_log_exports_enabled import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE


def test_non_empty_list_with_computed_entries_passes() -> None:
    assert analyze_resource(SPEC, RDS_CLUSTER, {"enabledCloudwatchLogsExports": [unknown()]}).passed


def test_message_names_the_engine_log_types_without_echoing_odd_engines() -> None:
    mysql = analyze_resource(SPEC, RDS_INSTANCE, {"engine": "mysql"})
    assert mysql.violations and "slowquery" in mysql.violations[0].detail
    odd = analyze_resource(SPEC, RDS_INSTANCE, {"engine": "zqcanary-engine"})
    assert odd.violations and "zqcanary" not in odd.all_text()
    assert analyze_resource(SPEC, RDS_INSTANCE, {"enabledCloudwatchLogsExports": None}).violations
