"""Child process: run one Pulumi Python program under the SDK's mock runtime in preview mode.

Run as ``python -m migration_guard.preview._runner SPEC.json RESULT.json``. The program runs in its own
process (as under the CLI's language host), so its imports, globals and the SDK's process-wide state
never leak between previews. The result file holds every raw registration the monitor saw, in program
order; program.py (the parent) turns them into what the engine would have.

The seams follow the engine's: ``registration`` (the resource monitor: registrations, transforms,
provider Check, resource references, calls), ``invocation`` (invokes and their answers), and this
module (the language host: settings, working directory, running the program, describing failures).
Only the standard library, pulumi and migration_guard.preview modules are imported here: the program's
own stdout belongs to the program.
"""

from __future__ import annotations

import contextvars
import gc
import json
import os
import runpy
import sys
import traceback
from pathlib import Path
from typing import Any

MINIMUM_PULUMI = (3, 130, 0)
GC_THRESHOLDS = (10_000, 10, 10)
"""The collector's thresholds while the program runs (Python's default: 700, 10, 10). The runner's heap
only grows (every resource keeps its outputs until the program ends), so with the default each full
collection rescans everything registered so far: about half of the runner's time for 2,000 resources.
A larger first generation keeps cyclic garbage collected, with a few full collections instead of
fifteen."""
ROOT_STACK_TYPE = "pulumi:pulumi:Stack"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def check_sdk() -> str | None:
    """None when the program's pulumi SDK can run an offline preview, else why not."""
    from importlib import metadata

    try:
        found = metadata.version("pulumi")
    except metadata.PackageNotFoundError:
        return "the pulumi package is not installed in the program's interpreter"
    if _version_tuple(found) < MINIMUM_PULUMI:
        needed = ".".join(str(p) for p in MINIMUM_PULUMI)
        return f"pulumi {found} found, {needed} or newer needed (upgrade pulumi in the program's virtualenv)"
    return None


def main(argv: list[str]) -> int:
    spec_path, result_path = Path(argv[0]), Path(argv[1])
    spec = json.loads(spec_path.read_text())
    result: dict[str, Any]
    try:
        problem = check_sdk()
        if problem is not None:
            result = {"ok": False, "error": {"kind": "runner", "message": problem}}
        else:
            result = run(spec)
    except BaseException as exc:  # noqa: BLE001 - the runner itself failed (e.g. pulumi missing)
        result = {
            "ok": False,
            "error": {"kind": "runner", "message": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()},
        }
    result_path.write_text(json.dumps(result))
    return 0


def configure_runtime(spec: dict[str, Any], monitor: Any) -> None:
    """What pulumi.runtime.set_mocks(..., preview=True, monitor=...) does, minus its eager root Stack:
    the language host creates the Stack around the program (run_in_stack), so that `pulumi.export`
    values reach the Stack's registered outputs, which AnalyzeStack shows to policies."""
    from pulumi.runtime import config as runtime_config
    from pulumi.runtime import mocks as pulumi_mocks
    from pulumi.runtime.settings import configure

    runtime_config.set_all_config(dict(spec.get("config") or {}), list(spec.get("secretKeys") or []))
    # Older SDKs (before GetDeploymentInfo) ask the monitor feature by feature (SupportsFeature).
    features = set(monitor.GetDeploymentInfo(None).supportedFeatures) if hasattr(monitor, "GetDeploymentInfo") else set()
    settings = pulumi_mocks.MockSettings(
        monitor=monitor,
        monitor_features=features,
        engine=pulumi_mocks.MockEngine(None),
        project=spec["project"],
        stack=spec["stack"],
        dry_run=True,
        organization=spec.get("organization") or "organization",
        callbacks=None,
    )
    configure(settings)


def enter_program_directory(program_path: Path) -> None:
    """Like the language host: the program directory is the working directory and on sys.path."""
    run_dir = program_path if program_path.is_dir() else program_path.parent
    os.chdir(run_dir)
    sys.path.insert(0, str(run_dir))
    sys.argv = [str(program_path)]


def run(spec: dict[str, Any]) -> dict[str, Any]:
    import pulumi
    import pulumi.resource
    import pulumi.runtime
    from pulumi.runtime.stack import run_in_stack

    from migration_guard.preview import invocation, registration, sdk_internals

    project_dir = Path(spec["projectDir"]).resolve()
    program_path = Path(spec["program"]).resolve()
    recorder = registration.Recorder(stack=spec["stack"], project=spec["project"], project_dir=project_dir)
    ledger = invocation.InvokeLedger()
    form: contextvars.ContextVar[str] = contextvars.ContextVar("invoke_form", default="plain")
    settings = invocation.InvokeSettings(
        region=spec.get("region") or "", supplied=spec.get("invokeResults") or {},
        strict=bool(spec.get("strictInvokes")), allow_unknown=bool(spec.get("allowUnknownInvokes")),
    )
    sdk_internals.type_secret_placeholders(pulumi.Config, set(spec.get("placeholderKeys") or []))
    registration.install_constructor_hooks(pulumi.resource, recorder)
    invocation.wrap_invoke_functions(pulumi.runtime, ledger, project_dir, form)
    monitor = registration.EngineMonitor(registration.MonitorContext(recorder, ledger, settings, form))
    configure_runtime(spec, monitor)
    sdk_internals.install_sync_await()
    sdk_internals.install_source_position_trace()
    gc.set_threshold(*GC_THRESHOLDS)
    enter_program_directory(program_path)

    def program() -> None:
        runpy.run_path(str(program_path), run_name="__main__")

    error: dict[str, Any] | None = None
    if spec.get("streamPath"):
        recorder.stream = Path(spec["streamPath"]).open("w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        sdk_internals.sync_await(run_in_stack(program))
    except BaseException as exc:  # noqa: BLE001 - every failure of the user's program is reported
        error = describe_failure(exc, project_dir)
    finally:
        if recorder.stream is not None:
            with recorder.lock:
                recorder.stream.close()
                recorder.stream = None
    error = run_outcome(error, recorder, ledger, settings)
    recorder.registrations.sort(key=lambda r: r["seq"])
    return {
        "ok": error is None,
        "error": error,
        "registrations": recorder.registrations,
        "outputs": recorder.outputs,
        "invokes": ledger.to_json(),
        "computedOutputs": {ty: facts.computed_outputs for ty, facts in recorder.type_facts.items()},
    }


def run_outcome(error: dict[str, Any] | None, recorder: Any, ledger: Any, settings: Any) -> dict[str, Any] | None:
    """Remote components and unanswered invokes explain a run better than what failed after them."""
    if recorder.remote_components:
        components = [
            {"type": r["type"], "name": r["name"], "location": r.get("source")} for r in recorder.remote_components
        ]
        return {"kind": "remote", "components": components}
    unanswered = ledger.unanswered()
    if unanswered and not settings.allow_unknown:
        return {
            "kind": "invokes",
            "invokes": [{"token": r.token, "location": r.location} for r in unanswered],
            "followingError": error.get("message") if error else None,
        }
    return error


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def describe_failure(exc: BaseException, project_dir: Path) -> dict[str, Any]:
    from migration_guard.preview.sources import user_frame

    if isinstance(exc, SystemExit) and exc.code in (0, None):
        exc = RuntimeError("the program called sys.exit()")
    chain = _chain(exc)
    frames: list[traceback.FrameSummary] = []
    for item in chain:
        frames.extend(traceback.extract_tb(item.__traceback__))
    location = user_frame(traceback.extract_tb(exc.__traceback__), project_dir) or user_frame(frames, project_dir)
    for item in chain:
        if isinstance(item, SyntaxError) and item.filename and item.lineno:
            # The parser's position is the user's line, not the importer's frame.
            location = {"file": str(Path(item.filename).resolve()), "line": item.lineno}
            break
    # SDK wrappers such as "invoke of X failed: ..." carry the cause in their message already.
    return {
        "kind": "program",
        "message": f"{type(exc).__name__}: {exc}",
        "location": location,
        "traceback": "".join(traceback.format_exception(exc)),
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
