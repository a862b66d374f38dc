"""Checking an example's expectation against what the SDK reported (shared by example tests)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from migration_guard.testing.inprocess import AnalysisResult, Path, analyze_resource, analyze_stack, urn_of
from migration_guard_policies.examples import Example, SecretValue, StackExample
from migration_guard_policies.spec import PolicySpec, ResourcePolicySpec, StackPolicySpec

# A resource type to use for examples of policies that apply to every type.
ANY_TYPE = "aws:sns/topic:Topic"

# The SDK's generic text when a policy touches an unknown value itself; our policies explain instead.
SDK_GENERIC_UNKNOWN = "can't be known during preview"


def example_type(spec: ResourcePolicySpec, example: Example) -> str:
    if example.type:
        return example.type
    first = spec.resource_types[0]
    return ANY_TYPE if first == "*" else first


def run_example(spec: PolicySpec, example: Example | StackExample, path: Path = "fast") -> AnalysisResult:
    """Run an example through the pack's fast path (what the pack serves) or the SDK's own path."""
    if isinstance(spec, ResourcePolicySpec):
        assert isinstance(example, Example)
        return analyze_resource(
            spec,
            example_type(spec, example),
            example.props,
            name=example.name,
            config=example.config,
            provider=example.provider,
            path=path,
        )
    assert isinstance(spec, StackPolicySpec) and isinstance(example, StackExample)
    return analyze_stack(spec, example.resources, config=example.config, path=path)


def secret_values(value: Any) -> Iterable[str]:
    if isinstance(value, SecretValue):
        inner = value.value
        if isinstance(inner, str) and inner:
            yield inner
        else:
            yield from secret_values(inner)
    elif isinstance(value, dict):
        for item in value.values():
            yield from secret_values(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from secret_values(item)


def assert_expectation(spec: PolicySpec, example: Example | StackExample, result: AnalysisResult) -> None:
    ours = [d for d in result.violations if d.policy == spec.name]
    unverifiable = [d for d in result.unverifiable if d.policy == spec.name]
    not_applicable = [reason for policy, reason in result.not_applicable if policy == spec.name]
    summary = f"violations={[d.detail for d in ours]} unverifiable={[d.detail for d in unverifiable]} na={not_applicable}"

    if example.expect == "pass":
        assert not ours and not unverifiable and not not_applicable, summary
    elif example.expect == "fail":
        assert ours, f"expected a violation; {summary}"
        for diag in ours:
            assert diag.enforcement_level == spec.level, diag
            assert diag.severity == spec.severity, diag
        text = "\n".join(d.message for d in ours)
        for needle in example.mentions:
            assert needle in text, f"{needle!r} not in {text!r}"
        if isinstance(example, StackExample) and example.failing:
            expected = {urn_of(name, example.resources) for name in example.failing}
            assert {d.urn for d in ours} == expected, summary
    elif example.expect == "unverifiable":
        assert unverifiable and not ours, f"expected only the policy's unverifiable diagnostic; {summary}"
        for diag in unverifiable:
            assert diag.enforcement_level == "advisory"
            assert SDK_GENERIC_UNKNOWN not in diag.message, "the policy must explain in its own words"
            assert "unknown during preview" in diag.message
        for needle in example.mentions:
            assert any(needle in d.message for d in unverifiable), f"{needle!r} not in {summary}"
    elif example.expect == "not_applicable":
        assert not_applicable and not ours and not unverifiable, summary
    else:  # pragma: no cover - Expectation is a Literal
        raise AssertionError(example.expect)

    leaked = [s for s in secret_values(_props_of(example)) if s in result.all_text()]
    assert not leaked, "a secret value appeared in a message"


def _props_of(example: Example | StackExample) -> Any:
    if isinstance(example, Example):
        return example.props
    return [r.props for r in example.resources]
