"""A CrossGuard policy pack launched as the Pulumi CLI launches it, and an Analyzer client for it.

The CLI's Python language host runs ``<python> -u -m pulumi.policy <engine-address> <pack-dir>`` with the
pack directory as working directory and the PULUMI_* variables set (pulumi/pulumi
`sdk/python/cmd/pulumi-language-python/main.go`, `RunPlugin`), reads the port the pack prints on its
first stdout line, and then calls the Analyzer gRPC service. This module does the same; the preview, the
test harness (`migration_guard.testing`) and the tests all use it.

Every call has a deadline (``call_timeout`` seconds, default :data:`DEFAULT_CALL_TIMEOUT`): a pack that
does not answer raises :class:`PackCallTimeout` naming the pack and the call.

Engine address: the CLI passes the address of its own engine gRPC server. Packs built on pulumi-policy
never connect to it (``pulumi.policy.__main__`` only parses it), so we pass ``PLACEHOLDER_ENGINE_ADDRESS``,
an address on which nothing listens. A pack that did call back would fail loudly instead of hanging.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import grpc
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc, plugin_pb2

from .launch import Interpreter, PackLaunchError, given_interpreter, resolve_interpreter
from .protocol import ENFORCEMENT_LEVELS, MAX_MESSAGE_BYTES, PLACEHOLDER_ENGINE_ADDRESS

DEFAULT_START_TIMEOUT = 60.0
DEFAULT_CALL_TIMEOUT = 300.0
"""Seconds a pack gets to answer one call; the CLI has none, a CI job needs one."""


class PackProcessError(RuntimeError):
    """The pack could not be started, or it died or failed an RPC (then ``code`` and ``details`` are the
    gRPC status the pack answered with, as the engine's ``rpcerror.Convert`` reads them)."""

    def __init__(self, message: str, *, code: grpc.StatusCode | None = None, details: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class PackCallTimeout(PackProcessError):
    """The pack did not answer one call within its deadline."""


def to_struct(value: Mapping[str, Any] | None) -> struct_pb2.Struct:
    """A JSON-like mapping (sentinels and secret wrappers included) as a protobuf Struct."""
    message = struct_pb2.Struct()
    if value:
        json_format.ParseDict(dict(value), message)
    return message


_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+)')


def summarize_traceback(stderr: str, pack_dir: Path) -> str:
    """A pack's start-up traceback as one line: the pack's own file and line first, then the error."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    location = ""
    for line in lines:
        match = _FRAME.match(line)
        if match:
            try:
                relative = Path(match.group(1)).resolve().relative_to(pack_dir)
            except ValueError:
                continue
            location = f"{relative.as_posix()}:{match.group(2)}: "
    if not any(_FRAME.match(line) for line in lines):
        return "\n".join(lines[-10:])
    return location + lines[-1].strip()


class PackProcess:
    """One running policy pack. Use as a context manager, or call ``close()``.

    Every Analyzer RPC has a method. Arguments are plain Python values (properties as the JSON form the
    engine sends: camelCase keys, unknown sentinels, secret wrappers); results are the protobuf responses.
    """

    def __init__(
        self,
        pack_dir: str | os.PathLike[str],
        *,
        project: str = "project",
        stack: str = "dev",
        organization: str = "organization",
        dry_run: bool = True,
        config: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        python: str | None = None,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        call_timeout: float | None = DEFAULT_CALL_TIMEOUT,
    ) -> None:
        self.pack_dir = Path(pack_dir).resolve()
        if not self.pack_dir.is_dir():
            raise PackProcessError(f"policy pack directory not found: {pack_dir}")
        self.project, self.stack, self.organization, self.dry_run = project, stack, organization, dry_run
        self.call_timeout = call_timeout
        self.name = self.pack_dir.name  # replaced by the pack's own name once GetAnalyzerInfo answered
        base_env = dict(os.environ)
        base_env.update(env or {})
        try:
            self.interpreter: Interpreter = given_interpreter(python) if python else resolve_interpreter(
                self.pack_dir, base_env
            )
        except PackLaunchError as exc:
            raise PackProcessError(f"policy pack {self.pack_dir}: {exc}") from None
        self.python = self.interpreter.python
        child_env = self.interpreter.environment(base_env)
        # The same variables the CLI's analyzer host sets before starting the pack.
        child_env.update(
            {
                "PULUMI_PROJECT": project,
                "PULUMI_STACK": stack,
                "PULUMI_ORGANIZATION": organization,
                "PULUMI_DRY_RUN": "true" if dry_run else "false",
                "PULUMI_CONFIG": json.dumps(dict(config or {}), sort_keys=True),
            }
        )
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.port: int | None = None
        self._channel: grpc.Channel | None = None
        self._stdout_lines: list[str] = []
        try:
            self.process = subprocess.Popen(
                [self.python, "-u", "-m", "pulumi.policy", PLACEHOLDER_ENGINE_ADDRESS, str(self.pack_dir)],
                cwd=self.pack_dir,
                env=child_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as exc:
            self._stderr.close()
            raise PackProcessError(f"cannot start policy pack {self.pack_dir}: {exc}") from exc
        try:
            self.port = self._read_port(start_timeout)
        except BaseException:
            self.close()
            raise
        self._channel = grpc.insecure_channel(
            f"127.0.0.1:{self.port}",
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ],
        )
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)

    # -- process management -------------------------------------------------------------------

    def _read_port(self, timeout: float) -> int:
        assert self.process.stdout is not None
        stdout = self.process.stdout
        result: list[bytes] = []

        def read_first_line() -> None:
            result.append(stdout.readline())

        reader = threading.Thread(target=read_first_line, daemon=True)
        reader.start()
        reader.join(timeout)
        if reader.is_alive():
            raise PackProcessError(f"policy pack {self.pack_dir} printed no port within {timeout:.0f} s")
        line = result[0].decode(errors="replace").strip() if result else ""
        try:
            port = int(line)
        except ValueError:
            self.process.wait(timeout=5)
            detail = summarize_traceback(self.stderr_text(), self.pack_dir) or line or "no output"
            raise PackProcessError(
                f"policy pack {self.pack_dir} failed to start (exit {self.process.returncode}): {detail}"
            ) from None
        # Keep draining stdout so a chatty pack never blocks on a full pipe.
        threading.Thread(target=self._drain_stdout, daemon=True).start()
        return port

    def _drain_stdout(self) -> None:
        assert self.process.stdout is not None
        try:
            for raw in self.process.stdout:
                self._stdout_lines.append(raw.decode(errors="replace"))
        except (ValueError, OSError):
            pass  # the pipe was closed by close(): nothing more to read

    def stderr_text(self) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    def close(self) -> None:
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        if not self._stderr.closed:
            self._stderr.close()

    def __enter__(self) -> PackProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self.stub, method)(request, timeout=self.call_timeout)
        except grpc.RpcError as exc:
            code = exc.code() if hasattr(exc, "code") else None
            if code == grpc.StatusCode.UNIMPLEMENTED:
                raise
            if code == grpc.StatusCode.DEADLINE_EXCEEDED:
                raise PackCallTimeout(
                    f"policy pack '{self.name}' ({self.pack_dir}): {method} did not answer within "
                    f"{self.call_timeout:g} s (the per-call deadline; raise it with --policy-call-timeout)"
                ) from None
            details = exc.details() if hasattr(exc, "details") else str(exc)
            stderr = self.stderr_text().strip()
            raise PackProcessError(
                f"policy pack {self.pack_dir}: {method} failed ({code.name if code else 'error'}): {details}"
                + (f"\n{stderr}" if stderr else ""),
                code=code, details=details,
            ) from None

    # -- Analyzer RPCs --------------------------------------------------------------------------

    def handshake(self, root_directory: str | None = None, program_directory: str | None = None) -> Any:
        """Handshake; returns None when the pack answers UNIMPLEMENTED (pulumi-policy does), as the engine tolerates."""
        request = analyzer_pb2.AnalyzerHandshakeRequest(
            engine_address=PLACEHOLDER_ENGINE_ADDRESS,
            root_directory=root_directory if root_directory is not None else str(self.pack_dir),
            program_directory=program_directory if program_directory is not None else str(self.pack_dir),
        )
        try:
            return self._call("Handshake", request)
        except grpc.RpcError:
            return None

    def configure_stack(
        self,
        tags: Mapping[str, str] | None = None,
        config: Mapping[str, str] | None = None,
        config_secret_keys: Iterable[str] = (),
    ) -> Any:
        request = analyzer_pb2.AnalyzerStackConfigureRequest(
            stack=self.stack,
            project=self.project,
            organization=self.organization,
            dry_run=self.dry_run,
            config=dict(config or {}),
            config_secret_keys=sorted(config_secret_keys),
            tags=dict(tags or {}),
        )
        return self._call("ConfigureStack", request)

    def get_plugin_info(self) -> plugin_pb2.PluginInfo:
        return self._call("GetPluginInfo", empty_pb2.Empty())

    def get_analyzer_info(self) -> analyzer_pb2.AnalyzerInfo:
        info: analyzer_pb2.AnalyzerInfo = self._call("GetAnalyzerInfo", empty_pb2.Empty())
        self.name = info.name or self.name
        return info

    def configure(self, policy_config: Mapping[str, Mapping[str, Any]]) -> Any:
        """``policy_config``: policy name -> {"enforcementLevel": level, <property>: value, ...}."""
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        for name in sorted(policy_config):
            entry = dict(policy_config[name])
            level = entry.pop("enforcementLevel", "advisory")
            config = analyzer_pb2.PolicyConfig(enforcementLevel=ENFORCEMENT_LEVELS[str(level)])
            if entry:
                json_format.ParseDict(entry, config.properties)
            request.policyConfig[name].CopyFrom(config)
        return self._call("Configure", request)

    @staticmethod
    def build_options(options: Mapping[str, Any] | None) -> analyzer_pb2.AnalyzerResourceOptions:
        message = analyzer_pb2.AnalyzerResourceOptions()
        if options:
            json_format.ParseDict(dict(options), message)
        return message

    @staticmethod
    def build_provider(provider: Mapping[str, Any] | None) -> analyzer_pb2.AnalyzerProviderResource | None:
        """``provider``: {"type", "urn", "name", "properties"}."""
        if provider is None:
            return None
        return analyzer_pb2.AnalyzerProviderResource(
            type=provider["type"],
            urn=provider["urn"],
            name=provider["name"],
            properties=to_struct(provider.get("properties")),
        )

    def analyze_request(
        self,
        type: str,
        properties: Mapping[str, Any] | None,
        urn: str,
        name: str,
        options: Mapping[str, Any] | None = None,
        provider: Mapping[str, Any] | analyzer_pb2.AnalyzerProviderResource | None = None,
    ) -> analyzer_pb2.AnalyzeRequest:
        """The request both Remediate and Analyze take, built once: a caller may send it to both calls and
        to several packs (:meth:`send_remediate`, :meth:`send_analyze`). ``provider`` may be a message
        built once by :meth:`build_provider` for every resource of that provider."""
        request = analyzer_pb2.AnalyzeRequest(
            type=type, urn=urn, name=name, properties=to_struct(properties), options=self.build_options(options)
        )
        provider_message = provider if isinstance(provider, analyzer_pb2.AnalyzerProviderResource) \
            else self.build_provider(provider)
        if provider_message is not None:
            request.provider.CopyFrom(provider_message)
        return request

    def send_remediate(self, request: analyzer_pb2.AnalyzeRequest) -> analyzer_pb2.RemediateResponse:
        return self._call("Remediate", request)

    def send_analyze(self, request: analyzer_pb2.AnalyzeRequest) -> analyzer_pb2.AnalyzeResponse:
        return self._call("Analyze", request)

    def analyze(
        self,
        type: str,
        properties: Mapping[str, Any] | None,
        urn: str,
        name: str,
        options: Mapping[str, Any] | None = None,
        provider: Mapping[str, Any] | None = None,
    ) -> analyzer_pb2.AnalyzeResponse:
        """Analyze one resource (tests and one-off callers; the preview builds each request once with
        :meth:`analyze_request` and sends it with :meth:`send_remediate` / :meth:`send_analyze`)."""
        return self.send_analyze(self.analyze_request(type, properties, urn, name, options, provider))

    def analyze_stack(self, resources: Sequence[Mapping[str, Any]]) -> analyzer_pb2.AnalyzeResponse:
        """Each resource: {"type", "urn", "name", "properties", "options"?, "provider"?, "parent"?,
        "dependencies"?, "propertyDependencies"? (property -> list of URNs)}."""
        request = analyzer_pb2.AnalyzeStackRequest()
        for resource in resources:
            message = analyzer_pb2.AnalyzerResource(
                type=resource["type"],
                urn=resource["urn"],
                name=resource["name"],
                properties=to_struct(resource.get("properties")),
                options=self.build_options(resource.get("options")),
                parent=resource.get("parent") or "",
                dependencies=list(resource.get("dependencies") or []),
            )
            provider_message = self.build_provider(resource.get("provider"))
            if provider_message is not None:
                message.provider.CopyFrom(provider_message)
            for key, urns in sorted((resource.get("propertyDependencies") or {}).items()):
                message.propertyDependencies[key].urns.extend(urns)
            request.resources.append(message)
        return self._call("AnalyzeStack", request)
