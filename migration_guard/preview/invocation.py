"""Runner side of invokes and calls: how the mock monitor answers ``Invoke`` and ``Call``.

Order of answers for an invoke (the engine runs stack invoke transforms first,
pkg/resource/deploy/source_eval.go ``Invoke``: "run all of those before loading the provider"):

1. ``pulumi:pulumi:getResource``: the engine's builtin provider (pkg/resource/deploy/builtins.go,
   ``getResource``) answers ``{urn, id, provider, state}`` from the resources registered so far; the
   SDK's own mock monitor does the same (sdk/python/lib/pulumi/runtime/mocks.py, ``MockMonitor.Invoke``).
2. a result supplied with ``--invoke-results``;
3. a computed answer (no assumption: policy documents, partitions, regions, zones of the region);
4. an assumed answer (common data sources: default VPC, subnets, AMIs, zones...), unless strict;
5. otherwise the invoke is unanswered: it is recorded (all of them are reported at the end of the run)
   and the program gets an unknown result (output form) or typed placeholders (plain form), so that it
   runs on and a value read from a data source never becomes "not set".
"""

from __future__ import annotations

import contextvars
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import invokes
from .sources import user_frame

GET_RESOURCE = "pulumi:pulumi:getResource"
TERRAFORM_CONFIG_SUFFIX = "/terraformConfig"


@dataclass
class InvokeRecord:
    token: str
    answer: str  # "builtin", "supplied", "computed", "assumed", "unanswered"
    location: dict[str, Any] | None
    region: str = ""


@dataclass
class InvokeSettings:
    region: str
    supplied: dict[str, Any]
    strict: bool
    allow_unknown: bool


@dataclass
class InvokeLedger:
    """Every invoke of the run, where the program made it and how it was answered."""

    records: list[InvokeRecord] = field(default_factory=list)
    result_types: dict[str, type] = field(default_factory=dict)
    sites: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, record: InvokeRecord) -> None:
        with self.lock:
            self.records.append(record)

    def unanswered(self) -> list[InvokeRecord]:
        with self.lock:
            seen: dict[str, InvokeRecord] = {}
            for record in self.records:
                if record.answer == "unanswered":
                    seen.setdefault(record.token, record)
            return list(seen.values())

    def to_json(self) -> list[dict[str, Any]]:
        with self.lock:
            return [
                {"token": r.token, "answer": r.answer, "answered": r.answer != "unanswered",
                 "location": r.location, "region": r.region}
                for r in self.records
            ]


def wrap_invoke_functions(runtime: Any, ledger: InvokeLedger, project_dir: Path,
                          form: contextvars.ContextVar[str]) -> None:
    """Remember where the program called each invoke, its result type, and which form it used: only
    the output form can carry an unknown result."""

    def wrap(fn: Callable[..., Any], form_name: str) -> Callable[..., Any]:
        def wrapper(tok: str, *args: Any, **kwargs: Any) -> Any:
            typ = kwargs.get("typ") if "typ" in kwargs else (args[2] if len(args) > 2 else None)
            with ledger.lock:
                if tok not in ledger.sites:
                    ledger.sites[tok] = user_frame(traceback.extract_stack(), project_dir)
                if isinstance(typ, type):
                    ledger.result_types.setdefault(tok, typ)
            marker = form.set(form_name)
            try:
                return fn(tok, *args, **kwargs)
            finally:
                form.reset(marker)

        return wrapper

    for attr in ("invoke", "invoke_output", "invoke_single", "invoke_output_single", "invoke_async"):
        if hasattr(runtime, attr):
            setattr(runtime, attr, wrap(getattr(runtime, attr), "output" if "output" in attr else "plain"))


@dataclass(frozen=True)
class Answer:
    kind: str  # as InvokeRecord.answer
    result: dict[str, Any] | None  # None: unknown (output form) / placeholders were put in `result`


def answer_invoke(
    token: str, args: dict[str, Any], *, settings: InvokeSettings, region: str,
    result_type: type | None, output_form: bool,
) -> Answer:
    """How the offline preview answers one (non-builtin) invoke."""
    supplied = invokes.supplied_answer(token, args, settings.supplied)
    if supplied is not None:
        return Answer("supplied", supplied)
    computed = invokes.computed_answer(token, args, region)
    if computed is not None:
        return Answer("computed", computed)
    if not settings.strict:
        assumed = invokes.assumed_answer(token, args, region, result_type)
        if assumed is not None:
            return Answer("assumed", assumed)
    if output_form:
        return Answer("unanswered", None)
    return Answer("unanswered", invokes.placeholder_answer(token, args, region, result_type))


def resource_state(urn: str, states: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The builtin getResource answer: ``{urn, id, provider, state}``, the state being the outputs the
    resource has in this preview (builtins.go ``getResource``; an unknown id during preview is "")."""
    found = states.get(urn)
    if found is None:
        raise LookupError(f"unknown resource {urn}")
    return {"urn": urn, "id": found.get("id", ""), "provider": found.get("provider", ""),
            "state": found.get("state", {})}


def terraform_config(provider_inputs: dict[str, Any]) -> dict[str, Any]:
    """``Provider.terraform_config()``: the provider's configuration in Terraform's snake_case names."""
    return {"result": {_snake(key): value for key, value in provider_inputs.items()
                       if key not in ("version", "pluginDownloadURL")}}


def _snake(name: str) -> str:
    out = []
    for char in name:
        if char.isupper():
            out.append("_" + char.lower())
        else:
            out.append(char)
    return "".join(out)
