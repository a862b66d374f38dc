"""Child process: run one Pulumi Python program under the SDK's mock runtime in preview mode.

Run as ``python -m migration_guard.preview._runner SPEC.json RESULT.json``. The program runs in its own
process (as under the CLI's language host), so its imports, globals and the SDK's process-wide state
never leak between previews. The result file holds every raw registration the SDK sent, in program
order; program.py (the parent) turns them into what the engine would have.

Only the standard library, pulumi and migration_guard.preview.invokes are imported here: the program's
own stdout belongs to the program.
"""

from __future__ import annotations

import contextvars
import json
import os
import runpy
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

ROOT_STACK_TYPE = "pulumi:pulumi:Stack"


class UnansweredInvokeError(Exception):
    """An invoke with no canned answer, no supplied result and no permission to be unknown."""

    def __init__(self, token: str) -> None:
        super().__init__(f"invoke {token} has no answer in an offline preview")
        self.token = token


def _user_frame(frames: list[traceback.FrameSummary], project_dir: Path) -> dict[str, Any] | None:
    """The innermost frame that belongs to the user's program (inside the project, outside any venv)."""
    for frame in reversed(frames):
        if _is_user_file(frame.filename, project_dir) and frame.lineno:
            return {"file": str(Path(frame.filename).resolve()), "line": frame.lineno}
    return None


def _is_user_file(filename: str, project_dir: Path) -> bool:
    try:
        path = Path(filename).resolve()
        relative = path.relative_to(project_dir)
    except (ValueError, OSError):
        return False
    parts = relative.parts
    return not any(part in ("site-packages", "dist-packages") or part.startswith(".venv") for part in parts)


def main(argv: list[str]) -> int:
    spec_path, result_path = Path(argv[0]), Path(argv[1])
    spec = json.loads(spec_path.read_text())
    project_dir = Path(spec["projectDir"]).resolve()
    program_path = Path(spec["program"]).resolve()
    result: dict[str, Any]
    try:
        result = run(spec, project_dir, program_path)
    except BaseException as exc:  # noqa: BLE001 - the runner itself failed (e.g. pulumi missing)
        result = {
            "ok": False,
            "error": {"kind": "runner", "message": f"{type(exc).__name__}: {exc}",
                      "traceback": traceback.format_exc()},
        }
    result_path.write_text(json.dumps(result))
    return 0


def run(spec: dict[str, Any], project_dir: Path, program_path: Path) -> dict[str, Any]:
    import pulumi
    import pulumi.resource
    import pulumi.runtime
    from google.protobuf import json_format, struct_pb2
    from pulumi.runtime import config as runtime_config
    from pulumi.runtime import mocks as pulumi_mocks
    from pulumi.runtime.proto import resource_pb2
    from pulumi.runtime.settings import configure
    from pulumi.runtime.stack import run_in_stack
    from pulumi.runtime.sync_await import _sync_await

    from migration_guard.preview import invokes
    from migration_guard.preview.program import auto_name

    project, stack = spec["project"], spec["stack"]
    region = spec.get("region") or "us-east-1"
    supplied: dict[str, Any] = spec.get("invokeResults") or {}
    allow_unknown: bool = bool(spec.get("allowUnknownInvokes"))

    registrations: list[dict[str, Any]] = []
    outputs: dict[str, Any] = {}
    invokes_seen: list[dict[str, Any]] = []
    lock = threading.Lock()

    # Program order of constructor calls. The SDK sends registrations from a thread pool, so arrival
    # order varies run to run; constructor order is deterministic and already respects dependencies.
    sequence: dict[tuple[str, str], list[int]] = {}
    counter = [0]
    invoke_sites: dict[str, dict[str, Any] | None] = {}
    computed_outputs: dict[str, list[str]] = {}

    def note_constructor(ty: str, name: str) -> None:
        with lock:
            sequence.setdefault((ty, name), []).append(counter[0])
            counter[0] += 1

    original_register = pulumi.resource.register_resource
    original_read = pulumi.resource.read_resource

    def register_resource(res: Any, ty: str, name: str, *args: Any, **kwargs: Any) -> Any:
        note_constructor(ty, name)
        if ty not in computed_outputs:
            computed_outputs[ty] = computed_only_outputs(type(res))
        return original_register(res, ty, name, *args, **kwargs)

    def read_resource(res: Any, ty: str, name: str, *args: Any, **kwargs: Any) -> Any:
        note_constructor(ty, name)
        return original_read(res, ty, name, *args, **kwargs)

    pulumi.resource.register_resource = register_resource  # type: ignore[assignment]
    pulumi.resource.read_resource = read_resource  # type: ignore[assignment]

    # Remember where the program called each invoke, to name the line when it cannot be answered, and
    # which form it used: only the output form can carry an unknown result.
    invoke_form: contextvars.ContextVar[str] = contextvars.ContextVar("invoke_form", default="plain")

    def wrap_invoke(fn: Any, form: str) -> Any:
        def wrapper(tok: str, *args: Any, **kwargs: Any) -> Any:
            if tok not in invoke_sites:
                invoke_sites[tok] = _user_frame(traceback.extract_stack(), project_dir)
            marker = invoke_form.set(form)
            try:
                return fn(tok, *args, **kwargs)
            finally:
                invoke_form.reset(marker)

        return wrapper

    for attr in ("invoke", "invoke_output", "invoke_single", "invoke_output_single", "invoke_async"):
        if hasattr(pulumi.runtime, attr):
            form = "output" if "output" in attr else "plain"
            setattr(pulumi.runtime, attr, wrap_invoke(getattr(pulumi.runtime, attr), form))

    def take_sequence(ty: str, name: str) -> int:
        with lock:
            queue = sequence.get((ty, name))
            if queue:
                return queue.pop(0)
            counter[0] += 1
            return 1_000_000 + counter[0]

    def engine_urn(parent: str, type_: str, name: str) -> str:
        # The engine qualifies a child's type with its parent's whole qualified type, except that
        # children of the root stack are not qualified (the mock wrongly adds the Stack type).
        qualified = type_
        if parent:
            parent_type = parent.split("::")[2]
            if parent_type != ROOT_STACK_TYPE:
                qualified = f"{parent_type}${type_}"
        return f"urn:pulumi:{stack}::{project}::{qualified}::{name}"

    def source_of(request: Any) -> dict[str, Any] | None:
        if not request.HasField("sourcePosition"):
            return None
        uri, line = request.sourcePosition.uri, request.sourcePosition.line
        if not uri.startswith("file://"):
            return None
        from urllib.parse import unquote, urlparse

        path = unquote(urlparse(uri).path)
        if not _is_user_file(path, project_dir):
            return None
        return {"file": str(Path(path).resolve()), "line": line}

    class Mocks(pulumi_mocks.Mocks):
        def new_resource(self, args: pulumi_mocks.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
            return None, {}

        def call(self, args: pulumi_mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
            raise AssertionError("handled by the monitor")

    class CapturingMonitor(pulumi_mocks.MockMonitor):
        def make_urn(self, parent: str, type_: str, name: str) -> str:
            return engine_urn(parent, type_, name)

        def RegisterResource(self, request: Any) -> Any:  # noqa: N802 - gRPC method name
            urn = engine_urn(request.parent, request.type, request.name)
            record = {
                "seq": take_sequence(request.type, request.name),
                "type": request.type,
                "name": request.name,
                "urn": urn,
                "parent": request.parent,
                "custom": request.custom,
                "remote": request.remote,
                "inputs": json_format.MessageToDict(request.object),
                "dependencies": list(request.dependencies),
                "propertyDependencies": {k: list(v.urns) for k, v in request.propertyDependencies.items()},
                "provider": request.provider,
                "version": request.version,
                "pluginDownloadURL": request.pluginDownloadURL,
                "source": source_of(request),
                "options": {
                    "protect": request.protect,
                    "ignoreChanges": list(request.ignoreChanges),
                    "deleteBeforeReplace": request.deleteBeforeReplace,
                    "deleteBeforeReplaceDefined": request.deleteBeforeReplaceDefined,
                    "additionalSecretOutputs": list(request.additionalSecretOutputs),
                    "aliases": list(request.aliasURNs),
                    "customTimeouts": {
                        "create": request.customTimeouts.create,
                        "update": request.customTimeouts.update,
                        "delete": request.customTimeouts.delete,
                    },
                },
                "importId": request.importId,
                "read": False,
            }
            with lock:
                registrations.append(record)
            self.resources[urn] = pulumi_mocks.MockMonitor.ResourceRegistration(urn, "", {})
            # What a provider knows before creation: the inputs. The id and every computed output
            # stay unknown (an empty id and absent outputs resolve as unknown in preview).
            if request.type == ROOT_STACK_TYPE:
                return resource_pb2.RegisterResourceResponse(urn=urn)
            response_object = request.object
            if request.custom and not request.type.startswith("pulumi:providers:"):
                # The provider's Check autonames the resource; the program sees that name in preview too.
                checked = auto_name(request.type, request.name, urn, record["inputs"])
                if checked is not record["inputs"]:
                    response_object = struct_pb2.Struct()
                    json_format.ParseDict(checked, response_object)
            return resource_pb2.RegisterResourceResponse(urn=urn, id="", object=response_object)

        def ReadResource(self, request: Any) -> Any:  # noqa: N802
            urn = engine_urn(request.parent, request.type, request.name)
            record = {
                "seq": take_sequence(request.type, request.name),
                "type": request.type,
                "name": request.name,
                "urn": urn,
                "parent": request.parent,
                "custom": True,
                "remote": False,
                "inputs": json_format.MessageToDict(request.properties),
                "dependencies": list(request.dependencies),
                "propertyDependencies": {},
                "provider": request.provider,
                "version": request.version,
                "pluginDownloadURL": request.pluginDownloadURL,
                "source": source_of(request),
                "options": {"additionalSecretOutputs": list(request.additionalSecretOutputs)},
                "importId": request.id,
                "read": True,
            }
            with lock:
                registrations.append(record)
            return resource_pb2.ReadResourceResponse(urn=urn, properties=request.properties)

        def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802
            with lock:
                outputs[request.urn] = json_format.MessageToDict(request.outputs)
            return super().RegisterResourceOutputs(request)

        def Invoke(self, request: Any) -> Any:  # noqa: N802
            token = request.tok
            args = json_format.MessageToDict(request.args)
            answer = invokes.answer(token, args, region=region, supplied=supplied)
            with lock:
                invokes_seen.append({"token": token, "answered": answer is not None})
            if answer is None:
                if allow_unknown:
                    if invoke_form.get() == "output":
                        # The engine's way of saying "no result yet": the SDK resolves it as unknown.
                        return resource_pb2.ResourceInvokeResponse(unknown=True)
                    # A plain invoke cannot be unknown; an empty result leaves every field None.
                    return resource_pb2.ResourceInvokeResponse(**{"return": struct_pb2.Struct()})
                raise UnansweredInvokeError(token)
            ret = struct_pb2.Struct()
            json_format.ParseDict(answer, ret)
            return resource_pb2.ResourceInvokeResponse(**{"return": ret})

    secret_keys = list(spec.get("secretKeys") or [])
    runtime_config.set_all_config(dict(spec.get("config") or {}), secret_keys)
    monitor = CapturingMonitor(Mocks())
    # What pulumi.runtime.set_mocks(..., preview=True, monitor=...) does, minus its eager root Stack:
    # the language host creates the Stack around the program (run_in_stack), so that `pulumi.export`
    # values reach the Stack's registered outputs, which AnalyzeStack shows to policies.
    settings = pulumi_mocks.MockSettings(
        monitor=monitor,
        monitor_features=set(monitor.GetDeploymentInfo(None).supportedFeatures),
        engine=pulumi_mocks.MockEngine(None),
        project=project,
        stack=stack,
        dry_run=True,
        organization=spec.get("organization") or "organization",
        callbacks=None,
    )
    configure(settings)

    # Like the language host: the program directory is the working directory and on sys.path.
    run_dir = program_path if program_path.is_dir() else program_path.parent
    os.chdir(run_dir)
    sys.path.insert(0, str(run_dir))
    sys.argv = [str(program_path)]

    def program() -> None:
        runpy.run_path(str(program_path), run_name="__main__")

    error: dict[str, Any] | None = None
    try:
        _sync_await(run_in_stack(program))
    except BaseException as exc:  # noqa: BLE001 - every failure of the user's program is reported
        error = describe_failure(exc, project_dir, invoke_sites)

    registrations.sort(key=lambda r: r["seq"])
    return {
        "ok": error is None,
        "error": error,
        "registrations": registrations,
        "outputs": outputs,
        "invokes": invokes_seen,
        "computedOutputs": computed_outputs,
    }


def _engine_names(cls: type) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        for value in vars(klass).values():
            if isinstance(value, property) and value.fget is not None:
                name = getattr(value.fget, "_pulumi_name", None)
                if isinstance(name, str):
                    names.add(name)
    return names


def computed_only_outputs(cls: type) -> list[str]:
    """Outputs of a resource class that are not inputs: a provider computes them, so they are unknown
    until creation. (Optional inputs that the provider would also compute cannot be told apart
    without the provider schema; they stay absent when not set.)"""
    module = sys.modules.get(cls.__module__)
    # Resource args are `<Name>Args`, or `<Name>InitArgs` where a nested type already took that name.
    args_cls = None
    for candidate in (f"{cls.__name__}InitArgs", f"{cls.__name__}Args"):
        found = getattr(module, candidate, None) if module is not None else None
        if isinstance(found, type) and getattr(found, "__module__", None) == cls.__module__:
            args_cls = found
            break
    if not isinstance(args_cls, type):
        return []
    outputs = _engine_names(cls) - _engine_names(args_cls) - {"id", "urn"}
    return sorted(outputs)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def describe_failure(
    exc: BaseException, project_dir: Path, invoke_sites: dict[str, dict[str, Any] | None]
) -> dict[str, Any]:
    chain = _chain(exc)
    for item in chain:
        if isinstance(item, UnansweredInvokeError):
            site = invoke_sites.get(item.token)
            if site is None:
                site = _user_frame(traceback.extract_tb(exc.__traceback__), project_dir)
            return {"kind": "invoke", "token": item.token, "message": str(item), "location": site}
    if isinstance(exc, SystemExit) and exc.code in (0, None):
        exc = RuntimeError("the program called sys.exit()")
    frames: list[traceback.FrameSummary] = []
    for item in chain:
        frames.extend(traceback.extract_tb(item.__traceback__))
    location = _user_frame(traceback.extract_tb(exc.__traceback__), project_dir) or _user_frame(frames, project_dir)
    # SDK wrappers such as "invoke of X failed: ..." carry the cause in their message already.
    message = f"{type(exc).__name__}: {exc}"
    return {
        "kind": "program",
        "message": message,
        "location": location,
        "traceback": "".join(traceback.format_exception(exc)),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
