"""rds-managed-master-password (a stack policy since catalog r2), through pulumi-policy's AnalyzeStack."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, secret, unknown
from migration_guard_policies.policies.secrets.rds_managed_master_password import SPEC, is_aws_managed_key
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE

MANAGED = {"manageMasterUserPassword": True, "masterUserSecretKmsKeyId": "arn:aws:kms:eu-west-1:1:key/abc"}


def instance(name: str, **props: object) -> StackResource:
    return StackResource(RDS_INSTANCE, name, {"engine": "postgres", **props})


@pytest.mark.parametrize(
    "replica_source",
    ["orders-db-dev", "ORDERS-DB-DEV", "arn:aws:rds:eu-west-1:123456789012:db:orders-db-dev"],
)
def test_source_named_literally_by_a_replica(replica_source: str) -> None:
    resources = [instance("orders-db-dev", identifier="orders-db-dev", **MANAGED),
                 instance("orders-replica-dev", replicateSourceDb=replica_source)]
    result = analyze_stack(SPEC, resources)
    assert [v.urn for v in result.violations] == [urn_of("orders-db-dev", resources)]
    assert "read replica" in result.violations[0].detail


def test_replica_listed_before_its_source_is_linked_by_property_dependency() -> None:
    replica = StackResource(RDS_INSTANCE, "orders-replica-dev", {"engine": "postgres", "replicateSourceDb": unknown()},
                            deps={"replicateSourceDb": ("orders-db-dev",)})
    resources = [replica, instance("orders-db-dev", **MANAGED)]
    result = analyze_stack(SPEC, resources)
    assert [v.urn for v in result.violations] == [urn_of("orders-db-dev", resources)]


def test_an_instance_without_replicas_may_use_a_managed_password() -> None:
    resources = [instance("orders-db-dev", identifier="orders-db-dev", **MANAGED),
                 instance("other-replica-dev", replicateSourceDb="elsewhere-db")]
    assert analyze_stack(SPEC, resources).passed


def test_source_with_plaintext_password_is_asked_for_the_write_only_password() -> None:
    resources = [instance("orders-db-dev", password=secret("Zr8!vQ2#mL5pX9tw")),
                 StackResource(RDS_INSTANCE, "orders-replica-dev", {"replicateSourceDb": unknown()},
                               deps={"replicateSourceDb": ("orders-db-dev",)})]
    result = analyze_stack(SPEC, resources)
    assert len(result.violations) == 1 and "passwordWo" in result.violations[0].detail
    assert "Zr8!vQ2#mL5pX9tw" not in result.all_text()


def test_write_only_password_on_a_source_passes_even_when_not_allowed_elsewhere() -> None:
    resources = [instance("orders-db-dev", identifier="orders-db-dev", passwordWo=secret("wo-Example-Pa55phrase"), passwordWoVersion=1),
                 instance("orders-replica-dev", replicateSourceDb="orders-db-dev")]
    assert analyze_stack(SPEC, resources, config={"allowWriteOnlyPasswords": False}).violations == []


@pytest.mark.parametrize(
    "key",
    ["alias/aws/secretsmanager", "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager",
     "ALIAS/AWS/rds", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/secretsmanager"],
)
def test_aws_managed_keys_in_every_form_are_refused(key: str) -> None:
    assert is_aws_managed_key(key)
    result = analyze_stack(SPEC, [instance("orders-db-dev", manageMasterUserPassword=True, masterUserSecretKmsKeyId=key)])
    assert result.violations and "AWS-managed" in result.violations[0].detail


@pytest.mark.parametrize("key", ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd", "1234abcd-12ab-34cd",
                                 "alias/orders", "arn:aws:kms:eu-west-1:123456789012:alias/awsome"])
def test_customer_managed_keys_pass(key: str) -> None:
    assert not is_aws_managed_key(key)
    assert analyze_stack(SPEC, [instance("orders-db-dev", manageMasterUserPassword=True,
                                         masterUserSecretKmsKeyId=key)]).passed


def test_aws_managed_key_allowed_when_not_required() -> None:
    resources = [instance("orders-db-dev", manageMasterUserPassword=True, masterUserSecretKmsKeyId="alias/aws/rds")]
    assert analyze_stack(SPEC, resources, config={"requireCustomerManagedKey": False}).passed


def test_global_secondary_without_credentials_is_left_to_the_primary() -> None:
    secondary = StackResource(RDS_CLUSTER, "orders-secondary-dev",
                              {"engine": "aurora-postgresql", "globalClusterIdentifier": unknown()})
    assert analyze_stack(SPEC, [secondary]).passed


def test_global_member_with_write_only_password_passes() -> None:
    primary = StackResource(RDS_CLUSTER, "orders-primary-dev", {
        "engine": "aurora-postgresql", "globalClusterIdentifier": "orders-global", "masterUsername": "app",
        "masterPasswordWo": secret("wo-Example-Pa55phrase"), "masterPasswordWoVersion": 1})
    assert analyze_stack(SPEC, [primary]).passed


def test_cross_region_needs_the_provider_region() -> None:
    replica = {"engine": "aurora-mysql", "manageMasterUserPassword": True, "masterUserSecretKmsKeyId": "k",
               "replicationSourceIdentifier": "arn:aws:rds:us-east-1:123456789012:cluster:orders"}
    # Region of the provider not set in the program: the Region cannot be compared; the replica inherits.
    assert analyze_stack(SPEC, [StackResource(RDS_CLUSTER, "replica-dev", replica)]).passed
    same = StackResource(RDS_CLUSTER, "replica-dev", replica, provider={"region": "us-east-1"})
    assert analyze_stack(SPEC, [same]).passed
    other = StackResource(RDS_CLUSTER, "replica-dev", replica, provider={"region": "eu-central-1"})
    assert "cross-Region" in analyze_stack(SPEC, [other]).violations[0].detail


def test_unknown_manage_flag_in_an_unsupported_context_counts_as_set() -> None:
    cluster = StackResource(RDS_CLUSTER, "orders-sls-dev", {"engine": "aurora-mysql", "engineMode": "serverless",
                                                            "manageMasterUserPassword": unknown("boolean")})
    assert analyze_stack(SPEC, [cluster]).violations


def test_aurora_instances_are_checked_on_the_cluster() -> None:
    member = StackResource(RDS_INSTANCE, "orders-1-dev", {"engine": "aurora-postgresql"})
    assert analyze_stack(SPEC, [member]).passed


def test_exemptions_apply_per_resource() -> None:
    resources = [instance("legacy-db-dev", password=secret("Zr8!vQ2#mL5pX9tw")), instance("orders-db-dev")]
    config = {"exemptions": [{"resource": "legacy-*", "reason": "migrated next quarter"}]}
    result = analyze_stack(SPEC, resources, config=config)
    assert [v.urn for v in result.violations] == [urn_of("orders-db-dev", resources)]


@pytest.mark.parametrize("odd", [None, 5, "x", [], {"enabled": "yes"}, unknown("object")])
def test_odd_values_never_raise(odd: object) -> None:
    resources = [StackResource(RDS_INSTANCE, "db-dev", {"engine": odd, "blueGreenUpdate": odd,
                                                         "replicateSourceDb": odd, "manageMasterUserPassword": odd,
                                                         "masterUserSecretKmsKeyId": odd}),
                 StackResource(RDS_CLUSTER, "c-dev", {"engineMode": odd, "globalClusterIdentifier": odd,
                                                      "replicationSourceIdentifier": odd})]
    analyze_stack(SPEC, resources)
