"""resource-name-environment-suffix: which properties name the resource itself, and what the message says."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies import types as t
from migration_guard_policies.compat.pulumi_policy import ConfigurationRefused
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.names import NOT_OWN_NAME, own_name_props
from migration_guard_policies.policies.naming.resource_name_environment_suffix import SPEC

DOCDB_CLUSTER = "aws:docdb/cluster:Cluster"
NEPTUNE_CLUSTER = "aws:neptune/cluster:Cluster"
REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster"
DMS_S3_ENDPOINT = "aws:dms/s3Endpoint:S3Endpoint"
DMS_REPLICATION_CONFIG = "aws:dms/replicationConfig:ReplicationConfig"


def run(type_: str, props: dict, name: str = "thing-dev", config: dict | None = None):  # type: ignore[no-untyped-def]
    return analyze_resource(SPEC, type_, props, name=name, config=config)


@pytest.mark.parametrize(
    ("type_", "prop"),
    [
        (DOCDB_CLUSTER, "clusterIdentifier"),
        (DOCDB_CLUSTER, "clusterIdentifierPrefix"),
        (NEPTUNE_CLUSTER, "clusterIdentifier"),
        (REDSHIFT_CLUSTER, "clusterIdentifier"),
        (DMS_S3_ENDPOINT, "endpointId"),
        (DMS_REPLICATION_CONFIG, "replicationConfigIdentifier"),
        (t.RDS_GLOBAL_CLUSTER, "globalClusterIdentifier"),
        ("aws:rds/clusterEndpoint:ClusterEndpoint", "clusterEndpointIdentifier"),
        ("aws:redshiftserverless/workgroup:Workgroup", "workgroupName"),
        (t.ELASTICACHE_CLUSTER, "clusterId"),
        (t.CLOUDWATCH_COMPOSITE_ALARM, "alarmName"),
        (t.ECS_TASK_DEFINITION, "family"),
        ("aws:dynamodb/table:Table", "name"),  # not listed: the generic name
    ],
)
def test_own_identifiers_need_the_suffix_and_the_message_says_they_collide(type_: str, prop: str) -> None:
    failing = run(type_, {prop: "orders"})
    assert len(failing.violations) == 1, failing.all_text()
    detail = failing.violations[0].detail
    assert prop in detail and "collide" in detail and "not visible" not in detail
    assert run(type_, {prop: "orders-dev"}).passed


@pytest.mark.parametrize(
    ("type_", "props"),
    [
        ("aws:ssm/association:Association", {"name": "AWS-RunPatchBaseline"}),
        ("aws:lambda/alias:Alias", {"name": "live", "functionName": "orders"}),
        ("aws:lambda/permission:Permission", {"function": "orders", "statementId": "AllowS3"}),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {"role": "orders", "policyArn": "arn:aws:iam::aws:x"}),
        ("aws:iam/rolePolicy:RolePolicy", {"name": "inline", "role": "orders"}),
        ("aws:iam/policyAttachment:PolicyAttachment", {"name": "attach", "roles": ["orders"]}),
        (t.RDS_CLUSTER_INSTANCE, {"identifier": "orders-1-dev", "clusterIdentifier": "orders"}),
        (t.DMS_REPLICATION_INSTANCE, {"replicationInstanceId": "dms-dev", "replicationSubnetGroupId": "subnets"}),
        ("aws:s3/bucketPolicy:BucketPolicy", {"bucket": "shared-artifacts", "policy": "{}"}),
        ("aws:docdb/clusterInstance:ClusterInstance", {"identifier": "docdb-1-dev", "clusterIdentifier": "docdb"}),
    ],
)
def test_properties_that_are_not_the_resources_own_name_pass(type_: str, props: dict) -> None:
    assert run(type_, props).passed


def test_logical_name_alone_says_the_environment_is_not_visible() -> None:
    result = run(REDSHIFT_CLUSTER, {"nodeType": "ra3.xlplus"}, name="warehouse")
    assert len(result.violations) == 1
    detail = result.violations[0].detail
    assert "warehouse" in detail and "not visible" in detail and "do not collide" in detail.replace("does not", "do not")


def test_logical_name_still_needs_the_suffix_where_properties_are_not_names() -> None:
    result = run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {"role": "r"}, name="flow-logs-attach")
    assert len(result.violations) == 1 and "flow-logs-attach" in result.violations[0].detail


def test_both_messages_when_both_names_lack_the_suffix() -> None:
    result = run(DOCDB_CLUSTER, {"clusterIdentifier": "catalog"}, name="catalog")
    details = [v.detail for v in result.violations]
    assert len(details) == 2
    assert any("not visible" in d for d in details) and any("collide" in d for d in details)


def test_unknown_and_interpolated_identifiers_are_unverifiable() -> None:
    assert run(DMS_REPLICATION_CONFIG, {"replicationConfigIdentifier": unknown()}).unverifiable
    interpolated = "orders-" + "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    assert run(REDSHIFT_CLUSTER, {"clusterIdentifier": interpolated}).unverifiable


def test_empty_or_null_names_are_left_to_the_provider() -> None:
    assert run(t.SNS_TOPIC, {"name": ""}).passed
    assert run(t.SNS_TOPIC, {"name": None}).passed


def test_long_names_are_cut_in_messages() -> None:
    long_name = "x" * 100_000
    result = run(t.SNS_TOPIC, {"name": long_name})
    assert result.violations and len(result.all_text()) < 2_000


def test_exempt_types_and_a_wrong_setting_type_never_raise() -> None:
    assert run(t.SNS_TOPIC, {"name": "x"}, config={"exemptTypes": [t.SNS_TOPIC]}).not_applicable
    with pytest.raises(ConfigurationRefused) as refused:  # Configure refuses the value, naming policy and key
        run(t.SNS_TOPIC, {"name": "x-dev"}, config={"exemptTypes": 5})
    assert refused.value.lines == [
        "resource-name-environment-suffix: exemptTypes: Invalid type. Expected: array, given: integer",
    ]
    # On the SDK's own servicer (which accepts any Configure) the first call raises the same problems.
    with pytest.raises(ConfigurationRefused) as refused:
        analyze_resource(SPEC, t.SNS_TOPIC, {"name": "x-dev"}, config={"exemptTypes": 5}, path="sdk")
    assert refused.value.lines == [
        "resource-name-environment-suffix: exemptTypes: Invalid type. Expected: array, given: integer",
    ]


def test_names_table_lists_no_property_pointing_elsewhere() -> None:
    for type_ in ("aws:ssm/association:Association", "aws:lambda/alias:Alias"):
        assert type_ in NOT_OWN_NAME and own_name_props(type_) == ()
    assert ("clusterIdentifier", False) not in own_name_props(t.RDS_CLUSTER_INSTANCE)
    assert own_name_props(REDSHIFT_CLUSTER) == (("clusterIdentifier", False),)


def test_secret_valued_names_are_still_checked() -> None:
    # A name that arrived secret is still a name; whether it may be echoed is the pack's decision.
    result = run(t.SNS_TOPIC, {"name": secret("orders")})
    assert result.violations
