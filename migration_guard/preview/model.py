"""Typed records shared by the preview steps and the report writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from migration_guard.analyzer.protocol import (  # noqa: F401 - re-exported: defined once there
    RESOURCE_REF_SIG,
    ROOT_STACK_TYPE,
    SECRET_SIG,
    SPECIAL_SIG_KEY,
    UNKNOWN_STRING,
)

UNVERIFIABLE_PREFIXES = ("can't run policy", "can't run remediation")


class PreviewError(Exception):
    """A failure that stops the preview with exit code 2. The message is shown to the user as is."""


@dataclass(frozen=True)
class SourceLocation:
    file: str  # relative to the project directory, '/'-separated
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line}


@dataclass
class Resource:
    """One resource as the engine would show it to a policy pack."""

    urn: str
    type: str
    name: str
    custom: bool
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    parent: str = ""
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    provider_urn: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    source: SourceLocation | None = None
    default_provider: bool = False
    external: bool = False  # read with `Resource.get`: the engine analyzes it only in AnalyzeStack


@dataclass
class ProgramRun:
    """What running the program produced."""

    project: str
    stack: str
    organization: str
    project_dir: str
    resources: list[Resource]
    config: dict[str, str]
    secret_keys: list[str]
    stack_tags: dict[str, str]
    secret_values: list[str] = field(default_factory=list)


@dataclass
class PolicyInfo:
    name: str
    description: str
    enforcement_level: str  # the pack's default; replaced by the configured level once configured
    severity: str
    policy_type: str  # "resource" or "stack"
    display_name: str = ""
    tags: list[str] = field(default_factory=list)
    remediation_steps: str = ""
    url: str = ""
    framework: dict[str, str] = field(default_factory=dict)
    config_schema: dict[str, Any] = field(default_factory=dict)


@dataclass
class PackInfo:
    name: str
    version: str
    directory: str
    description: str = ""
    policies: list[PolicyInfo] = field(default_factory=list)

    def policy(self, name: str) -> PolicyInfo | None:
        return next((p for p in self.policies if p.name == name), None)


@dataclass
class Violation:
    """One diagnostic from a pack. ``unverifiable`` marks the SDK's "can't run policy ... during preview"."""

    policy_pack: str
    policy_pack_version: str
    policy: str
    enforcement_level: str
    severity: str
    urn: str
    type: str
    name: str
    message: str
    description: str
    source: SourceLocation | None
    unverifiable: bool = False

    def sort_key(self) -> tuple[Any, ...]:
        return (self.urn, self.policy_pack, self.policy, self.message)


@dataclass
class RemediationRecord:
    policy_pack: str
    policy: str
    urn: str
    type: str
    name: str
    description: str
    source: SourceLocation | None
    properties_changed: list[str]


@dataclass
class Report:
    command: str  # "preview" or "audit"
    project: str
    stack: str
    resources: list[Resource]
    packs: list[PackInfo]
    violations: list[Violation]  # decided violations (mandatory or advisory)
    unverifiable: list[Violation]
    remediations: list[RemediationRecord]
    not_applicable: int = 0
    errors: list[str] = field(default_factory=list)
    # The project folder relative to its repository root ("" at the root), so SARIF paths resolve
    # from the repository checkout as code-scanning tools expect.
    source_prefix: str = ""

    @property
    def mandatory(self) -> list[Violation]:
        return [v for v in self.violations if v.enforcement_level == "mandatory"]

    @property
    def advisory(self) -> list[Violation]:
        return [v for v in self.violations if v.enforcement_level != "mandatory"]

    @property
    def policy_count(self) -> int:
        return sum(len(p.policies) for p in self.packs)

    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.mandatory else 0

    def resource(self, urn: str) -> Resource | None:
        return next((r for r in self.resources if r.urn == urn), None)
