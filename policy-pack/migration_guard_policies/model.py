"""One declaration per policy, and the machinery that turns it into a pulumi-policy Policy.

A :class:`ResourcePolicySpec` or :class:`StackPolicySpec` holds everything about a policy: its
public name, description, severity, family, framework reference, remediation steps, default
enforcement level, config schema, and good and bad examples. The pack, the tests and the
generated reference (docs/policies.md) all read these declarations.

The check function of a spec receives a context (:class:`ResourceCheck` / :class:`StackCheck`)
that reads properties through :class:`~migration_guard_policies.props.Props`, reports violations,
records what cannot be verified during preview, and applies exemptions. Wrapping every check here
gives the guarantees the catalog asks for in one place:

* a policy never raises into the SDK (a crash blocks every deployment of every stack);
* violations that can be decided are reported first, then the policy's own explanation of what it
  could not verify is raised as ``UnknownValueError`` (the SDK's only advisory diagnostic);
* exemptions (glob on logical name or URN, required reason, optional expiry) apply uniformly.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from pulumi_policy import (
    EnforcementLevel,
    PolicyComplianceFramework,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError

from .examples import Example, StackExample
from .props import Props, Read, to_plain

DOCS_URL = "https://github.com/migration-guard/migration-guard/blob/main/docs/policies.md"

Level = Literal["mandatory", "advisory", "remediate", "disabled"]
SeverityName = Literal["low", "medium", "high", "critical"]


class Family(Enum):
    ENCRYPTION = "encryption"
    AVAILABILITY = "availability"
    NAMING = "naming"
    SECRETS = "secrets"
    VERSIONS = "versions"
    OPERATIONS = "operations"


# Set by the test harness: re-raise unexpected exceptions instead of turning them into an
# advisory diagnostic, so that a crashing policy fails its tests loudly.
STRICT_ENV = "MIGRATION_GUARD_STRICT"

EXEMPTIONS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": (
        "Resources this policy does not apply to: logical-name or URN glob, a required reason, and an "
        "optional expiry date (YYYY-MM-DD) after which the exemption no longer applies."
    ),
    "default": [],
    "items": {
        "type": "object",
        "properties": {
            "resource": {"type": "string", "minLength": 1},
            "reason": {"type": "string", "minLength": 1},
            "expires": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        },
        "required": ["resource", "reason"],
        "additionalProperties": False,
    },
}


@dataclass(frozen=True)
class Framework:
    """Where the control comes from (shown by Pulumi Cloud as the compliance framework)."""

    name: str
    reference: str
    version: str | None = None
    specification: str | None = None


class NotApplicable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------------
# Exemptions


@dataclass(frozen=True)
class Exemption:
    resource: str
    reason: str
    expires: dt.date | None

    def matches(self, name: str, urn: str) -> bool:
        return fnmatch.fnmatchcase(name, self.resource) or fnmatch.fnmatchcase(urn, self.resource)

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires


def parse_exemptions(raw: Any) -> list[Exemption]:
    result: list[Exemption] = []
    if not isinstance(raw, list):
        return result
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        resource, reason, expires = item.get("resource"), item.get("reason"), item.get("expires")
        if not isinstance(resource, str) or not resource or not isinstance(reason, str) or not reason:
            continue  # the engine validates the schema; a malformed entry never exempts anything
        when: dt.date | None = None
        if isinstance(expires, str):
            try:
                when = dt.date.fromisoformat(expires)
            except ValueError:
                continue
        result.append(Exemption(resource, reason, when))
    return result


# Exemptions seen and matched in this pack process, for the `exemptions-unused` stack policy.
# The engine keeps one pack process for a whole preview: Analyze for every resource, then
# AnalyzeStack, so the stack policy sees what the resource policies matched.
EXEMPTION_LEDGER: dict[str, dict[Exemption, int]] = {}


def _ledger_note(policy: str, exemptions: Sequence[Exemption], matched: Exemption | None) -> None:
    seen = EXEMPTION_LEDGER.setdefault(policy, {})
    for exemption in exemptions:
        seen.setdefault(exemption, 0)
    if matched is not None:
        seen[matched] = seen.get(matched, 0) + 1


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


# ---------------------------------------------------------------------------------------------
# Check contexts


def _plain_config(spec_config: Mapping[str, Mapping[str, Any]], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Schema defaults overlaid with what the engine sent (floats that are integers become ints)."""
    config: dict[str, Any] = {key: schema.get("default") for key, schema in spec_config.items()}
    config["exemptions"] = []
    try:
        sent = to_plain(raw) if raw else {}
    except Exception:
        sent = {}
    if isinstance(sent, dict):
        for key, value in sent.items():
            if key != "enforcementLevel":
                config[key] = value
    return config


class _CheckBase:
    def __init__(self, spec: PolicySpec, raw_config: Mapping[str, Any]) -> None:
        self.spec = spec
        self.config: dict[str, Any] = _plain_config(spec.config, raw_config)
        self.exemptions = parse_exemptions(self.config.get("exemptions"))
        self._unverifiable: list[tuple[str, str]] = []
        self._advisories: list[str] = []

    def config_int(self, key: str, default: int) -> int:
        """An integer setting; ``default`` when it is missing or not a number (never raises)."""
        value = self.config.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return default
        return int(value)

    def config_strs(self, key: str, default: list[str]) -> list[str]:
        """A list-of-strings setting; ``default`` when it is not a list."""
        value = self.config.get(key)
        if not isinstance(value, list):
            return default
        return [item for item in value if isinstance(item, str)]

    def unverifiable(self, prop: str, why: str) -> None:
        """Record that ``prop`` decides this policy but is unknown during preview.

        ``why`` says why the property matters; it must not contain the property's value.
        """
        entry = (prop, why)
        if entry not in self._unverifiable:
            self._unverifiable.append(entry)

    def check_unknown(self, read: Read, why: str) -> bool:
        """Shortcut: when ``read`` is unknown, record it as unverifiable and return True."""
        if read.has_unknown():
            self.unverifiable(read.path, why)
            return True
        return False

    def advisory(self, message: str) -> None:
        """An advisory warning whatever the policy's level (an approaching end of support, ...).

        pulumi-policy's only advisory channel is ``UnknownValueError``: the engine shows the message
        as an advisory "can't run policy ..." diagnostic and nothing is blocked. Like ``violation``,
        the message names properties, never their values.
        """
        if message not in self._advisories:
            self._advisories.append(message)

    def not_applicable(self, reason: str) -> NotApplicable:
        return NotApplicable(reason)

    def _explanation(self) -> str:
        parts = list(self._advisories)
        if self._unverifiable:
            unknowns = [f"{prop} is unknown during preview; {why}" for prop, why in self._unverifiable]
            parts.append("; ".join(unknowns) + ". It is checked again at `pulumi up`, when the value is known.")
        return " ".join(parts)


class ResourceCheck(_CheckBase):
    """What a resource policy's check function works with."""

    def __init__(self, spec: PolicySpec, args: ResourceValidationArgs, report: ReportViolation) -> None:
        super().__init__(spec, args.get_config())
        self.type: str = args.resource_type
        self.name: str = args.name
        self.urn: str = args.urn
        self.props = Props(args.props)
        provider = getattr(args, "provider", None)
        self.provider = Props(provider.props if provider is not None else {})
        self.stack_tags: dict[str, str] = dict(getattr(args, "stack_tags", {}) or {})
        self._report = report

    @property
    def stack(self) -> str:
        return stack_from_urn(self.urn)

    def violation(self, message: str) -> None:
        """Report a violation. The message names properties, never their values."""
        self._report(message, None)


@dataclass
class StackResourceView:
    """A resource of the stack as stack policies see it (outputs, links resolved to URNs)."""

    type: str
    urn: str
    name: str
    props: Props
    provider: Props
    parent: str | None
    dependencies: tuple[str, ...]
    property_dependencies: dict[str, tuple[str, ...]]

    def depends_on(self, prop: str, target: StackResourceView) -> bool:
        return target.urn in self.property_dependencies.get(prop, ())


class StackCheck(_CheckBase):
    """What a stack policy's check function works with: the resources, indexed."""

    def __init__(self, spec: PolicySpec, args: StackValidationArgs, report: ReportViolation) -> None:
        super().__init__(spec, args.get_config())
        self.resources: list[StackResourceView] = [_stack_view(r) for r in args.resources]
        self.by_urn: dict[str, StackResourceView] = {r.urn: r for r in self.resources}
        self.stack_tags: dict[str, str] = dict(getattr(args, "stack_tags", {}) or {})
        self._report = report
        _ledger_note(spec.name, self.exemptions, None)  # configured, even if nothing is ever reported

    def of_type(self, *types: str) -> list[StackResourceView]:
        return [r for r in self.resources if r.type in types]

    def deps(self, resource: StackResourceView, prop: str) -> list[StackResourceView]:
        """The resources the value of ``resource.prop`` came from (property dependencies)."""
        return [self.by_urn[u] for u in resource.property_dependencies.get(prop, ()) if u in self.by_urn]

    def violation(self, message: str, resource: StackResourceView | None = None) -> None:
        if resource is None:
            self._report(message, None)
            return
        active, expired = _match_exemption(self.exemptions, resource.name, resource.urn)
        _ledger_note(self.spec.name, self.exemptions, active)
        if active is not None:
            return
        report_with_exemption_note(self._report, expired)(message, resource.urn)

    def unverifiable_for(self, resource: StackResourceView | None, prop: str, why: str) -> None:
        if resource is not None and self.is_exempt(resource):
            return
        label = f"{resource.name}.{prop}" if resource is not None else prop
        self.unverifiable(label, why)

    def is_exempt(self, resource: StackResourceView) -> bool:
        """True when an active exemption of this policy covers the resource."""
        active, _expired = _match_exemption(self.exemptions, resource.name, resource.urn)
        _ledger_note(self.spec.name, self.exemptions, active)
        return active is not None


def _stack_view(resource: Any) -> StackResourceView:
    provider = getattr(resource, "provider", None)
    parent = getattr(resource, "parent", None)
    return StackResourceView(
        type=str(resource.resource_type),
        urn=str(resource.urn),
        name=str(resource.name),
        props=Props(resource.props),
        provider=Props(provider.props if provider is not None else {}),
        parent=parent.urn if parent is not None else None,
        dependencies=tuple(d.urn for d in (resource.dependencies or [])),
        property_dependencies={
            str(k): tuple(d.urn for d in v) for k, v in (resource.property_dependencies or {}).items()
        },
    )


def stack_from_urn(urn: str) -> str:
    # urn:pulumi:<stack>::<project>::<type chain>::<name>
    if urn.startswith("urn:pulumi:"):
        return urn[len("urn:pulumi:") :].split("::", 1)[0]
    return ""


def _match_exemption(exemptions: Sequence[Exemption], name: str, urn: str) -> tuple[Exemption | None, Exemption | None]:
    """(active exemption, expired exemption) matching this resource."""
    active: Exemption | None = None
    expired: Exemption | None = None
    now = today()
    for exemption in exemptions:
        if exemption.matches(name, urn):
            if exemption.expired(now):
                expired = expired or exemption
            else:
                active = active or exemption
    return active, expired


# ---------------------------------------------------------------------------------------------
# Declarations

ResourceCheckFn = Callable[[ResourceCheck], None]
StackCheckFn = Callable[[StackCheck], None]


@dataclass(frozen=True)
class PolicySpec:
    name: str
    description: str
    family: Family
    severity: SeverityName
    level: Level
    rule: str  # the rule in one paragraph, as in the catalog
    remediation: str
    unknown_handling: str  # what the policy does with values unknown during preview
    framework: Framework | None = None
    refs: tuple[str, ...] = ()
    config: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    # Properties whose values may appear in messages (they can never hold a secret, e.g. an engine
    # version). Every other property's value must never appear in a message.
    echoes: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        raise NotImplementedError

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.name}"

    def config_schema(self) -> dict[str, Any]:
        properties = {key: dict(schema) for key, schema in self.config.items()}
        properties["exemptions"] = EXEMPTIONS_SCHEMA
        return properties

    def all_tags(self) -> list[str]:
        return [self.family.value, *self.tags]

    def _sdk_common(self) -> dict[str, Any]:
        framework = None
        if self.framework is not None:
            framework = PolicyComplianceFramework(
                name=self.framework.name,
                version=self.framework.version,
                reference=self.framework.reference,
                specification=self.framework.specification,
            )
        return {
            "name": self.name,
            "description": self.description,
            "enforcement_level": EnforcementLevel(self.level),
            "config_schema": PolicyConfigSchema(properties=self.config_schema()),
            "severity": Severity(self.severity),
            "framework": framework,
            "tags": self.all_tags(),
            "remediation_steps": self.remediation,
            "url": self.url,
        }

    def to_policy(self) -> ResourceValidationPolicy | StackValidationPolicy:
        raise NotImplementedError


def _strict() -> bool:
    return os.environ.get(STRICT_ENV, "") not in ("", "0", "false")


def _internal_error(spec: PolicySpec, error: BaseException) -> UnknownValueError:
    # Only the exception's type: its text could quote a property value.
    err = UnknownValueError(UNKNOWN_STRING_VALUE, [])
    err.message = (
        f"policy '{spec.name}' could not evaluate this resource ({type(error).__name__}); "
        "please report this as a MigrationGuard bug"
    )
    return err


def _unknown_error(ctx: _CheckBase) -> UnknownValueError:
    first = ctx._unverifiable[0][0] if ctx._unverifiable else ""
    err = UnknownValueError(UNKNOWN_STRING_VALUE, first.split(".") if first else [])
    err.message = ctx._explanation()
    return err


def _evaluate(spec: PolicySpec, args: ResourceValidationArgs | StackValidationArgs, run: Callable[[], _CheckBase]) -> None:
    """Run a check with the model's guarantees.

    Not-applicable goes to the SDK; an unexpected exception never reaches the SDK (it would fail the
    whole preview) but becomes an advisory diagnostic naming only the exception's type; and after the
    check has reported every violation it could decide, what it could not verify is raised as
    ``UnknownValueError`` with the policy's own explanation.
    """
    try:
        ctx = run()
    except NotApplicable as reason:
        args.not_applicable(reason.reason)  # raises the SDK's own not-applicable signal
        return
    except UnknownValueError:
        raise
    except Exception as error:
        if type(error).__name__ == "_NotApplicableError" or _strict():
            raise
        raise _internal_error(spec, error) from None
    if ctx._unverifiable or ctx._advisories:
        raise _unknown_error(ctx)


@dataclass(frozen=True)
class ResourcePolicySpec(PolicySpec):
    resource_types: tuple[str, ...] = ()  # ("*",) for every resource
    check: ResourceCheckFn | None = None
    examples: tuple[Example, ...] = ()

    @property
    def kind(self) -> str:
        return "resource"

    def applies_to(self, resource_type: str) -> bool:
        if "*" in self.resource_types:
            return not resource_type.startswith("pulumi:")
        return resource_type in self.resource_types

    def validate(self, args: ResourceValidationArgs, report: ReportViolation) -> None:
        if not self.applies_to(args.resource_type):
            return

        def run() -> _CheckBase:
            ctx = ResourceCheck(self, args, report)
            active, expired = _match_exemption(ctx.exemptions, args.name, args.urn)
            _ledger_note(self.name, ctx.exemptions, active)
            if active is not None:
                until = f" until {active.expires.isoformat()}" if active.expires else ""
                raise NotApplicable(f"exempted{until}: {active.reason}")
            if expired is not None:
                ctx._report = report_with_exemption_note(report, expired)
            assert self.check is not None
            self.check(ctx)
            return ctx

        _evaluate(self, args, run)

    def to_policy(self) -> ResourceValidationPolicy:
        return ResourceValidationPolicy(validate=self.validate, **self._sdk_common())


def report_with_exemption_note(report: ReportViolation, expired: Exemption | None) -> ReportViolation:
    if expired is None:
        return report

    def wrapped(message: str, urn: str | None = None) -> None:
        note = (
            f" (exemption '{expired.resource}' expired on {expired.expires.isoformat() if expired.expires else ''}"
            " and no longer applies)"
        )
        report(message + note, urn)

    return wrapped


@dataclass(frozen=True)
class StackPolicySpec(PolicySpec):
    resource_types: tuple[str, ...] = ()  # the types the policy reads, for the docs
    check: StackCheckFn | None = None
    examples: tuple[StackExample, ...] = ()

    @property
    def kind(self) -> str:
        return "stack"

    def validate(self, args: StackValidationArgs, report: ReportViolation) -> None:
        def run() -> _CheckBase:
            ctx = StackCheck(self, args, report)
            assert self.check is not None
            self.check(ctx)
            return ctx

        _evaluate(self, args, run)

    def to_policy(self) -> StackValidationPolicy:
        return StackValidationPolicy(validate=self.validate, **self._sdk_common())
