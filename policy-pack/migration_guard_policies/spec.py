"""Policy declarations: frozen, keyword-only dataclasses, one per policy.

A :class:`ResourcePolicySpec` or :class:`StackPolicySpec` holds everything about a policy: its
public name, description, severity, family, framework reference, remediation steps, default
enforcement level, settings, and examples. The pack, the tests and the generated reference
(docs/policies.md) all read these declarations. ``check`` is required, and so are a resource
policy's ``resource_types``: a resource policy without types could never run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from .examples import Example, StackExample
from .settings import Setting, SettingsSchema

if TYPE_CHECKING:
    from pulumi_policy import ResourceValidationPolicy, StackValidationPolicy

    from .context import ResourceCheck, StackCheck
    from .state import PackState

DOCS_URL_ENV = "MIGRATION_GUARD_DOCS_URL"  # base address of the published docs/policies.md

Level = Literal["mandatory", "advisory", "remediate", "disabled"]
SeverityName = Literal["low", "medium", "high", "critical"]
LEVELS: tuple[str, ...] = ("mandatory", "advisory", "remediate", "disabled")
SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")


# The tag of a policy that is a security control outside the security families (encryption, secrets,
# versions): reports mark it as security (SARIF `security` tag and `security-severity`), e.g. public access.
SECURITY_TAG = "security"


class Family(Enum):
    ENCRYPTION = "encryption"
    AVAILABILITY = "availability"
    NAMING = "naming"
    SECRETS = "secrets"
    VERSIONS = "versions"
    OPERATIONS = "operations"


@dataclass(frozen=True)
class Framework:
    """Where the control comes from (shown by Pulumi Cloud as the compliance framework)."""

    name: str
    reference: str
    version: str | None = None
    specification: str | None = None


ResourceCheckFn = Callable[["ResourceCheck"], None]
StackCheckFn = Callable[["StackCheck"], None]


class SpecError(ValueError):
    """A declaration that cannot work (no resource types, an unknown level, a duplicate setting)."""


@dataclass(frozen=True, kw_only=True)
class PolicySpec:
    name: str
    description: str
    family: Family
    severity: SeverityName
    level: Level
    rule: str  # the rule in one paragraph, as in the catalog
    unknown_handling: str  # what the policy does with values unknown during preview
    remediation: str
    framework: Framework | None = None
    refs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    settings: tuple[Setting[Any], ...] = ()
    # Properties whose values may appear in messages (they can never hold a secret, e.g. an engine
    # version). Even then, a value that arrived as a secret is never echoed (the pack redacts it).
    echoes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise SpecError(f"{self.name}: unknown level {self.level!r}")
        if self.severity not in SEVERITIES:
            raise SpecError(f"{self.name}: unknown severity {self.severity!r}")
        keys = [setting.key for setting in self.settings]
        if len(set(keys)) != len(keys) or "exemptions" in keys or "enforcementLevel" in keys:
            raise SpecError(f"{self.name}: duplicate or reserved setting keys {keys}")

    @property
    def kind(self) -> str:
        raise NotImplementedError

    @property
    def url(self) -> str:
        """This policy's entry in the published policy reference, or "" when no base is configured.

        The project has no public home yet, so no placeholder address is advertised: an organisation that
        publishes docs/policies.md sets DOCS_URL_ENV (read where the pack runs, as the CLI's --docs-url).
        """
        base = os.environ.get(DOCS_URL_ENV, "").strip()
        return f"{base}#{self.name}" if base else ""

    def config_schema(self) -> dict[str, Any]:
        """The schema of each configuration key (``exemptions`` included)."""
        return SettingsSchema(self.settings).properties()

    def json_schema(self) -> dict[str, Any]:
        """The policy's configuration as one JSON schema object; unknown keys are errors."""
        return {
            "type": "object",
            "properties": self.config_schema(),
            "additionalProperties": False,
        }

    def all_tags(self) -> list[str]:
        return [self.family.value, *self.tags]

    def to_policy(self, state: PackState | None = None) -> ResourceValidationPolicy | StackValidationPolicy:
        """This policy as a pulumi-policy Policy (see :mod:`compat.pulumi_policy`)."""
        from .compat.pulumi_policy import to_policy

        return to_policy(self, state)


@dataclass(frozen=True, kw_only=True)
class ResourcePolicySpec(PolicySpec):
    resource_types: tuple[str, ...]  # ("*",) for every resource
    check: ResourceCheckFn
    examples: tuple[Example, ...] = ()
    # The part of the rule that needs the whole stack (another resource that may register later):
    # the pack's AnalyzeStack runs it and reports under this policy's own name and level.
    stack_check: StackCheckFn | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.resource_types:
            raise SpecError(f"{self.name}: a resource policy needs resource_types (('*',) for every type)")

    @property
    def kind(self) -> str:
        return "resource"

    def applies_to(self, resource_type: str) -> bool:
        if "*" in self.resource_types:
            return not resource_type.startswith("pulumi:")
        return resource_type in self.resource_types


@dataclass(frozen=True, kw_only=True)
class StackPolicySpec(PolicySpec):
    check: StackCheckFn
    resource_types: tuple[str, ...] = ()  # the types the policy reads, for the docs
    examples: tuple[StackExample, ...] = ()
    # Reads what the other policies of the pack recorded (exemptions-unused): runs after them.
    reads_ledger: bool = False

    @property
    def kind(self) -> str:
        return "stack"
