"""rds-cluster-multi-az: which instances belong to which cluster, engine modes, and AZ spans."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.availability.rds_cluster_multi_az import SPEC
from migration_guard_policies.types import RDS_CLUSTER, RDS_CLUSTER_INSTANCE


def cluster(name: str, **props: object) -> StackResource:
    base: dict[str, object] = {"clusterIdentifier": name, "engine": "aurora-postgresql"}
    return StackResource(RDS_CLUSTER, name, {**base, **props})


def instance(name: str, of: str | None = None, zone: object = None, literal: object = None) -> StackResource:
    props: dict[str, object] = {"clusterIdentifier": literal if literal is not None else unknown()}
    if zone is not None:
        props["availabilityZone"] = zone
    return StackResource(RDS_CLUSTER_INSTANCE, name, props, deps={"clusterIdentifier": (of,)} if of else {})


def test_instances_count_only_for_their_own_cluster() -> None:
    resources = [cluster("orders-dev"), cluster("billing-dev"),
                 instance("orders-1-dev", "orders-dev", "us-east-1a"), instance("orders-2-dev", "orders-dev", "us-east-1b"),
                 instance("billing-1-dev", "billing-dev", "us-east-1a")]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("billing-dev", resources)]
    assert "1 ClusterInstance" in result.violations[0].message


def test_literal_identifier_matches_case_insensitively() -> None:
    resources = [cluster("orders-dev"), instance("orders-1-dev", literal="Orders-Dev"),
                 instance("orders-2-dev", literal="orders-dev")]
    assert analyze_stack(SPEC, resources).passed


def test_serverless_v1_and_multi_az_db_clusters_need_no_instances() -> None:
    resources = [cluster("v1-dev", engineMode="serverless"),
                 cluster("maz-dev", engine="postgres", dbClusterInstanceClass="db.m6gd.large")]
    assert analyze_stack(SPEC, resources).passed


def test_serverless_v2_is_provisioned_and_needs_instances() -> None:
    resources = [cluster("orders-dev", engineMode="provisioned",
                         serverlessv2ScalingConfiguration={"minCapacity": 0.5, "maxCapacity": 4}),
                 StackResource(RDS_CLUSTER_INSTANCE, "orders-1-dev",
                               {"clusterIdentifier": unknown(), "instanceClass": "db.serverless"},
                               deps={"clusterIdentifier": ("orders-dev",)})]
    assert len(analyze_stack(SPEC, resources).violations) == 1


def test_unknown_engine_is_unverifiable() -> None:
    result = analyze_stack(SPEC, [cluster("orders-dev", engine=unknown())])
    assert not result.violations and "orders-dev.engine" in result.unverifiable[0].message


def test_one_unknown_zone_with_the_others_in_one_az_is_unverifiable() -> None:
    resources = [cluster("orders-dev"), instance("orders-1-dev", "orders-dev", "us-east-1a"),
                 instance("orders-2-dev", "orders-dev", unknown())]
    result = analyze_stack(SPEC, resources)
    assert not result.violations
    assert "orders-2-dev.availabilityZone" in result.unverifiable[0].message


def test_instances_without_az_are_left_to_rds() -> None:
    resources = [cluster("orders-dev"), instance("orders-1-dev", "orders-dev"), instance("orders-2-dev", "orders-dev")]
    assert analyze_stack(SPEC, resources).passed


def test_min_instances_arrives_as_a_float_and_is_honoured() -> None:
    resources = [cluster("orders-dev"), instance("orders-1-dev", "orders-dev")]
    assert analyze_stack(SPEC, resources, config={"minInstances": 1}).passed
