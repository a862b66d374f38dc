"""Runner side of resource registration: the mock resource monitor that plays the engine.

What it does that the SDK's own MockMonitor does not (each with the engine code it follows):

- URNs as the engine builds them (children of the root stack are not qualified by the Stack type);
- transforms: a resource's own ``transforms``, then its parents', then the stack's
  (``register_resource_transform``), run before registration and their results applied
  (pkg/resource/deploy/source_eval.go, ``RegisterResource``: "First run the transforms for this
  resource, then it's parents, then the stack");
- the provider's Check (autonames, JSON documents) on custom resources (``provider_check``);
- resource references: every registered resource's preview state is kept for the builtin
  ``pulumi:pulumi:getResource`` (``invocation.resource_state``);
- aliases: the engine sends an alias to analyzers only when it matched a resource of the previous
  deployment (pkg/resource/deploy/step_generator.go, ``generateSteps``: ``aliasUrns`` holds the alias
  ``getOldResource`` found); the offline preview has no previous deployment, so analyzers get none,
  and the aliases' URNs (``collapseAliasToUrn``) are kept as ``aliasUrns`` for a preview with state;
- multi-language components (``remote=True``) are recorded: they cannot be expanded offline;
- resource methods (``Call``): ``terraformConfig`` of a provider from its inputs, anything else unknown.
"""

from __future__ import annotations

import contextvars
import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, Any

from google.protobuf import json_format, struct_pb2
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime.proto import provider_pb2, resource_pb2

from . import invocation, invokes, provider_check, sdk_internals, sdk_schema
from .sources import UserFiles

ROOT_STACK_TYPE = "pulumi:pulumi:Stack"
PROVIDER_PREFIX = "pulumi:providers:"
UNKNOWN_STRING = provider_check.UNKNOWN_STRING


@dataclass
class TypeFacts:
    computed_outputs: list[str]
    json_inputs: list[str]


@dataclass
class Recorder:
    """Everything the monitor saw, in program order. Shared by the SDK's registration threads."""

    stack: str
    project: str
    project_dir: Path
    registrations: list[dict[str, Any]] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    type_facts: dict[str, TypeFacts] = field(default_factory=dict)
    remote_components: list[dict[str, Any]] = field(default_factory=list)
    resource_transforms: dict[str, list[str]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    stack_transforms: list[str] = field(default_factory=list)
    stack_invoke_transforms: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    files: UserFiles = field(init=False)
    stream: IO[str] | None = None  # where each registration is written as it arrives (one JSON line)
    _sequence: dict[tuple[str, str], list[tuple[int, dict[str, Any] | None]]] = field(default_factory=dict)
    _counter: int = 0

    def __post_init__(self) -> None:
        self.files = UserFiles(self.project_dir)

    # Program order of constructor calls. The SDK sends registrations from a thread pool, so arrival
    # order varies run to run; constructor order is deterministic and already respects dependencies.
    def note_constructor(self, resource: Any, ty: str, name: str, caller: FrameType | None = None) -> None:
        """``caller``: the frame that called the SDK's register_resource (default: this method's caller)."""
        site = self.files.caller(caller if caller is not None else sys._getframe(1))
        facts = None
        if ty not in self.type_facts:
            cls = type(resource)
            facts = TypeFacts(sdk_schema.computed_only_outputs(cls), sdk_schema.json_document_inputs(cls, ty))
        with self.lock:
            if facts is not None:
                self.type_facts.setdefault(ty, facts)
            self._sequence.setdefault((ty, name), []).append((self._counter, site))
            self._counter += 1

    def take_sequence(self, ty: str, name: str) -> tuple[int, dict[str, Any] | None]:
        with self.lock:
            queue = self._sequence.get((ty, name))
            if queue:
                return queue.pop(0)
            self._counter += 1
            return 1_000_000 + self._counter, None

    def facts(self, ty: str) -> TypeFacts:
        with self.lock:
            return self.type_facts.get(ty) or TypeFacts([], [])

    def add(self, record: dict[str, Any], state: dict[str, Any]) -> None:
        with self.lock:
            if self.stream is not None:
                # The parent analyzes registrations as they arrive, as the engine does (program.py).
                facts = self.type_facts.get(record["type"])
                line = {"registration": record, "computed": facts.computed_outputs if facts else []}
                self.stream.write(json.dumps(line) + "\n")
                self.stream.flush()
            self.registrations.append(record)
            self.states[record["urn"]] = state
            if record["parent"]:
                self.parents[record["urn"]] = record["parent"]

    def engine_urn(self, parent: str, type_: str, name: str) -> str:
        # The engine qualifies a child's type with its parent's whole qualified type, except that
        # children of the root stack are not qualified (the mock wrongly adds the Stack type).
        qualified = type_
        if parent:
            parent_type = parent.split("::")[2]
            if parent_type != ROOT_STACK_TYPE:
                qualified = f"{parent_type}${type_}"
        return f"urn:pulumi:{self.stack}::{self.project}::{qualified}::{name}"

    def alias_urn(self, alias: Any, name: str, type_: str, parent: str) -> str:
        """step_generator.go ``collapseAliasToUrn``: an alias spec's URN, defaults from the resource."""
        if alias.HasField("urn") or alias.WhichOneof("alias") == "urn":
            return str(alias.urn)
        spec = alias.spec
        alias_parent = parent
        which = spec.WhichOneof("parent")
        if which == "parentUrn" and spec.parentUrn:
            alias_parent = spec.parentUrn
        if (which == "noParent" and spec.noParent) or (alias_parent and alias_parent.split("::")[2] == ROOT_STACK_TYPE):
            alias_parent = ""
        alias_name, alias_type = spec.name or name, spec.type or type_
        if alias_parent:
            return alias_parent.rsplit("::", 1)[0] + "$" + alias_type + "::" + alias_name
        return f"urn:pulumi:{spec.stack or self.stack}::{spec.project or self.project}::{alias_type}::{alias_name}"


def invoke_response(result: dict[str, Any] | None) -> Any:
    """A ResourceInvokeResponse (pulumi 3.14x and later) or the older provider InvokeResponse; None is
    an unknown result where the SDK understands one, else an empty result."""
    response_type: Any = getattr(resource_pb2, "ResourceInvokeResponse", None)
    if response_type is None:
        # These SDKs neither take an unknown result nor unwrap secrets in a plain invoke's result.
        return provider_pb2.InvokeResponse(**{"return": _to_struct(provider_check.without_secrets(result or {}))})
    if result is None:
        return response_type(unknown=True)
    return response_type(**{"return": _to_struct(result)})


def _to_dict(message: Any) -> dict[str, Any]:
    return json_format.MessageToDict(message)


def _to_struct(value: dict[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    json_format.ParseDict(value, out)
    return out


def transform_options(request: Any) -> Any:
    """The TransformResourceOptions the engine hands to transforms (source_eval.go ``RegisterResource``)."""
    return resource_pb2.TransformResourceOptions(
        depends_on=list(request.dependencies), protect=request.protect,
        ignore_changes=list(request.ignoreChanges), replace_on_changes=list(request.replaceOnChanges),
        version=request.version, aliases=list(request.aliases), provider=request.provider,
        providers=dict(request.providers), plugin_download_url=request.pluginDownloadURL,
        retain_on_delete=request.retainOnDelete, deleted_with=request.deletedWith,
        delete_before_replace=request.deleteBeforeReplace,
        additional_secret_outputs=list(request.additionalSecretOutputs),
        custom_timeouts=request.customTimeouts, **{"import": request.importId},
    )


def apply_transform_options(request: Any, options: Any) -> None:
    request.protect = options.protect
    del request.ignoreChanges[:]
    request.ignoreChanges.extend(options.ignore_changes)
    del request.aliases[:]
    request.aliases.extend(options.aliases)
    request.provider = options.provider
    request.version = options.version
    request.pluginDownloadURL = options.plugin_download_url
    request.deleteBeforeReplace = options.delete_before_replace
    del request.additionalSecretOutputs[:]
    request.additionalSecretOutputs.extend(options.additional_secret_outputs)
    request.customTimeouts.CopyFrom(options.custom_timeouts)
    request.importId = getattr(options, "import")
    del request.dependencies[:]
    request.dependencies.extend(options.depends_on)


def run_transforms(recorder: Recorder, request: Any, urn: str) -> Any:
    """Run the resource's own transforms, its parents', then the stack's, as the engine does."""
    own = [callback.token for callback in request.transforms]
    tokens = list(own)
    with recorder.lock:
        current = request.parent
        while current:
            tokens.extend(recorder.resource_transforms.get(current, []))
            current = recorder.parents.get(current, "")
        tokens.extend(recorder.stack_transforms)
        if own:
            recorder.resource_transforms[urn] = own
    if not tokens:
        return request
    transformed = resource_pb2.RegisterResourceRequest()
    transformed.CopyFrom(request)
    properties, options = request.object, transform_options(request)
    for token in tokens:
        payload = resource_pb2.TransformRequest(
            name=request.name, type=request.type, custom=request.custom, parent=request.parent,
            properties=properties, options=options,
        ).SerializeToString()
        response = sdk_internals.call_callback(token, payload)
        if response.HasField("properties"):
            properties = response.properties
        if response.HasField("options"):
            options = response.options
    transformed.object.CopyFrom(properties)
    apply_transform_options(transformed, options)
    return transformed


def registration_record(recorder: Recorder, request: Any, urn: str, *, read: bool) -> dict[str, Any]:
    seq, site = recorder.take_sequence(request.type, request.name)
    source = recorder.files.request(request) or site
    base = {
        "seq": seq, "type": request.type, "name": request.name, "urn": urn, "parent": request.parent,
        "dependencies": list(request.dependencies), "provider": request.provider, "version": request.version,
        "pluginDownloadURL": request.pluginDownloadURL, "source": source, "read": read,
    }
    if read:
        return {
            **base, "custom": True, "remote": False, "inputs": _to_dict(request.properties),
            "propertyDependencies": {}, "importId": request.id,
            "options": {"additionalSecretOutputs": list(request.additionalSecretOutputs), "aliases": []},
        }
    alias_urns: list[str] = []
    for alias in list(request.aliases):
        alias_urns.append(recorder.alias_urn(alias, request.name, request.type, request.parent))
    alias_urns.extend(request.aliasURNs)
    return {
        **base, "custom": request.custom, "remote": request.remote, "inputs": _to_dict(request.object),
        "propertyDependencies": {k: list(v.urns) for k, v in request.propertyDependencies.items()},
        "importId": request.importId,
        "options": {
            "protect": request.protect,
            "ignoreChanges": list(request.ignoreChanges),
            "deleteBeforeReplace": request.deleteBeforeReplace,
            "deleteBeforeReplaceDefined": request.deleteBeforeReplaceDefined,
            "additionalSecretOutputs": list(request.additionalSecretOutputs),
            "aliases": [],
            "aliasUrns": sorted(set(alias_urns)),
            "customTimeouts": {
                "create": request.customTimeouts.create,
                "update": request.customTimeouts.update,
                "delete": request.customTimeouts.delete,
            },
        },
    }


def preview_state(recorder: Recorder, record: dict[str, Any], checked: dict[str, Any]) -> dict[str, Any]:
    """What the engine holds for a resource during preview: checked inputs plus unknown computed outputs,
    an empty id (unknown), and its provider reference."""
    outputs = dict(checked)
    for name in recorder.facts(record["type"]).computed_outputs:
        outputs.setdefault(name, UNKNOWN_STRING)
    return {"id": "", "provider": record["provider"], "state": outputs}


def check_inputs(recorder: Recorder, record: dict[str, Any]) -> dict[str, Any]:
    rtype = record["type"]
    if not record["custom"] or rtype.startswith(PROVIDER_PREFIX) or rtype == ROOT_STACK_TYPE:
        return record["inputs"]
    return provider_check.provider_check(
        rtype, record["name"], record["urn"], record["inputs"], recorder.facts(rtype).json_inputs
    )


class Mocks(pulumi_mocks.Mocks):
    def new_resource(self, args: pulumi_mocks.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        return None, {}

    def call(self, args: pulumi_mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        raise AssertionError("handled by the monitor")


@dataclass
class MonitorContext:
    recorder: Recorder
    ledger: invocation.InvokeLedger
    settings: invocation.InvokeSettings
    invoke_form: contextvars.ContextVar[str]


class EngineMonitor(pulumi_mocks.MockMonitor):
    """The resource monitor of an offline preview."""

    def __init__(self, context: MonitorContext) -> None:
        super().__init__(Mocks())
        self.context = context
        self.recorder = context.recorder

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        return self.recorder.engine_urn(parent, type_, name)

    # -- registrations ----------------------------------------------------------------------------

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
        urn = self.recorder.engine_urn(request.parent, request.type, request.name)
        request = run_transforms(self.recorder, request, urn)
        record = registration_record(self.recorder, request, urn, read=False)
        checked = check_inputs(self.recorder, record)
        record["inputs"] = checked
        self.recorder.add(record, preview_state(self.recorder, record, checked))
        if request.remote:
            with self.recorder.lock:
                self.recorder.remote_components.append(record)
        self.resources[urn] = pulumi_mocks.MockMonitor.ResourceRegistration(urn, "", {})
        if request.type == ROOT_STACK_TYPE:
            return resource_pb2.RegisterResourceResponse(urn=urn)
        # What a provider knows before creation: the checked inputs. The id and every computed output
        # stay unknown (an empty id and absent outputs resolve as unknown in preview).
        return resource_pb2.RegisterResourceResponse(urn=urn, id="", object=_to_struct(checked))

    def ReadResource(self, request: Any) -> Any:  # noqa: N802
        urn = self.recorder.engine_urn(request.parent, request.type, request.name)
        record = registration_record(self.recorder, request, urn, read=True)
        self.recorder.add(record, {"id": request.id, "provider": request.provider, "state": record["inputs"]})
        return resource_pb2.ReadResourceResponse(urn=urn, properties=request.properties)

    def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802
        with self.recorder.lock:
            self.recorder.outputs[request.urn] = _to_dict(request.outputs)
        return super().RegisterResourceOutputs(request)

    def RegisterStackTransform(self, request: Any) -> Any:  # noqa: N802
        with self.recorder.lock:
            self.recorder.stack_transforms.append(request.token)
        return super().RegisterStackTransform(request)

    def RegisterStackInvokeTransform(self, request: Any) -> Any:  # noqa: N802
        with self.recorder.lock:
            self.recorder.stack_invoke_transforms.append(request.token)
        return super().RegisterStackInvokeTransform(request)

    # -- invokes and calls ------------------------------------------------------------------------

    def _provider_region(self, provider_ref: str) -> str:
        if provider_ref:
            state = self.recorder.states.get(provider_ref.rsplit("::", 1)[0])
            region = (state or {}).get("state", {}).get("region")
            if isinstance(region, str) and region and region != UNKNOWN_STRING:
                return region
        return self.context.settings.region

    def _invoke_transforms(self, request: Any) -> Any:
        with self.recorder.lock:
            tokens = list(self.recorder.stack_invoke_transforms)
        if not tokens:
            return request
        args, options = request.args, resource_pb2.TransformInvokeOptions(
            provider=request.provider, plugin_download_url=request.pluginDownloadURL, version=request.version)
        for token in tokens:
            payload = resource_pb2.TransformInvokeRequest(token=request.tok, args=args, options=options).SerializeToString()
            response = sdk_internals.call_callback(token, payload)
            if response.HasField("args"):
                args = response.args
            if response.HasField("options"):
                options = response.options
        transformed = resource_pb2.ResourceInvokeRequest()
        transformed.CopyFrom(request)
        transformed.args.CopyFrom(args)
        transformed.provider = options.provider
        transformed.version = options.version
        return transformed

    def Invoke(self, request: Any) -> Any:  # noqa: N802
        if request.tok == invocation.GET_RESOURCE:
            args = _to_dict(request.args)
            with self.recorder.lock:
                found = invocation.resource_state(str(args.get("urn", "")), self.recorder.states)
            self.context.ledger.add(invocation.InvokeRecord(request.tok, "builtin", None))
            return invoke_response(found)
        request = self._invoke_transforms(request)
        token, args = request.tok, _to_dict(request.args)
        region = invokes.call_region(args, self._provider_region(request.provider))
        ledger = self.context.ledger
        with ledger.lock:
            result_type = ledger.result_types.get(token)
            site = ledger.sites.get(token)
        output_form = self.context.invoke_form.get() == "output"
        answer = invocation.answer_invoke(
            token, args, settings=self.context.settings, region=region, result_type=result_type,
            output_form=output_form,
        )
        ledger.add(invocation.InvokeRecord(token, answer.kind, site, region))
        # No result (None) is the engine's way of saying "not known yet": the SDK resolves it as unknown.
        return invoke_response(answer.result)

    def Call(self, request: Any) -> Any:  # noqa: N802
        token = request.tok
        args = _to_dict(request.args)
        self_ref = args.get("__self__")
        result: dict[str, Any] = {"result": UNKNOWN_STRING}
        if token.endswith(invocation.TERRAFORM_CONFIG_SUFFIX) and isinstance(self_ref, dict):
            with self.recorder.lock:
                state = self.recorder.states.get(str(self_ref.get("urn", "")))
            if state is not None:
                result = invocation.terraform_config(state.get("state", {}))
        self.context.ledger.add(invocation.InvokeRecord(token, "call", None))
        return provider_pb2.CallResponse(**{"return": _to_struct(result)})


def install_constructor_hooks(pulumi_resource: Any, recorder: Recorder) -> Callable[[], None]:
    """Note each constructor call (program order and the user's line); returns the undo."""
    original_register = pulumi_resource.register_resource
    original_read = pulumi_resource.read_resource

    def register_resource(res: Any, ty: str, name: str, *args: Any, **kwargs: Any) -> Any:
        recorder.note_constructor(res, ty, name, sys._getframe(1))
        return original_register(res, ty, name, *args, **kwargs)

    def read_resource(res: Any, ty: str, name: str, *args: Any, **kwargs: Any) -> Any:
        recorder.note_constructor(res, ty, name, sys._getframe(1))
        return original_read(res, ty, name, *args, **kwargs)

    pulumi_resource.register_resource = register_resource
    pulumi_resource.read_resource = read_resource

    def undo() -> None:
        pulumi_resource.register_resource = original_register
        pulumi_resource.read_resource = original_read

    return undo
