"""redshift-cluster-require-ssl: linking clusters to parameter groups and reading require_ssl."""

from __future__ import annotations

from migration_guard.testing.inprocess import analyze_stack, urn_of
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.policies.encryption.redshift_cluster_require_ssl import SPEC
from migration_guard_policies.types import REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP


def group(name: str, value: object = "true", **props: object) -> StackResource:
    params = props.pop("parameters", [{"name": "require_ssl", "value": value}])
    return StackResource(REDSHIFT_PARAMETER_GROUP, name, {"name": name, "parameters": params, **props})


def cluster(name: str, group_name: object = None, on: str | None = None) -> StackResource:
    props: dict[str, object] = {"clusterIdentifier": name}
    if group_name is not None:
        props["clusterParameterGroupName"] = group_name
    return StackResource(REDSHIFT_CLUSTER, name, props, deps={"clusterParameterGroupName": (on,)} if on else {})


def test_only_the_cluster_on_a_bad_group_is_reported() -> None:
    resources = [group("tls-dev"), group("plain-dev", "false"), cluster("a-dev", unknown(), on="tls-dev"),
                 cluster("b-dev", unknown(), on="plain-dev")]
    result = analyze_stack(SPEC, resources)
    assert [d.urn for d in result.violations] == [urn_of("b-dev", resources)]


def test_boolean_true_and_upper_case_pass() -> None:
    for value in (True, "TRUE"):
        assert analyze_stack(SPEC, [group("g-dev", value), cluster("a-dev", "g-dev")]).passed


def test_default_group_names_fail() -> None:
    result = analyze_stack(SPEC, [cluster("a-dev", "default.redshift-2.0")])
    assert result.violations


def test_literal_group_outside_the_stack_is_unverifiable() -> None:
    result = analyze_stack(SPEC, [cluster("a-dev", "shared-tls-params")])
    assert result.unverifiable and not result.violations


def test_unknown_name_without_dependency_is_unverifiable() -> None:
    assert analyze_stack(SPEC, [cluster("a-dev", unknown())]).unverifiable


def test_malformed_parameters_fail_closed() -> None:
    resources = [group("g-dev", parameters="require_ssl=true"), cluster("a-dev", unknown(), on="g-dev")]
    result = analyze_stack(SPEC, resources)
    assert result.violations and "cannot be read" in result.violations[0].detail


def test_exempted_cluster_is_not_reported() -> None:
    config = {"exemptions": [{"resource": "legacy-*", "reason": "decommissioned next sprint"}]}
    assert analyze_stack(SPEC, [cluster("legacy-dev")], config=config).passed
