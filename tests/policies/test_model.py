"""The behaviour every policy inherits from the model: exemptions, unverifiable, crash guard."""

from __future__ import annotations

import datetime as dt

import pytest

from migration_guard.testing.inprocess import analyze_resource, analyze_stack
from migration_guard_policies.context import ResourceCheck, StackCheck
from migration_guard_policies.examples import Example, StackResource, unknown
from migration_guard_policies.policies.encryption.rds_storage_encrypted import SPEC as ENCRYPTED
from migration_guard_policies.spec import Family, ResourcePolicySpec, SpecError, StackPolicySpec

INSTANCE = "aws:rds/instance:Instance"
UNENCRYPTED = {"engine": "postgres"}


def test_active_exemption_by_name_glob_suppresses_the_policy() -> None:
    config = {"exemptions": [{"resource": "legacy-*", "reason": "migrated next quarter"}]}
    result = analyze_resource(ENCRYPTED, INSTANCE, UNENCRYPTED, name="legacy-db-dev", config=config)
    assert not result.violations
    assert result.not_applicable == [("rds-storage-encrypted", "exempted: migrated next quarter")]


def test_exemption_by_urn_with_future_expiry() -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    config = {"exemptions": [{"resource": "urn:pulumi:dev::*::legacy-db-dev", "reason": "r", "expires": future}]}
    result = analyze_resource(ENCRYPTED, INSTANCE, UNENCRYPTED, name="legacy-db-dev", config=config)
    assert not result.violations and result.not_applicable[0][1].startswith(f"exempted until {future}")


def test_expired_exemption_no_longer_applies_and_says_so() -> None:
    config = {"exemptions": [{"resource": "legacy-*", "reason": "r", "expires": "2020-01-01"}]}
    result = analyze_resource(ENCRYPTED, INSTANCE, UNENCRYPTED, name="legacy-db-dev", config=config)
    assert len(result.violations) == 1
    assert "exemption 'legacy-*' expired on 2020-01-01 and no longer applies: r)" in result.violations[0].message


def test_exemption_for_another_resource_does_not_apply() -> None:
    config = {"exemptions": [{"resource": "other-*", "reason": "r"}]}
    result = analyze_resource(ENCRYPTED, INSTANCE, UNENCRYPTED, name="legacy-db-dev", config=config)
    assert len(result.violations) == 1


def _spec_with(check) -> ResourcePolicySpec:
    return ResourcePolicySpec(
        name="test-policy", description="Test.", family=Family.OPERATIONS, severity="low", level="mandatory",
        rule="r", remediation="r", unknown_handling="unverifiable", resource_types=("aws:test/thing:Thing",),
        check=check, examples=(Example("x", {}, "pass"),),
    )


def test_decided_violations_are_reported_before_the_unverifiable_explanation() -> None:
    def check(r: ResourceCheck) -> None:
        r.violation("a is wrong")
        r.check_unknown(r.props.get("b"), "b decides the rest")

    result = analyze_resource(_spec_with(check), "aws:test/thing:Thing", {"b": unknown("boolean")})
    assert [d.detail for d in result.violations] == ["a is wrong"]
    assert result.violations[0].enforcement_level == "mandatory"
    (diag,) = result.unverifiable
    assert diag.enforcement_level == "advisory"
    assert "b is unknown during preview; b decides the rest" in diag.message


def test_a_crashing_policy_degrades_to_an_advisory_diagnostic_without_values() -> None:
    def check(r: ResourceCheck) -> None:
        raise ValueError(f"boom {r.props.get('password').str()}")

    result = analyze_resource(_spec_with(check), "aws:test/thing:Thing", {"password": "hunter2-hunter2"}, strict=False)
    (diag,) = result.unverifiable
    assert "could not evaluate this resource (ValueError)" in diag.message
    assert "hunter2" not in diag.message


def test_other_types_are_ignored_silently() -> None:
    def check(r: ResourceCheck) -> None:
        r.violation("never")

    result = analyze_resource(_spec_with(check), "aws:other/thing:Thing", {})
    assert result.passed and not result.not_applicable


def test_stack_policy_violations_point_at_resources_and_honour_exemptions() -> None:
    def check(s: StackCheck) -> None:
        for resource in s.of_type("aws:test/thing:Thing"):
            s.violation("bad thing", resource)

    spec = StackPolicySpec(
        name="test-stack", description="Test.", family=Family.OPERATIONS, severity="low", level="advisory",
        rule="r", remediation="r", unknown_handling="n/a", check=check,
    )
    resources = [StackResource("aws:test/thing:Thing", "a-dev", {}), StackResource("aws:test/thing:Thing", "b-dev", {})]
    result = analyze_stack(spec, resources, config={"exemptions": [{"resource": "b-*", "reason": "r"}]})
    assert [d.urn.rsplit("::", 1)[1] for d in result.violations] == ["a-dev"]
    assert result.violations[0].enforcement_level == "advisory"


def test_stack_policy_violation_under_an_expired_exemption_says_so() -> None:
    def check(s: StackCheck) -> None:
        for resource in s.of_type("aws:test/thing:Thing"):
            s.violation("bad thing", resource)

    spec = StackPolicySpec(
        name="test-stack", description="Test.", family=Family.OPERATIONS, severity="low", level="mandatory",
        rule="r", remediation="r", unknown_handling="n/a", check=check,
    )
    config = {"exemptions": [{"resource": "a-*", "reason": "r", "expires": "2021-06-30"}]}
    result = analyze_stack(spec, [StackResource("aws:test/thing:Thing", "a-dev", {})], config=config)
    (diag,) = result.violations
    assert "exemption 'a-*' expired on 2021-06-30 and no longer applies" in diag.message


def test_not_applicable_raises_itself_and_keeps_decided_violations() -> None:
    def check(r: ResourceCheck) -> None:
        r.violation("c is wrong")
        r.not_applicable("nothing more to check")
        r.violation("never reached")  # pragma: no cover - not_applicable raised

    result = analyze_resource(_spec_with(check), "aws:test/thing:Thing", {})
    assert [d.detail for d in result.violations] == ["c is wrong"]
    assert result.not_applicable == [("test-policy", "nothing more to check")]


def test_a_resource_policy_without_types_or_check_cannot_be_declared() -> None:
    common = {"name": "p", "description": "d", "family": Family.OPERATIONS, "severity": "low",
              "rule": "r", "remediation": "r", "unknown_handling": "n/a"}
    with pytest.raises(SpecError):
        ResourcePolicySpec(**common, level="advisory", resource_types=(), check=lambda r: None)
    with pytest.raises(TypeError):
        ResourcePolicySpec(**common, level="advisory", resource_types=("aws:x/y:Z",))  # type: ignore[call-arg]
    with pytest.raises(SpecError):
        ResourcePolicySpec(**common, resource_types=("aws:x/y:Z",), check=lambda r: None, level="blocking")  # type: ignore[arg-type]


def test_the_sdk_path_and_the_fast_path_agree_on_crashes_and_unknowns() -> None:
    def check(r: ResourceCheck) -> None:
        r.violation("a is wrong")
        if r.props.get("crash").is_true():
            raise KeyError("secret-value")
        r.check_unknown(r.props.get("b"), "b decides the rest")

    spec = _spec_with(check)
    for props in ({"b": unknown("boolean")}, {"crash": True}):
        fast = analyze_resource(spec, "aws:test/thing:Thing", props, strict=False)
        sdk = analyze_resource(spec, "aws:test/thing:Thing", props, strict=False, path="sdk")
        assert fast == sdk
