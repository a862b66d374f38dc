"""Run a Pulumi program under the mock runtime and rebuild what the engine would have registered.

The program itself runs in a child process (``_runner``). This side adds what the engine adds and the
mocks do not: default provider resources carrying the package's stack config, provider links, resource
references resolved as the analyzer sees them, and preview outputs (inputs plus unknown computed values).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .environment import Interpreter, program_interpreter
from .model import (
    ROOT_STACK_TYPE,
    SECRET_SIG,
    SPECIAL_SIG_KEY,
    UNKNOWN_STRING,
    Assumption,
    PreviewError,
    ProgramRun,
    Resource,
    SourceLocation,
)
from .project import Project, StackConfig, secret_placeholder
from .provider_check import AUTO_NAMES, AutoName, auto_name, resolve_references
from .redaction import redact_text

__all__ = ["AUTO_NAMES", "AutoName", "auto_name", "build_program_run", "resolve_references", "run_program"]

PROVIDER_TYPE_PREFIX = "pulumi:providers:"
PROGRAM_TIMEOUT = 600.0
OUTPUT_TAIL_BYTES = 64 * 1024
REGION_VARIABLES = ("AWS_REGION", "AWS_DEFAULT_REGION")


def default_provider_name(version: str, plugin_download_url: str = "") -> str:
    """The engine's name for a default provider: ``default`` plus the version's parts joined by ``_``."""
    base = "default"
    if version:
        core, _, build = version.partition("+")
        core, _, pre = core.partition("-")
        parts = core.split(".")
        while len(parts) < 3:
            parts.append("0")
        base += "_" + "_".join(str(int(p)) if p.isdigit() else p for p in parts[:3])
        for item in [p for p in pre.split(".") if p]:
            base += "_" + item
        for item in [p for p in build.split(".") if p]:
            base += "_" + item
    if plugin_download_url:
        base += "_" + "".join(c if c.isalnum() or c in "_." else "_" for c in plugin_download_url.rstrip("/"))
    return base


def make_urn(stack: str, project: str, qualified_type: str, name: str) -> str:
    return f"urn:pulumi:{stack}::{project}::{qualified_type}::{name}"


def secret(value: Any) -> dict[str, Any]:
    return {SPECIAL_SIG_KEY: SECRET_SIG, "value": value}


def collect_secrets(value: Any, found: set[str]) -> None:
    """Every plaintext string held inside a secret wrapper."""
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == SECRET_SIG:
            _strings(value.get("value"), found)
            return
        for item in value.values():
            collect_secrets(item, found)
    elif isinstance(value, list):
        for item in value:
            collect_secrets(item, found)


def _strings(value: Any, found: set[str]) -> None:
    if isinstance(value, str):
        if value and value != UNKNOWN_STRING:
            found.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        found.add(str(value))


def relative_source(raw: dict[str, Any] | None, project_dir: Path) -> SourceLocation | None:
    if not raw:
        return None
    try:
        relative = Path(raw["file"]).resolve().relative_to(project_dir)
    except ValueError:
        return None
    return SourceLocation(relative.as_posix(), int(raw["line"]))


@dataclass(frozen=True)
class ProgramOptions:
    """How the program runs: invoke answers, environment set-up, the interpreter."""

    organization: str = "organization"
    invoke_results: dict[str, Any] | None = None
    allow_unknown_invokes: bool = False
    strict_invokes: bool = False
    install: bool = True
    python: str | None = None
    progress: Callable[[str], None] | None = None
    # Called with each registration's resources while the program still runs, in program order (as the
    # engine analyzes resources as their registrations arrive); an exception it raises is raised again
    # once the program has run (and only if it ran without error).
    on_resources: Callable[[list[Resource]], None] | None = None


def stack_region(config: StackConfig, environ: dict[str, str] | None = None) -> str:
    """The AWS Region as the provider resolves it: `aws:region`, else AWS_REGION, else AWS_DEFAULT_REGION."""
    env = os.environ if environ is None else environ
    return config.values.get("aws:region") or next((env[v] for v in REGION_VARIABLES if env.get(v)), "")


def _say(options: ProgramOptions) -> Callable[[str], None]:
    if options.progress is not None:
        return options.progress
    return lambda message: print(message, file=sys.stderr, flush=True)


def choose_interpreter(project: Project, options: ProgramOptions) -> Interpreter:
    if options.python:
        return Interpreter(options.python, "given by the caller")
    return program_interpreter(project.runtime_options, project.directory, install=options.install, progress=_say(options))


def _runner_environment(project: Project, stack: str, organization: str, config: StackConfig) -> dict[str, str]:
    env = dict(os.environ)
    # The runner must import this package even when the program's venv is elsewhere.
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update({
        "PULUMI_PROJECT": project.name,
        "PULUMI_STACK": stack,
        "PULUMI_ORGANIZATION": organization,
        "PULUMI_DRY_RUN": "true",
        "PULUMI_CONFIG": json.dumps(config.values, sort_keys=True),
        "PULUMI_CONFIG_SECRET_KEYS": json.dumps(config.secret_keys),
    })
    return env


def _drain(stream: IO[bytes], tail: deque[bytes]) -> None:
    """Read the program's output as it comes, keeping only the last OUTPUT_TAIL_BYTES."""
    size = 0
    for chunk in iter(lambda: stream.read(8192), b""):
        tail.append(chunk)
        size += len(chunk)
        while size > OUTPUT_TAIL_BYTES and len(tail) > 1:
            size -= len(tail.popleft())


class RegistrationFollower:
    """Reads the registrations the runner streams (one JSON line each, in arrival order) while the
    program runs, and hands them to a :class:`RunBuilder` in program order (sequence numbers 0, 1, 2...
    as the constructors were called): a registration waits until every earlier one has arrived. What
    has not been handed over when the program ends is added by ``RunBuilder.finish``."""

    POLL_SECONDS = 0.01

    def __init__(self, path: Path, builder: RunBuilder, deliver: Callable[[list[Resource]], None]) -> None:
        self.path, self.builder, self.deliver = path, builder, deliver
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="registration-follower", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop after the registration being handed over, if any."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        pending: dict[int, dict[str, Any]] = {}
        next_seq, partial = 0, b""
        try:
            while not self._stop.is_set() and not self.path.exists():
                self._stop.wait(self.POLL_SECONDS)
            if self._stop.is_set():
                return
            with self.path.open("rb") as stream:
                while not self._stop.is_set():
                    chunk = stream.read()
                    if not chunk:
                        self._stop.wait(self.POLL_SECONDS)
                        continue
                    lines = (partial + chunk).split(b"\n")
                    partial = lines.pop()
                    for line in lines:
                        item = json.loads(line)
                        pending[item["registration"]["seq"]] = item
                    while next_seq in pending and not self._stop.is_set():
                        item = pending.pop(next_seq)
                        next_seq += 1
                        self.deliver(self.builder.add(item["registration"], item.get("computed") or []))
        except BaseException as exc:  # noqa: BLE001 - raised again by run_program after the program ran
            self.error = exc


def _run_child(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run the runner; its stdout and stderr are streamed, never held whole (a bounded tail is kept)."""
    tail: deque[bytes] = deque()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    assert process.stdout is not None
    reader = threading.Thread(target=_drain, args=(process.stdout, tail), daemon=True)
    reader.start()
    try:
        code = process.wait(timeout=PROGRAM_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise PreviewError(f"the program did not finish within {PROGRAM_TIMEOUT:.0f} s") from None
    finally:
        reader.join(timeout=5)
    return code, b"".join(tail).decode(errors="replace")


def run_program(
    project: Project,
    stack: str,
    config: StackConfig,
    *,
    organization: str = "organization",
    invoke_results: dict[str, Any] | None = None,
    allow_unknown_invokes: bool = False,
    python: str | None = None,
    options: ProgramOptions | None = None,
) -> ProgramRun:
    opts = options or ProgramOptions(organization=organization, invoke_results=invoke_results,
                                     allow_unknown_invokes=allow_unknown_invokes, python=python)
    interpreter = choose_interpreter(project, opts)
    _say(opts)(interpreter.describe())
    region = stack_region(config)
    with tempfile.TemporaryDirectory(prefix="migration-guard-") as tmp:
        spec_path, result_path = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        spec = {
            "project": project.name, "stack": stack, "organization": opts.organization,
            "projectDir": str(project.directory), "program": str(project.program),
            "config": config.values, "secretKeys": config.secret_keys, "region": region,
            "invokeResults": opts.invoke_results or {}, "allowUnknownInvokes": opts.allow_unknown_invokes,
            "strictInvokes": opts.strict_invokes,
            # Secrets that could not be decrypted (a placeholder or the unknown sentinel) read typed.
            "placeholderKeys": [key for key in config.secret_keys
                                if config.values.get(key) in (secret_placeholder(key), UNKNOWN_STRING)],
        }
        builder = RunBuilder(project, stack, opts.organization, config)
        follower: RegistrationFollower | None = None
        if opts.on_resources is not None:
            stream_path = Path(tmp) / "registrations.jsonl"
            spec["streamPath"] = str(stream_path)
            follower = RegistrationFollower(stream_path, builder, opts.on_resources)
        spec_path.write_text(json.dumps(spec))
        command = [interpreter.python, "-m", "migration_guard.preview._runner", str(spec_path), str(result_path)]
        if follower is not None:
            follower.start()
        try:
            code, output = _run_child(command, project.directory, _runner_environment(project, stack, opts.organization, config))
        except OSError as exc:
            raise PreviewError(f"cannot start {interpreter.python}: {exc.strerror}") from None
        finally:
            if follower is not None:
                follower.stop()
        secrets = _config_secrets(config)
        text = result_path.read_text() if result_path.is_file() else ""
        if not text.strip():
            raise PreviewError(redact_text(_runner_died(code, output), secrets))
        result = json.loads(text)
    if not result.get("ok"):
        raise PreviewError(redact_text(describe_program_error(result.get("error") or {}, project.directory), secrets))
    run = build_program_run(project, stack, opts.organization, config, result, builder)
    run.interpreter = interpreter.python
    for line in run.assumptions:
        _say(opts)(f"note: {line}")
    if any(r.type.startswith("aws:") for r in run.resources) and not region:
        raise PreviewError(MISSING_REGION)
    if follower is not None and follower.error is not None:
        raise follower.error
    return run


MISSING_REGION = (
    "the AWS provider has no Region: set aws:region in the stack config (pulumi config set aws:region us-west-2), "
    "or AWS_REGION / AWS_DEFAULT_REGION in the environment, as the provider reads them"
)


def _config_secrets(config: StackConfig) -> list[str]:
    return [config.values[key] for key in config.secret_keys if config.values.get(key)]


def _runner_died(code: int, output: str) -> str:
    detail = "\n".join(output.strip().splitlines()[-15:])
    if code != 0:
        return (f"the program's process exited with code {code} before the preview finished (os._exit, a signal "
                f"or a crash in native code){':' if detail else ''}\n{detail}").rstrip()
    return "the program runner failed before the program ran:\n" + detail


def _where(raw: dict[str, Any] | None, project_dir: Path) -> str:
    location = relative_source(raw, project_dir)
    return f"{location}: " if location else ""


def describe_program_error(error: dict[str, Any], project_dir: Path) -> str:
    kind = error.get("kind")
    if kind == "invokes":
        lines = [f"  {_where(item.get('location'), project_dir)}{item.get('token')}" for item in error.get("invokes") or []]
        count = len(lines)
        message = (
            f"{count} invoke{'s' if count != 1 else ''} cannot be answered in an offline preview:\n" + "\n".join(lines)
            + "\nsupply their results with --invoke-results FILE, or pass --allow-unknown-invokes to make them unknown"
        )
        return message
    if kind == "remote":
        lines = [f"  {_where(item.get('location'), project_dir)}{item.get('type')} {item.get('name')!r}"
                 for item in error.get("components") or []]
        return (
            "the program uses multi-language components, which the offline preview cannot expand (their resources "
            "are created by the component's provider plugin):\n" + "\n".join(lines)
            + "\npreview this stack with `pulumi preview --policy-pack`, or build the resources with the provider's "
            "own resource classes (for example aws.ec2.Vpc instead of awsx.ec2.Vpc)"
        )
    if kind == "runner":
        return f"the program could not be run under the mock runtime: {error.get('message')}"
    return f"{_where(error.get('location'), project_dir)}the program failed: {error.get('message', 'unknown error')}"


class RunBuilder:
    """Turns the runner's registrations, in program order, into what the engine would have registered.

    Registrations may be added while the program still runs (:func:`run_program` with ``on_resources``,
    in program order as far as it is known) and the rest at the end; each is added once, in the same
    order either way, so the resources are the same objects in the same order as when built at once."""

    def __init__(self, project: Project, stack: str, organization: str, config: StackConfig) -> None:
        self.project, self.stack, self.organization, self.config = project, stack, organization, config
        self.resources: list[Resource] = []
        self.providers: dict[str, Resource] = {}  # URN -> provider resource (explicit or default)
        self.default_providers: dict[tuple[str, str, str], Resource] = {}
        self.secret_values: set[str] = {config.values[key] for key in config.secret_keys if config.values.get(key)}
        self.seen_urns: set[str] = set()
        self.added: set[int] = set()  # sequence numbers of the registrations already added

    def default_provider_for(self, package: str, version: str, url: str) -> Resource:
        key = (package, version, url)
        if key not in self.default_providers:
            inputs: dict[str, Any] = {}
            prefix = f"{package}:"
            for name, value in self.config.values.items():
                if name.startswith(prefix):
                    short = name[len(prefix):]
                    inputs[short] = secret(value) if name in self.config.secret_keys else value
            if version:
                inputs["version"] = version
            if url:
                inputs["pluginDownloadURL"] = url
            ptype = PROVIDER_TYPE_PREFIX + package
            urn = make_urn(self.stack, self.project.name, ptype, default_provider_name(version, url))
            provider = Resource(
                urn=urn, type=ptype, name=urn.rsplit("::", 1)[1], custom=True, inputs=inputs,
                outputs=dict(inputs), default_provider=True,
            )
            self.default_providers[key] = provider
            self.providers[urn] = provider
            self.resources.append(provider)
        return self.default_providers[key]

    def add(self, reg: dict[str, Any], computed: list[str]) -> list[Resource]:
        """One registration; returns the resources it adds (its default provider first, when new).
        ``computed``: the outputs the provider computes for its type. A component's outputs are its
        registered outputs, known at the end (:meth:`finish`)."""
        project_dir = self.project.directory
        rtype: str = reg["type"]
        if reg["urn"] in self.seen_urns:
            # The engine refuses a second registration of the same URN; so does the offline preview.
            where = relative_source(reg.get("source"), project_dir)
            prefix = f"{where}: " if where else ""
            raise PreviewError(
                f"{prefix}duplicate resource URN {reg['urn']}; give each resource a unique name (or a different parent)"
            )
        self.seen_urns.add(reg["urn"])
        if isinstance(reg.get("seq"), int):
            self.added.add(reg["seq"])
        first = len(self.resources)
        inputs = resolve_references(reg.get("inputs") or {})
        collect_secrets(inputs, self.secret_values)
        provider_urn = ""
        is_provider = rtype.startswith(PROVIDER_TYPE_PREFIX)
        if is_provider:
            # The engine records the plugin an explicit provider needs among its inputs.
            if reg.get("version"):
                inputs["version"] = reg["version"]
            if reg.get("pluginDownloadURL"):
                inputs["pluginDownloadURL"] = reg["pluginDownloadURL"]
        if reg.get("custom") and not is_provider and rtype != ROOT_STACK_TYPE:
            ref = reg.get("provider") or ""
            if ref:
                provider_urn = ref.rsplit("::", 1)[0]
            else:
                package = rtype.split(":", 1)[0]
                provider_urn = self.default_provider_for(
                    package, reg.get("version") or "", reg.get("pluginDownloadURL") or "").urn
        outputs: dict[str, Any] = {}
        if reg.get("custom") and rtype != ROOT_STACK_TYPE:
            outputs = dict(inputs)
            for name in computed:
                outputs.setdefault(name, UNKNOWN_STRING)
            collect_secrets(outputs, self.secret_values)
        options = dict(reg.get("options") or {})
        options["parent"] = reg.get("parent") or ""
        resource = Resource(
            urn=reg["urn"],
            type=rtype,
            name=reg["name"],
            custom=bool(reg.get("custom")),
            inputs=inputs,
            outputs=outputs,
            parent=reg.get("parent") or "",
            dependencies=list(reg.get("dependencies") or []),
            property_dependencies={k: list(v) for k, v in sorted((reg.get("propertyDependencies") or {}).items())},
            provider_urn=provider_urn,
            options=options,
            source=relative_source(reg.get("source"), project_dir),
            external=bool(reg.get("read")),
        )
        if is_provider:
            self.providers[resource.urn] = resource
        self.resources.append(resource)
        return self.resources[first:]

    def finish(self, result: dict[str, Any]) -> ProgramRun:
        """Every registration not added yet, in order; components' registered outputs; the run."""
        computed: dict[str, list[str]] = result.get("computedOutputs") or {}
        for reg in result.get("registrations") or []:
            if reg.get("seq") not in self.added:
                self.add(reg, computed.get(reg["type"], []))
        registered_outputs: dict[str, Any] = result.get("outputs") or {}
        for resource in self.resources:
            if not resource.default_provider and (not resource.custom or resource.type == ROOT_STACK_TYPE):
                resource.outputs = resolve_references(registered_outputs.get(resource.urn, {}))
                collect_secrets(resource.outputs, self.secret_values)
        project = self.project
        return ProgramRun(
            project=project.name,
            stack=self.stack,
            organization=self.organization,
            project_dir=str(project.directory),
            resources=self.resources,
            config=self.config.values,
            secret_keys=self.config.secret_keys,
            stack_tags=stack_tags(project),
            secret_values=sorted(self.secret_values),
            assumptions=assumed_answers(result.get("invokes") or [], project.directory),
        )


def stack_tags(project: Project) -> dict[str, str]:
    """The stack tags ConfigureStack carries: the project's name, runtime and description."""
    tags = {"pulumi:project": project.name, "pulumi:runtime": project.runtime}
    if project.description:
        tags["pulumi:description"] = project.description
    return tags


def build_program_run(
    project: Project, stack: str, organization: str, config: StackConfig, result: dict[str, Any],
    builder: RunBuilder | None = None,
) -> ProgramRun:
    """What the engine would have registered, from the runner's result (``builder``: the one that
    already holds the registrations added while the program ran)."""
    return (builder or RunBuilder(project, stack, organization, config)).finish(result)


def assumed_answers(invokes: list[dict[str, Any]], project_dir: Path) -> list[str]:
    """One line per data source the preview answered by assumption (each token and line once)."""
    lines: list[str] = []
    for item in invokes:
        if item.get("answer") not in ("assumed", "unanswered"):
            continue
        location = relative_source(item.get("location"), project_dir)
        where = f"{location}: " if location else ""
        region = f" in {item['region']}" if item.get("region") else ""
        what = "assumed answer" if item.get("answer") == "assumed" else "unknown (--allow-unknown-invokes)"
        line = f"{where}{item.get('token')}{region}: {what}"
        if line not in lines:
            lines.append(Assumption(line, location, str(item.get("token") or ""), str(item.get("answer"))))
    return lines
