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
from migration_guard_policies.props import UNKNOWN, Props, State


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
