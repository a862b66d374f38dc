"""The unknown-aware property view, fed through pulumi-policy's real deserialisation and proxies."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import json_format
from hypothesis import given, settings
from hypothesis import strategies as st
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.proxy import unknown_checking_proxy

from migration_guard.testing.inprocess import to_struct
from migration_guard_policies.examples import secret, unknown
from migration_guard_policies.props import UNKNOWN, Props, Read, State, contains_unknown, parse_json


def as_sdk(props: dict[str, Any]) -> Any:
    """What a policy receives: Struct -> dict -> deserialised -> unknown-checking proxy."""
    return unknown_checking_proxy(deserialize_properties(json_format.MessageToDict(to_struct(props))))


def test_reads_absent_null_unknown_and_values() -> None:
    props = Props(as_sdk({"a": None, "b": unknown("boolean"), "c": 5, "d": {"e": [1, {"f": "x"}]}}))
    assert props.get("a").state is State.NULL
    assert props.get("b").state is State.UNKNOWN
    assert props.get("zz").state is State.ABSENT
    assert props.get("c").int() == 5 and isinstance(props.get("c").value, int)  # floats made ints
    assert props.get("d.e[1].f").str() == "x"
    assert props.get("d.e[7].f").absent
    assert props.get("c.x").state is State.MALFORMED


def test_unknown_inside_lists_and_wildcards() -> None:
    props = Props(as_sdk({"blocks": [{"encrypted": True}, {"encrypted": unknown("boolean")}], "u": unknown("array")}))
    reads = props.all("blocks[*].encrypted")
    assert [r.state for r in reads] == [State.VALUE, State.UNKNOWN]
    assert [r.path for r in reads] == ["blocks[0].encrypted", "blocks[1].encrypted"]
    assert [r.state for r in props.all("u[*].encrypted")] == [State.UNKNOWN]
    assert props.all("missing[*].x") == []
    assert props.get("blocks").has_unknown()


def test_secrets_arrive_in_plaintext() -> None:
    props = Props(as_sdk({"password": secret("hunter2-hunter2")}))
    assert props.get("password").str() == "hunter2-hunter2"


def test_json_documents_in_strings() -> None:
    props = Props(as_sdk({"ok": '{"a": [1]}', "bad": '{"a": ', "num": 3, "unk": unknown()}))
    assert props.json("ok").value == {"a": [1]}
    assert props.json("bad").state is State.MALFORMED
    assert props.json("num").state is State.MALFORMED
    assert props.json("unk").state is State.UNKNOWN
    assert props.json("none").state is State.ABSENT


def test_present_semantics() -> None:
    props = Props(as_sdk({"k": unknown(), "empty": "", "l": [], "v": "x"}))
    assert props.get("k").present and not props.get("k").is_set
    assert not props.get("empty").present and not props.get("l").present
    assert props.get("v").is_set
    assert not props.get("none").present


def test_unknown_has_no_truth_value() -> None:
    with pytest.raises(TypeError):
        bool(UNKNOWN)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5)
    | st.sampled_from(["04da6b54-80e4-46f7-96ec-b56ff0331ba9", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"]),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=3), c, max_size=3),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(data=st.dictionaries(st.text(max_size=4), json_values, max_size=5),
       path=st.text(alphabet="ab.[]*0123", max_size=10))
def test_reading_never_raises(data: dict[str, Any], path: str) -> None:
    props = Props(as_sdk(data))
    for read in [props.get(path), props.json(path), *props.all(path)]:
        read.bool(), read.str(), read.int(), read.number(), read.list(), read.map(), read.present, read.has_unknown()


# -- no recursion on input depth, bounded messages, secrets never echoed ------------------------


def _nested(depth: int, leaf: object) -> object:
    value = leaf
    for _ in range(depth):
        value = {"a": [value]}
    return value


def test_to_plain_and_contains_unknown_are_iterative_and_cut_off_deep_values() -> None:
    from migration_guard_policies.props import MAX_DEPTH, TOO_DEEP, to_plain

    cursor, depth = to_plain(_nested(50_000, "04da6b54-80e4-46f7-96ec-b56ff0331ba9")), 0  # no RecursionError
    while isinstance(cursor, (dict, list)):
        cursor, depth = (cursor["a"] if isinstance(cursor, dict) else cursor[0]), depth + 1
    assert cursor is TOO_DEEP and depth <= MAX_DEPTH + 1
    assert contains_unknown(_nested(200_000, UNKNOWN))  # iterative: no RecursionError


def test_a_too_deep_value_reads_as_malformed_never_as_absent() -> None:
    from migration_guard_policies.props import TOO_DEEP

    props = Props({"policy": TOO_DEEP})
    assert props.get("policy").state is State.MALFORMED
    assert props.get("policy.Statement").state is State.MALFORMED


def test_json_too_deep_or_malformed_is_malformed() -> None:
    from migration_guard_policies.props import json_depth

    assert json_depth('{"a": ["]]]", {"b": 1}]}') == 3
    deep = "[" * 100_000 + "]" * 100_000
    assert parse_json(Read("doc", State.VALUE, deep)).state is State.MALFORMED
    assert parse_json(Read("doc", State.VALUE, '{"a": 1')).state is State.MALFORMED
    assert parse_json(Read("doc", State.VALUE, '{"a": [1]}')).value == {"a": [1]}


def test_messages_are_bounded_and_redact_secrets_however_short() -> None:
    from migration_guard_policies.messages import MAX_MESSAGE, SecretSet, bound

    huge = bound("identifier " + "x" * 10_000_000 + " is wrong")
    assert len(huge) <= MAX_MESSAGE and huge.endswith(" is wrong")
    secrets = SecretSet()
    for value in ("orders-prod", "ab", 16):
        secrets.add_leaf(value)
    text = secrets.clean("identifier orders-prod, engine version 16, user ab; masterPassword and abc stay")
    assert "orders-prod" not in text and " 16" not in text and " ab;" not in text
    assert "masterPassword" in text and "abc" in text


@pytest.mark.parametrize("text", ["1" * 5000, "\u00b2", "-\u00b3"])
def test_a_digit_string_int_cannot_convert_reads_as_no_number(text: str) -> None:
    """Found by the fuzz run: backupRetentionPeriod "111...1" (5,000 digits) made Read.int raise."""
    assert Props({"n": text}).get("n").int() is None
    assert Props({"n": " 42 "}).get("n").int() == 42
