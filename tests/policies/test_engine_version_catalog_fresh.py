"""engine-version-catalog-fresh counts from the oldest part of the catalog, once per stack."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack
from migration_guard_policies.examples import StackResource
from migration_guard_policies.policies.versions import _catalog
from migration_guard_policies.policies.versions.engine_version_catalog_fresh import SPEC
from migration_guard_policies.state import PackState
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE

RESOURCES = (
    StackResource(RDS_INSTANCE, "orders-db-dev", {"engine": "postgres"}),
    StackResource(RDS_CLUSTER, "ledger-dev", {"engine": "aurora-postgresql"}),
)


def test_one_violation_per_stack_counted_from_the_oldest_part() -> None:
    fake = _catalog.from_dict({
        "provenance": {"generated": "2026-11-01"},
        "rds": {"postgres": {"source": {"retrieved": "2026-11-01"}, "versions": {}}},
        "dms": {"source": {"retrieved": "2026-05-01"}, "versions": {}},
    })
    state = PackState(catalog_source=lambda: fake)
    result = analyze_stack(SPEC, RESOURCES, config={"asOf": "2026-11-22"}, state=state)
    [violation] = result.violations
    assert "205 days old" in violation.detail and "2026-05-01" in violation.detail
    assert violation.urn == ""
    assert analyze_stack(SPEC, RESOURCES, config={"asOf": "2026-11-22", "maxAgeDays": 365}, state=state).passed


def test_the_bundled_catalog_is_fresh_on_its_generation_date() -> None:
    generated = _catalog.catalog().oldest
    assert generated is not None
    assert analyze_stack(SPEC, RESOURCES, config={"asOf": generated.isoformat()}).passed
