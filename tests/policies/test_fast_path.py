"""The fast path's shortcuts give the SDK's answers (issue 8): Remediate, the per-type policy table, the GC pause.

Each shortcut is checked against what it replaces: pulumi-policy's own servicer for Remediate, the
spec's ``applies_to`` for the table, and the collector's state for the pause. No timing is asserted.
"""

from __future__ import annotations

import gc
import threading

import pytest
from google.protobuf import json_format
from pulumi.runtime import proto

from migration_guard.testing.inprocess import analyze_request, analyze_stack_request, result_from_response
from migration_guard_policies import all_specs
from migration_guard_policies.compat import pulumi_policy as compat
from migration_guard_policies.compat.wire import REQUEST_PARSERS
from migration_guard_policies.examples import StackResource, unknown
from migration_guard_policies.spec import ResourcePolicySpec
from migration_guard_policies.state import PackState

from .test_hostile_input import deep_value, raw_analyze

RDS = "aws:rds/instance:Instance"


def _servicers(level: str | None) -> tuple[compat.FastAnalyzerServicer, object]:
    """The pack's servicer and pulumi-policy's own, both configured with every policy at ``level``."""
    state = PackState()
    fast_policies = compat.policies_for(all_specs(), state)
    sdk_policies = compat.policies_for(all_specs(), PackState())
    fast = compat.servicer_for("pack", fast_policies, state=state)
    sdk = compat.sdk_servicer("pack", sdk_policies)
    fast.Configure(compat.configure_request(fast_policies, None, level), None)
    sdk.Configure(compat.configure_request(sdk_policies, None, level), None)  # type: ignore[attr-defined]
    return fast, sdk


@pytest.mark.parametrize("level", [None, "remediate", "mandatory"])
@pytest.mark.parametrize("resource_type", [RDS, "aws:s3/bucket:Bucket", "pulumi:providers:aws"])
def test_remediate_answers_as_the_sdk(level: str | None, resource_type: str) -> None:
    fast, sdk = _servicers(level)
    request = analyze_request(resource_type, {"engine": "postgres", "storageEncrypted": unknown("boolean")})
    ours = fast.Remediate(request, None)
    theirs = sdk.Remediate(request, None)  # type: ignore[attr-defined]
    assert json_format.MessageToDict(ours) == json_format.MessageToDict(theirs)
    if level == "remediate":  # every resource policy answers "not applicable", in the pack's order
        names = [s.name for s in all_specs() if isinstance(s, ResourcePolicySpec)]
        assert [n.policy_name for n in ours.not_applicable] == names
        assert {n.reason for n in ours.not_applicable} == {compat.NO_REMEDIATION}
    else:
        assert not ours.not_applicable and not ours.remediations


def test_remediate_survives_properties_the_sdk_cannot_deserialise() -> None:
    fast, sdk = _servicers("remediate")
    data = raw_analyze(RDS, {"engine": "postgres"}, "db-dev", {"deep": deep_value(5000)})
    answers: list[object] = []

    def serve() -> None:  # as the pack's server threads do: a big stack for protobuf's recursive parser
        request = REQUEST_PARSERS["Remediate"](data)
        answers.append(fast.Remediate(request, None))
        try:
            sdk.Remediate(request, None)  # type: ignore[attr-defined]
        except RecursionError as exc:
            answers.append(exc)

    previous = threading.stack_size(compat.SERVER_THREAD_STACK)
    try:
        thread = threading.Thread(target=serve)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous)
    response = answers[0]
    assert isinstance(response, proto.RemediateResponse)
    assert len(response.not_applicable) == sum(isinstance(s, ResourcePolicySpec) for s in all_specs())
    assert isinstance(answers[1], RecursionError)  # what the SDK's own Remediate does with the same request


def test_policies_by_type_are_the_ones_that_apply_in_pack_order() -> None:
    fast, _ = _servicers(None)
    specs = [s for s in all_specs() if isinstance(s, ResourcePolicySpec)]
    types = {t for s in specs for t in s.resource_types if t != "*"} | {"aws:sns/topic:Topic", "pulumi:pulumi:Stack",
                                                                          "pulumi:providers:aws", "x:y/z:Unknown"}
    for resource_type in sorted(types):
        expected = [s.name for s in specs if s.applies_to(resource_type)]
        assert [s.name for s in fast._specs_for(resource_type)] == expected
        assert [s.name for s in fast._specs_for(resource_type)] == expected  # the kept table, second time


def test_the_type_table_stays_bounded_whatever_types_requests_name() -> None:
    fast, _ = _servicers(None)
    for i in range(compat._TYPE_TABLE_LIMIT + 10):
        fast._specs_for(f"x:y/z{i}:Thing")
    assert len(fast._by_type) == compat._TYPE_TABLE_LIMIT
    assert [s.name for s in fast._specs_for("x:y/zlast:Thing")] == [s.name for s in fast._specs_for("x:y/z0:Thing")]


def test_gc_pause_restores_the_collector_and_nests() -> None:
    pause = compat.GcPause()
    assert gc.isenabled()
    with pause:
        assert not gc.isenabled()
        with pause:
            assert not gc.isenabled()
        assert not gc.isenabled()  # still inside the outer pause
    assert gc.isenabled()
    gc.disable()
    try:
        with pause:
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def test_gc_pause_from_two_threads_ends_enabled() -> None:
    pause = compat.GcPause()
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(200):
                with pause:
                    assert not gc.isenabled()
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and gc.isenabled()


def test_analyze_stack_leaves_the_collector_as_it_found_it() -> None:
    fast, _ = _servicers(None)
    request = analyze_stack_request([StackResource("aws:rds/instance:Instance", "db-dev", {"engine": "postgres"})])
    assert gc.isenabled()
    result_from_response(fast.AnalyzeStack(request, None))
    assert gc.isenabled()


def test_links_outside_the_request_are_dropped_as_the_sdk_drops_them() -> None:
    fast, _ = _servicers(None)
    request = analyze_stack_request([StackResource("aws:ec2/vpc:Vpc", "vpc-dev", {}),
                                     StackResource("aws:ec2/subnet:Subnet", "a-dev", {"vpcId": "v"},
                                                   deps={"vpcId": ("vpc-dev",)})])
    subnet = request.resources[1]
    outside = "urn:pulumi:dev::test::aws:ec2/vpc:Vpc::gone-dev"
    subnet.parent = outside
    subnet.dependencies.append(outside)
    subnet.propertyDependencies["vpcId"].urns.append(outside)
    subnet.propertyDependencies["cidrBlock"].urns.append(outside)
    index = fast._stack_index(request)
    vpc_urn, view = request.resources[0].urn, index.resources[1]
    assert view.parent is None
    assert view.dependencies == (vpc_urn,)
    assert view.property_dependencies == {"vpcId": (vpc_urn,), "cidrBlock": ()}
    assert list(subnet.dependencies) == [vpc_urn, outside]
