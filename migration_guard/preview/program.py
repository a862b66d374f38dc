"""Run a Pulumi program under the mock runtime and rebuild what the engine would have registered.

The program itself runs in a child process (``_runner``). This side adds what the engine adds and the
mocks do not: default provider resources carrying the package's stack config, provider links, resource
references resolved as the analyzer sees them, and preview outputs (inputs plus unknown computed values).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import (
    RESOURCE_REF_SIG,
    ROOT_STACK_TYPE,
    SECRET_SIG,
    SPECIAL_SIG_KEY,
    UNKNOWN_STRING,
    PreviewError,
    ProgramRun,
    Resource,
    SourceLocation,
)
from .project import Project, StackConfig

PROVIDER_TYPE_PREFIX = "pulumi:providers:"
PROGRAM_TIMEOUT = 600.0


@dataclass(frozen=True)
class AutoName:
    """How the AWS provider's Check fills a resource's name when the program sets none."""

    prop: str
    prefix_prop: str | None = "namePrefix"
    lower: bool = False
    max_length: int | None = None


# The provider's Check gives these types a name "<logical name>-<7 hex>" when neither the name nor its
# prefix is set, so policies see it in Analyze. The suffix is random in the engine; here it is derived
# from the URN so reports stay deterministic. Only types whose rule is certain are listed.
AUTO_NAMES: dict[str, AutoName] = {
    "aws:rds/instance:Instance": AutoName("identifier", "identifierPrefix", lower=True),
    "aws:rds/cluster:Cluster": AutoName("clusterIdentifier", "clusterIdentifierPrefix", lower=True),
    "aws:rds/clusterInstance:ClusterInstance": AutoName("identifier", "identifierPrefix", lower=True),
    "aws:rds/subnetGroup:SubnetGroup": AutoName("name", lower=True),
    "aws:rds/parameterGroup:ParameterGroup": AutoName("name", lower=True),
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": AutoName("name", lower=True),
    "aws:s3/bucket:Bucket": AutoName("bucket", "bucketPrefix", lower=True, max_length=63),
    "aws:s3/bucketV2:BucketV2": AutoName("bucket", "bucketPrefix", lower=True, max_length=63),
    "aws:iam/role:Role": AutoName("name", max_length=64),
    "aws:iam/policy:Policy": AutoName("name", max_length=128),
    "aws:sns/topic:Topic": AutoName("name"),
    "aws:sqs/queue:Queue": AutoName("name"),
    "aws:cloudwatch/logGroup:LogGroup": AutoName("name"),
    "aws:cloudwatch/metricAlarm:MetricAlarm": AutoName("name", None),
    "aws:secretsmanager/secret:Secret": AutoName("name"),
    "aws:ec2/securityGroup:SecurityGroup": AutoName("name"),
    "aws:lb/loadBalancer:LoadBalancer": AutoName("name", max_length=32),
    "aws:lb/targetGroup:TargetGroup": AutoName("name", max_length=32),
    "aws:lambda/function:Function": AutoName("name", None, max_length=64),
}


def auto_name(resource_type: str, name: str, urn: str, inputs: dict[str, Any]) -> dict[str, Any]:
    rule = AUTO_NAMES.get(resource_type)
    if rule is None or rule.prop in inputs or (rule.prefix_prop and rule.prefix_prop in inputs):
        return inputs
    suffix = hashlib.sha256(urn.encode()).hexdigest()[:7]
    base = name.lower() if rule.lower else name
    if rule.max_length is not None:
        base = base[: max(1, rule.max_length - len(suffix) - 1)]
    return {**inputs, rule.prop: f"{base}-{suffix}"}


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


def resolve_references(value: Any) -> Any:
    """Resource references reach the analyzer as the referenced resource's id, or URN without one."""
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == RESOURCE_REF_SIG:
            if "id" in value:
                ref_id = value.get("id")
                return ref_id if isinstance(ref_id, str) and ref_id else UNKNOWN_STRING
            return value.get("urn", "")
        return {k: resolve_references(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_references(v) for v in value]
    return value


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


def run_program(
    project: Project,
    stack: str,
    config: StackConfig,
    *,
    organization: str = "organization",
    invoke_results: dict[str, Any] | None = None,
    allow_unknown_invokes: bool = False,
    python: str | None = None,
) -> ProgramRun:
    with tempfile.TemporaryDirectory(prefix="migration-guard-") as tmp:
        spec_path, result_path = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        spec = {
            "project": project.name,
            "stack": stack,
            "organization": organization,
            "projectDir": str(project.directory),
            "program": str(project.program),
            "config": config.values,
            "secretKeys": config.secret_keys,
            "region": config.values.get("aws:region") or "",
            "invokeResults": invoke_results or {},
            "allowUnknownInvokes": allow_unknown_invokes,
        }
        spec_path.write_text(json.dumps(spec))
        env = dict(os.environ)
        # The runner must import this package even when the program's venv is elsewhere.
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env.update(
            {
                "PULUMI_PROJECT": project.name,
                "PULUMI_STACK": stack,
                "PULUMI_ORGANIZATION": organization,
                "PULUMI_DRY_RUN": "true",
                "PULUMI_CONFIG": json.dumps(config.values, sort_keys=True),
                "PULUMI_CONFIG_SECRET_KEYS": json.dumps(config.secret_keys),
            }
        )
        try:
            completed = subprocess.run(
                [python or project.python or sys.executable, "-m", "migration_guard.preview._runner", str(spec_path), str(result_path)],
                cwd=project.directory,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=PROGRAM_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise PreviewError(f"the program did not finish within {PROGRAM_TIMEOUT:.0f} s") from None
        if not result_path.is_file() or not result_path.read_text().strip():
            detail = completed.stderr.decode(errors="replace").strip().splitlines()[-15:]
            raise PreviewError("the program runner failed before the program ran:\n" + "\n".join(detail))
        result = json.loads(result_path.read_text())
    if not result.get("ok"):
        raise PreviewError(describe_program_error(result.get("error") or {}, project.directory))
    return build_program_run(project, stack, organization, config, result)


def describe_program_error(error: dict[str, Any], project_dir: Path) -> str:
    location = relative_source(error.get("location"), project_dir)
    prefix = f"{location}: " if location else ""
    if error.get("kind") == "invoke":
        return (
            f"{prefix}invoke {error.get('token')} cannot be answered in an offline preview; "
            "supply its result with --invoke-results FILE, or pass --allow-unknown-invokes to make it unknown"
        )
    if error.get("kind") == "runner":
        return f"the program could not be run under the mock runtime: {error.get('message')}"
    return f"{prefix}the program failed: {error.get('message', 'unknown error')}"


def build_program_run(
    project: Project, stack: str, organization: str, config: StackConfig, result: dict[str, Any]
) -> ProgramRun:
    project_dir = project.directory
    registrations: list[dict[str, Any]] = result.get("registrations") or []
    registered_outputs: dict[str, Any] = result.get("outputs") or {}
    computed: dict[str, list[str]] = result.get("computedOutputs") or {}
    resources: list[Resource] = []
    providers: dict[str, Resource] = {}  # URN -> provider resource (explicit or default)
    default_providers: dict[tuple[str, str, str], Resource] = {}
    secret_values: set[str] = set()
    for key in config.secret_keys:
        if config.values.get(key):
            secret_values.add(config.values[key])

    def default_provider_for(package: str, version: str, url: str) -> Resource:
        key = (package, version, url)
        if key not in default_providers:
            inputs: dict[str, Any] = {}
            prefix = f"{package}:"
            for name, value in config.values.items():
                if name.startswith(prefix):
                    short = name[len(prefix):]
                    inputs[short] = secret(value) if name in config.secret_keys else value
            if version:
                inputs["version"] = version
            if url:
                inputs["pluginDownloadURL"] = url
            ptype = PROVIDER_TYPE_PREFIX + package
            urn = make_urn(stack, project.name, ptype, default_provider_name(version, url))
            provider = Resource(
                urn=urn, type=ptype, name=urn.rsplit("::", 1)[1], custom=True, inputs=inputs,
                outputs=dict(inputs), default_provider=True,
            )
            default_providers[key] = provider
            providers[urn] = provider
            resources.append(provider)
        return default_providers[key]

    seen_urns: dict[str, dict[str, Any]] = {}
    for reg in registrations:
        rtype: str = reg["type"]
        if reg["urn"] in seen_urns:
            # The engine refuses a second registration of the same URN; so does the offline preview.
            where = relative_source(reg.get("source"), project_dir)
            prefix = f"{where}: " if where else ""
            raise PreviewError(
                f"{prefix}duplicate resource URN {reg['urn']}; give each resource a unique name (or a different parent)"
            )
        seen_urns[reg["urn"]] = reg
        inputs = resolve_references(reg.get("inputs") or {})
        collect_secrets(inputs, secret_values)
        provider_urn = ""
        is_provider = rtype.startswith(PROVIDER_TYPE_PREFIX)
        if is_provider:
            # The engine records the plugin an explicit provider needs among its inputs.
            if reg.get("version"):
                inputs["version"] = reg["version"]
            if reg.get("pluginDownloadURL"):
                inputs["pluginDownloadURL"] = reg["pluginDownloadURL"]
        elif reg.get("custom") and not reg.get("read"):
            inputs = auto_name(rtype, reg["name"], reg["urn"], inputs)
        if reg.get("custom") and not is_provider and rtype != ROOT_STACK_TYPE:
            ref = reg.get("provider") or ""
            if ref:
                provider_urn = ref.rsplit("::", 1)[0]
            else:
                package = rtype.split(":", 1)[0]
                provider_urn = default_provider_for(package, reg.get("version") or "", reg.get("pluginDownloadURL") or "").urn
        if reg.get("custom") and rtype != ROOT_STACK_TYPE:
            outputs = dict(inputs)
            for name in computed.get(rtype, []):
                outputs.setdefault(name, UNKNOWN_STRING)
        else:
            outputs = resolve_references(registered_outputs.get(reg["urn"], {}))
        collect_secrets(outputs, secret_values)
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
            providers[resource.urn] = resource
        resources.append(resource)

    tags = {
        "pulumi:project": project.name,
        "pulumi:runtime": project.runtime,
    }
    if project.description:
        tags["pulumi:description"] = project.description
    return ProgramRun(
        project=project.name,
        stack=stack,
        organization=organization,
        project_dir=str(project_dir),
        resources=resources,
        config=config.values,
        secret_keys=config.secret_keys,
        stack_tags=tags,
        secret_values=sorted(secret_values),
    )
