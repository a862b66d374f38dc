"""engine-version-catalog-fresh: the bundled engine-version catalog is recent enough to trust."""

from __future__ import annotations

from ...context import StackCheck
from ...examples import StackExample, StackResource, unknown
from ...settings import IntSetting
from ...spec import Family, StackPolicySpec
from ...types import RDS_INSTANCE
from ._common import AS_OF, as_of, catalog_of

MAX_AGE_DAYS = IntSetting("maxAgeDays", default=120, minimum=1, description="Maximum age of the bundled catalog in days.")

def check(s: StackCheck) -> None:
    oldest = catalog_of(s).oldest
    max_age = s.setting(MAX_AGE_DAYS)
    refresh = "Run `migration-guard catalog refresh` and publish a new pack version."
    if oldest is None:
        s.violation(f"the bundled engine-version catalog has no generation date. {refresh}")
        return
    age = (as_of(s) - oldest).days
    if age > max_age:
        s.violation(
            f"the bundled engine-version catalog is {age} days old (oldest part retrieved {oldest.isoformat()}; "
            f"maxAgeDays {max_age}): RDS, DMS and ElastiCache retire versions every few months, so the version policies "
            f"may accept retired versions or reject new ones. {refresh}"
        )


SPEC = StackPolicySpec(
    name="engine-version-catalog-fresh",
    description="The engine-version catalog bundled with the pack is recent enough to trust.",
    family=Family.VERSIONS,
    severity="low",
    level="advisory",
    resource_types=(),
    rule=(
        "The bundled catalog is younger than maxAgeDays on the evaluation date (`asOf`, default today), counting from "
        "its oldest part (a refresh that skipped a service keeps that service's older data); one violation per stack."
    ),
    unknown_handling="n/a (reads no resource property)",
    remediation=(
        "1. Run `migration-guard catalog refresh --region <region>` with read-only credentials (rds:Describe*, "
        "dms:DescribeEngineVersions, elasticache:DescribeCacheEngineVersions).\n"
        "2. Review the printed changes, commit data/engine_versions.json, and publish a new pack version."
    ),
    settings=(MAX_AGE_DAYS, AS_OF),
    check=check,
    examples=(
        StackExample(
            "Catalog within its maximum age",
            (StackResource(RDS_INSTANCE, "orders-db-dev", {"engine": "postgres"}),),
            "pass",
            config={"maxAgeDays": 100000},
        ),
        StackExample(
            "Catalog older than maxAgeDays on the evaluation date",
            (StackResource(RDS_INSTANCE, "orders-db-dev", {"engine": "postgres"}),),
            "fail",
            config={"asOf": "2099-01-01"},
            mentions=("catalog refresh", "maxAgeDays"),
        ),
        StackExample(
            "Unknown resource properties do not matter: the policy reads only the catalog",
            (StackResource(RDS_INSTANCE, "orders-db-dev", {"engine": "postgres", "engineVersion": unknown()}),),
            "pass",
            config={"maxAgeDays": 100000},
        ),
    ),
)
