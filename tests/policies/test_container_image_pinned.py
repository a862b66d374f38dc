"""container-image-pinned: parsing image references (registry ports, digests, implicit latest)."""

from __future__ import annotations

import json

import pytest

from migration_guard.testing.inprocess import analyze_resource
from migration_guard_policies.examples import unknown
from migration_guard_policies.policies.operations.container_image_pinned import SPEC, problem

TASK = "aws:ecs/taskDefinition:TaskDefinition"


@pytest.mark.parametrize(
    ("image", "pinned"),
    [
        ("nginx:1.27", True),
        ("registry.local:5000/team/worker:2.1", True),
        ("registry.local:5000/team/worker", False),
        ("nginx", False),
        ("nginx:LATEST", False),
        ("nginx:", False),
        ("repo@sha256:" + "0" * 64, True),
    ],
)
def test_problem(image: str, pinned: bool) -> None:
    assert (problem(image, False) is None) is pinned


def test_digest_required() -> None:
    assert problem("nginx:1.27", True)
    assert problem("nginx@sha256:" + "1" * 64, True) is None


def test_each_container_is_reported_by_index_without_its_image() -> None:
    defs = [{"name": "a", "image": "nginx:1.27"}, {"name": "b", "image": "secret-registry.example/b:latest"},
            {"name": "c", "image": unknown()}]
    # A JSON string holding an unknown is unknown as a whole; a structured list keeps per-item unknowns.
    result = analyze_resource(SPEC, TASK, {"containerDefinitions": defs})
    assert [d.detail.split(" ")[0] for d in result.violations] == ["containerDefinitions[1].image"]
    assert "secret-registry" not in result.all_text()
    assert result.unverifiable and "containerDefinitions[2].image" in result.unverifiable[0].message


def test_unreadable_definitions_are_reported_not_taken_as_no_containers() -> None:
    # Fails closed: bad JSON, a non-list document or one nested too deeply is never "no containers".
    deep = '[{"name": "w", "image": "nginx", "x": ' + "[" * 150 + "]" * 150 + "}]"
    for value in ("[", "{}", deep):
        result = analyze_resource(SPEC, TASK, {"containerDefinitions": value})
        assert [v.detail.startswith("containerDefinitions cannot be read") for v in result.violations] == [True]


def test_junk_entries_in_a_readable_list_do_not_raise() -> None:
    assert analyze_resource(SPEC, TASK, {"containerDefinitions": json.dumps([1, None, {"image": None}, {"image": 3}])}).passed


def test_json_string_built_with_an_unknown_is_unverifiable() -> None:
    text = json.dumps([{"name": "a", "image": "04da6b54-80e4-46f7-96ec-b56ff0331ba9:1.0"}])
    result = analyze_resource(SPEC, TASK, {"containerDefinitions": text})
    assert result.unverifiable and not result.violations
