"""Stack policies of the availability and operations families under the real engine's AnalyzeStack shape.

During preview the engine sends AnalyzeStack planned outputs (pkg/resource/deploy/step_generator.go,
stepGenerator.AnalyzeResources, ``Properties: v.Outputs``): every computed attribute the program did not set is
unknown and every other unset attribute is null (pulumi-terraform-bridge pkg/tfbridge/schema.go,
MakeTerraformOutput). ``engine_shape`` builds those outputs from the installed SDK's output types.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from migration_guard.testing.inprocess import AnalysisResult, PackSession, analyze_stack, urn_of
from migration_guard_policies import all_specs
from migration_guard_policies.examples import StackExample, StackResource, unknown
from migration_guard_policies.policies.availability.docdb_cluster_multi_az import SPEC as DOCDB_MULTI_AZ
from migration_guard_policies.policies.availability.nat_gateway_per_az import SPEC as NAT_PER_AZ
from migration_guard_policies.policies.availability.rds_cluster_multi_az import SPEC as RDS_MULTI_AZ
from migration_guard_policies.policies.availability.subnet_group_multi_az import SPEC as SUBNET_GROUPS
from migration_guard_policies.policies.operations.database_monitoring_coverage import SPEC as MONITORING
from migration_guard_policies.policies.operations.required_resource_types import SPEC as REQUIRED_TYPES
from migration_guard_policies.policies.operations.vpc_flow_logs_enabled import SPEC as FLOW_LOGS
from migration_guard_policies.spec import Family, StackPolicySpec
from migration_guard_policies.types import (
    CLOUDWATCH_METRIC_ALARM,
    DOCDB_CLUSTER,
    DOCDB_CLUSTER_INSTANCE,
    EC2_FLOW_LOG,
    EC2_NAT_GATEWAY,
    EC2_ROUTE,
    EC2_ROUTE_TABLE,
    EC2_ROUTE_TABLE_ASSOCIATION,
    EC2_SUBNET,
    EC2_VPC,
    NEPTUNE_SUBNET_GROUP,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
)

from .engine_shape import engine_resource, engine_shaped, planned_outputs
from .expectations import assert_expectation

OURS = [s for s in all_specs() if isinstance(s, StackPolicySpec)
        and s.family in (Family.AVAILABILITY, Family.OPERATIONS) and s.name != "exemptions-unused"]
# Decisions that need the Analyze inputs to tell an unset attribute from one set from an unknown output
# (StackCheck.analyzed); without them the policy stays on the safe side: it says it cannot verify.
NEEDS_ANALYZE_MEMORY = {("database-monitoring-coverage", "DMS Serverless replication without an alarm")}
CASES = [(spec, example) for spec in OURS for example in spec.examples]


def analyze_like_the_engine(spec: StackPolicySpec, resources: tuple[StackResource, ...] | list[StackResource],
                            config: dict[str, object] | None = None) -> AnalysisResult:
    """Analyze every resource with its inputs (the pack remembers them), then AnalyzeStack with planned outputs:
    the order and shapes of a real `pulumi preview` (pkg/resource/deploy/step_generator.go: Analyze per
    resource as it is registered, AnalyzeResources once at the end)."""
    session = PackSession(spec, config={spec.name: dict(config or {})})
    for resource in resources:
        session.analyze(resource.type, resource.props, name=resource.name)
    return session.analyze_stack(engine_shaped(resources))


def test_the_shape_is_the_engines() -> None:
    subnet = planned_outputs(EC2_SUBNET, {"availabilityZoneId": "use1-az1", "cidrBlock": "10.0.0.0/24"})
    assert subnet["availabilityZone"] == unknown() and subnet["id"] == unknown()
    assert planned_outputs(RDS_CLUSTER_INSTANCE, {"instanceClass": "db.r6g.large"})["availabilityZone"] == unknown()
    assert planned_outputs(EC2_FLOW_LOG, {"subnetId": "subnet-1"})["vpcId"] is None  # optional, not computed
    assert planned_outputs(EC2_ROUTE_TABLE, {})["routes"] == unknown("array")


@pytest.mark.parametrize(("spec", "example"), CASES, ids=[f"{s.name}:{e.title}" for s, e in CASES])
def test_examples_decide_the_same_under_engine_shaped_outputs(spec: StackPolicySpec, example: StackExample) -> None:
    shaped = replace(example, resources=engine_shaped(example.resources))
    if (spec.name, example.title) in NEEDS_ANALYZE_MEMORY:
        shaped = replace(shaped, expect="unverifiable", mentions=(), failing=())
    assert_expectation(spec, shaped, analyze_stack(spec, shaped.resources, config=example.config or None))


@pytest.mark.parametrize(("spec", "example"), CASES, ids=[f"{s.name}:{e.title}" for s, e in CASES])
def test_examples_decide_as_declared_with_the_analyze_inputs(spec: StackPolicySpec, example: StackExample) -> None:
    """With the Analyze inputs remembered, every example decides exactly as its declaration says."""
    assert_expectation(spec, example, analyze_like_the_engine(spec, example.resources, example.config))


def test_a_pinned_and_an_unset_instance_az_pass_once_the_inputs_show_it_unset() -> None:
    resources = _aurora_inputs("us-east-1a", None)
    assert analyze_like_the_engine(RDS_MULTI_AZ, resources).passed  # the unset AZ is RDS's to choose
    without_inputs = analyze_stack(RDS_MULTI_AZ, engine_shaped(resources))
    assert not without_inputs.violations and without_inputs.unverifiable  # cannot tell unset from unknown


def test_an_az_from_an_unknown_output_stays_unverifiable_with_the_inputs() -> None:
    resources = _aurora_inputs("us-east-1a", unknown())
    result = analyze_like_the_engine(RDS_MULTI_AZ, resources)
    assert not result.violations and "orders-1-dev.availabilityZone" in result.unverifiable[0].message


def test_docdb_pinned_and_unset_with_the_inputs() -> None:
    cluster = StackResource(DOCDB_CLUSTER, "catalog-dev", {"engine": "docdb", "clusterIdentifier": "catalog-dev"})
    instances = [StackResource(DOCDB_CLUSTER_INSTANCE, name, {"clusterIdentifier": unknown(), **zone},
                               deps={"clusterIdentifier": ("catalog-dev",)})
                 for name, zone in (("a-dev", {"availabilityZone": "us-east-1a"}), ("b-dev", {}))]
    assert analyze_like_the_engine(DOCDB_MULTI_AZ, [cluster, *instances]).passed


def test_computed_identifier_does_not_hide_coverage_with_the_inputs() -> None:
    config = StackResource("aws:dms/replicationConfig:ReplicationConfig", "repl-dev",
                           {"replicationConfigIdentifier": "repl-dev", "replicationType": "cdc"})
    other = StackResource(CLOUDWATCH_METRIC_ALARM, "other-dev", {"dimensions": {"DBInstanceIdentifier": "db-1"}})
    result = analyze_like_the_engine(MONITORING, [config, other])
    assert [d.urn for d in result.violations] == [urn_of("repl-dev", [config])] and not result.unverifiable


def _aurora_inputs(*zones: object) -> list[StackResource]:
    resources = [StackResource(RDS_CLUSTER, "orders-dev", {"engine": "aurora-postgresql",
                                                          "clusterIdentifier": "orders-dev"})]
    for i, zone in enumerate(zones):
        inputs: dict[str, object] = {"clusterIdentifier": unknown(), "instanceClass": "db.r6g.large",
                                     "engine": "aurora-postgresql"}
        if zone is not None:
            inputs["availabilityZone"] = zone
        resources.append(StackResource(RDS_CLUSTER_INSTANCE, f"orders-{i}-dev", inputs,
                                       deps={"clusterIdentifier": ("orders-dev",)}))
    return resources


def _aurora(*zones: str | None) -> list:
    resources = [engine_resource(RDS_CLUSTER, "orders-dev", {"engine": "aurora-postgresql",
                                                            "clusterIdentifier": "orders-dev"})]
    for i, zone in enumerate(zones):
        inputs = {"clusterIdentifier": unknown(), "instanceClass": "db.r6g.large", "engine": "aurora-postgresql"}
        if zone:
            inputs["availabilityZone"] = zone
        resources.append(engine_resource(RDS_CLUSTER_INSTANCE, f"orders-{i}-dev", inputs,
                                         {"clusterIdentifier": ("orders-dev",)}))
    return resources


def test_aurora_instances_without_an_az_pass_though_the_engine_shows_it_unknown() -> None:
    assert analyze_stack(RDS_MULTI_AZ, _aurora(None, None)).passed


def test_aurora_single_instance_fails_under_engine_shape() -> None:
    resources = _aurora(None)
    assert [d.urn for d in analyze_stack(RDS_MULTI_AZ, resources).violations] == [urn_of("orders-dev", resources)]


def test_aurora_instances_pinned_to_one_az_fail_under_engine_shape() -> None:
    assert analyze_stack(RDS_MULTI_AZ, _aurora("us-east-1a", "us-east-1a")).violations


def test_docdb_instances_under_engine_shape() -> None:
    cluster = engine_resource(DOCDB_CLUSTER, "catalog-dev", {"engine": "docdb", "clusterIdentifier": "catalog-dev"})

    def instance(name: str) -> object:
        return engine_resource(DOCDB_CLUSTER_INSTANCE, name, {"clusterIdentifier": unknown(),
                                                              "instanceClass": "db.r6g.large"},
                               {"clusterIdentifier": ("catalog-dev",)})

    assert analyze_stack(DOCDB_MULTI_AZ, [cluster, instance("a-dev"), instance("b-dev")]).passed
    assert analyze_stack(DOCDB_MULTI_AZ, [cluster, instance("a-dev")]).violations


def _subnets_by_zone_id(*zone_ids: str) -> list:
    vpc = engine_resource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.0.0.0/16"})
    subnets = [engine_resource(EC2_SUBNET, f"s{i}-dev", {"vpcId": unknown(), "cidrBlock": f"10.0.{i}.0/24",
                                                         "availabilityZoneId": zone}, {"vpcId": ("vpc-dev",)})
               for i, zone in enumerate(zone_ids)]
    return [vpc, *subnets]


def test_subnets_set_by_zone_id_decide_the_span_under_engine_shape() -> None:
    group = engine_resource(NEPTUNE_SUBNET_GROUP, "graph-dev", {"subnetIds": [unknown(), unknown()]},
                            {"subnetIds": ("s0-dev", "s1-dev")})
    assert analyze_stack(SUBNET_GROUPS, [*_subnets_by_zone_id("use1-az1", "use1-az2"), group]).passed
    result = analyze_stack(SUBNET_GROUPS, [*_subnets_by_zone_id("use1-az1", "use1-az1"), group])
    assert len(result.violations) == 1 and "use1-az1" in result.violations[0].detail


def _nat_stack(shared: bool) -> list:
    resources = _subnets_by_zone_id("use1-az1", "use1-az2", "use1-az1", "use1-az2")  # public s0 s1, private s2 s3
    resources += [engine_resource(EC2_NAT_GATEWAY, "nat-a-dev", {"subnetId": unknown(), "allocationId": unknown()},
                                  {"subnetId": ("s0-dev",)}),
                  engine_resource(EC2_NAT_GATEWAY, "nat-b-dev", {"subnetId": unknown(), "allocationId": unknown()},
                                  {"subnetId": ("s1-dev",)})]
    for private, nat in (("s2-dev", "nat-a-dev"), ("s3-dev", "nat-a-dev" if shared else "nat-b-dev")):
        table = f"rt-{private}"
        resources += [
            engine_resource(EC2_ROUTE_TABLE, table, {"vpcId": unknown()}, {"vpcId": ("vpc-dev",)}),
            engine_resource(EC2_ROUTE, f"route-{private}", {"routeTableId": unknown(), "natGatewayId": unknown(),
                                                            "destinationCidrBlock": "0.0.0.0/0"},
                            {"routeTableId": (table,), "natGatewayId": (nat,)}),
            engine_resource(EC2_ROUTE_TABLE_ASSOCIATION, f"rta-{private}",
                            {"subnetId": unknown(), "routeTableId": unknown()},
                            {"subnetId": (private,), "routeTableId": (table,)}),
        ]
    return resources


def test_nat_gateways_per_az_under_engine_shape() -> None:
    assert not analyze_stack(NAT_PER_AZ, _nat_stack(shared=False)).violations
    shared = analyze_stack(NAT_PER_AZ, _nat_stack(shared=True))
    assert shared.violations and "s3-dev" in shared.violations[0].detail


def test_flow_logs_under_engine_shape() -> None:
    vpc = engine_resource(EC2_VPC, "vpc-dev", {"cidrBlock": "10.0.0.0/16"})
    vpc_log = engine_resource(EC2_FLOW_LOG, "log-dev", {"vpcId": unknown(), "trafficType": "ALL"},
                              {"vpcId": ("vpc-dev",)})
    subnet_log = engine_resource(EC2_FLOW_LOG, "subnet-log-dev", {"subnetId": "subnet-0abc", "trafficType": "ALL"})
    assert analyze_stack(FLOW_LOGS, [vpc, vpc_log, subnet_log]).passed
    result = analyze_stack(FLOW_LOGS, [vpc, subnet_log])  # a subnet's flow log: vpcId is null, not unknown
    assert [d.urn for d in result.violations] == [urn_of("vpc-dev", [vpc])] and not result.unverifiable


def test_monitoring_through_instance_alarms_under_engine_shape() -> None:
    resources = _aurora(None, None)
    alarms = [engine_resource(CLOUDWATCH_METRIC_ALARM, f"cpu-{r.name}", {
        "metricName": "CPUUtilization", "namespace": "AWS/RDS", "dimensions": {"DBInstanceIdentifier": unknown()},
        "alarmActions": [unknown()]}, {"dimensions": (r.name,)}) for r in resources[1:]]
    assert analyze_stack(MONITORING, [*resources, *alarms]).passed
    assert analyze_stack(MONITORING, [*resources, alarms[0]]).violations


def test_required_types_under_engine_shape() -> None:
    resources = _aurora(None)
    config = {"requiredTypes": [RDS_CLUSTER_INSTANCE]}
    assert analyze_stack(REQUIRED_TYPES, resources, config=config).passed
    assert analyze_stack(REQUIRED_TYPES, resources, config={"requiredTypes": [EC2_FLOW_LOG]}).violations
