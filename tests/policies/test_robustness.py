"""No policy raises on any input, and no policy repeats a value that could be a secret.

Hypothesis builds property sets from the keys each policy's own examples use (so the policy's
logic is reached) filled with every shape the engine can send: unknown sentinels of every kind,
nulls, wrong types, floats, nested proxies, malformed JSON strings, and secret canaries. The
harness runs in strict mode: an exception inside a policy fails the test instead of being
degraded to an advisory diagnostic.
"""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migration_guard.testing.inprocess import analyze_resource, analyze_stack
from migration_guard_policies import all_specs
from migration_guard_policies.examples import StackResource, secret, unknown
from migration_guard_policies.spec import PolicySpec, ResourcePolicySpec, StackPolicySpec

from .expectations import ANY_TYPE

CANARY_PREFIX = "zqcanary"
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _keys_of(value: Any, out: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(key)
            _keys_of(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _keys_of(item, out)


def example_keys(spec: PolicySpec) -> list[str]:
    keys: set[str] = set()
    for example in spec.examples:
        if hasattr(example, "props"):
            _keys_of(example.props, keys)
        else:
            for resource in example.resources:
                _keys_of(resource.props, keys)
    keys.update({"name", "tags", "engine", "engineVersion"})
    return sorted(keys)


canaries = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=8, max_size=12).map(
    lambda s: CANARY_PREFIX + s
)
unknowns = st.sampled_from(["string", "boolean", "number", "array", "object"]).map(unknown)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "true", "false", "0", "{", "[1,", '{"a":', "null", "*", "0.0.0.0/0", "aws:kms"]),
    st.text(max_size=12),
    unknowns,
)


def values(keys: list[str]) -> st.SearchStrategy[Any]:
    leaf = st.one_of(scalars, canaries, canaries.map(secret))
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.sampled_from(keys), children, max_size=4),
            children.map(lambda v: __import__("json").dumps(v, default=str)),  # JSON documents in strings
        ),
        max_leaves=8,
    )


def props_for(spec: PolicySpec) -> st.SearchStrategy[dict[str, Any]]:
    keys = example_keys(spec)
    return st.dictionaries(st.sampled_from(keys), values(keys), max_size=8)


def _canaries_in(value: Any, under_echo: bool, echoes: frozenset[str], out: dict[str, bool]) -> None:
    """Record each canary and whether it sits under a key whose value may be echoed."""
    if isinstance(value, str) and value.startswith(CANARY_PREFIX):
        out[value] = out.get(value, False) or under_echo
    elif isinstance(value, dict):
        for key, item in value.items():
            _canaries_in(item, under_echo or key in echoes, echoes, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _canaries_in(item, under_echo, echoes, out)
    elif hasattr(value, "value") and type(value).__name__ == "SecretValue":
        _canaries_in(value.value, under_echo, echoes, out)


def forbidden_canaries(spec: PolicySpec, props: Any) -> set[str]:
    """Canaries that must not appear in messages (the same string drawn under an echoed key may)."""
    found: dict[str, bool] = {}
    _canaries_in(props, False, spec.echoes, found)
    return {canary for canary, echoed in found.items() if not echoed}


RESOURCE_SPECS = [s for s in all_specs() if isinstance(s, ResourcePolicySpec)]
STACK_SPECS = [s for s in all_specs() if isinstance(s, StackPolicySpec)]


def _types(spec: PolicySpec) -> list[str]:
    types = [t for t in spec.resource_types if t != "*"]  # type: ignore[attr-defined]
    return types or [ANY_TYPE]


@pytest.mark.parametrize("spec", RESOURCE_SPECS, ids=lambda s: s.name)
def test_resource_policy_never_raises_nor_leaks(spec: ResourcePolicySpec) -> None:
    props = props_for(spec)

    @SETTINGS
    @given(resource_type=st.sampled_from(_types(spec)), props=props, provider=st.none() | props)
    def run(resource_type: str, props: dict[str, Any], provider: dict[str, Any] | None) -> None:
        result = analyze_resource(spec, resource_type, props, provider=provider, strict=True)
        text = result.all_text()
        leaked = [c for c in forbidden_canaries(spec, props) if c in text]
        assert not leaked, f"{spec.name} put a property value in a message"

    run()


@pytest.mark.parametrize("spec", STACK_SPECS, ids=lambda s: s.name)
def test_stack_policy_never_raises_nor_leaks(spec: StackPolicySpec) -> None:
    names = [f"r{i}-dev" for i in range(4)]
    # Strategies are built once: hypothesis caches their internals, rebuilding them per draw is slow.
    resource = st.tuples(
        st.sampled_from(_types(spec)),
        props_for(spec),
        st.dictionaries(st.sampled_from(example_keys(spec)), st.lists(st.sampled_from(names), max_size=2).map(tuple),
                        max_size=3),
    )

    @SETTINGS
    @given(drawn=st.lists(resource, max_size=len(names)))
    def run(drawn: list[tuple[str, dict[str, Any], dict[str, tuple[str, ...]]]]) -> None:
        resources = [StackResource(t, names[i], props, deps) for i, (t, props, deps) in enumerate(drawn)]
        result = analyze_stack(spec, resources, strict=True)
        text = result.all_text()
        leaked = [c for r in resources for c in forbidden_canaries(spec, r.props) if c in text]
        assert not leaked, f"{spec.name} put a property value in a message"

    run()
