"""The offline preview and audit, end to end: program -> resources -> packs -> report."""

from __future__ import annotations

import json
import math
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migration_guard.analyzer.client import DEFAULT_CALL_TIMEOUT, PackProcessError
from migration_guard.analyzer.launch import PackLaunchError, pack_runtime, venv_python
from migration_guard.analyzer.policy_config import ParsedConfig
from migration_guard.analyzer.shape import EngineShaper

from .model import (
    ROOT_STACK_TYPE,
    SECRET_SIG,
    SPECIAL_SIG_KEY,
    UNKNOWN_STRING,
    PreviewError,
    ProgramRun,
    Report,
    Resource,
)
from .packs import (
    Analysis,
    RunningPack,
    assemble_config_checked,
    config_notes,
    configure_pack,
    load_config_file,
    read_pack_info,
    start_pack,
)
from .program import ProgramOptions, collect_secrets, run_program, stack_tags
from .project import load_project, load_stack_config
from .redaction import redact_text
from .signals import stop_children_on_signals
from .update import apply_after_check, apply_before_check

BUNDLED_PACK_DIRNAME = "policy-pack"
REDACTED = "[secret]"


@dataclass
class PreviewOptions:
    cwd: Path = Path(".")
    stack: str = "dev"
    config: list[str] = field(default_factory=list)
    policy_packs: list[Path] = field(default_factory=list)
    policy_pack_configs: list[Path] = field(default_factory=list)
    invoke_results: Path | None = None
    allow_unknown_invokes: bool = False
    organization: str = "organization"
    strict_invokes: bool = False  # no assumed data-source answers
    install: bool = True  # create a missing project virtualenv, as the Pulumi CLI does
    pack_python: str | None = None  # `--pack-python`: start every pack with this interpreter
    call_timeout: float | None = DEFAULT_CALL_TIMEOUT  # `--policy-call-timeout`: seconds per pack call
    request_shape: str = "engine"  # "engine": as `pulumi preview` builds requests; "offline": inputs as registered
    state: Path | None = None  # `--state`: preview an update of this `pulumi stack export`


def default_pack_dir(start: Path) -> Path:
    """The bundled pack: `policy-pack/` beside Pulumi.yaml or in a parent folder, else in this checkout,
    else made from the installed library (migration_guard.bundled_pack)."""
    for folder in [start.resolve(), *start.resolve().parents]:
        candidate = folder / BUNDLED_PACK_DIRNAME
        if (candidate / "PulumiPolicy.yaml").is_file():
            return candidate
    bundled = Path(__file__).resolve().parents[2] / BUNDLED_PACK_DIRNAME
    if (bundled / "PulumiPolicy.yaml").is_file():
        return bundled
    try:  # installed from wheels: the pack folder is made from the installed library
        from migration_guard.bundled_pack import materialise

        return materialise()
    except (ImportError, OSError) as exc:
        raise PreviewError(f"no policy pack given and the bundled pack is not available ({exc}); "
                           "pass --policy-pack DIR") from None


def _pack_dirs(requested: list[Path], start: Path) -> list[Path]:
    dirs = [p.resolve() for p in requested] if requested else [default_pack_dir(start)]
    for directory in dirs:
        if not (directory / "PulumiPolicy.yaml").is_file():
            raise PreviewError(f"--policy-pack {directory}: no PulumiPolicy.yaml there")
    return dirs


def _config_files(pack_dirs: list[Path], files: list[Path]) -> list[ParsedConfig | None]:
    if len(files) > len(pack_dirs):
        raise PreviewError("more --policy-pack-config files than --policy-pack directories (they pair by position)")
    loaded: list[ParsedConfig | None] = [load_config_file(f) for f in files]
    return loaded + [None] * (len(pack_dirs) - len(files))


def bundled_pack_python(requested: list[Path], pack_python: str | None, pack_dirs: list[Path]) -> str | None:
    """The interpreter for the bundled pack when no pack was named and its declared virtualenv is absent.

    The bundled pack declares `virtualenv: venv` (as `pulumi policy new` writes it); under the CLI that
    folder must exist. A fresh clone has none, but the tool's own environment has the pack installed
    (`-e ./policy-pack` in requirements.txt), so the main job runs it with this interpreter and says so.
    A pack named with `--policy-pack` always starts (or fails) exactly as the CLI would start it."""
    if requested or pack_python or len(pack_dirs) != 1:
        return pack_python
    pack_dir = pack_dirs[0]
    try:
        declared = pack_runtime(pack_dir).virtualenv
    except PackLaunchError:
        return None
    if declared and venv_python(pack_dir / declared) is None:
        print(
            f"note: {pack_dir / declared} does not exist; running the bundled pack with {sys.executable} "
            "(create the virtualenv to run it as the Pulumi CLI would)",
            file=sys.stderr,
        )
        return sys.executable
    return None


def _start_packs(
    pool: ThreadPoolExecutor, pack_dirs: list[Path], *, project: str, stack: str, organization: str,
    dry_run: bool, config: dict[str, str], python: str | None = None,
    call_timeout: float | None = DEFAULT_CALL_TIMEOUT,
) -> list[Future[Any]]:
    return [
        pool.submit(
            start_pack, d, project=project, stack=stack, organization=organization, dry_run=dry_run, config=config,
            python=python, call_timeout=call_timeout,
        )
        for d in pack_dirs
    ]


def _collect_packs(futures: list[Future[Any]]) -> list[Any]:
    processes: list[Any] = []
    first_error: BaseException | None = None
    for future in futures:
        try:
            processes.append(future.result())
        except BaseException as exc:  # noqa: BLE001 - re-raised after every started pack is kept for cleanup
            first_error = first_error or exc
    if first_error is not None:
        for process in processes:
            process.close()
        raise first_error
    return processes


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _configure_pack(
    process: Any, parsed: ParsedConfig | None, config_paths: list[Path], index: int,
    stack_tags: dict[str, str], stack_config: dict[str, str], secret_keys: list[str],
    say: Callable[[str], None] = _warn,
) -> RunningPack:
    """The engine's order: Handshake, ConfigureStack, GetPluginInfo, GetAnalyzerInfo, Configure."""
    process.handshake()
    process.configure_stack(tags=stack_tags, config=stack_config, config_secret_keys=secret_keys)
    process.get_plugin_info()
    info, initial = read_pack_info(process)
    origin = f"--policy-pack-config {config_paths[index]}" if index < len(config_paths) else "policy config"
    config, errors = assemble_config_checked(info, initial, parsed, origin)
    for note in config_notes(info, parsed, origin):
        say(f"warning: {note}")
    configure_pack(process, info, config, errors, origin)
    for policy in info.policies:  # reports show the level in force, not the pack's default
        policy.enforcement_level = str(config[policy.name].get("enforcementLevel", policy.enforcement_level))
    return RunningPack(process=process, info=info, config=config)


def _configure_packs(
    processes: list[Any], config_files: list[ParsedConfig | None], config_paths: list[Path],
    stack_tags: dict[str, str], stack_config: dict[str, str], secret_keys: list[str],
    say: Callable[[str], None] = _warn,
) -> list[RunningPack]:
    running: list[RunningPack] = []
    for index, process in enumerate(processes):
        try:
            running.append(_configure_pack(
                process, config_files[index], config_paths, index, stack_tags, stack_config, secret_keys, say,
            ))
        except PackProcessError as exc:
            raise PreviewError(str(exc)) from None
    names = [p.info.name for p in running]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise PreviewError(f"policy pack {duplicates[0]!r} was given more than once")
    return running


def _analyse(command: str, run: ProgramRun, packs: list[RunningPack]) -> Report:
    analysis = Analysis(packs, run.resources, apply_remediations=command == "preview")
    try:
        analysis.analyze_resources()
    finally:
        analysis.close()
    return _report(command, run, packs, analysis)


def _report(command: str, run: ProgramRun, packs: list[RunningPack], analysis: Analysis) -> Report:
    analysis.analyze_stack()
    report = Report(
        command=command,
        project=run.project,
        stack=run.stack,
        resources=run.resources,
        packs=sorted([p.info for p in packs], key=lambda p: p.name),
        violations=sorted(analysis.violations, key=lambda v: v.sort_key()),
        unverifiable=sorted(analysis.unverifiable, key=lambda v: v.sort_key()),
        remediations=sorted(analysis.remediations, key=lambda r: (r.urn, r.policy_pack, r.policy)),
        not_applicable=analysis.not_applicable,
        exempted=sorted(analysis.exempted, key=lambda v: v.sort_key()),
    )
    report.source_prefix = repository_prefix(Path(run.project_dir)) if command == "preview" else ""
    report.assumptions = list(run.assumptions)
    redact(report, run.secret_values)
    return report


REQUEST_SHAPES = ("engine", "offline")


def shape_requests(run: ProgramRun, shape: str, shaper: EngineShaper | None = None) -> None:
    """Analyze inputs after the provider's Check, AnalyzeStack outputs as the provider's plan
    (see `migration_guard.analyzer.shape`); "offline" leaves the registered inputs as they are."""
    if shape not in REQUEST_SHAPES:
        raise PreviewError(f"request shape {shape!r} is not one of {', '.join(REQUEST_SHAPES)}")
    if shape == "offline":
        return
    engine = shaper or EngineShaper()
    by_urn = {r.urn: r.inputs for r in run.resources}
    for resource in run.resources:
        shape_resource(resource, engine, by_urn)


def shape_resource(resource: Resource, engine: EngineShaper, inputs_by_urn: Mapping[str, dict[str, Any]]) -> None:
    """One resource's Analyze inputs and planned outputs; ``inputs_by_urn``: each resource's inputs as
    registered (its provider's among them)."""
    if not resource.custom or resource.external or resource.type.startswith("pulumi:"):
        return
    checked, planned = engine.shape_resource(resource.type, resource.inputs, inputs_by_urn.get(resource.provider_urn))
    for key, value in resource.outputs.items():
        planned.setdefault(key, value)
    resource.inputs, resource.outputs = checked, planned


class AnalysisWhileRunning:
    """The packs analyze resources as the program registers them, as the engine does (its step
    generator sends each resource to the analyzers when its registration arrives, while the program
    goes on: pkg/resource/deploy/deployment_executor.go, the main loop's ``handleSingleEvent``), instead
    of after the program. The packs are configured first, while the program starts, and the preview
    stops on a refusal whatever the program does: the engine calls Configure before it runs the program
    (pkg/engine/update.go ``loadPolicyPlugins``, before the deployment starts). The resources arrive in
    program order (``program.RegistrationFollower``), wait for the configuration, and each is shaped
    and analyzed as it would be after the program, so the report is the same. Whatever fails while
    analyzing is raised once the program has run without error."""

    def __init__(self, pack_futures: list[Future[Any]], configure: Callable[[list[Any], Callable[[str], None]],
                 list[RunningPack]], request_shape: str) -> None:
        self.pack_futures, self.configure, self.request_shape = pack_futures, configure, request_shape
        self.packs: list[RunningPack] | None = None
        self.analysis: Analysis | None = None
        self.shaper = EngineShaper()
        self.inputs_by_urn: dict[str, dict[str, Any]] = {}  # inputs as registered, before any remediation
        self.analyzed: set[str] = set()
        self._configured = threading.Event()  # set once configure_packs has ended, whatever its outcome

    def configure_packs(self, processes: list[Any]) -> None:
        """Configure every pack now (the main thread, the program starting meanwhile); a refusal is raised
        here, before the program's outcome is known."""
        try:
            packs = self.configure(processes, _warn)
            self.packs, self.analysis = packs, Analysis(packs, [], apply_remediations=True)
        finally:
            self._configured.set()

    def abandon(self) -> None:
        """The preview stops before the packs were configured: registrations waiting for them go on (and fail)."""
        self._configured.set()

    def on_resources(self, resources: list[Resource]) -> None:
        self._configured.wait()  # no deadline: configure_packs always ends by setting it
        if self.analysis is None:
            raise PreviewError("the policy packs could not be configured")  # reported by the main thread
        for resource in resources:
            self.prepare(resource)
            self.analysis.extend([resource])
            self.analysis.analyze_resource(resource)

    def prepare(self, resource: Resource) -> None:
        if self.request_shape not in REQUEST_SHAPES:
            raise PreviewError(f"request shape {self.request_shape!r} is not one of {', '.join(REQUEST_SHAPES)}")
        self.inputs_by_urn[resource.urn] = resource.inputs
        if self.request_shape == "engine":
            shape_resource(resource, self.shaper, self.inputs_by_urn)
        self.analyzed.add(resource.urn)

    def finish(self, run: ProgramRun) -> tuple[list[RunningPack], Analysis]:
        """The resources the program registered after the last one handed over, then the whole run."""
        if self.analysis is None or self.packs is None:
            self.configure_packs(_collect_packs(self.pack_futures))
        if self.analysis is None or self.packs is None:
            raise PreviewError("the policy packs could not be configured")
        remaining = [r for r in run.resources if r.urn not in self.analyzed]
        for resource in remaining:
            self.prepare(resource)
        self.analysis.resources, self.analysis.by_urn = [], {}
        self.analysis.stack_urn = ""
        self.analysis.extend(run.resources)
        for resource in remaining:
            self.analysis.analyze_resource(resource)
        self.analysis.record_answers()
        return self.packs, self.analysis


def repository_prefix(project_dir: Path) -> str:
    for folder in [project_dir, *project_dir.parents]:
        if (folder / ".git").exists():
            relative = project_dir.relative_to(folder).as_posix()
            return "" if relative == "." else relative + "/"
    return ""


def redact(report: Report, secret_values: list[str]) -> None:
    """Policies see secrets in plaintext and may echo them; no report may carry them. Whole values
    only, whatever their length (migration_guard/preview/redaction.py)."""
    if not secret_values:
        return
    for violation in [*report.violations, *report.unverifiable, *report.exempted]:
        violation.message = redact_text(violation.message, secret_values)
        violation.description = redact_text(violation.description, secret_values)
    report.errors = [redact_text(error, secret_values) for error in report.errors]


def run_preview(options: PreviewOptions) -> Report:
    cwd = options.cwd.resolve()
    project = load_project(cwd)
    stack_config = load_stack_config(project, options.stack, options.config)
    if stack_config.undecrypted:
        print(
            f"warning: secure config {', '.join(stack_config.undecrypted)} could not be decrypted "
            f"({stack_config.undecrypted_reason}); the program and the packs see unknown values, so policies "
            "that would judge them report that they cannot verify them",
            file=sys.stderr,
        )
    pack_dirs = _pack_dirs(options.policy_packs, cwd)
    config_files = _config_files(pack_dirs, options.policy_pack_configs)
    invoke_results: dict[str, Any] | None = None
    if options.invoke_results is not None:
        try:
            invoke_results = json.loads(options.invoke_results.read_text())
        except (OSError, ValueError) as exc:
            raise PreviewError(f"--invoke-results {options.invoke_results}: {exc}") from None
        if not isinstance(invoke_results, dict):
            raise PreviewError(f"--invoke-results {options.invoke_results}: expected an object of invoke tokens")

    python = bundled_pack_python(options.policy_packs, options.pack_python, pack_dirs)
    processes: list[Any] = []
    with stop_children_on_signals(), ThreadPoolExecutor(max_workers=len(pack_dirs) + 1) as pool:
        # The program and the packs start in parallel: both are Python processes importing large SDKs.
        pack_futures = _start_packs(
            pool, pack_dirs, project=project.name, stack=options.stack, organization=options.organization,
            dry_run=True, config=stack_config.values, python=python, call_timeout=options.call_timeout,
        )
        # Without --state, the packs analyze the resources while the program still registers them.
        streaming = None if options.state else AnalysisWhileRunning(
            pack_futures,
            lambda started, say: _configure_packs(
                started, config_files, options.policy_pack_configs, stack_tags(project), stack_config.values,
                stack_config.secret_keys, say,
            ),
            options.request_shape,
        )
        program_future = pool.submit(
            run_program, project, options.stack, stack_config,
            options=ProgramOptions(
                organization=options.organization, invoke_results=invoke_results,
                allow_unknown_invokes=options.allow_unknown_invokes, strict_invokes=options.strict_invokes,
                install=options.install, on_resources=streaming.on_resources if streaming else None,
            ),
        )
        try:
            processes = _collect_packs(pack_futures)
            # The packs are configured before the program's outcome is known, as the engine configures
            # them before it runs the program (pkg/engine/update.go ``loadPolicyPlugins``): a refusal
            # stops the preview whatever the program does.
            if streaming is not None:
                streaming.configure_packs(processes)
            else:
                packs = _configure_packs(
                    processes, config_files, options.policy_pack_configs, stack_tags(project), stack_config.values,
                    stack_config.secret_keys,
                )
            run = program_future.result()
            if streaming is not None:
                packs, analysis = streaming.finish(run)
                return _report("preview", run, packs, analysis)
            old = {r.urn: r for r in load_state(options.state).resources} if options.state else {}
            apply_before_check(run, old)
            shape_requests(run, options.request_shape)
            apply_after_check(run, old)
            return _analyse("preview", run, packs)
        finally:
            program_future.cancel()
            if streaming is not None:
                streaming.abandon()
            if streaming is not None and streaming.analysis is not None:
                streaming.analysis.close()
            for process in processes:
                process.close()


# -- audit: packs over `pulumi stack export` ----------------------------------------------------------

def _state_value(value: Any) -> Any:
    """State JSON -> the analyzer's JSON form: secrets keep their wrapper (plaintext when exported with
    --show-secrets, an opaque placeholder when only ciphertext is there)."""
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == SECRET_SIG:
            if "plaintext" in value:
                try:
                    inner = json.loads(value["plaintext"])
                except (TypeError, ValueError):
                    inner = value["plaintext"]
            else:
                inner = UNKNOWN_STRING  # only ciphertext: a value no policy can judge, never a weak placeholder
            return {SPECIAL_SIG_KEY: SECRET_SIG, "value": _state_value(inner)}
        return {k: _state_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_state_value(v) for v in value]
    return value


def _number_forms(secrets: set[str]) -> set[str]:
    """A secret number as a pack prints it too: the engine sends every number as a double, so a pack sees
    5432 as 5432.0, 12345678901234567 as 1.2345678901234568e+16 and prints it so (repr/str of the double),
    or as the double's integer (JavaScript prints 12345678901234568). Every finite number, whatever its size
    or fraction; the exact digits of the secret stay in the set as they are."""
    forms: set[str] = set()
    for value in secrets:
        try:
            number = float(value)
        except ValueError:
            continue
        if not math.isfinite(number):
            continue
        forms.add(repr(number))
        if number.is_integer():
            forms.add(str(int(number)))
    return forms


def load_state(path: Path) -> ProgramRun:
    try:
        data = json.loads(path.read_text())
    except OSError as exc:
        raise PreviewError(f"--state {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise PreviewError(f"--state {path}: invalid JSON: {exc}") from None
    deployment = data.get("deployment") if isinstance(data, dict) else None
    raw_resources = (deployment or {}).get("resources") if isinstance(deployment, dict) else None
    if not isinstance(raw_resources, list):
        raise PreviewError(f"--state {path}: not a `pulumi stack export` file (no deployment.resources)")
    resources: list[Resource] = []
    secrets: set[str] = set()
    project = stack = ""
    for raw in raw_resources:
        if not isinstance(raw, dict) or raw.get("delete"):
            continue  # pending deletions are not part of the stack (analyze_snapshot.go skips res.Delete)
        urn = raw.get("urn", "")
        parts = urn.split("::")
        if len(parts) >= 4:
            stack, project = parts[0].removeprefix("urn:pulumi:"), parts[1]
        inputs = _state_value(raw.get("inputs") or {})
        outputs = _state_value(raw.get("outputs") or {})
        collect_secrets(inputs, secrets)
        collect_secrets(outputs, secrets)
        resources.append(
            Resource(
                urn=urn,
                type=raw.get("type", ""),
                name=urn.rsplit("::", 1)[-1],
                custom=bool(raw.get("custom")),
                inputs=inputs,
                outputs=outputs,
                parent=raw.get("parent") or "",
                dependencies=list(raw.get("dependencies") or []),
                property_dependencies={k: list(v) for k, v in sorted((raw.get("propertyDependencies") or {}).items())},
                provider_urn=(raw.get("provider") or "").rsplit("::", 1)[0] if raw.get("provider") else "",
                options={
                    "protect": bool(raw.get("protect")),
                    "additionalSecretOutputs": list(raw.get("additionalSecretOutputs") or []),
                    "aliases": list(raw.get("aliases") or []),
                    "customTimeouts": raw.get("customTimeouts") or {},
                },
            )
        )
    if not any(r.type == ROOT_STACK_TYPE for r in resources) and not resources:
        raise PreviewError(f"--state {path}: the state holds no resources")
    secrets.discard(REDACTED)
    secrets.discard(UNKNOWN_STRING)
    secrets |= _number_forms(secrets)
    return ProgramRun(
        project=project, stack=stack, organization="organization", project_dir=str(path.parent.resolve()),
        resources=resources, config={}, secret_keys=[], stack_tags={"pulumi:project": project},
        secret_values=sorted(secrets),
    )


def run_audit(
    state: Path, pack_dirs_requested: list[Path], config_paths: list[Path], *, pack_python: str | None = None,
    call_timeout: float | None = DEFAULT_CALL_TIMEOUT, on_secrets: Callable[[list[str]], None] | None = None,
) -> Report:
    """``on_secrets`` is given the state's secret values as soon as it is read, so that the caller can
    redact them from an error that stops the run (the report's own messages are redacted here)."""
    run = load_state(state)
    if on_secrets is not None:
        on_secrets(run.secret_values)
    pack_dirs = _pack_dirs(pack_dirs_requested, Path.cwd())
    config_files = _config_files(pack_dirs, config_paths)
    python = bundled_pack_python(pack_dirs_requested, pack_python, pack_dirs)
    processes: list[Any] = []
    with stop_children_on_signals(), ThreadPoolExecutor(max_workers=len(pack_dirs)) as pool:
        futures = _start_packs(
            pool, pack_dirs, project=run.project, stack=run.stack, organization=run.organization,
            dry_run=False, config={}, python=python, call_timeout=call_timeout,
        )
        try:
            processes = _collect_packs(futures)
            packs = _configure_packs(processes, config_files, config_paths, run.stack_tags, {}, [])
            # `pulumi policy analyze` shows Analyze the inputs and AnalyzeStack the outputs.
            return _analyse("audit", run, packs)
        finally:
            for process in processes:
                process.close()
