"""rds-managed-master-password: the resource check (Analyze) and its stack part (AnalyzeStack)."""

from __future__ import annotations

import pytest

from migration_guard.testing.inprocess import analyze_resource, analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, secret, unknown
from migration_guard_policies.policies.secrets.rds_managed_master_password import (
    SPEC,
    STACK_EXAMPLES,
    is_aws_managed_key,
)
from migration_guard_policies.types import RDS_CLUSTER, RDS_INSTANCE

from .expectations import assert_expectation

MANAGED = {"manageMasterUserPassword": True, "masterUserSecretKmsKeyId": "arn:aws:kms:eu-west-1:1:key/abc"}


def instance(name: str, deps: dict | None = None, **props: object) -> StackResource:  # type: ignore[type-arg]
    return StackResource(RDS_INSTANCE, name, {"engine": "postgres", **props}, deps=deps or {})


@pytest.mark.parametrize("example", STACK_EXAMPLES, ids=lambda e: e.title)
def test_stack_part_examples(example) -> None:  # type: ignore[no-untyped-def]
    # The resource policy's stack_check, run by the pack's AnalyzeStack under the policy's own name and level.
    assert_expectation(SPEC, example, analyze_stack(SPEC, example.resources, config=example.config))


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
    replica = instance("orders-replica-dev", deps={"replicateSourceDb": ("orders-db-dev",)},
                       replicateSourceDb=unknown())
    resources = [replica, instance("orders-db-dev", **MANAGED)]
    result = analyze_stack(SPEC, resources)
    assert [v.urn for v in result.violations] == [urn_of("orders-db-dev", resources)]


def test_the_source_passes_analyze_alone_and_the_stack_part_reports_it() -> None:
    # Analyze cannot know a replica will follow: it passes, and AnalyzeStack decides.
    assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": "postgres", **MANAGED}).passed


def test_an_instance_without_replicas_may_use_a_managed_password() -> None:
    resources = [instance("orders-db-dev", identifier="orders-db-dev", **MANAGED),
                 instance("other-replica-dev", replicateSourceDb="elsewhere-db")]
    assert analyze_stack(SPEC, resources).passed


def test_stack_part_does_not_repeat_what_analyze_reports() -> None:
    resources = [instance("orders-db-dev", identifier="orders-db-dev", password=secret("Zr8!vQ2#mL5pX9tw")),
                 instance("orders-replica-dev", replicateSourceDb="orders-db-dev")]
    result = analyze_stack(SPEC, resources)
    assert result.passed and "Zr8!vQ2#mL5pX9tw" not in result.all_text()


@pytest.mark.parametrize(
    "key",
    ["alias/aws/secretsmanager", "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager",
     "ALIAS/AWS/rds", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/secretsmanager"],
)
def test_aws_managed_keys_in_every_form_are_refused(key: str) -> None:
    assert is_aws_managed_key(key)
    result = analyze_resource(SPEC, RDS_INSTANCE, {"engine": "postgres", "manageMasterUserPassword": True,
                                                   "masterUserSecretKmsKeyId": key})
    assert result.violations and "AWS-managed" in result.violations[0].detail


@pytest.mark.parametrize("key", ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd", "1234abcd-12ab-34cd",
                                 "alias/orders", "arn:aws:kms:eu-west-1:123456789012:alias/awsome"])
def test_customer_managed_keys_pass(key: str) -> None:
    assert not is_aws_managed_key(key)
    assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": "postgres", "manageMasterUserPassword": True,
                                                 "masterUserSecretKmsKeyId": key}).passed


def test_aws_managed_key_allowed_when_not_required() -> None:
    props = {"engine": "postgres", "manageMasterUserPassword": True, "masterUserSecretKmsKeyId": "alias/aws/rds"}
    assert analyze_resource(SPEC, RDS_INSTANCE, props, config={"requireCustomerManagedKey": False}).passed


def test_global_secondary_without_credentials_is_left_to_the_primary() -> None:
    props = {"engine": "aurora-postgresql", "globalClusterIdentifier": unknown()}
    assert analyze_resource(SPEC, RDS_CLUSTER, props).not_applicable


def test_global_member_with_write_only_password_passes_even_when_not_allowed_elsewhere() -> None:
    props = {"engine": "aurora-postgresql", "globalClusterIdentifier": "orders-global", "masterUsername": "app",
             "masterPasswordWo": secret("wo-Example-Pa55phrase"), "masterPasswordWoVersion": 1}
    assert analyze_resource(SPEC, RDS_CLUSTER, props, config={"allowWriteOnlyPasswords": False}).passed


def test_global_member_with_plaintext_password_is_asked_for_the_write_only_password() -> None:
    props = {"engine": "aurora-postgresql", "globalClusterIdentifier": "g", "masterUsername": "app",
             "masterPassword": secret("Zr8!vQ2#mL5pX9tw")}
    result = analyze_resource(SPEC, RDS_CLUSTER, props)
    assert "masterPasswordWo" in result.violations[0].detail and "Zr8!vQ2#mL5pX9tw" not in result.all_text()


def test_cross_region_needs_the_provider_region() -> None:
    replica = {"engine": "aurora-mysql", "manageMasterUserPassword": True, "masterUserSecretKmsKeyId": "k",
               "replicationSourceIdentifier": "arn:aws:rds:us-east-1:123456789012:cluster:orders"}
    # The provider's Region is not in the program: the Regions cannot be compared; the replica inherits.
    assert analyze_resource(SPEC, RDS_CLUSTER, replica).not_applicable
    assert analyze_resource(SPEC, RDS_CLUSTER, replica, provider={"region": "us-east-1"}).not_applicable
    other = analyze_resource(SPEC, RDS_CLUSTER, replica, provider={"region": "eu-central-1"})
    assert "cross-Region" in other.violations[0].detail


def test_unknown_manage_flag_in_an_unsupported_context_counts_as_set() -> None:
    props = {"engine": "aurora-mysql", "engineMode": "serverless", "manageMasterUserPassword": unknown("boolean")}
    assert analyze_resource(SPEC, RDS_CLUSTER, props).violations


def test_aurora_instances_are_checked_on_the_cluster() -> None:
    assert analyze_resource(SPEC, RDS_INSTANCE, {"engine": "aurora-postgresql"}).not_applicable


def test_stack_part_exemptions_apply_per_resource() -> None:
    resources = [instance("legacy-db-dev", **MANAGED), instance("orders-db-dev", **MANAGED),
                 instance("r1-dev", deps={"replicateSourceDb": ("legacy-db-dev",)}, replicateSourceDb=unknown()),
                 instance("r2-dev", deps={"replicateSourceDb": ("orders-db-dev",)}, replicateSourceDb=unknown())]
    config = {"exemptions": [{"resource": "legacy-*", "reason": "migrated next quarter"}]}
    result = analyze_stack(SPEC, resources, config=config)
    assert [v.urn for v in result.violations] == [urn_of("orders-db-dev", resources)]


@pytest.mark.parametrize("odd", [None, 5, "x", [], {"enabled": "yes"}, unknown("object")])
def test_odd_values_never_raise(odd: object) -> None:
    props = {"engine": odd, "blueGreenUpdate": odd, "replicateSourceDb": odd, "manageMasterUserPassword": odd,
             "masterUserSecretKmsKeyId": odd, "engineMode": odd, "globalClusterIdentifier": odd,
             "replicationSourceIdentifier": odd}
    analyze_resource(SPEC, RDS_INSTANCE, props)
    analyze_resource(SPEC, RDS_CLUSTER, props)
    analyze_stack(SPEC, [StackResource(RDS_INSTANCE, "db-dev", props),
                               StackResource(RDS_INSTANCE, "r-dev", props, deps={"replicateSourceDb": ("db-dev",)})])
