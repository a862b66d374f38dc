"""Fuzz cases for every policy, built and sent as the engine builds and sends them (issue 13, "Prove it").

Property bags come from the installed pulumi-aws SDK's input types (:mod:`tests.policies.fuzz_schema`): real
engine names, real nesting, enum values, JSON-document inputs, and the values the policies' own examples use
for the same property names (so the policies' logic is reached). Any value may instead be hostile: an unknown
sentinel of any kind, a secret (at any depth), null, a wrong type, a huge string, a value nested thousands of
levels deep, NaN or infinity, a malformed or deeply nested JSON document.

Requests are encoded to protobuf bytes here without recursion (a Struct nested 4,000 levels cannot be built
with ``Struct.update``) and parsed by the pack's own request parser
(:mod:`migration_guard_policies.compat.wire`), exactly as the pack's gRPC server parses what the engine sends.

Secret canaries (:data:`CANARY`) are placed only where a value must never be echoed: inside secrets, in
credential-like properties, in environment variables and in JSON-nested credential and environment values.
"""

from __future__ import annotations

import json
import math
import re
import string
import struct
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import strategies as st
from pulumi.runtime import proto

from migration_guard.testing.inprocess import to_wire, urn_for
from migration_guard_policies.compat.pulumi_policy import SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY
from migration_guard_policies.compat.wire import parse_analyze_request, parse_analyze_stack_request
from migration_guard_policies.examples import Example, StackExample
from migration_guard_policies.props import UNKNOWN_SENTINELS
from migration_guard_policies.spec import PolicySpec

from .fuzz_schema import Shape, input_shape

# The fuzz run's numbers (cases, policies, types), kept on the pytest config for the terminal summary.
FUZZ_STATS = pytest.StashKey[dict[str, Any]]()

# -- canaries ------------------------------------------------------------------------------------------

CANARY_PREFIX = "zqfuzz"
CANARY_END = "0"  # a digit after random letters: no canary is a prefix of another
CANARY = re.compile(rf"{CANARY_PREFIX}[a-z]*{CANARY_END}", re.IGNORECASE)
canaries = st.text(alphabet=string.ascii_lowercase, min_size=6, max_size=10).map(
    lambda s: CANARY_PREFIX + s + CANARY_END)


def canaries_in(text: str) -> set[str]:
    return {found.lower() for found in CANARY.findall(text)}


def canaries_placed(value: Any) -> set[str]:
    """Every canary anywhere in a wire-form value (keys, strings, JSON text); iterative."""
    found: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found |= canaries_in(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


# Property names whose values are credentials: never echoed, whatever their form.
CREDENTIAL = re.compile(r"(?i)(password|passwd|passphrase|secretstring|secret_?key|token|credential|private_?key|"
                        r"access_?key|api_?key|auth_?string)")
NOT_CREDENTIAL = re.compile(r"(?i)(arn|arns|id|ids|name|names|enabled|type|mode|length|version|rotation|policy)$")
ENVIRONMENT = re.compile(r"(?i)^(variables|environment|environmentVariables|runtimeEnvironmentVariables)$")


def is_credential(name: str) -> bool:
    return bool(CREDENTIAL.search(name)) and not NOT_CREDENTIAL.search(name)


# -- wire form -------------------------------------------------------------------------------------------

SENTINEL_OF = {kind: sentinel for sentinel, kind in UNKNOWN_SENTINELS.items()}
KIND_SENTINEL = {"str": "string", "enum": "string", "json": "string", "bool": "boolean", "int": "number",
                 "float": "number", "list": "array", "map": "object", "object": "object", "any": "string"}


def secret(value: Any) -> dict[str, Any]:
    return {SPECIAL_SIG_KEY: SPECIAL_SECRET_SIG, "value": value}


def nested(depth: int, kind: str, leaf: Any) -> Any:
    """``leaf`` under ``depth`` levels of objects, lists or both (built without recursion)."""
    value = leaf
    for level in range(depth):
        as_list = kind == "list" or (kind == "mixed" and level % 2)
        value = [value] if as_list else {"a": value}
    return value


def depth_of(value: Any) -> int:
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            pending.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            pending.extend((v, depth + 1) for v in item)
    return deepest


def finite(value: Any) -> bool:
    """No NaN or infinity anywhere in a value."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return False
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return True


def holds_secret(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if item.get(SPECIAL_SIG_KEY) == SPECIAL_SECRET_SIG:
                return True
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def size_of(value: Any) -> int:
    """Characters of text in a value (a bound on how much work it is)."""
    total, pending = 0, [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return total


# -- protobuf bytes, without recursion ----------------------------------------------------------------------

def _varint(value: int) -> bytes:  # also used by test_hostile_input's raw requests
    if value < 0x80:
        return _SMALL[value]
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


_SMALL = tuple(bytes((i,)) for i in range(0x80))


def _field(number: int, payload: bytes) -> bytes:
    return _varint((number << 3) | 2) + _varint(len(payload)) + payload


def encode_struct(props: Mapping[str, Any]) -> bytes:
    """A google.protobuf.Struct's bytes for wire-form data (any depth; post-order, no recursion)."""
    done: dict[int, bytes] = {}  # id(container) -> its Struct / ListValue bytes
    keep: list[Any] = []  # the containers, alive until the end (ids stay unique)
    pending: list[tuple[Any, bool]] = [(props, False)]
    while pending:
        item, expanded = pending.pop()
        children = list(item.values()) if isinstance(item, dict) else item
        if not expanded:
            keep.append(item)
            pending.append((item, True))
            pending.extend((c, False) for c in children if isinstance(c, (dict, list)))
            continue
        if isinstance(item, dict):
            done[id(item)] = b"".join(
                _field(1, _field(1, str(k).encode("utf-8", "surrogatepass")) + _field(2, _value(v, done)))
                for k, v in item.items())
        else:
            done[id(item)] = b"".join(_field(1, _value(v, done)) for v in item)
    return done[id(props)]


def _value(value: Any, done: dict[int, bytes]) -> bytes:
    if value is None:
        return b"\x08\x00"
    if isinstance(value, bool):
        return b"\x20" + (b"\x01" if value else b"\x00")
    if isinstance(value, (int, float)):
        return b"\x11" + struct.pack("<d", float(value))
    if isinstance(value, str):
        return _field(3, value.encode("utf-8", "surrogatepass"))
    if isinstance(value, dict):
        return _field(5, done[id(value)])
    if isinstance(value, list):
        return _field(6, done[id(value)])
    raise TypeError(f"not wire data: {type(value).__name__}")


PROVIDER_NAME = "default_7_51_1"
PROVIDER_TYPE = "pulumi:providers:aws"


def analyze_request(type_: str, name: str, props: Mapping[str, Any] | bytes, provider: Mapping[str, Any] | bytes) -> Any:
    """The AnalyzeRequest the engine sends, parsed by the pack's own parser from its bytes (``props`` and
    ``provider`` as wire data, or as their Struct bytes already encoded)."""
    head = proto.AnalyzeRequest(
        type=type_, urn=urn_for(type_, name), name=name, options=proto.AnalyzerResourceOptions(),
        provider=proto.AnalyzerProviderResource(type=PROVIDER_TYPE, urn=urn_for(PROVIDER_TYPE, PROVIDER_NAME),
                                                name=PROVIDER_NAME))
    data = head.SerializeToString() + _field(2, _bytes(props)) + _field(6, _field(2, _bytes(provider)))
    return parse_analyze_request(data)


def _bytes(props: Mapping[str, Any] | bytes) -> bytes:
    return props if isinstance(props, bytes) else encode_struct(props)


@dataclass(frozen=True)
class FuzzResource:
    type: str
    name: str
    props: dict[str, Any]  # wire form
    deps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parent: str | None = None


def analyze_stack_request(resources: Iterable[FuzzResource], provider: Mapping[str, Any] | bytes,
                          encoded: Mapping[str, bytes] | None = None) -> Any:
    """The AnalyzeStackRequest the engine sends (dependencies as URNs), parsed by the pack's own parser
    (``encoded``: resource name -> its props' Struct bytes, where already encoded)."""
    items = list(resources)
    known = encoded or {}
    provider_bytes = _bytes(provider)
    urns = {r.name: urn_for(r.type, r.name) for r in items}
    data = b""
    for r in items:
        head = proto.AnalyzerResource(
            type=r.type, urn=urns[r.name], name=r.name, options=proto.AnalyzerResourceOptions(),
            provider=proto.AnalyzerProviderResource(type=PROVIDER_TYPE, urn=urn_for(PROVIDER_TYPE, PROVIDER_NAME),
                                                    name=PROVIDER_NAME),
            parent=urns.get(r.parent or "", ""))
        all_deps: list[str] = []
        for prop, names in r.deps.items():
            dep_urns = [urns.get(n, urn_for("aws:s3/bucket:Bucket", n)) for n in names]  # some point outside
            head.propertyDependencies[prop].urns.extend(dep_urns)
            all_deps.extend(u for u in dep_urns if u not in all_deps)
        head.dependencies.extend(all_deps)
        props = known.get(r.name) or encode_struct(r.props)
        raw = head.SerializeToString() + _field(2, props) + _field(6, _field(2, provider_bytes))
        data += _field(1, raw)
    return parse_analyze_stack_request(data)


# -- values ------------------------------------------------------------------------------------------------

STRINGS = (
    "", " ", "true", "false", "0", "-1", "1.5", "null", "*", "none", "default", "postgres", "mysql", "aurora-postgresql",
    "16", "16.13", "8.0.39", "redis", "7.1", "us-east-1", "us-west-2", "us-east-1a", "use1-az1", "0.0.0.0/0", "::/0",
    "10.0.0.0/16", "aws:kms", "AES256", "alias/aws/rds", "alias/aws/secretsmanager", "alias/mine",
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:us-east-1:111122223333:alias/aws/rds", "arn:aws:rds:us-west-2:111122223333:db:orders-prod",
    "arn:aws:iam::111122223333:role/x", "orders-dev", "orders-prod", "orders", "db-dev", "DEV", "-dev", "x" * 64,
    "nginx:latest", "nginx@sha256:" + "a" * 64, "require", "verify-full", "none", "disabled", "enabled", "{}", "[]",
    "PASSWORD", "changeme", "admin", "\u00e9t\u00e9-dev", "\x00", "\ud800", "ok\n\nnext",
)
ODD_NUMBERS = (0, -1, 1, 7, 35, 2**31, 2**53 + 1, -(2**63), 1e308, 0.5, -0.0)
JSON_BREAKERS = ("{", "[1,", '{"a":', '{"Statement": [', "[" * 50, "{\"a\": 1}}", "nul", "\"unterminated", "{'a': 1}",
                 "1e99999", "NaN", "[NaN]", '{"a": Infinity}', "\ufeff{}", "{\"a\":\"\\ud800\"}")


def huge_strings() -> st.SearchStrategy[str]:
    return st.tuples(st.integers(5_000, 300_000), st.sampled_from(["x", "ab ", "-dev", "\u00e9", "1"])).map(
        lambda t: t[1] * (t[0] // len(t[1])))


def deep_values(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.tuples(st.integers(1_000, 2_000), st.sampled_from(["dict", "list", "mixed"]), leaves).map(
        lambda t: nested(*t))


def deep_json() -> st.SearchStrategy[str]:
    def build(t: tuple[int, str]) -> str:
        depth, kind = t
        if kind == "list":
            return "[" * depth + "]" * depth
        if kind == "open":
            return "[" * depth
        return '{"a":' * depth + '"x"' + "}" * depth
    return st.tuples(st.integers(90, 3_000), st.sampled_from(["list", "dict", "open"])).map(build)


class Values:
    """Hypothesis strategies for the inputs of AWS resource types (one instance per test: it memoises them)."""

    def __init__(self, specs: Iterable[PolicySpec]) -> None:
        self.specs = list(specs)
        self.corpus = _corpus(self.specs)
        self._bags: dict[str, list[dict[str, Any]]] = {}
        self._memo: dict[tuple[Any, ...], st.SearchStrategy[Any]] = {}

    def bags(self, type_: str) -> list[dict[str, Any]]:
        """The wire-form props of every example, of any policy, for this type."""
        found = self._bags.get(type_)
        if found is None:
            found = self._bags[type_] = example_bags(self.specs, type_)
        return found

    def bag(self, type_: str) -> st.SearchStrategy[dict[str, Any]]:
        """One of the examples' props for this type (an empty bag when no example has the type)."""
        bags = self.bags(type_)
        return self._cached(("bag", type_), lambda: st.sampled_from(bags) if bags else st.just({}))

    def _cached(self, key: tuple[Any, ...], build: Callable[[], st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = build()
        return found

    # Well-typed values, with the examples' values for the same property name.
    def typed(self, shape: Shape, name: str, depth: int = 0) -> st.SearchStrategy[Any]:
        return self._cached(("typed", shape, name, min(depth, 3)), lambda: self._typed(shape, name, depth))

    def _typed(self, shape: Shape, name: str, depth: int) -> st.SearchStrategy[Any]:
        options: list[st.SearchStrategy[Any]] = []
        known = self.corpus.get(name)
        if known:
            options.append(st.sampled_from(known))
        if shape.kind == "json":
            options.append(self.json_document(name))
        elif is_credential(name) and shape.kind in ("str", "any"):
            options.extend([canaries, canaries.map(secret)])
        else:
            options.append(self.generic(shape, name, depth))
        return st.one_of(options)

    def generic(self, shape: Shape, name: str, depth: int) -> st.SearchStrategy[Any]:
        kind = shape.kind
        if kind == "str":
            return st.one_of(st.sampled_from(STRINGS), st.text(max_size=12))
        if kind == "int":
            return st.one_of(st.integers(-5, 5000), st.sampled_from(ODD_NUMBERS))
        if kind == "float":
            return st.floats(allow_nan=False, allow_infinity=False)
        if kind == "bool":
            return st.booleans()
        if kind == "enum":
            return st.sampled_from(shape.values or ("",))
        element = shape.element or Shape("any")
        if kind == "list":
            return st.lists(self.value(element, name, depth + 1), max_size=3)
        if kind == "map":
            keys = st.one_of(st.sampled_from(["Environment", "Owner", "Name", "DB_PASSWORD", "API_TOKEN", "region"]),
                             st.text(max_size=8))
            values = canaries if ENVIRONMENT.match(name) else self.value(element, name, depth + 1)
            return st.dictionaries(keys, values, max_size=4)
        if kind == "object":
            if depth >= 3 or not shape.fields():
                return st.just({})
            return self.some_fields(shape.fields(), depth + 1, 3)
        return st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(STRINGS))

    def some_fields(self, fields: Mapping[str, Shape], depth: int, most: int) -> st.SearchStrategy[dict[str, Any]]:
        """An object with up to ``most`` of its fields (drawing them all would be slow and no more useful)."""
        chosen = st.lists(st.sampled_from(sorted(fields)), max_size=most, unique=True)

        @st.composite
        def build(draw: Any) -> dict[str, Any]:
            return {name: draw(self.value(fields[name], name, depth)) for name in draw(chosen)}
        return build()

    def field_names(self, type_: str, most: int = 6) -> st.SearchStrategy[list[str]]:
        """Up to ``most`` of a type's SDK inputs (none for a type the SDK does not have)."""
        fields = sorted(sdk_fields(type_))
        return self._cached(("names", type_, most), lambda: st.lists(st.sampled_from(fields), max_size=most,
                                                                     unique=True) if fields else st.just([]))

    def one_of_list(self, items: tuple[Any, ...]) -> st.SearchStrategy[Any]:
        return self._cached(("sampled", items), lambda: st.sampled_from(items))

    # Hostile values of any shape.
    def hostile(self, shape: Shape, name: str, depth: int = 0) -> st.SearchStrategy[Any]:
        return self._cached(("hostile", shape, name, min(depth, 3)), lambda: self._hostile(shape, name, depth))

    def _hostile(self, shape: Shape, name: str, depth: int) -> st.SearchStrategy[Any]:
        sentinel = SENTINEL_OF[KIND_SENTINEL.get(shape.kind, "string")]
        typed = self.typed(shape, name, depth + 1) if depth < 3 else st.none()
        options: list[st.SearchStrategy[Any]] = [
            st.just(sentinel),
            st.sampled_from(sorted(UNKNOWN_SENTINELS)),
            st.none(),
            st.one_of(st.booleans(), st.sampled_from(ODD_NUMBERS), st.sampled_from(STRINGS),
                      st.sampled_from([math.nan, math.inf, -math.inf]), st.just([]), st.just({}),
                      st.lists(st.sampled_from(STRINGS), max_size=3), st.just({"a": [None, {"b": sentinel}]})),
            huge_strings(),
            deep_values(st.one_of(st.none(), st.just(sentinel), canaries.map(secret), st.sampled_from(STRINGS))),
            typed.map(secret),
            canaries.map(secret),
            typed.map(lambda v: secret(secret(v))),
        ]
        if shape.kind in ("str", "json", "any"):
            options += [st.sampled_from(JSON_BREAKERS), deep_json(),
                        typed.map(lambda v: json.dumps(v, default=str) if not isinstance(v, str) else v + sentinel)]
        return st.one_of(options)

    def value(self, shape: Shape, name: str, depth: int = 0) -> st.SearchStrategy[Any]:
        """Mostly well-typed, one draw in four hostile."""
        typed, hostile = self.typed(shape, name, depth), self.hostile(shape, name, depth)
        return st.one_of(typed, typed, typed, hostile)

    # JSON documents.
    def json_document(self, name: str) -> st.SearchStrategy[str]:
        return self._cached(("json", name), lambda: self._json_document(name))

    def _json_document(self, name: str) -> st.SearchStrategy[str]:
        docs = [v for v in self.corpus.get(name, ()) if isinstance(v, str)]
        parsed = [_loads(d) for d in docs]
        trees = st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(STRINGS),
                      st.sampled_from(sorted(UNKNOWN_SENTINELS))),
            lambda children: st.one_of(
                st.lists(children, max_size=3),
                st.dictionaries(st.sampled_from(["Statement", "Effect", "Principal", "AWS", "Action", "Resource",
                                                 "Condition", "rules", "rule-type", "Logging", "name", "image",
                                                 "environment", "secrets", "value"]),
                                children, max_size=4)),
            max_leaves=10)
        with_secrets = st.tuples(st.sampled_from(parsed) if parsed else trees, canaries,
                                 st.sampled_from(["password", "DB_PASSWORD", "secretKey", "apiToken"])).map(
            lambda t: json.dumps(_inject(t[0], t[2], t[1])))
        options = [trees.map(json.dumps), with_secrets, container_definitions(), st.sampled_from(JSON_BREAKERS),
                   deep_json()]
        if docs:
            options += [st.sampled_from(docs), st.sampled_from(docs).flatmap(_truncations)]
        return st.one_of(options)


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return {}


def _inject(doc: Any, key: str, canary: str) -> Any:
    """The document with a credential under ``key`` in its first object (or wrapped in one)."""
    if isinstance(doc, dict):
        return {**doc, key: canary}
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        return [{**doc[0], key: canary, "environment": [{"name": "DB_PASSWORD", "value": canary}]}, *doc[1:]]
    return {"value": doc, key: canary}


def _truncations(doc: str) -> st.SearchStrategy[str]:
    return st.integers(0, max(len(doc) - 1, 0)).map(lambda n: doc[:n])


def container_definitions() -> st.SearchStrategy[str]:
    """ECS containerDefinitions documents with environment variables and secrets holding canaries."""
    env = st.lists(st.fixed_dictionaries({"name": st.sampled_from(["DB_PASSWORD", "API_KEY", "MODE", "PASSWORD"]),
                                          "value": canaries}), max_size=3)
    container = st.fixed_dictionaries(
        {"name": st.sampled_from(["app", "web"]), "image": st.sampled_from(["nginx:latest", "nginx:1.27", "app"])},
        optional={"environment": env, "essential": st.booleans(), "memory": st.integers(0, 512),
                  "secrets": st.lists(st.fixed_dictionaries({"name": st.just("DB"), "valueFrom": st.just(
                      "arn:aws:secretsmanager:us-east-1:111122223333:secret:db")}), max_size=1)})
    return st.lists(container, min_size=0, max_size=3).map(json.dumps)


def _corpus(specs: Iterable[PolicySpec]) -> dict[str, tuple[Any, ...]]:
    """Property name -> the wire-form values the policies' examples give it (anywhere, at any depth)."""
    found: dict[str, dict[str, Any]] = {}
    for spec in specs:
        for example in spec.examples:
            bags = [example.props] if isinstance(example, Example) else \
                [r.props for r in example.resources] if isinstance(example, StackExample) else []
            for bag in bags:
                pending: list[Any] = [to_wire(bag)]
                while pending:
                    item = pending.pop()
                    if isinstance(item, dict):
                        for key, value in item.items():
                            found.setdefault(key, {})[json.dumps(value, sort_keys=True)] = value
                            pending.append(value)
                    elif isinstance(item, list):
                        pending.extend(item)
    return {key: tuple(values[k] for k in sorted(values)) for key, values in sorted(found.items())}


# -- property bags -----------------------------------------------------------------------------------------

def sdk_fields(type_: str) -> dict[str, Shape]:
    return input_shape(type_) or {}


def field_shape(type_: str, name: str) -> Shape:
    return sdk_fields(type_).get(name, Shape("any"))


def example_bags(specs: Iterable[PolicySpec], type_: str) -> list[dict[str, Any]]:
    """The wire-form props of every example, of any policy, for this type."""
    bags: list[dict[str, Any]] = []
    for spec in specs:
        first = next((t for t in getattr(spec, "resource_types", ()) if t != "*"), None)
        for example in spec.examples:
            if isinstance(example, Example) and (example.type or first) == type_:
                bags.append(to_wire(example.props))
            elif isinstance(example, StackExample):
                bags.extend(to_wire(r.props) for r in example.resources if r.type == type_)
    return bags
