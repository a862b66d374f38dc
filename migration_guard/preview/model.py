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


class Assumption(str):
    """One thing the offline preview assumed, as its one-line description (what stderr and the JSON
    report show: ``__main__.py:4: aws:ec2/getVpc:getVpc in us-west-2: assumed answer``), carrying its
    parts for the formats that place it (SARIF notifications at the program line)."""

    location: SourceLocation | None
    subject: str  # what was assumed: the invoke's token
    kind: str  # "assumed" (an answer built by the preview) or "unanswered" (unknown, --allow-unknown-invokes)

    def __new__(cls, text: str, location: SourceLocation | None = None, subject: str = "",
                kind: str = "assumed") -> Assumption:
        item = super().__new__(cls, text)
        item.location, item.subject, item.kind = location, subject, kind
        return item


def assumption_location(item: str) -> SourceLocation | None:
    return item.location if isinstance(item, Assumption) else None


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
    interpreter: str = ""  # the Python that ran the program
    assumptions: list[str] = field(default_factory=list)  # data-source answers the preview assumed


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
    # Filled from the MigrationGuard library when the pack's policy is one of its declarations.
    family: str = ""
    rule: str = ""
    checkov_ids: list[str] = field(default_factory=list)
    aws_config_rules: list[str] = field(default_factory=list)
    from_library: bool = False  # a MigrationGuard declaration: its docs live where the user keeps this repository


@dataclass
class PackInfo:
    name: str
    version: str
    directory: str
    description: str = ""
    policies: list[PolicyInfo] = field(default_factory=list)

    def policy(self, name: str) -> PolicyInfo | None:
        return next((p for p in self.policies if p.name == name), None)


@dataclass(frozen=True)
class ExemptionNote:
    """An exemption that covered a finding (``expired`` False) or matched it after its expiry date."""

    reason: str
    expires: str = ""  # YYYY-MM-DD, "" for an exemption without expiry
    expired: bool = False
    resource_pattern: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason, "expires": self.expires or None, "expired": self.expired,
                "resource": self.resource_pattern or None}

    def describe(self) -> str:
        if self.expired:
            return f"exemption expired on {self.expires}: {self.reason}" if self.reason else f"exemption expired on {self.expires}"
        until = f" until {self.expires}" if self.expires else ""
        return f"exempted{until}: {self.reason}"


@dataclass
class Violation:
    """One diagnostic from a pack. ``unverifiable`` marks the SDK's "can't run policy ... during preview".

    ``exemption`` is set on an exempted finding (in ``Report.exempted``) and on a violation whose matching
    exemption has expired.
    """

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
    exemption: ExemptionNote | None = None

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
    assumptions: list[str] = field(default_factory=list)  # what the offline preview assumed (ProgramRun)
    exempted: list[Violation] = field(default_factory=list)  # findings an active exemption covered
    baseline_matched: int = 0  # findings left out because --baseline already records them
    soft_fail: bool = False  # --soft-fail: mandatory violations are reported but exit 0
    skipped_policies: list[str] = field(default_factory=list)  # left out by --policy / --skip-policy
    severity_threshold: str = ""  # findings below it were left out
    below_threshold: int = 0

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
        return 1 if self.mandatory and not self.soft_fail else 0

    def resource(self, urn: str) -> Resource | None:
        return next((r for r in self.resources if r.urn == urn), None)
