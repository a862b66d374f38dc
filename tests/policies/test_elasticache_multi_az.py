"""elasticache-multi-az: replicas counted from numCacheClusters, replicasPerNodeGroup or node group configs."""

from __future__ import annotations

from migration_guard.testing.inprocess import AnalysisResult, analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.availability.elasticache_multi_az import SPEC
from migration_guard_policies.types import ELASTICACHE_REPLICATION_GROUP

ON = {"automaticFailoverEnabled": True, "multiAzEnabled": True}


def run(**props: object) -> AnalysisResult:
    return analyze_resource(SPEC, ELASTICACHE_REPLICATION_GROUP, {**ON, **props})


def test_node_group_configurations_need_a_replica_in_every_shard() -> None:
    assert run(nodeGroupConfigurations=[{"replicaCount": 1}, {"replicaCount": 2}]).passed
    assert run(nodeGroupConfigurations=[{"replicaCount": 1}, {"replicaCount": 0}]).violations


def test_unknown_replica_count_is_unverifiable() -> None:
    result = run(numCacheClusters=unknown("number"))
    assert not result.violations and "numCacheClusters" in result.unverifiable[0].message


def test_decidable_violation_is_reported_even_with_an_unknown() -> None:
    result = analyze_resource(SPEC, ELASTICACHE_REPLICATION_GROUP,
                              {"automaticFailoverEnabled": False, "multiAzEnabled": unknown("boolean"),
                               "numCacheClusters": 2})
    assert len(result.violations) == 1 and "automaticFailoverEnabled" in result.violations[0].message
