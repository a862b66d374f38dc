"""Start policy packs as the CLI does, configure them, and run the analysis calls in the engine's order."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from google.protobuf import json_format

from migration_guard.analyzer.client import DEFAULT_CALL_TIMEOUT, PackProcess, PackProcessError
from migration_guard.analyzer.launch import manifest_version
from migration_guard.analyzer.policy_config import (
    ParsedConfig,
    PolicyConfig,
    PolicyConfigError,
    PolicyDefaults,
    parse_policy_config,
    reconcile_checked,
    unknown_policy_names,
)
from migration_guard.analyzer.protocol import ENFORCEMENT_LEVEL_NAMES, POLICY_TYPES, SEVERITY_NAMES

from .model import (
    UNKNOWN_STRING,
    UNVERIFIABLE_PREFIXES,
    ExemptionNote,
    PackInfo,
    PolicyInfo,
    PreviewError,
    RemediationRecord,
    Resource,
    Violation,
)
from .report.exemptions import parse_exempted, parse_expired


@dataclass
class RunningPack:
    process: PackProcess
    info: PackInfo
    config: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def start_pack(
    pack_dir: Path,
    *,
    project: str,
    stack: str,
    organization: str,
    dry_run: bool,
    config: Mapping[str, str],
    python: str | None = None,
    call_timeout: float | None = DEFAULT_CALL_TIMEOUT,
) -> PackProcess:
    """The pack started with the interpreter the CLI would use (``python`` overrides it)."""
    try:
        return PackProcess(
            pack_dir, project=project, stack=stack, organization=organization, dry_run=dry_run, config=config,
            python=python, call_timeout=call_timeout,
        )
    except PackProcessError as exc:
        raise PreviewError(str(exc)) from None


def read_pack_info(process: PackProcess) -> tuple[PackInfo, dict[str, PolicyConfig]]:
    """GetAnalyzerInfo as records, plus the pack's initialConfig as the CLI converts it."""
    try:
        info = process.get_analyzer_info()
    except PackProcessError as exc:
        raise PreviewError(str(exc)) from None
    policies: list[PolicyInfo] = []
    for policy in info.policies:
        schema = json_format.MessageToDict(policy.configSchema) if policy.HasField("configSchema") else {}
        policies.append(
            PolicyInfo(
                name=policy.name,
                description=policy.description,
                enforcement_level=ENFORCEMENT_LEVEL_NAMES.get(policy.enforcementLevel, "advisory"),
                severity=SEVERITY_NAMES.get(policy.severity, ""),
                policy_type=POLICY_TYPES.get(policy.policy_type, "unknown"),
                display_name=policy.displayName,
                tags=list(policy.tags),
                remediation_steps=policy.remediation_steps,
                url=policy.url,
                framework={k: v for k, v in json_format.MessageToDict(policy.framework).items() if v},
                config_schema=schema,
            )
        )
    # `convertPolicyConfig` (pkg/resource/plugin/analyzer_plugin.go): every entry has a level.
    initial: dict[str, PolicyConfig] = {}
    for key in info.initialConfig:
        entry = info.initialConfig[key]
        properties = dict(json_format.MessageToDict(entry.properties)) if entry.HasField("properties") else {}
        initial[key] = PolicyConfig(ENFORCEMENT_LEVEL_NAMES.get(entry.enforcementLevel, "advisory"), properties)
    # The version from PulumiPolicy.yaml is used, if set, over the SDK's (`GetAnalyzerInfo`, same file).
    version = manifest_version(process.pack_dir) or info.version
    pack = PackInfo(
        name=info.name,
        version=version,
        directory=str(process.pack_dir),
        description=info.description,
        policies=sorted(policies, key=lambda p: p.name),
    )
    return pack, initial


def load_config_file(path: Path) -> ParsedConfig:
    """`LoadPolicyPackConfigAndEnvironmentsFromFile` (pkg/resource/analyzer/config.go)."""
    try:
        text = path.read_text()
    except OSError as exc:
        raise PreviewError(f"--policy-pack-config {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise PreviewError(f"--policy-pack-config {path}: invalid JSON: not UTF-8 text") from None
    try:
        return parse_policy_config(text)
    except PolicyConfigError as exc:
        raise PreviewError(f"--policy-pack-config {path}: {exc}") from None


def config_notes(pack: PackInfo, parsed: ParsedConfig | None, origin: str) -> list[str]:
    """What the CLI accepts silently, said out loud: unknown policy names, and ESC environments."""
    if parsed is None:
        return []
    defaults = [PolicyDefaults(p.name, p.enforcement_level, p.config_schema) for p in pack.policies]
    notes = [
        f"{origin}: '{name}' is not a policy of pack '{pack.name}'; the Pulumi CLI passes it on and it has no effect"
        for name in unknown_policy_names(defaults, parsed.policies)
    ]
    if parsed.environments:
        notes.append(
            f"{origin}: environments {', '.join(parsed.environments)} are Pulumi ESC environments; they are not "
            "resolved offline (the CLI layers their policyConfig under this file's)"
        )
    return notes


def assemble_config_checked(
    pack: PackInfo, initial: Mapping[str, PolicyConfig], parsed: ParsedConfig | None, origin: str
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """`ReconcilePolicyPackConfig` as Configure entries, and the CLI's validation errors (sorted), which the
    engine reports only when the pack's Configure succeeds (pkg/engine/update.go, `loadPolicyPlugins`)."""
    defaults = [PolicyDefaults(p.name, p.enforcement_level, p.config_schema) for p in pack.policies]
    result, errors = reconcile_checked(
        defaults, initial, parsed.policies if parsed else {}, pack=pack.name, version=pack.version
    )
    # `(*analyzer).Configure` (pkg/resource/plugin/analyzer_plugin.go) refuses entries without a level,
    # such as `"all": {"exemptions": [...]}` or an unknown name given only properties.
    missing = sorted(name for name, entry in result.items() if not entry.enforcement_level)
    if missing:
        raise PreviewError(
            f'{origin}: configuring policy pack "{pack.name}" at "{pack.directory}": invalid enforcement level "" '
            f"(entries {', '.join(missing)} set no enforcementLevel)"
        )
    return {name: entry.as_configure_entry() for name, entry in sorted(result.items())}, errors


def configure_pack(process: PackProcess, pack: PackInfo, entries: Mapping[str, Mapping[str, Any]],
                   errors: Sequence[str], origin: str) -> None:
    """Configure as the engine does it: the pack's Configure is called even when the CLI found validation
    errors, and its refusal is the error reported (`configuring policy pack "<name>" at "<dir>": <details>`,
    pkg/engine/update.go `loadPolicyPlugins`; the details are the pack's status message, sdk/go/common/util/
    rpcutil/rpcerror `FromError`); only after a Configure that succeeds are the validation errors reported."""
    try:
        process.configure(entries)
    except PackProcessError as exc:
        if exc.details is None:
            raise
        raise PreviewError(f'{origin}: configuring policy pack "{pack.name}" at "{pack.directory}":\n{exc.details}') \
            from None
    if errors:
        raise PreviewError(f"{origin}:\n" + "\n".join(errors))


_DURATION = re.compile(r"(\d+(?:\.\d+)?)(h|m|s|ms)")


def duration_seconds(text: str) -> float:
    """Go duration strings ("5m", "1h30m") as seconds, as the engine converts custom timeouts."""
    total = 0.0
    for number, unit in _DURATION.findall(text or ""):
        total += float(number) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[unit]
    return total


def analyzer_options(resource: Resource) -> dict[str, Any]:
    opts = resource.options
    options: dict[str, Any] = {
        "protect": bool(opts.get("protect")),
        "ignoreChanges": list(opts.get("ignoreChanges") or []),
        "deleteBeforeReplace": bool(opts.get("deleteBeforeReplace")),
        "deleteBeforeReplaceDefined": bool(opts.get("deleteBeforeReplaceDefined")),
        "additionalSecretOutputs": list(opts.get("additionalSecretOutputs") or []),
        "aliases": list(opts.get("aliases") or []),
        "parent": resource.parent,
    }
    timeouts = opts.get("customTimeouts") or {}
    if any(timeouts.get(k) for k in ("create", "update", "delete")):
        options["customTimeouts"] = {
            k: timeouts[k] if isinstance(timeouts.get(k), (int, float)) else duration_seconds(timeouts.get(k) or "")
            for k in ("create", "update", "delete")
        }
    return options


def provider_view(resource: Resource, by_urn: Mapping[str, Resource]) -> dict[str, Any] | None:
    provider = by_urn.get(resource.provider_urn) if resource.provider_urn else None
    if provider is None:
        return None
    return {"type": provider.type, "urn": provider.urn, "name": provider.name, "properties": provider.inputs}


class Analysis:
    """Collects diagnostics and remediations while the resources are analysed."""

    def __init__(
        self, packs: Sequence[RunningPack], resources: Sequence[Resource], *, apply_remediations: bool = True
    ) -> None:
        """``apply_remediations`` False: report remediations without applying them, as `pulumi policy analyze`
        does (pulumi/pulumi `pkg/resource/deploy/analyze_snapshot.go`, `AnalyzeSnapshot`)."""
        self.apply_remediations = apply_remediations
        self.packs = packs
        self.resources = list(resources)
        self.by_urn = {r.urn: r for r in self.resources}
        self.stack_urn = next((r.urn for r in self.resources if r.type == "pulumi:pulumi:Stack"), "")
        self.violations: list[Violation] = []
        self.unverifiable: list[Violation] = []
        self.remediations: list[RemediationRecord] = []
        self.exempted: list[Violation] = []
        self.not_applicable = 0
        self._answers: list[tuple[RunningPack, Any, str]] = []  # Analyze answers not recorded yet
        self._providers: dict[str, tuple[dict[str, Any], Any]] = {}  # provider URN -> (inputs, message)
        self._pool: ThreadPoolExecutor | None = None  # Analyze of several packs at once

    def _pack_for(self, name: str) -> RunningPack | None:
        return next((p for p in self.packs if p.info.name == name), None)

    def root_stack_urn(self) -> str:
        """The URN stack-policy findings fall back to: the root stack's, or the default root stack URN
        of the resources' stack and project (pkg/resource/deploy/step_generator.go ``AnalyzeResources``:
        ``resource.DefaultRootStackURN``; analyze_snapshot.go ``snapshotRootStackURN`` synthesizes it from
        another resource the same way)."""
        if self.stack_urn:
            return self.stack_urn
        for resource in self.resources:
            parts = resource.urn.split("::")
            if len(parts) >= 4 and parts[0].startswith("urn:pulumi:"):
                stack, project = parts[0].removeprefix("urn:pulumi:"), parts[1]
                return f"urn:pulumi:{stack}::{project}::pulumi:pulumi:Stack::{project}-{stack}"
        return ""

    def _record(self, diagnostic: Any, analyzed_urn: str | None) -> None:
        """One diagnostic as the engine reports it. An Analyze finding (``analyzed_urn`` set) goes under
        the analyzed resource, whatever URN the diagnostic names (analyze_snapshot.go ``analyzeResource``:
        ``events.OnPolicyViolation(r.URN, d)``). A stack finding (``analyzed_urn`` None) keeps its URN only
        if that resource is in the stack, else it goes to the root stack (``resolveStackPolicyViolationURN``,
        called by step_generator.go ``AnalyzeResources``). In both, a ``remediate`` level is reported as
        ``mandatory``: the remediation ran and the violation is still there, or stack policies cannot
        remediate."""
        if analyzed_urn is not None:
            urn = analyzed_urn
        else:
            urn = diagnostic.urn if diagnostic.urn in self.by_urn else self.root_stack_urn()
        resource = self.by_urn.get(urn)
        level = ENFORCEMENT_LEVEL_NAMES.get(diagnostic.enforcementLevel, "advisory")
        pack = self._pack_for(diagnostic.policyPackName)
        policy = pack.info.policy(diagnostic.policyName) if pack else None
        severity = SEVERITY_NAMES.get(diagnostic.severity, "") or (policy.severity if policy else "")
        violation = Violation(
            policy_pack=diagnostic.policyPackName,
            policy_pack_version=pack.info.version if pack else diagnostic.policyPackVersion,
            policy=diagnostic.policyName,
            enforcement_level="mandatory" if level == "remediate" else level,
            severity=severity,
            urn=urn,
            type=resource.type if resource else "",
            name=resource.name if resource else "",
            message=diagnostic.message,
            description=diagnostic.description,
            source=resource.source if resource else None,
            unverifiable=diagnostic.message.startswith(UNVERIFIABLE_PREFIXES),
            exemption=parse_expired(diagnostic.message),
        )
        (self.unverifiable if violation.unverifiable else self.violations).append(violation)

    def _note_not_applicable(self, pack: RunningPack, entries: Sequence[Any], default_urn: str) -> None:
        """Count not-applicable answers; keep those that report an exemption (report/exemptions.py)."""
        self.not_applicable += len(entries)
        for entry in entries:
            parsed = parse_exempted(entry.reason)
            if parsed is not None:
                self.exempted.append(self._exempted_finding(pack, entry.policy_name, parsed[1] or default_urn, parsed[0]))

    def _exempted_finding(self, pack: RunningPack, policy_name: str, urn: str, note: ExemptionNote) -> Violation:
        resource = self.by_urn.get(urn)
        policy = pack.info.policy(policy_name)
        return Violation(
            policy_pack=pack.info.name,
            policy_pack_version=pack.info.version,
            policy=policy_name,
            enforcement_level=policy.enforcement_level if policy else "advisory",
            severity=policy.severity if policy else "",
            urn=urn,
            type=resource.type if resource else "",
            name=resource.name if resource else "",
            message=note.describe(),
            description=policy.description if policy else "",
            source=resource.source if resource else None,
            exemption=note,
        )

    def extend(self, resources: Sequence[Resource]) -> None:
        """Resources registered after the analysis began (the program still running)."""
        for resource in resources:
            self.resources.append(resource)
            self.by_urn[resource.urn] = resource
            if not self.stack_urn and resource.type == "pulumi:pulumi:Stack":
                self.stack_urn = resource.urn

    def analyze_resources(self) -> None:
        for resource in self.resources:
            self.analyze_resource(resource)
        self.record_answers()

    def analyze_resource(self, resource: Resource) -> None:
        """The engine's two passes for one resource (pkg/resource/deploy/step_generator.go, after the
        provider's Check): every pack remediates in turn, each seeing the previous one's result, then
        every pack analyzes the final inputs, the packs concurrently (``analyzeAll`` ->
        analyze_snapshot.go ``analyzeResource``: one goroutine per analyzer). Resources go one at a
        time, in registration order, as the deployment executor's main loop hands the step generator one
        event at a time (deployment_executor.go ``handleSingleEvent``), so a pack never gets two calls at
        once. A request is built once and sent to every call until a remediation changes the inputs. The
        answers are kept and recorded in order by :meth:`record_answers`, so the report does not depend
        on timing."""
        if resource.external:
            return  # reads are not registrations: the engine sends them only to AnalyzeStack
        options = analyzer_options(resource)
        provider = self._provider_message(resource)
        request, built_from = None, None
        for pack in self.packs:
            if request is None or built_from is not resource.inputs:
                request, built_from = self._request(pack, resource, options, provider), resource.inputs
            response = self._send(pack, "send_remediate", resource, request)
            self.not_applicable += len(response.not_applicable)
            for remediation in response.remediations:
                self._apply_remediation(pack, resource, remediation)
        if not self.packs:
            return
        if request is None or built_from is not resource.inputs:
            request = self._request(self.packs[0], resource, options, provider)
        sent = request
        if len(self.packs) == 1:
            answers = [self._send(self.packs[0], "send_analyze", resource, sent)]
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=len(self.packs), thread_name_prefix="analyze")
            futures = [self._pool.submit(self._send, pack, "send_analyze", resource, sent) for pack in self.packs]
            answers = [future.result() for future in futures]
        self._answers.extend((pack, response, resource.urn) for pack, response in zip(self.packs, answers, strict=True))

    def record_answers(self) -> None:
        """Record the Analyze answers kept so far, in the order of the calls."""
        answers, self._answers = self._answers, []
        for pack, response, urn in answers:
            self._note_not_applicable(pack, response.not_applicable, urn)
            for diagnostic in response.diagnostics:
                self._record(diagnostic, urn)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _provider_message(self, resource: Resource) -> Any:
        """The resource's provider as a message, built once per provider (again if a remediation of the
        provider resource replaced its inputs)."""
        provider = self.by_urn.get(resource.provider_urn) if resource.provider_urn else None
        if provider is None:
            return None
        cached = self._providers.get(provider.urn)
        if cached is None or cached[0] is not provider.inputs:
            view = provider_view(resource, self.by_urn)
            cached = (provider.inputs, PackProcess.build_provider(view))
            self._providers[provider.urn] = cached
        return cached[1]

    @staticmethod
    def _request(pack: RunningPack, resource: Resource, options: Any, provider: Any) -> Any:
        return pack.process.analyze_request(
            resource.type, resource.inputs, resource.urn, resource.name, options=options, provider=provider
        )

    def _send(self, pack: RunningPack, method: str, resource: Resource, request: Any) -> Any:
        try:
            return getattr(pack.process, method)(request)
        except PackProcessError as exc:
            raise PreviewError(f"{exc}\n(while analysing {resource.urn})") from None

    def _apply_remediation(self, pack: RunningPack, resource: Resource, remediation: Any) -> None:
        if remediation.diagnostic:
            self.unverifiable.append(
                Violation(
                    policy_pack=remediation.policyPackName,
                    policy_pack_version=pack.info.version,
                    policy=remediation.policyName,
                    enforcement_level="advisory",
                    severity=(pack.info.policy(remediation.policyName) or PolicyInfo("", "", "", "", "")).severity,
                    urn=resource.urn,
                    type=resource.type,
                    name=resource.name,
                    message=remediation.diagnostic,
                    description=remediation.description,
                    source=resource.source,
                    unverifiable=True,
                )
            )
        if not remediation.HasField("properties"):
            return
        new_inputs = json_format.MessageToDict(remediation.properties)
        changed = sorted(
            k for k in set(new_inputs) | set(resource.inputs) if new_inputs.get(k) != resource.inputs.get(k)
        )
        for key in changed if self.apply_remediations else []:
            if key in new_inputs:
                resource.outputs[key] = new_inputs[key]
            elif resource.outputs.get(key) != UNKNOWN_STRING:
                resource.outputs.pop(key, None)
        if self.apply_remediations:
            resource.inputs = new_inputs
        self.remediations.append(
            RemediationRecord(
                policy_pack=remediation.policyPackName,
                policy=remediation.policyName,
                urn=resource.urn,
                type=resource.type,
                name=resource.name,
                description=remediation.description,
                source=resource.source,
                properties_changed=changed,
            )
        )

    def analyze_stack(self) -> None:
        payload = [
            {
                "type": r.type,
                "urn": r.urn,
                "name": r.name,
                "properties": r.outputs,
                "options": analyzer_options(r),
                "provider": provider_view(r, self.by_urn),
                "parent": r.parent,
                "dependencies": r.dependencies,
                "propertyDependencies": r.property_dependencies,
            }
            for r in self.resources
        ]
        # One request for every pack, sent to all at once as the engine does (step_generator.go
        # ``AnalyzeResources``: one goroutine per analyzer); answers recorded in pack order.
        request = PackProcess.analyze_stack_request(payload)

        def send(pack: RunningPack) -> Any:
            try:
                return pack.process.send_analyze_stack(request)
            except PackProcessError as exc:
                raise PreviewError(str(exc)) from None

        if len(self.packs) > 1:
            with ThreadPoolExecutor(max_workers=len(self.packs), thread_name_prefix="analyze-stack") as pool:
                futures = [pool.submit(send, pack) for pack in self.packs]
                responses = [future.result() for future in futures]
        else:
            responses = [send(pack) for pack in self.packs]
        for pack, response in zip(self.packs, responses, strict=True):
            self._note_not_applicable(pack, response.not_applicable, self.stack_urn)
            for diagnostic in response.diagnostics:
                self._record(diagnostic, None)
