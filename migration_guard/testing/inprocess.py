"""Evaluate CrossGuard policies in-process exactly as the SDK does during `pulumi preview`.

Python has no official way to unit-test CrossGuard policies (pulumi-policy#445). Feeding plain
dicts into a validate function hides the bugs that matter: in a real preview, properties arrive
as a protobuf Struct (so every number is a float), pulumi-policy deserialises them, unwraps
secrets, and wraps everything in proxies that raise ``UnknownValueError`` on unknown values.

This module drives pulumi-policy's own analyzer servicer (the object the gRPC server calls) with
real protobuf requests, so a policy under test goes through the very same code path:

    result = analyze_resource(policy, "aws:rds/instance:Instance",
                              {"storageEncrypted": unknown("boolean"), "password": secret("...")})
    assert result.unverifiable

``policy`` may be a pulumi-policy ``Policy`` (your own) or a MigrationGuard spec.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import struct_pb2
from pulumi.runtime import proto
from pulumi_policy import EnforcementLevel, Policy
from pulumi_policy.deserialize import SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY
from pulumi_policy.policy import _PolicyAnalyzerServicer

from migration_guard_policies.examples import SecretValue, StackResource, Unknown
from migration_guard_policies.model import STRICT_ENV, PolicySpec

# The engine's unknown sentinels, one per kind (pulumi-policy recognises all of them).
SENTINELS: dict[str, str] = {
    "string": "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "boolean": "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "number": "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "array": "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "object": "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
}

CANT_RUN_PREFIX = "can't run policy"
_LEVELS = {
    proto.ADVISORY: "advisory",
    proto.MANDATORY: "mandatory",
    proto.REMEDIATE: "remediate",
    proto.DISABLED: "disabled",
}
_SEVERITIES = {
    proto.POLICY_SEVERITY_UNSPECIFIED: "",
    proto.POLICY_SEVERITY_LOW: "low",
    proto.POLICY_SEVERITY_MEDIUM: "medium",
    proto.POLICY_SEVERITY_HIGH: "high",
    proto.POLICY_SEVERITY_CRITICAL: "critical",
}


@dataclass(frozen=True)
class Diagnostic:
    policy: str
    message: str  # as the engine shows it: the policy description, a newline, then the message
    enforcement_level: str
    severity: str
    urn: str

    @property
    def detail(self) -> str:
        """The message without the description line the SDK puts first."""
        return self.message.split("\n", 1)[1] if "\n" in self.message else self.message


@dataclass
class AnalysisResult:
    violations: list[Diagnostic] = field(default_factory=list)
    unverifiable: list[Diagnostic] = field(default_factory=list)  # "can't run policy ... during preview"
    not_applicable: list[tuple[str, str]] = field(default_factory=list)  # (policy, reason)

    @property
    def passed(self) -> bool:
        return not self.violations and not self.unverifiable

    def messages(self) -> list[str]:
        return [d.message for d in self.violations + self.unverifiable]

    def all_text(self) -> str:
        return "\n".join(self.messages() + [reason for _, reason in self.not_applicable])


# ---------------------------------------------------------------------------------------------
# Wire encoding: what the engine puts in the protobuf Struct


def to_wire(value: Any) -> Any:
    """Encode example data as the engine sends it: sentinels for unknowns, signatures for secrets."""
    if isinstance(value, Unknown):
        return SENTINELS[value.kind]
    if isinstance(value, SecretValue):
        return {SPECIAL_SIG_KEY: SPECIAL_SECRET_SIG, "value": to_wire(value.value)}
    if isinstance(value, Mapping):
        return {str(k): to_wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    return value


def to_struct(props: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(to_wire(props))
    return struct


def urn_for(type_: str, name: str, *, stack: str = "dev", project: str = "test", parent_types: Sequence[str] = ()) -> str:
    chain = "$".join([*parent_types, type_])
    return f"urn:pulumi:{stack}::{project}::{chain}::{name}"


# ---------------------------------------------------------------------------------------------
# The analyzer


def _as_policy(policy: Policy | PolicySpec) -> Policy:
    return policy.to_policy() if isinstance(policy, PolicySpec) else policy


def _config_request(policies: Sequence[Policy], config: Mapping[str, Any] | None, level: str | None) -> Any:
    """Build Configure as the CLI does: schema defaults, then the given config; ints as floats."""
    request = proto.ConfigureAnalyzerRequest()
    for policy in policies:
        properties: dict[str, Any] = {}
        schema = policy.config_schema.properties if policy.config_schema else {}
        for key, prop_schema in schema.items():
            if "default" in prop_schema:
                properties[key] = prop_schema["default"]
        properties.update(config or {})
        enforcement = level or (policy.enforcement_level.value if policy.enforcement_level else "advisory")
        entry = proto.PolicyConfig(enforcementLevel=_level_enum(enforcement))
        entry.properties.update(properties)
        request.policyConfig[policy.name].CopyFrom(entry)
    return request


def _level_enum(level: str) -> Any:
    for enum, name in _LEVELS.items():
        if name == level:
            return enum
    raise ValueError(f"unknown enforcement level {level!r}")


@contextmanager
def _strict_mode(strict: bool) -> Any:
    previous = os.environ.get(STRICT_ENV)
    if strict:
        os.environ[STRICT_ENV] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(STRICT_ENV, None)
        else:
            os.environ[STRICT_ENV] = previous


def _servicer(policies: Sequence[Policy], config: Mapping[str, Any] | None, level: str | None,
              stack_tags: Mapping[str, str] | None) -> Any:
    servicer = _PolicyAnalyzerServicer(
        "harness", "0.0.1", list(policies), EnforcementLevel.ADVISORY, None, None, None, None, None, None, None
    )
    servicer.ConfigureStack(proto.AnalyzerStackConfigureRequest(tags=dict(stack_tags or {})), None)
    servicer.Configure(_config_request(policies, config, level), None)
    return servicer


def result_from_response(response: Any) -> AnalysisResult:
    """An AnalyzeResponse (in-process or over gRPC) as violations, unverifiable and not-applicable."""
    result = AnalysisResult()
    for diag in response.diagnostics:
        item = Diagnostic(
            policy=diag.policyName,
            message=diag.message,
            enforcement_level=_LEVELS.get(diag.enforcementLevel, "advisory"),
            severity=_SEVERITIES.get(diag.severity, ""),
            urn=diag.urn,
        )
        (result.unverifiable if diag.message.startswith(CANT_RUN_PREFIX) else result.violations).append(item)
    for na in response.not_applicable:
        result.not_applicable.append((na.policy_name, na.reason))
    return result


def provider_resource(props: Mapping[str, Any] | None, *, stack: str = "dev", project: str = "test") -> Any:
    name = "default_7_51_1"
    return proto.AnalyzerProviderResource(
        type="pulumi:providers:aws",
        properties=to_struct(props or {}),
        urn=urn_for("pulumi:providers:aws", name, stack=stack, project=project),
        name=name,
    )


def analyze_resource(
    policy: Policy | PolicySpec,
    resource_type: str,
    props: Mapping[str, Any],
    *,
    name: str = "example-dev",
    config: Mapping[str, Any] | None = None,
    enforcement_level: str | None = None,
    provider: Mapping[str, Any] | None = None,
    stack: str = "dev",
    project: str = "test",
    stack_tags: Mapping[str, str] | None = None,
    strict: bool = True,
) -> AnalysisResult:
    """Run one resource policy on one resource through pulumi-policy's Analyze.

    ``strict`` makes MigrationGuard policies re-raise internal errors instead of degrading them to
    an advisory diagnostic, so that tests see crashes.
    """
    sdk_policy = _as_policy(policy)
    servicer = _servicer([sdk_policy], config, enforcement_level, stack_tags)
    request = proto.AnalyzeRequest(
        type=resource_type,
        properties=to_struct(props),
        urn=urn_for(resource_type, name, stack=stack, project=project),
        name=name,
        options=proto.AnalyzerResourceOptions(),
        provider=provider_resource(provider, stack=stack, project=project),
    )
    with _strict_mode(strict):
        return result_from_response(servicer.Analyze(request, None))


def analyze_stack(
    policy: Policy | PolicySpec,
    resources: Iterable[StackResource],
    *,
    config: Mapping[str, Any] | None = None,
    enforcement_level: str | None = None,
    stack: str = "dev",
    project: str = "test",
    stack_tags: Mapping[str, str] | None = None,
    strict: bool = True,
) -> AnalysisResult:
    """Run one stack policy over resources through pulumi-policy's AnalyzeStack.

    ``StackResource.deps`` maps a property to the names of the resources its value came from; they
    become URNs in ``propertyDependencies`` as the engine sends them.
    """
    sdk_policy = _as_policy(policy)
    servicer = _servicer([sdk_policy], config, enforcement_level, stack_tags)
    items = list(resources)
    urns = {r.name: urn_for(r.type, r.name, stack=stack, project=project) for r in items}
    request = proto.AnalyzeStackRequest()
    for r in items:
        resource = proto.AnalyzerResource(
            type=r.type,
            properties=to_struct(r.props),
            urn=urns[r.name],
            name=r.name,
            options=proto.AnalyzerResourceOptions(),
            provider=provider_resource(r.provider, stack=stack, project=project),
            parent=urns.get(r.parent or "", ""),
        )
        all_deps: list[str] = []
        for prop, names in r.deps.items():
            dep_urns = [urns[n] for n in names if n in urns]
            resource.propertyDependencies[prop].urns.extend(dep_urns)
            all_deps.extend(u for u in dep_urns if u not in all_deps)
        resource.dependencies.extend(all_deps)
        request.resources.append(resource)
    with _strict_mode(strict):
        return result_from_response(servicer.AnalyzeStack(request, None))


def urn_of(name: str, resources: Iterable[StackResource], *, stack: str = "dev", project: str = "test") -> str:
    for r in resources:
        if r.name == name:
            return urn_for(r.type, r.name, stack=stack, project=project)
    raise KeyError(name)
