"""Tricky cases of rds-engine-standard-support, through the engine-faithful harness."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.versions import _catalog, _support
from migration_guard_policies.policies.versions.rds_engine_standard_support import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE

AS_OF = {"asOf": "2026-11-22"}


def run(props: dict, type_: str = RDS_INSTANCE, config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, type_, props, config={**AS_OF, **(config or {})})


def test_blocks_only_once_the_date_has_passed() -> None:
    props = {"engine": "aurora-postgresql", "engineVersion": "14.22"}  # standard support ends 2027-02-28
    assert run(props, RDS_CLUSTER).passed  # 98 days left: rds-engine-standard-support-ending warns
    assert run(props, RDS_CLUSTER, {"asOf": "2027-02-28"}).passed  # the last day is still supported
    late = run(props, RDS_CLUSTER, {"asOf": "2027-03-01"})
    assert late.violations and not late.unverifiable


def test_the_evaluation_date_decides() -> None:
    props = {"engine": "postgres", "engineVersion": "16.13"}
    assert run(props).passed
    late = run(props, config={"asOf": "2029-03-01"})
    assert late.violations and "2029-02-28" in late.violations[0].detail


def test_past_extended_support_end() -> None:
    result = run({"engine": "postgres", "engineVersion": "11"}, config={"asOf": "2027-06-01"})
    [violation] = result.violations
    assert "RDS Extended Support on 2027-03-31" in violation.detail


def test_unknown_lifecycle_still_reports_the_decidable_violation() -> None:
    result = run({"engine": "postgres", "engineVersion": "13.23", "engineLifecycleSupport": unknown()})
    assert result.violations and "Extended Support" in result.violations[0].detail
    assert not result.unverifiable


def test_global_cluster_and_major_only_versions() -> None:
    result = run({"engine": "aurora-postgresql", "engineVersion": "13"}, RDS_GLOBAL_CLUSTER)
    assert result.violations and "aurora-postgresql 13" in result.violations[0].detail


def test_engine_unknown_is_unverifiable() -> None:
    result = run({"engine": unknown(), "engineVersion": "13.23"})
    assert result.unverifiable and not result.violations


def test_engine_without_extended_support(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _catalog.from_dict({
        "provenance": {"generated": "2026-11-22"},
        "rds": {"mariadb": {"extendedSupport": False, "majors": {"10.5": {"standardSupportEnd": "2025-06-24"}},
                            "versions": {"10.5.29": {"major": "10.5", "status": "available"},
                                         "11.4.5": {"major": "11.4", "status": "available"}}}},
    })
    monkeypatch.setattr(_support, "catalog", lambda: fake)
    result = run({"engine": "mariadb", "engineVersion": "10.5.29"})
    [violation] = result.violations
    assert "RDS upgrades such databases" in violation.detail and "Extended Support" not in violation.detail
    assert "11.4.x" in violation.detail
