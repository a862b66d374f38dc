"""redshift-cluster-not-public: publiclyAccessible must be explicitly false."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.policies.operations.redshift_cluster_not_public import SPEC

CLUSTER = "aws:redshift/cluster:Cluster"


@pytest.mark.parametrize("value", [False, "false", secret(False)])
def test_explicit_false_passes(value: object) -> None:
    assert analyze_resource(SPEC, CLUSTER, {"nodeType": "ra3.xlplus", "publiclyAccessible": value}).passed


@pytest.mark.parametrize(("props", "says"), [
    ({}, "not set explicitly"),
    ({"publiclyAccessible": None}, "not set explicitly"),
    ({"publiclyAccessible": True}, "is true"),
    ({"publiclyAccessible": "yes"}, "not a boolean"),
    ({"publiclyAccessible": 0}, "not a boolean"),
])
def test_everything_else_fails(props: dict[str, object], says: str) -> None:
    result = analyze_resource(SPEC, CLUSTER, {"nodeType": "ra3.xlplus", **props})
    assert len(result.violations) == 1 and says in result.violations[0].detail
    assert "yes" not in result.violations[0].detail.split(":")[0]


def test_unknown_is_unverifiable() -> None:
    result = analyze_resource(SPEC, CLUSTER, {"publiclyAccessible": unknown("boolean")})
    assert not result.violations and "publiclyAccessible" in result.unverifiable[0].message
