"""No policy raises on any input, and no policy repeats a value that could be a secret.

Hypothesis builds property sets from the keys each policy's own examples use (so the policy's
logic is reached) filled with every shape the engine can send: unknown sentinels of every kind,
nulls, wrong types, floats, nested proxies, malformed JSON strings, and secret canaries. The
harness runs in strict mode: an exception inside a policy fails the test instead of being
degraded to an advisory diagnostic.
"""

from __future__ import annotations

import re
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
# Every canary ends with the terminator (a digit, which its random letters never are): no canary is a
# prefix of another, so a canary found in a message is that canary, not a longer one that may be
# echoed. Canaries are compared case-insensitively (a policy may echo a value lowercased).
CANARY_END = "0"
CANARY = re.compile(rf"{CANARY_PREFIX}[a-z]*{CANARY_END}", re.IGNORECASE)


def canaries_in_text(text: str) -> set[str]:
    return {found.lower() for found in CANARY.findall(text)}
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


canaries = st.text(alphabet=string.ascii_lowercase, min_size=8, max_size=12).map(
    lambda s: CANARY_PREFIX + s + CANARY_END
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
    """Record each canary and whether it sits under a key whose value may be echoed (anywhere in a string:
    a JSON document under an echoed key may be echoed whole)."""
    if isinstance(value, str):
        for canary in CANARY.findall(value):
            out[canary.lower()] = out.get(canary.lower(), False) or under_echo
    elif isinstance(value, dict):
        for key, item in value.items():
            _canaries_in(item, under_echo or key in echoes, echoes, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _canaries_in(item, under_echo, echoes, out)
    elif hasattr(value, "value") and type(value).__name__ == "SecretValue":
        _canaries_in(value.value, under_echo, echoes, out)


def forbidden_canaries(spec: PolicySpec, props: Any) -> set[str]:
    """Canaries that must not appear in messages. The same value drawn both under an echoed key and
    elsewhere may appear: the policy echoes it as, say, the engine, and cannot know it is also an
    identifier (hypothesis draws such repeats often, and that made this test flaky)."""
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
        leaked = forbidden_canaries(spec, props) & canaries_in_text(text)
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
        leaked = {c for r in resources for c in forbidden_canaries(spec, r.props)} & canaries_in_text(text)
        assert not leaked, f"{spec.name} put a property value in a message"

    run()


def test_a_value_drawn_under_an_echoed_key_and_elsewhere_may_be_echoed() -> None:
    """The case that made the rds-engine-version-supported run flaky: the same canary drawn as a JSON
    document under `engine` (echoed: "engine [...] is not in the catalog") and as `clusterIdentifier`."""
    spec = next(s for s in RESOURCE_SPECS if s.name == "rds-engine-version-supported")
    canary = CANARY_PREFIX + "aaaaaaaa" + CANARY_END
    props = {"engineVersion": [], "engine": f'["{canary}"]', "clusterIdentifier": canary}
    result = analyze_resource(spec, "aws:rds/instance:Instance", props, strict=True)
    assert canary in canaries_in_text(result.all_text())  # echoed as the engine's name
    assert forbidden_canaries(spec, props) == set()
    assert forbidden_canaries(spec, {"engine": "postgres", "clusterIdentifier": canary}) == {canary}
    longer = CANARY_PREFIX + "aaaaaaaaa" + CANARY_END
    assert canaries_in_text(f"engine {longer.upper()}") == {longer}  # no canary is a prefix of another
