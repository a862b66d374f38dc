"""The pulumi-policy boundary: every use of its internals, and the pack's fast path.

Supported: pulumi-policy >=1.21,<1.22 with pulumi >=3.204,<4 (pinned in policy-pack/requirements.txt;
tests/policies/test_sdk_compat.py pins every private symbol used here against the SDK source,
sdk/python/lib/pulumi_policy/policy.py, deserialize.py and proxy.py).

Two paths run the same policies with the same results:

* the SDK's own path: :func:`to_policy` wraps a spec in a pulumi-policy ``Policy`` whose validate
  converts the SDK's arguments (proxies, one deserialisation per policy) and evaluates the spec.
  Library users composing their own ``PolicyPack`` get this path, with what the fast path does: the
  pack state reset by each Configure (and each configured exemption noted for exemptions-unused),
  values that arrived as secrets never echoed, and a resource policy's ``stack_check`` run at
  AnalyzeStack under its own name and level. The SDK hands a policy neither its servicer nor the
  request (its deserialisation drops the secret markers), so :func:`_sdk_call` finds both in the
  calling frame of ``_PolicyAnalyzerServicer.Analyze`` / ``AnalyzeStack`` (pinned in
  tests/policies/test_sdk_compat.py), and fails loudly when it cannot.
* the fast path: :class:`FastAnalyzerServicer`, a subclass of the SDK's ``_PolicyAnalyzerServicer``
  that the pack serves (:func:`serve`). It converts an Analyze request once for every policy and an
  AnalyzeStack request into one index shared by every stack policy, with a depth guard, without
  recursion, and knowing which values arrived as secrets (so that no message can echo them).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent import futures
from typing import Any

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime import proto
from pulumi.runtime.proto import analyzer_pb2_grpc
from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyComplianceFramework,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.deserialize import SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY
from pulumi_policy.policy import _PolicyAnalyzerServicer
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError

from ..context import Outcome, PolicyConfig, ResourceInput, StackIndex, StackResourceView
from ..evaluation import evaluate_resource, evaluate_stack, internal_error_message
from ..messages import SecretSet
from ..props import Props, plain_from_wire, to_plain
from ..settings import config_problems, json_type_name
from ..spec import PolicySpec, ResourcePolicySpec, StackPolicySpec
from ..state import PackState
from .wire import REQUEST_PARSERS

SUPPORTED_PULUMI_POLICY = ">=1.21,<1.22"
SUPPORTED_PULUMI = ">=3.204,<4"

# pulumi_policy.policy.PolicyPack.__init__: the gRPC options and the port line the CLI reads.
MAX_RPC_MESSAGE_SIZE = 1024 * 1024 * 400
GRPC_OPTIONS = [("grpc.max_receive_message_length", MAX_RPC_MESSAGE_SIZE)]
# Stack of the server's threads: protobuf's parser recurses on nesting, and with the default stack a
# property nested ~5,000 levels deep crashes the process. With this one it parses up to protobuf's
# own limit, beyond which compat.wire takes over. (Virtual memory: only the pages used count.)
SERVER_THREAD_STACK = 512 * 1024 * 1024

# pulumi_policy.policy._PolicyAnalyzerServicer.Remediate, for a policy without a remediation.
NO_REMEDIATION = "Policy does not implement remediate"

# Resource types whose covering policies are kept (a stack has a few dozen; more are computed per request).
_TYPE_TABLE_LIMIT = 4096

_LEVEL_TO_PROTO = {
    EnforcementLevel.ADVISORY: proto.ADVISORY,
    EnforcementLevel.MANDATORY: proto.MANDATORY,
    EnforcementLevel.REMEDIATE: proto.REMEDIATE,
    EnforcementLevel.DISABLED: proto.DISABLED,
}
_PROTO_TO_LEVEL = {value: key for key, value in _LEVEL_TO_PROTO.items()}
_SEVERITY_TO_PROTO = {
    Severity.LOW: proto.POLICY_SEVERITY_LOW,
    Severity.MEDIUM: proto.POLICY_SEVERITY_MEDIUM,
    Severity.HIGH: proto.POLICY_SEVERITY_HIGH,
    Severity.CRITICAL: proto.POLICY_SEVERITY_CRITICAL,
}

_SEVERITY_NAME_TO_PROTO = {severity.value: value for severity, value in _SEVERITY_TO_PROTO.items()}

# ---------------------------------------------------------------------------------------------
# Specs as pulumi-policy Policy objects (the SDK's own path)


def _sdk_common(spec: PolicySpec) -> dict[str, Any]:
    framework = None
    if spec.framework is not None:
        framework = PolicyComplianceFramework(
            name=spec.framework.name,
            version=spec.framework.version,
            reference=spec.framework.reference,
            specification=spec.framework.specification,
        )
    return {
        "name": spec.name,
        "description": spec.description,
        "enforcement_level": EnforcementLevel(spec.level),
        "config_schema": PolicyConfigSchema(properties=spec.config_schema()),
        "severity": Severity(spec.severity),
        "framework": framework,
        "tags": spec.all_tags(),
        "remediation_steps": spec.remediation,
        "url": spec.url,
    }


class SpecResourcePolicy(ResourceValidationPolicy):
    """A MigrationGuard resource policy as the SDK sees it."""

    def __init__(self, spec: ResourcePolicySpec, state: PackState) -> None:
        self.spec = spec
        self.state = state
        super().__init__(validate=self._validate, **_sdk_common(spec))

    def _validate(self, args: ResourceValidationArgs, report: ReportViolation) -> None:
        secrets = _sdk_begin(self.state)  # every call: the SDK calls each resource policy for every resource
        if not self.spec.applies_to(args.resource_type):
            return
        resource = resource_input_from_args(args, secrets)
        self.state.remember(resource.urn, resource.props)
        config = PolicyConfig(_plain_config(args.get_config(), self.spec.name))
        outcome = evaluate_resource(self.spec, resource, config, self.state)
        if outcome is not None:
            _signal(self.spec, outcome, report, args)


class SpecResourcePolicyWithStackCheck(SpecResourcePolicy):
    """A resource policy whose rule also needs the whole stack (``spec.stack_check``). Registered below as a
    virtual StackValidationPolicy: the SDK's AnalyzeStack runs every policy that ``isinstance`` says is a
    stack policy (policy.py, ``_PolicyAnalyzerServicer.AnalyzeStack``) and calls its ``validate`` with
    StackValidationArgs, while GetAnalyzerInfo still lists it as a resource policy (it tests
    ResourceValidationPolicy first)."""

    def validate(self, args: Any, report_violation: ReportViolation) -> Any:
        if isinstance(args, StackValidationArgs):
            self._validate_stack(args, report_violation)
            return None
        return super().validate(args, report_violation)

    def _validate_stack(self, args: StackValidationArgs, report: ReportViolation) -> None:
        _validate_stack(self.spec, self.state, args, report)


StackValidationPolicy.register(SpecResourcePolicyWithStackCheck)


class SpecStackPolicy(StackValidationPolicy):
    """A MigrationGuard stack policy as the SDK sees it."""

    def __init__(self, spec: StackPolicySpec, state: PackState) -> None:
        self.spec = spec
        self.state = state
        super().__init__(validate=self._validate, **_sdk_common(spec))

    def _validate(self, args: StackValidationArgs, report: ReportViolation) -> None:
        _validate_stack(self.spec, self.state, args, report)


def _validate_stack(spec: StackPolicySpec | ResourcePolicySpec, state: PackState, args: StackValidationArgs,
                    report: ReportViolation) -> None:
    """The SDK path's AnalyzeStack for a stack policy or a resource policy's stack_check."""
    secrets = _sdk_begin(state)
    index = StackIndex([_view_from_sdk(r) for r in args.resources], dict(args.stack_tags or {}), secrets)
    outcome = evaluate_stack(spec, index, PolicyConfig(_plain_config(args.get_config(), spec.name)), state)
    _signal(spec, outcome, report, args)


# The SDK servicer's methods that call a policy's validate, with `self` (the servicer) and `request` local.
_SDK_CALLERS = frozenset({_PolicyAnalyzerServicer.Analyze.__code__, _PolicyAnalyzerServicer.AnalyzeStack.__code__})
# Name-mangled private attributes of _PolicyAnalyzerServicer (policy.py): the config dict each Configure
# replaces, and the pack's policies.
_SDK_CONFIG_ATTR = "_PolicyAnalyzerServicer__policy_pack_config"
_SDK_POLICIES_ATTR = "_PolicyAnalyzerServicer__policies"


def _sdk_specs(policies: Iterable[Any]) -> list[PolicySpec]:
    """The specs of the MigrationGuard policies among ``policies`` (any pack the SDK's servicer holds)."""
    return [spec for spec in (getattr(policy, "spec", None) for policy in policies) if isinstance(spec, PolicySpec)]


class SdkPathError(RuntimeError):
    """A MigrationGuard policy was called by something other than the supported SDK's servicer."""


def _sdk_call() -> tuple[Any, Any]:
    """(servicer, request) of the SDK servicer's Analyze or AnalyzeStack that is calling this policy."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code in _SDK_CALLERS:
            return frame.f_locals["self"], frame.f_locals["request"]
        frame = frame.f_back  # type: ignore[assignment]
    raise SdkPathError(
        f"MigrationGuard policies run under pulumi-policy{SUPPORTED_PULUMI_POLICY}'s servicer (PolicyPack) or the "
        "pack's own (migration_guard_policies.pack.serve_pack); this caller is neither, so secrets could not be "
        "told apart from other values"
    )


def _sdk_begin(state: PackState) -> SecretSet:
    """The SDK path's share of what the fast path does in Configure and per request: a new configuration
    (the SDK's Configure replaces its config dict) resets the pack state, notes each active policy's
    exemptions and checks every MigrationGuard policy's config (the SDK's Configure cannot refuse one, so
    each call then raises ConfigurationRefused with the problems, and the engine stops on the failed
    Analyze); the values of this request that arrived as secrets, so that no message echoes them."""
    servicer, request = _sdk_call()
    config = getattr(servicer, _SDK_CONFIG_ATTR)

    def start() -> list[str]:
        problems: list[str] = []
        for policy in getattr(servicer, _SDK_POLICIES_ATTR):
            spec = getattr(policy, "spec", None)
            if not isinstance(spec, PolicySpec):
                continue
            try:
                raw = _plain_config(config.get(spec.name), spec.name)
            except ConfigurationRefused as refused:
                problems.extend(refused.lines)
                continue
            problems.extend(f"{spec.name}: {problem}" for problem in config_problems(spec.settings, raw))
            if servicer._get_enforcement_level(policy) is not EnforcementLevel.DISABLED:
                state.ledger.note(spec.name, PolicyConfig(raw).exemptions)
        return refusal_lines(problems) if problems else []

    refused = state.begin(config, start)
    if refused:
        raise ConfigurationRefused(refused)
    return state.request_secrets(request, lambda: _secrets_of(request))


def _secrets_of(request: Any) -> SecretSet:
    """Every value of an Analyze or AnalyzeStack request that arrived as a secret."""
    secrets = SecretSet()
    resources = request.resources if hasattr(request, "resources") else [request]
    for resource in resources:
        _struct_plain(resource.properties, secrets)
        if resource.HasField("provider"):
            _struct_plain(resource.provider.properties, secrets)
    return secrets


def to_policy(spec: PolicySpec, state: PackState | None = None) -> SpecResourcePolicy | SpecStackPolicy:
    bound = state if state is not None else PackState()
    if isinstance(spec, ResourcePolicySpec):
        if spec.stack_check is not None:
            return SpecResourcePolicyWithStackCheck(spec, bound)
        return SpecResourcePolicy(spec, bound)
    if isinstance(spec, StackPolicySpec):
        return SpecStackPolicy(spec, bound)
    raise TypeError(f"not a policy spec: {spec!r}")


def ordered(specs: Iterable[PolicySpec]) -> list[PolicySpec]:
    """Policies that read what the others recorded (exemptions-unused) go last: the SDK runs stack
    policies in list order."""
    items = list(specs)
    return sorted(items, key=lambda spec: isinstance(spec, StackPolicySpec) and spec.reads_ledger)


def policies_for(specs: Iterable[PolicySpec], state: PackState | None = None) -> list[Policy]:
    """pulumi-policy Policy objects sharing one PackState."""
    shared = state if state is not None else PackState()
    return [to_policy(spec, shared) for spec in ordered(specs)]


def _plain_config(raw: Any, name: str) -> dict[str, Any]:
    """One policy's config as plain values; None (no entry) is the empty config. A config that is not an
    object fails the call (ConfigurationRefused, in gojsonschema's words for the CLI's ``"type": "object"``:
    pulumi/pulumi pkg/resource/analyzer/config.go, ``convertSchema``), never reads as "not set".

    Every key is the policy's, ``enforcementLevel`` included: the CLI takes the level out of the properties
    (config.go, ``extractEnforcementLevel`` deletes it from the map) and sends it in its own field
    (sdk/go/common/resource/plugin/analyzer_plugin.go, ``Configure``), so a level among the properties is an
    additional property, refused on both paths."""
    if raw is None:
        return {}
    plain = to_plain(raw)
    if not isinstance(plain, dict):
        raise ConfigurationRefused([f"{name}: Invalid type. Expected: object, given: {json_type_name(plain)}"])
    return plain


def resource_input_from_args(args: ResourceValidationArgs, secrets: SecretSet) -> ResourceInput:
    """The SDK's arguments as a ResourceInput. ``secrets`` is required: the SDK's deserialisation drops the
    secret markers, so only the caller (from the request, :func:`_sdk_begin`) can say what must not be echoed."""
    provider = getattr(args, "provider", None)
    return ResourceInput(
        type=args.resource_type,
        name=args.name,
        urn=args.urn,
        props=Props(args.props),
        provider=Props(provider.props if provider is not None else {}),
        stack_tags=dict(getattr(args, "stack_tags", {}) or {}),
        secrets=secrets,
    )


def _view_from_sdk(resource: Any) -> StackResourceView:
    provider = getattr(resource, "provider", None)
    parent = getattr(resource, "parent", None)
    return StackResourceView(
        type=str(resource.resource_type),
        urn=str(resource.urn),
        name=str(resource.name),
        props=Props(resource.props),
        provider=Props(provider.props if provider is not None else {}),
        parent=parent.urn if parent is not None else None,
        dependencies=tuple(d.urn for d in (resource.dependencies or [])),
        property_dependencies={
            str(k): tuple(d.urn for d in v) for k, v in (resource.property_dependencies or {}).items()
        },
    )


def _unknown_error(message: str, path: Sequence[str]) -> UnknownValueError:
    err = UnknownValueError(UNKNOWN_STRING_VALUE, list(path))
    err.message = message
    return err


def _signal(spec: PolicySpec, outcome: Outcome, report: ReportViolation,
            args: ResourceValidationArgs | StackValidationArgs) -> None:
    """Hand an outcome to the SDK: violations reported, then not-applicable / unknown raised."""
    for message, urn in outcome.violations:
        report(message, urn)
    if outcome.error is not None:
        raise _unknown_error(internal_error_message(spec.name, outcome.error), [])
    if outcome.not_applicable is not None:
        args.not_applicable(outcome.not_applicable)  # raises the SDK's own not-applicable signal
    if outcome.unverifiable:
        raise _unknown_error(outcome.unknown_message(), outcome.first_unknown_path())


# ---------------------------------------------------------------------------------------------
# The fast path


def _struct_plain(struct: struct_pb2.Struct, secrets: SecretSet) -> dict[str, Any]:
    plain = plain_from_wire(struct, secrets, SPECIAL_SIG_KEY, SPECIAL_SECRET_SIG)
    return plain if isinstance(plain, dict) else {}


class FastAnalyzerServicer(_PolicyAnalyzerServicer):
    """pulumi-policy's servicer with Analyze and AnalyzeStack converting each request once.

    Only MigrationGuard specs take the fast path; a pack holding any other Policy falls back to
    the SDK's own methods for everything.
    """

    def __init__(self, name: str, version: str, policies: list[Policy], enforcement_level: EnforcementLevel,
                 *args: Any, state: PackState | None = None) -> None:
        super().__init__(name, version, policies, enforcement_level, *args)
        self.pack_name = name
        self.pack_version = version
        self.pack_level = enforcement_level
        self.state = state if state is not None else PackState()
        self.specs: list[PolicySpec] | None = _specs_of(policies)
        self.configs: dict[str, PolicyConfig] = {}
        self.levels: dict[str, EnforcementLevel] = {}
        self.stack_tags: dict[str, str] = {}
        # Resource type -> the resource policies covering it (the specs never change after construction).
        self._by_type: dict[str, tuple[ResourcePolicySpec, ...]] = {}
        self._gc_pause = GcPause()

    # -- configuration -------------------------------------------------------------------------
    def Configure(self, request: Any, context: Any) -> Any:
        """Take a new configuration, or refuse it whole (INVALID_ARGUMENT) when any entry naming one of
        the pack's policies has a problem (:func:`~migration_guard_policies.settings.config_problems`):
        the previous configuration and state stay. Entries named ``all`` or naming no policy of the pack
        are accepted (the CLI sends them: ``applyConfig``, pulumi/pulumi pkg/resource/analyzer/config.go).

        A pack mixing MigrationGuard and other policies (``specs is None``) is served by the SDK's own
        methods: its MigrationGuard policies' entries are refused with the same problems, then the SDK's
        Configure takes the configuration, and a value it cannot convert fails the call (never swallowed:
        the previous configuration would stay in force unrefused).
        """
        configs: dict[str, PolicyConfig] = {}
        levels: dict[str, EnforcementLevel] = {}
        declared = {spec.name: spec for spec in (self.specs if self.specs is not None else
                                                 _sdk_specs(getattr(self, _SDK_POLICIES_ATTR)))}
        problems: list[str] = []
        for name in request.policyConfig:
            entry = request.policyConfig[name]
            raw = _struct_plain(entry.properties, SecretSet())
            spec = declared.get(name)
            if spec is not None:
                problems.extend(f"{name}: {problem}" for problem in config_problems(spec.settings, raw))
            configs[name] = PolicyConfig(raw)
            level = _PROTO_TO_LEVEL.get(entry.enforcementLevel)
            if level is not None:
                levels[name] = level
        if problems:
            refuse_configuration(context, problems)
        if self.specs is None:
            return super().Configure(request, context)
        self.configs, self.levels = configs, levels
        self.state.reset()
        for spec in self.specs:
            if self.level_of(spec) is not EnforcementLevel.DISABLED:
                self.state.ledger.note(spec.name, self.config_of(spec).exemptions)
        return empty_pb2.Empty()

    def ConfigureStack(self, request: Any, context: Any) -> Any:
        self.stack_tags = dict(request.tags)
        return super().ConfigureStack(request, context)

    def level_of(self, spec: PolicySpec) -> EnforcementLevel:
        return self.levels.get(spec.name) or EnforcementLevel(spec.level)

    def config_of(self, spec: PolicySpec) -> PolicyConfig:
        config = self.configs.get(spec.name)
        if config is None:
            config = self.configs[spec.name] = PolicyConfig({})
        return config

    # -- Analyze ---------------------------------------------------------------------------------
    def Analyze(self, request: Any, context: Any) -> Any:
        if self.specs is None:
            return super().Analyze(request, context)
        response = proto.AnalyzeResponse()
        resource = self._resource_input(request)
        self.state.remember(resource.urn, resource.props)
        for spec in self._specs_for(resource.type):
            level = self.level_of(spec)
            if level is EnforcementLevel.DISABLED:
                continue
            outcome = evaluate_resource(spec, resource, self.config_of(spec), self.state)
            if outcome is not None:
                self._emit(response, spec, level, outcome)
        return response

    def _specs_for(self, resource_type: str) -> tuple[ResourcePolicySpec, ...]:
        """The resource policies covering a type, in pack order: computed once per type (not per request)."""
        found = self._by_type.get(resource_type)
        if found is None:
            found = tuple(s for s in self.specs or () if isinstance(s, ResourcePolicySpec) and s.applies_to(resource_type))
            if len(self._by_type) < _TYPE_TABLE_LIMIT:  # bounded, whatever types a hostile request names
                self._by_type[resource_type] = found
        return found

    def _resource_input(self, request: Any) -> ResourceInput:
        secrets = SecretSet()
        props = Props.of_plain(_struct_plain(request.properties, secrets))
        provider = Props.of_plain(_struct_plain(request.provider.properties, secrets)) \
            if request.HasField("provider") else Props.of_plain({})
        return ResourceInput(request.type, props=props, provider=provider, urn=request.urn, name=request.name,
                             stack_tags=self.stack_tags, secrets=secrets)

    # -- Remediate -------------------------------------------------------------------------------
    def Remediate(self, request: Any, context: Any) -> Any:
        """What the SDK's Remediate answers for MigrationGuard policies, without deserialising the request.

        No MigrationGuard policy implements a remediation, so the SDK (policy.py, ``Remediate``) reports
        each resource policy configured at ``remediate`` as not applicable ("Policy does not implement
        remediate") and changes nothing. It reaches that answer only after converting the properties
        (recursively, so deep inputs fail the call); the engine calls Remediate before every Analyze.
        """
        if self.specs is None:
            return super().Remediate(request, context)
        response = proto.RemediateResponse()
        for spec in self.specs:
            if isinstance(spec, ResourcePolicySpec) and self.level_of(spec) is EnforcementLevel.REMEDIATE:
                response.not_applicable.append(proto.PolicyNotApplicable(policy_name=spec.name,
                                                                         reason=NO_REMEDIATION))
        return response

    # -- AnalyzeStack ----------------------------------------------------------------------------
    def AnalyzeStack(self, request: Any, context: Any) -> Any:
        if self.specs is None:
            return super().AnalyzeStack(request, context)
        response = proto.AnalyzeResponse()
        stack_specs = [s for s in self.specs if isinstance(s, StackPolicySpec) or
                       (isinstance(s, ResourcePolicySpec) and s.stack_check is not None)]
        active = [(s, self.level_of(s)) for s in stack_specs if self.level_of(s) is not EnforcementLevel.DISABLED]
        if not active:
            return response
        with self._gc_pause:  # the index is a few hundred thousand new objects, none of them cyclic garbage
            index = self._stack_index(request)
            # Ledger readers (exemptions-unused) last, whatever order the pack lists them in.
            active.sort(key=lambda item: isinstance(item[0], StackPolicySpec) and item[0].reads_ledger)
            for spec, level in active:
                outcome = evaluate_stack(spec, index, self.config_of(spec), self.state)
                self._emit(response, spec, level, outcome)
        return response

    def _stack_index(self, request: Any) -> StackIndex:
        secrets = SecretSet()
        resources = request.resources
        # Links that name resources outside this request are dropped (as the SDK does), in the same pass.
        urns = {r.urn for r in resources}
        views = []
        providers: dict[str, Props] = {}
        empty: dict[str, Any] = {}
        for r in resources:
            provider = Props.of_plain(empty)
            if r.HasField("provider"):
                key = r.provider.urn
                provider = providers.get(key) if key else None  # type: ignore[assignment]
                if provider is None:
                    provider = Props.of_plain(_struct_plain(r.provider.properties, secrets))
                    if key:
                        providers[key] = provider
            parent = r.parent
            dependencies = tuple(r.dependencies)
            if dependencies and not all(u in urns for u in dependencies):
                dependencies = tuple(u for u in dependencies if u in urns)
            links = r.propertyDependencies
            property_dependencies: dict[str, tuple[str, ...]] = {}
            if links:
                for prop in links:
                    deps = tuple(links[prop].urns)
                    if deps and not all(u in urns for u in deps):
                        deps = tuple(u for u in deps if u in urns)
                    property_dependencies[prop] = deps
            views.append(StackResourceView(
                type=r.type,
                urn=r.urn,
                name=r.name,
                props=Props.of_plain(_struct_plain(r.properties, secrets)),
                provider=provider,
                parent=parent if parent and parent in urns else None,
                dependencies=dependencies,
                property_dependencies=property_dependencies,
            ))
        return StackIndex(views, self.stack_tags, secrets)

    # -- diagnostics, exactly as the SDK builds them -------------------------------------------
    def _emit(self, response: Any, spec: PolicySpec, level: EnforcementLevel, outcome: Outcome) -> None:
        if outcome.violations:
            shown = EnforcementLevel.MANDATORY if level is EnforcementLevel.REMEDIATE else level
            fields = {
                "policyName": spec.name,
                "policyPackName": self.pack_name,
                "policyPackVersion": self.pack_version,
                "description": spec.description,
                "enforcementLevel": _LEVEL_TO_PROTO[shown],
                "severity": _SEVERITY_NAME_TO_PROTO[spec.severity],
            }
            add = response.diagnostics.add
            for message, urn in outcome.violations:
                add(message=f"{spec.description}\n{message}" if message else spec.description, urn=urn or "", **fields)
        for reason in outcome.exempted:
            response.not_applicable.append(proto.PolicyNotApplicable(policy_name=spec.name, reason=reason))
        if outcome.error is not None:
            self._cant_run(response, spec, internal_error_message(spec.name, outcome.error))
        elif outcome.not_applicable is not None:
            response.not_applicable.append(proto.PolicyNotApplicable(policy_name=spec.name,
                                                                     reason=outcome.not_applicable))
        elif outcome.unverifiable:
            self._cant_run(response, spec, outcome.unknown_message())

    def _cant_run(self, response: Any, spec: PolicySpec, message: str) -> None:
        response.diagnostics.append(proto.AnalyzeDiagnostic(
            policyName=spec.name,
            policyPackName=self.pack_name,
            policyPackVersion=self.pack_version,
            message=(f"can't run policy '{spec.name}' from policy pack "
                     f"'{self.pack_name}@v{self.pack_version}' during preview: {message}"),
            urn="",
            description=spec.description,
            enforcementLevel=proto.ADVISORY,
        ))


class ConfigurationRefused(ValueError):
    """Configure refused a configuration; ``lines`` holds every problem, sorted."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def refuse_configuration(context: Any, problems: Iterable[str]) -> None:
    """Fail Configure with every problem: a gRPC INVALID_ARGUMENT whose details are the problems, sorted, one
    a line, each `<policy>: <field>: <description>` as the offline preview words a config error after the
    CLI's `validating policy config: <pack> <version>  ` prefix. The engine stops the preview with
    `configuring policy pack "<pack>" at "<path>": <details>` (pulumi/pulumi pkg/engine/update.go,
    ``loadPolicyPlugins``, after ``(*analyzer).Configure`` in sdk/go/common/resource/plugin/analyzer_plugin.go
    returns ``rpcerror.Convert(err)``). Without a gRPC context (in-process callers) it raises
    ConfigurationRefused."""
    lines = refusal_lines(problems)
    if context is None:
        raise ConfigurationRefused(lines)
    context.abort(grpc.StatusCode.INVALID_ARGUMENT, "\n".join(lines))
    raise ConfigurationRefused(lines)  # abort raises; this line is never reached with a real context


# The status message travels in the response trailers, which gRPC clients cap (Python's default soft
# limit on metadata is 8 KiB, beyond which the client sees RESOURCE_EXHAUSTED instead of the refusal).
MAX_REFUSAL_BYTES = 6000


def refusal_lines(problems: Iterable[str]) -> list[str]:
    """The problems, sorted, as many as fit in MAX_REFUSAL_BYTES, then how many more there are."""
    ordered = sorted(problems)
    lines: list[str] = []
    size = 0
    for index, line in enumerate(ordered):
        size += len(line.encode()) + 1
        if size > MAX_REFUSAL_BYTES - 80:
            lines.append(f"... and {len(ordered) - index} more problems (fix these and configure again)")
            break
        lines.append(line)
    return lines


class GcPause:
    """Cyclic garbage collection off while a request builds and checks a big index (re-entrant, thread-safe).

    Reference counting still frees everything a request drops; only the cycle detector waits. Without
    the pause, building the index of a 50,000-resource AnalyzeStack triggers full collections that walk
    every object built so far, again and again (about a third of the request's time). The detector's
    previous state is restored when the last paused request ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                gc.enable()


def _specs_of(policies: Sequence[Policy]) -> list[PolicySpec] | None:
    specs: list[PolicySpec] = []
    for policy in policies:
        spec = getattr(policy, "spec", None)
        if not isinstance(policy, (SpecResourcePolicy, SpecStackPolicy)) or not isinstance(spec, PolicySpec):
            return None
        specs.append(spec)
    return specs


def servicer_for(name: str, policies: list[Policy], *, version: str = "0.0.1", state: PackState | None = None,
                 description: str | None = None, display_name: str | None = None, readme: str | None = None,
                 provider: str | None = None, tags: list[str] | None = None,
                 repository: str | None = None) -> FastAnalyzerServicer:
    return FastAnalyzerServicer(name, version, policies, EnforcementLevel.ADVISORY, None, description,
                                display_name, readme, provider, tags, repository, state=state)


class _GuardedHandlers(grpc.GenericRpcHandler):
    """The generated Analyzer handlers, with Analyze and AnalyzeStack parsed by compat.wire."""

    def __init__(self, servicer: Any) -> None:
        captured: list[Any] = []

        class _Capture:
            def add_generic_rpc_handlers(self, handlers: Any) -> None:
                captured.extend(handlers)

        analyzer_pb2_grpc.add_AnalyzerServicer_to_server(servicer, _Capture())
        self._inner = captured

    def service(self, handler_call_details: Any) -> Any:
        for inner in self._inner:
            handler = inner.service(handler_call_details)
            if handler is None:
                continue
            method = str(handler_call_details.method).rsplit("/", 1)[-1]
            parser = REQUEST_PARSERS.get(method)
            return handler._replace(request_deserializer=parser) if parser is not None else handler
        return None


def serve(*, name: str, policies: list[Policy], **metadata: Any) -> None:
    """Serve the pack as pulumi_policy.PolicyPack does (policy.py, PolicyPack.__init__), with the
    fast servicer and the guarded request parser: a gRPC server on 127.0.0.1, its port on stdout."""
    servicer = servicer_for(name, policies, **metadata)
    threading.stack_size(SERVER_THREAD_STACK)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=GRPC_OPTIONS)
    server.add_generic_rpc_handlers((_GuardedHandlers(servicer),))
    port = server.add_insecure_port(address="127.0.0.1:0")
    # Everything built so far (modules, policies, schemas) lives as long as the process: out of the cycle
    # detector's sight, so that its collections during a preview walk only what the requests keep.
    gc.freeze()
    server.start()
    sys.stdout.buffer.write(f"{port}\n".encode())
    sys.stdout.flush()
    try:
        while True:
            time.sleep(60 * 60 * 24)
    except KeyboardInterrupt:
        server.stop(0)


def configure_request(policies: Sequence[Policy], config: Mapping[str, Any] | None, level: str | None) -> Any:
    """Configure as the CLI builds it: schema defaults, then the given config (ints as floats)."""
    request = proto.ConfigureAnalyzerRequest()
    for policy in policies:
        properties: dict[str, Any] = {}
        schema = policy.config_schema.properties if policy.config_schema else {}
        for key, prop_schema in schema.items():
            if "default" in prop_schema:
                properties[key] = prop_schema["default"]
        properties.update(config or {})
        enforcement = level or (policy.enforcement_level.value if policy.enforcement_level else "advisory")
        entry = proto.PolicyConfig(enforcementLevel=_LEVEL_TO_PROTO[EnforcementLevel(enforcement)])
        entry.properties.update(properties)
        request.policyConfig[policy.name].CopyFrom(entry)
    return request


def sdk_servicer(name: str, policies: list[Policy]) -> _PolicyAnalyzerServicer:
    """The SDK's own servicer, as PolicyPack builds it (for the harness's SDK path)."""
    return _PolicyAnalyzerServicer(name, "0.0.1", policies, EnforcementLevel.ADVISORY,
                                   None, None, None, None, None, None, None)
