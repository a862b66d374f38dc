"""rds-engine-standard-support-ending: the advisory warning split out of rds-engine-standard-support (r2)."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.compat.pulumi_policy import ConfigurationRefused
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.versions import _catalog
from migration_guard_policies.policies.versions.rds_engine_standard_support import SPEC as BLOCKING
from migration_guard_policies.policies.versions.rds_engine_standard_support_ending import SPEC
from migration_guard_policies.state import PackState
from migration_guard_policies.types import RDS_CLUSTER, RDS_GLOBAL_CLUSTER, RDS_INSTANCE

AURORA_14 = {"engine": "aurora-postgresql", "engineVersion": "14.22"}  # standard support ends 2027-02-28


def run(props: dict, type_: str = RDS_CLUSTER, config: dict | None = None, state: PackState | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, type_, props, config=config, state=state)


def test_a_plain_advisory_violation_never_the_unknown_channel() -> None:
    result = run(AURORA_14, config={"asOf": "2026-11-22"})
    [warning] = result.violations
    assert warning.enforcement_level == "advisory" and not result.unverifiable
    assert "2027-02-28" in warning.detail and "98 days" in warning.detail


@pytest.mark.parametrize(("as_of", "warns"), [("2026-09-01", False), ("2026-09-02", True), ("2027-02-28", True),
                                              ("2027-03-01", False)])
def test_the_window_ends_on_the_last_day_of_support(as_of: str, warns: bool) -> None:
    # 180 days before 2027-02-28 is 2026-09-01: from the next day, fewer than 180 remain.
    assert bool(run(AURORA_14, config={"asOf": as_of}).violations) is warns


def test_exactly_one_of_the_two_policies_reports_a_date() -> None:
    for as_of in ("2026-12-01", "2027-03-01"):
        ending = run(AURORA_14, config={"asOf": as_of}).violations
        blocking = analyze_resource(BLOCKING, RDS_CLUSTER, AURORA_14, config={"asOf": as_of}).violations
        assert len(ending) + len(blocking) == 1, as_of


def test_global_clusters_and_instances() -> None:
    assert run({"engine": "aurora-postgresql", "engineVersion": "14"}, RDS_GLOBAL_CLUSTER,
               {"asOf": "2026-11-22"}).violations
    assert run({"engine": "postgres", "engineVersion": "16.13"}, RDS_INSTANCE,
               {"asOf": "2028-12-01"}).violations


def test_next_supported_majors_are_named() -> None:
    fake = _catalog.from_dict({
        "provenance": {"generated": "2026-11-22"},
        "rds": {"postgres": {"extendedSupport": True,
                             "majors": {"15": {"standardSupportEnd": "2027-01-01"},
                                        "17": {"standardSupportEnd": "2030-01-01"}},
                             "versions": {"15.9": {"major": "15", "status": "available"},
                                          "17.2": {"major": "17", "status": "available"}}}},
    })
    state = PackState(catalog_source=lambda: fake)
    [warning] = run({"engine": "postgres", "engineVersion": "15.9"}, RDS_INSTANCE, {"asOf": "2026-12-01"}, state=state).violations
    assert "17.x" in warning.detail and "2027-01-01" in warning.detail


def test_unknowns_and_odd_settings() -> None:
    assert run({"engine": unknown(), "engineVersion": "14.22"}).unverifiable
    with pytest.raises(ConfigurationRefused) as refused:  # Configure refuses a value that does not fit
        run(AURORA_14, config={"asOf": "2026-11-22", "warnDays": "many"})
    assert refused.value.lines == [
        "rds-engine-standard-support-ending: warnDays: Invalid type. Expected: integer, given: string",
    ]
