"""Every example of every policy again, this time through the real pack process over gRPC.

The pack is started exactly as the Pulumi CLI starts it (`python -u -m pulumi.policy` in the pack's
folder with the PULUMI_* environment), configured as the engine configures it (every policy, schema
defaults plus the example's config, integers as floats), and sent AnalyzeRequest /
AnalyzeStackRequest messages: the second harness path, next to the in-process one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migration_guard.testing.inprocess import SENTINELS, result_from_response, to_wire, urn_for
from migration_guard.testing.pack_process import PackProcess
from migration_guard_policies import all_specs
from migration_guard_policies.examples import Example, StackExample
from migration_guard_policies.spec import PolicySpec, ResourcePolicySpec

from .expectations import assert_expectation, example_type

PACK_DIR = Path(__file__).resolve().parents[2] / "policy-pack"
SPECS = all_specs()
CASES = [(spec, example) for spec in SPECS for example in spec.examples]
PROVIDER_URN = urn_for("pulumi:providers:aws", "default_7_51_1")


@pytest.fixture(scope="module")
def pack() -> Iterator[PackProcess]:
    with PackProcess(PACK_DIR, project="test", stack="dev") as process:
        process.handshake()
        process.configure_stack()
        yield process


def configure(pack: PackProcess, spec: PolicySpec, example_config: dict[str, Any]) -> None:
    config: dict[str, dict[str, Any]] = {}
    for other in SPECS:
        entry: dict[str, Any] = {"enforcementLevel": other.level}
        entry.update({k: v["default"] for k, v in other.config_schema().items() if "default" in v})
        config[other.name] = entry
    config[spec.name].update(example_config)
    pack.configure(config)


def provider(props: dict[str, Any] | None) -> dict[str, Any]:
    return {"type": "pulumi:providers:aws", "urn": PROVIDER_URN, "name": "default_7_51_1",
            "properties": to_wire(props or {})}


@pytest.mark.parametrize(
    ("spec", "example"), CASES, ids=[f"{s.name}[{i}]-{e.expect}" for i, (s, e) in enumerate(CASES)]
)
def test_example_through_the_pack_process(pack: PackProcess, spec: PolicySpec, example: Example | StackExample) -> None:
    configure(pack, spec, dict(example.config))
    if isinstance(spec, ResourcePolicySpec):
        assert isinstance(example, Example)
        resource_type = example_type(spec, example)
        response = pack.analyze(resource_type, to_wire(example.props), urn_for(resource_type, example.name),
                                example.name, provider=provider(example.provider))
    else:
        assert isinstance(example, StackExample)
        urns = {r.name: urn_for(r.type, r.name) for r in example.resources}
        resources = []
        for r in example.resources:
            dependencies = {prop: [urns[n] for n in names if n in urns] for prop, names in r.deps.items()}
            resources.append({
                "type": r.type, "urn": urns[r.name], "name": r.name, "properties": to_wire(r.props),
                "provider": provider(None), "parent": urns.get(r.parent or "", ""),
                "dependencies": sorted({u for us in dependencies.values() for u in us}),
                "propertyDependencies": dependencies,
            })
        response = pack.analyze_stack(resources)
    assert_expectation(spec, example, result_from_response(response))


def test_unknown_sentinels_of_every_kind_reach_the_pack_intact(pack: PackProcess) -> None:
    # storageEncrypted unknown as each kind the engine may send: always the policy's own explanation.
    spec = next(s for s in SPECS if s.name == "rds-storage-encrypted")
    configure(pack, spec, {})
    for sentinel in SENTINELS.values():
        response = pack.analyze("aws:rds/instance:Instance", {"engine": "postgres", "storageEncrypted": sentinel,
                                "kmsKeyId": SENTINELS["string"]}, urn_for("aws:rds/instance:Instance", "db-dev"),
                                "db-dev")
        result = result_from_response(response)
        ours = [d for d in result.unverifiable if d.policy == spec.name]
        assert ours and "storageEncrypted is unknown during preview" in ours[0].message
