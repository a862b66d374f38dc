"""Runs the reference stack (or one component) under Pulumi's mocks and records every registration.

``preview=True`` behaves like ``pulumi preview``: the mocks return only the inputs, so ids, ARNs and
other computed values stay unknown, as they would for a policy pack during a preview.
"""

from __future__ import annotations

import functools
import logging
import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime.sync_await import _sync_await

STACK_DIR = Path(__file__).resolve().parents[2] / "reference-stack"
if str(STACK_DIR) not in sys.path:
    sys.path.insert(0, str(STACK_DIR))

from migration_stack.variants import PROJECT_NAME, STACK_NAME  # noqa: E402

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


def _computed(typ: str, name: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Values AWS computes on creation, as a provider would report them after `pulumi up`."""
    service = typ.split(":")[1].split("/")[0]
    out: dict[str, Any] = {"arn": f"arn:aws:{service}:{REGION}:{ACCOUNT_ID}:{name}"}
    if typ == "aws:kms/key:Key":
        out["keyId"] = f"key-{name}"
    elif typ == "aws:ec2/eip:Eip":
        out["allocationId"] = f"eipalloc-{name}"
    elif typ == "aws:rds/cluster:Cluster":
        ident = inputs.get("clusterIdentifier", name)
        out.update({
            "endpoint": f"{ident}.cluster-abc.{REGION}.rds.amazonaws.com",
            "readerEndpoint": f"{ident}.cluster-ro-abc.{REGION}.rds.amazonaws.com",
            "masterUserSecrets": [{"secretArn": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT_ID}:secret:rds!{ident}",
                                   "kmsKeyId": "k", "secretStatus": "active"}],
        })
    elif typ == "aws:rds/instance:Instance":
        ident = inputs.get("identifier", name)
        out.update({
            "address": f"{ident}.abc.{REGION}.rds.amazonaws.com",
            "endpoint": f"{ident}.abc.{REGION}.rds.amazonaws.com:5432",
            "masterUserSecrets": [{"secretArn": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT_ID}:secret:rds!{ident}",
                                   "kmsKeyId": "k", "secretStatus": "active"}],
        })
    elif typ == "aws:dms/replicationInstance:ReplicationInstance":
        out["replicationInstanceArn"] = f"arn:aws:dms:{REGION}:{ACCOUNT_ID}:rep:RI{name.upper()}"
    elif typ == "aws:dms/replicationTask:ReplicationTask":
        out["replicationTaskArn"] = f"arn:aws:dms:{REGION}:{ACCOUNT_ID}:task:TASKRESOURCEID"
    elif typ == "aws:dms/endpoint:Endpoint":
        out["endpointArn"] = f"arn:aws:dms:{REGION}:{ACCOUNT_ID}:endpoint:{name.upper()}"
    elif typ == "aws:serverlessrepository/cloudFormationStack:CloudFormationStack":
        # The rotation applications' template output: the function's ARN.
        out["outputs"] = {"RotationLambdaARN": f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{inputs.get('name', name)}"}
    return out


class StackMocks(pulumi.runtime.Mocks):
    def __init__(self, preview: bool) -> None:
        self.preview = preview
        self.calls: list[str] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        state = dict(args.inputs)
        if self.preview:
            return None, state
        state.update({k: v for k, v in _computed(args.typ, args.name, args.inputs).items() if k not in state})
        return f"{args.name}-id", state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        self.calls.append(args.token)
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {"accountId": ACCOUNT_ID, "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/test",
                    "userId": "AIDTEST", "id": ACCOUNT_ID}, []
        raise AssertionError(f"unexpected invoke {args.token}")


@dataclass
class Registration:
    urn: str
    type: str
    name: str
    parent: str
    custom: bool
    inputs: dict[str, Any]
    property_dependencies: dict[str, list[str]]
    dependencies: list[str]
    secret_properties: set[str] = field(default_factory=set)


_SECRET_SIG = "4dabf18193072939515e22adb298388d"
_SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270"


def _is_secret(value: Any) -> bool:
    return isinstance(value, dict) and value.get(_SECRET_SIG) == _SECRET_VALUE


def _unwrap_secrets(value: Any) -> Any:
    """Policies see secret values in plaintext: unwrap the SDK's secret envelopes the same way."""
    if _is_secret(value):
        return _unwrap_secrets(value.get("value"))
    if isinstance(value, dict):
        return {k: _unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap_secrets(v) for v in value]
    return value


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """Records each RegisterResourceRequest as the engine (and a policy pack) would see it."""

    def __init__(self, mocks: pulumi.runtime.Mocks) -> None:
        super().__init__(mocks)
        self.registrations: list[Registration] = []

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (gRPC method name)
        response = super().RegisterResource(request)
        if request.type != "pulumi:pulumi:Stack":
            pulumi_mocks._ensure_event_loop()
            raw = pulumi.runtime.rpc.deserialize_properties(request.object, keep_unknowns=True)
            secret_props = {k for k, v in raw.items() if _is_secret(v)}
            inputs = _unwrap_secrets(raw)
            self.registrations.append(Registration(
                urn=response.urn,
                type=request.type,
                name=request.name,
                parent=request.parent,
                custom=bool(request.custom),
                inputs=dict(inputs),
                secret_properties=secret_props,
                property_dependencies={k: list(v.urns) for k, v in request.propertyDependencies.items()},
                dependencies=list(request.dependencies),
            ))
        return response


@dataclass
class Run:
    """The result of running a program under the mocks."""

    registrations: list[Registration]
    result: Any
    outputs: dict[str, Any]
    invokes: list[str] = field(default_factory=list)
    engine_messages: list[str] = field(default_factory=list)
    python_warnings: list[str] = field(default_factory=list)

    def of_type(self, typ: str) -> list[Registration]:
        """Registrations of one type, sorted by logical name (registration order is not deterministic)."""
        return sorted((r for r in self.registrations if r.type == typ), key=lambda r: r.name)

    def one(self, typ: str) -> Registration:
        found = self.of_type(typ)
        assert len(found) == 1, f"expected one {typ}, found {len(found)}"
        return found[0]

    def by_urn(self) -> dict[str, Registration]:
        return {r.urn: r for r in self.registrations}

    def named(self, name: str) -> Registration:
        for registration in self.registrations:
            if registration.name == name:
                return registration
        raise KeyError(name)


def run(program: Callable[[], Any], config: Mapping[str, str], *, preview: bool = False,
        stack: str = STACK_NAME, secret_keys: list[str] | None = None) -> Run:
    """Run ``program`` (which declares resources and returns a value, possibly holding Outputs)."""
    stack_mocks = StackMocks(preview)
    monitor = RecordingMonitor(stack_mocks)
    logger = logging.getLogger("reference-stack-mock-engine")
    logger.propagate = False
    handler = _ListHandler()
    logger.handlers = [handler]
    pulumi.runtime.set_mocks(stack_mocks, project=PROJECT_NAME, stack=stack, preview=preview, monitor=monitor,
                             logger=logger)
    pulumi.runtime.set_all_config(dict(config), secret_keys or [])
    holder: dict[str, Any] = {}

    @pulumi.runtime.test
    def execute() -> Any:
        value = program()
        holder["result"] = value
        exported = value.outputs() if hasattr(value, "outputs") else {}
        return pulumi.Output.from_input(exported).apply(lambda resolved: holder.__setitem__("outputs", resolved))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        execute()
        _sync_await(pulumi.runtime.stack.wait_for_rpcs())
    return Run(monitor.registrations, holder.get("result"), holder.get("outputs") or {}, stack_mocks.calls,
               handler.messages, [str(w.message) for w in caught])


class _ListHandler(logging.Handler):
    """Collects the engine log messages (pulumi.log.warn and friends) of a mock run."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_stack(config: Mapping[str, str], *, preview: bool = False, stack: str = STACK_NAME,
              secret_keys: list[str] | None = None) -> Run:
    """Run the whole reference stack (what ``__main__`` does) under the mocks."""
    from migration_stack.settings import load_settings
    from migration_stack.stack import build_stack

    return run(lambda: build_stack(load_settings()), config, preview=preview, stack=stack,
               secret_keys=secret_keys)


@functools.cache
def cached_variant_run(variant: str, preview: bool) -> Run:
    """A variant's run, shared by tests that only read it (never mutate the result)."""
    from migration_stack.variants import variant_config, variant_secret_keys

    return run_stack(variant_config(variant), preview=preview, secret_keys=variant_secret_keys(variant))


def settings_for(variant: str = "aurora", **overrides: str) -> Any:
    """Validated settings of a variant, with project-key overrides (no Pulumi runtime needed)."""
    from migration_stack.settings import read_settings
    from migration_stack.variants import project_values, variant_config

    config = variant_config(variant)
    values = project_values(config)
    values.update(overrides)
    return read_settings(values.get, stack=STACK_NAME, region=config["aws:region"], environ={})


def naming_for(settings: Any) -> Any:
    from migration_stack.naming import Naming

    return Naming(prefix=settings.name_prefix, suffix=settings.environment_suffix, project=settings.project)
