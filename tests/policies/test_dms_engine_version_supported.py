"""Tricky cases of dms-engine-version-supported, through the engine-faithful harness."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.versions.dms_engine_version_supported import SPEC
from migration_guard_policies.types import DMS_REPLICATION_INSTANCE

AS_OF = {"asOf": "2026-11-22"}


def run(props: dict, config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, DMS_REPLICATION_INSTANCE, props, config={**AS_OF, **(config or {})})


def test_decidable_violation_is_reported_before_the_unknown() -> None:
    result = run({"engineVersion": "3.5.4", "autoMinorVersionUpgrade": unknown("boolean")})
    assert result.violations and "3.5.4" in result.violations[0].detail
    assert result.unverifiable and "autoMinorVersionUpgrade" in result.unverifiable[0].message


def test_deprecation_date_passes_on_the_evaluation_date() -> None:
    props = {"engineVersion": "3.6.1", "autoMinorVersionUpgrade": True}
    assert run(props).passed
    late = run(props, {"asOf": "2027-05-01"})
    assert late.violations and "2027-04-30" in late.violations[0].detail


def test_auto_minor_upgrade_false_and_string_forms() -> None:
    assert run({"autoMinorVersionUpgrade": False}).violations
    assert run({"autoMinorVersionUpgrade": "true"}).passed  # some programs pass the string form
