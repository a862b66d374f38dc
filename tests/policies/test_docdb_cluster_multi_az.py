"""docdb-cluster-multi-az: instances per cluster, literal and dependency links, AZ span, linear cost."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.availability.docdb_cluster_multi_az import SPEC

CLUSTER = "aws:docdb/cluster:Cluster"
INSTANCE = "aws:docdb/clusterInstance:ClusterInstance"


def cluster(name: str) -> StackResource:
    return StackResource(CLUSTER, name, {"clusterIdentifier": name, "engine": "docdb"})


def instance(name: str, of: str, zone: object = None, literal: bool = False) -> StackResource:
    props: dict[str, object] = {"instanceClass": "db.r6g.large", "clusterIdentifier": of if literal else unknown()}
    if zone is not None:
        props["availabilityZone"] = zone
    return StackResource(INSTANCE, name, props, deps={} if literal else {"clusterIdentifier": (of,)})


def test_instances_count_only_for_their_own_cluster() -> None:
    resources = [cluster("a-dev"), cluster("b-dev"), instance("a1-dev", "a-dev"), instance("a2-dev", "a-dev"),
                 instance("b1-dev", "b-dev")]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("b-dev", resources)]
    assert "1 ClusterInstance" in result.violations[0].detail


def test_literal_identifier_links_case_insensitively() -> None:
    resources = [cluster("catalog-dev"), instance("i1-dev", "CATALOG-DEV", literal=True),
                 instance("i2-dev", "catalog-dev", literal=True)]
    assert analyze_stack(SPEC, resources).passed


def test_one_pinned_one_unknown_az_is_unverifiable() -> None:
    resources = [cluster("c-dev"), instance("i1-dev", "c-dev", "us-east-1a"), instance("i2-dev", "c-dev", unknown())]
    result = analyze_stack(SPEC, resources)
    assert not result.violations and "i2-dev.availabilityZone" in result.unverifiable[0].message


def test_zone_names_and_ids_cannot_be_compared() -> None:
    resources = [cluster("c-dev"), instance("i1-dev", "c-dev", "us-east-1a"),
                 StackResource(INSTANCE, "i2-dev", {"clusterIdentifier": unknown(), "availabilityZoneId": "use1-az1"},
                               deps={"clusterIdentifier": ("c-dev",)})]
    assert not analyze_stack(SPEC, resources).violations


def test_exempted_cluster() -> None:
    resources = [cluster("scratch-dev")]
    config = {"exemptions": [{"resource": "scratch-*", "reason": "throwaway copy for a rehearsal"}]}
    assert analyze_stack(SPEC, resources, config=config).passed


def test_many_clusters_are_decided_one_by_one() -> None:
    resources: list[StackResource] = []
    for n in range(300):
        resources += [cluster(f"c{n}-dev"), instance(f"c{n}-1-dev", f"c{n}-dev", literal=True)]
    result = analyze_stack(SPEC, resources)
    assert len(result.violations) == 300
