"""Every example of every policy declaration, run through pulumi-policy's own analyzer.

The examples are the documentation (docs/policies.md renders them) and these tests prove them.
"""

from __future__ import annotations

import pytest

from migration_guard_policies import all_specs
from migration_guard_policies.spec import PolicySpec

from .expectations import assert_expectation, run_example

CASES = [(spec, example) for spec in all_specs() for example in spec.examples]


@pytest.mark.parametrize(
    ("spec", "example"),
    CASES,
    ids=[f"{spec.name}[{i}]-{example.expect}" for i, (spec, example) in enumerate(CASES)],
)
def test_example(spec: PolicySpec, example) -> None:
    assert_expectation(spec, example, run_example(spec, example))


@pytest.mark.parametrize(
    ("spec", "example"),
    CASES,
    ids=[f"{spec.name}[{i}]-{example.expect}" for i, (spec, example) in enumerate(CASES)],
)
def test_fast_path_and_sdk_path_agree(spec: PolicySpec, example) -> None:
    """The pack serves its own fast path (compat.pulumi_policy.FastAnalyzerServicer); pulumi-policy's
    _PolicyAnalyzerServicer (sdk/python/lib/pulumi_policy/policy.py, Analyze / AnalyzeStack) must
    give exactly the same diagnostics, levels, severities, URNs and not-applicable reasons."""
    fast = run_example(spec, example, path="fast")
    sdk = run_example(spec, example, path="sdk")
    assert fast == sdk


@pytest.mark.parametrize("spec", all_specs(), ids=lambda s: s.name)
def test_every_policy_has_passing_failing_and_unknown_examples(spec: PolicySpec) -> None:
    expectations = {example.expect for example in spec.examples}
    assert "pass" in expectations, "needs a passing example"
    assert "fail" in expectations, "needs a failing example"
    assert spec.unknown_handling, "must say what it does with unknown values"
    has_unknown_case = "unverifiable" in expectations or any(_mentions_unknown(e) for e in spec.examples)
    assert has_unknown_case, "needs an example with values unknown during preview"


def _mentions_unknown(example) -> bool:
    from migration_guard_policies.examples import Unknown

    def walk(value) -> bool:
        if isinstance(value, Unknown):
            return True
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return any(walk(v) for v in value)
        return False

    props = getattr(example, "props", None)
    if props is not None:
        return walk(props)
    return any(walk(r.props) for r in example.resources)
