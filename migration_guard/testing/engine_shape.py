"""Run a stack through a pack process the way `pulumi preview` does, in either request shape.

The engine calls Analyze on every resource (inputs after the provider's Check), then AnalyzeStack once
(the provider's planned outputs); a pack may remember what Analyze saw (MigrationGuard's
`StackCheck.analyzed`). :func:`run_stack` does exactly that on a running pack, with the requests either
``"engine"``-shaped (:mod:`migration_guard.analyzer.shape`) or ``"offline"`` (the properties as given to
both calls), so a policy test can run engine-shaped and compare.

    with PackProcess(pack_dir) as pack:
        pack.configure({...})
        verdicts = run_stack(pack, resources, shape="engine")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from migration_guard.analyzer.client import PackProcess
from migration_guard.analyzer.protocol import ENFORCEMENT_LEVEL_NAMES, UNKNOWN_SENTINELS
from migration_guard.analyzer.shape import EngineShaper
from migration_guard_policies.examples import StackResource

PROVIDER_TYPE = "pulumi:providers:aws"
PROVIDER_NAME = "default_7_51_1"
CANT_RUN = ("can't run policy", "can't run remediation")


@dataclass(frozen=True)
class StackInput:
    """One resource as a test gives it: type, name, properties (wire form), property dependencies."""

    type: str
    name: str
    props: Mapping[str, Any]
    deps: Mapping[str, Sequence[str]] = field(default_factory=dict)
    parent: str | None = None


@dataclass(frozen=True)
class Verdict:
    """One diagnostic, reduced to what decides a preview: policy, resource, and its kind."""

    policy: str
    resource: str
    kind: str  # "mandatory", "advisory", "unverifiable"

    def __str__(self) -> str:
        return f"{self.policy} on {self.resource}: {self.kind}"


def urn(stack: str, project: str, type_: str, name: str) -> str:
    return f"urn:pulumi:{stack}::{project}::{type_}::{name}"


def _verdicts(response: Any, names: Mapping[str, str]) -> set[Verdict]:
    found: set[Verdict] = set()
    for diagnostic in response.diagnostics:
        unverifiable = diagnostic.message.startswith(CANT_RUN)
        level = ENFORCEMENT_LEVEL_NAMES.get(diagnostic.enforcementLevel, "advisory")
        kind = "unverifiable" if unverifiable else ("mandatory" if level == "mandatory" else "advisory")
        found.add(Verdict(diagnostic.policyName, names.get(diagnostic.urn, diagnostic.urn), kind))
    return found


def run_stack(
    pack: PackProcess,
    resources: Iterable[StackInput],
    *,
    shape: str = "engine",
    provider_props: Mapping[str, Any] | None = None,
    shaper: EngineShaper | None = None,
    stack: str = "dev",
    project: str = "test",
) -> set[Verdict]:
    """Analyze every resource, then AnalyzeStack, in the given shape; every verdict of both calls."""
    engine = shaper or EngineShaper()
    provider_properties: dict[str, Any] = dict(provider_props or {})
    provider: dict[str, Any] = {
        "type": PROVIDER_TYPE, "urn": urn(stack, project, PROVIDER_TYPE, PROVIDER_NAME), "name": PROVIDER_NAME,
        "properties": provider_properties,
    }
    items = list(resources)
    urns = {r.name: urn(stack, project, r.type, r.name) for r in items}
    names = {u: n for n, u in urns.items()}
    stack_resources: list[dict[str, Any]] = []
    verdicts: set[Verdict] = set()
    for item in items:
        inputs, outputs = dict(item.props), dict(item.props)
        if shape == "engine":
            inputs, outputs = engine.shape_resource(item.type, item.props, provider_properties)
        response = pack.analyze(item.type, inputs, urns[item.name], item.name, provider=provider)
        verdicts |= _verdicts(response, names)
        dependencies = {prop: [urns[n] for n in deps if n in urns] for prop, deps in item.deps.items()}
        stack_resources.append({
            "type": item.type, "urn": urns[item.name], "name": item.name, "properties": outputs,
            "provider": provider, "parent": urns.get(item.parent or "", ""),
            "dependencies": sorted({u for us in dependencies.values() for u in us}),
            "propertyDependencies": dependencies,
        })
    verdicts |= _verdicts(pack.analyze_stack(stack_resources), names)
    return verdicts


def engine_shaped(
    resources: Iterable[StackResource], *, provider_props: Mapping[str, Any] | None = None,
    shaper: EngineShaper | None = None,
) -> list[StackResource]:
    """Stack-example resources with the planned outputs the engine's AnalyzeStack would carry, for the
    in-process harness (`migration_guard.testing.inprocess.analyze_stack`). It has no Analyze memory:
    to test a policy that reads `StackCheck.analyzed`, use :func:`run_stack` on a pack process."""
    engine = shaper or EngineShaper()
    shaped: list[StackResource] = []
    for resource in resources:
        _, planned = engine.shape_resource(resource.type, resource.props, provider_props)
        shaped.append(replace(resource, props=planned))
    return shaped


def contains_unknown(value: Any) -> bool:
    """Whether a wire-form value holds an unknown sentinel anywhere (iterative)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and item in UNKNOWN_SENTINELS:
            return True
        if isinstance(item, Mapping):
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
    return False
