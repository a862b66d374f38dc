"""Hostile input through the real pack process (issue 13): depth, size, secrets, config, concurrency.

The pack is started as the Pulumi CLI starts it and spoken to over gRPC. Deep requests are written
as raw protobuf bytes (a client-side ``Struct.update`` would itself recurse). No timing is asserted:
the benchmark (``migration-guard bench pack``) measures speed.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import pytest
from pulumi.runtime import proto

from migration_guard.testing.inprocess import result_from_response, to_wire, urn_for
from migration_guard.testing.pack_process import PackProcess, PackProcessError
from migration_guard_policies import all_specs
from migration_guard_policies.compat.pulumi_policy import MAX_REFUSAL_BYTES
from migration_guard_policies.examples import secret

from .fuzz_cases import _field, _varint

PACK_DIR = Path(__file__).resolve().parents[2] / "policy-pack"
RDS = "aws:rds/instance:Instance"


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess(PACK_DIR, project="test", stack="dev") as process:
        process.handshake()
        process.configure_stack()
        process.configure({s.name: {"enforcementLevel": s.level} for s in all_specs()})
        yield process


# -- raw protobuf, linear in the depth --------------------------------------------------------


def deep_value(depth: int) -> bytes:
    """A protobuf Value {"a": {"a": ... "x"}} nested ``depth`` objects deep, built without recursion."""
    core = _field(3, b"x")
    size, prefixes = len(core), []
    for _ in range(depth):
        entry = 3 + 1 + len(_varint(size)) + size
        struct = 1 + len(_varint(entry)) + entry
        prefixes.append(b"\x2a" + _varint(struct) + b"\x0a" + _varint(entry) + b"\x0a\x01a\x12" + _varint(size))
        size = 1 + len(_varint(struct)) + struct
    return b"".join(reversed(prefixes)) + core


def raw_analyze(resource_type: str, props: dict[str, Any], name: str, extra: dict[str, bytes]) -> bytes:
    """An AnalyzeRequest with ``props`` plus raw Value bytes for the ``extra`` properties."""
    request = proto.AnalyzeRequest(type=resource_type, urn=urn_for(resource_type, name), name=name)
    request.properties.update(to_wire(props))
    data = request.SerializeToString()
    for key, value in extra.items():
        data += _field(2, _field(1, _field(1, key.encode()) + _field(2, value)))  # one more properties entry
    return data


def call_raw(pack: PackProcess, method: str, data: bytes) -> Any:
    assert pack.port is not None
    with grpc.insecure_channel(f"127.0.0.1:{pack.port}", options=[("grpc.max_send_message_length", -1),
                                                                 ("grpc.max_receive_message_length", -1)]) as channel:
        call = channel.unary_unary(f"/pulumirpc.Analyzer/{method}", request_serializer=lambda b: b,
                                   response_deserializer=proto.AnalyzeResponse.FromString)
        return result_from_response(call(data, timeout=120))


def analyze(pack: PackProcess, resource_type: str, props: dict[str, Any], name: str = "db-dev") -> Any:
    return result_from_response(pack.analyze(resource_type, to_wire(props), urn_for(resource_type, name), name))


@pytest.mark.parametrize("depth", [200, 5000, 100_000])
def test_deep_properties_neither_fail_analyze_nor_kill_the_pack(pack: PackProcess, depth: int) -> None:
    data = raw_analyze(RDS, {"engine": "postgres", "storageEncrypted": False}, "db-dev", {"deep": deep_value(depth)})
    result = call_raw(pack, "Analyze", data)
    assert any(d.policy == "rds-storage-encrypted" for d in result.violations)  # policies still decide
    assert pack.process.poll() is None
    assert analyze(pack, RDS, {"engine": "postgres", "storageEncrypted": True, "kmsKeyId": "k"}).violations is not None


def test_deep_stack_resources_still_analyzed(pack: PackProcess) -> None:
    resource = proto.AnalyzerResource(type=RDS, urn=urn_for(RDS, "db-dev"), name="db-dev")
    resource.properties.update({"engine": "postgres"})
    raw_resource = resource.SerializeToString() + _field(2, _field(1, _field(1, b"deep") + _field(2, deep_value(100_000))))
    result = call_raw(pack, "AnalyzeStack", _field(1, raw_resource))
    assert pack.process.poll() is None and result is not None


def test_json_too_deep_fails_closed_in_mandatory_policies(pack: PackProcess) -> None:
    deep = "[" * 5000 + "]" * 5000
    task = {"migrationType": "full-load", "tableMappings": deep, "replicationTaskSettings": "{}"}
    result = analyze(pack, "aws:dms/replicationTask:ReplicationTask", task, "task-dev")
    ours = [d for d in result.violations + result.unverifiable if d.policy == "dms-task-valid-mappings"]
    assert ours and any("tableMappings" in d.message for d in ours)
    assert all(d.enforcement_level == "mandatory" for d in ours if d in result.violations)


def test_a_huge_identifier_never_yields_a_huge_message(pack: PackProcess) -> None:
    identifier = "x" * 10_000_000
    result = analyze(pack, RDS, {"engine": "postgres", "identifier": identifier}, "db-prod")
    assert result.violations
    assert max(len(d.message) for d in result.violations + result.unverifiable) < 10_000


def test_one_hundred_thousand_tags(pack: PackProcess) -> None:
    tags = {f"k{i}": f"v{i}" for i in range(100_000)}
    result = analyze(pack, "aws:sns/topic:Topic", {"tags": tags, "name": "topic-dev"}, "topic-dev")
    assert pack.process.poll() is None and result is not None


@pytest.mark.parametrize("value", ["orders-prod", "db", "x1"])
def test_values_that_arrived_secret_are_never_echoed(pack: PackProcess, value: str) -> None:
    props = {"engine": "postgres", "identifier": secret(value), "engineVersion": secret(value)}
    result = analyze(pack, RDS, props, "db-dev")
    assert result.violations  # the name has no -dev suffix, the version does not exist
    for diag in result.violations + result.unverifiable:
        detail = diag.detail
        assert not any(token == value for token in _tokens(detail)), detail
    assert result.not_applicable is not None


def _tokens(text: str) -> list[str]:
    import re

    return re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", text)


def test_configure_refuses_wrong_types_nan_and_infinity_and_keeps_working(pack: PackProcess) -> None:
    """A direct Configure with unusable values is refused (INVALID_ARGUMENT naming each policy and key,
    tests/preview/test_pack_configure.py pins the wording); the configuration in force stays and the
    pack goes on deciding."""
    bad: dict[str, dict[str, Any]] = {}
    expected: list[str] = []
    for spec in all_specs():
        entry: dict[str, Any] = {"enforcementLevel": spec.level}
        for setting in spec.settings:
            entry[setting.key] = 5  # a number where a list, a string or a boolean is expected
            if setting.schema()["type"] != "integer" or setting.problems(5, setting.key):  # out of bounds
                expected.append(f"{spec.name}: {setting.key}")
        entry["exemptions"] = 7
        expected.append(f"{spec.name}: exemptions")
        bad[spec.name] = entry
    bad["all"] = {"enforcementLevel": "mandatory"}  # the CLI sends entries the pack does not know
    bad["no-such-policy"] = {"enforcementLevel": "advisory"}
    with pytest.raises(PackProcessError) as raised:
        pack.configure(bad)
    assert raised.value.code == grpc.StatusCode.INVALID_ARGUMENT
    details = str(raised.value.details)
    lines = details.split("\n")
    # As many problems as the status message can carry (gRPC caps trailers), sorted, then how many more.
    assert len(details.encode()) <= MAX_REFUSAL_BYTES
    listed = [":".join(line.split(":")[:2]) for line in lines[:-1]]  # "<policy>: <key>"
    assert listed == sorted(expected)[:len(listed)] and len(listed) > 20
    assert lines[-1] == f"... and {len(expected) - len(listed)} more problems (fix these and configure again)"
    request = proto.ConfigureAnalyzerRequest()
    for spec in all_specs():
        entry_message = proto.PolicyConfig(enforcementLevel=proto.ADVISORY)
        for setting in spec.settings:
            entry_message.properties[setting.key] = float("nan") if len(setting.key) % 2 else float("inf")
        request.policyConfig[spec.name].CopyFrom(entry_message)
    with pytest.raises(PackProcessError) as raised:
        pack._call("Configure", request)
    lines = str(raised.value.details).split("\n")
    assert lines[:-1] and all(line.endswith("given: non-finite number") for line in lines[:-1])
    result = analyze(pack, RDS, {"engine": "postgres"})
    assert result.violations and not any("could not evaluate" in d.message for d in result.unverifiable)
    assert {d.enforcement_level for d in result.violations} >= {"mandatory"}  # the levels in force, not "advisory"
    pack.configure({s.name: {"enforcementLevel": s.level} for s in all_specs()})


def test_parallel_analyze_calls_give_the_sequential_results(pack: PackProcess) -> None:
    inputs = [(RDS, {"engine": "postgres", "storageEncrypted": i % 2 == 0, "multiAz": i % 3 == 0}, f"db{i}-dev")
              for i in range(40)]
    sequential = [analyze(pack, *item) for item in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda item: analyze(pack, *item), inputs))
    assert parallel == sequential
