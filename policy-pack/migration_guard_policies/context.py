"""What a check function works with: :class:`ResourceCheck` and :class:`StackCheck`.

A context reads properties through :class:`~migration_guard_policies.props.Props`, reads typed
settings, reports violations (messages name properties, never their values), records what cannot
be verified during preview, and applies exemptions. It never touches pulumi-policy: the SDK adapter
(:mod:`migration_guard_policies.compat.pulumi_policy`) builds the inputs and turns the
:class:`Outcome` into the engine's diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from .exemptions import Exemption, expired_note, match_exemption, parse_exemptions
from .messages import SecretSet
from .props import CheckedProps, Props, Read
from .settings import EXEMPTIONS_KEY, Setting

if TYPE_CHECKING:
    from .spec import PolicySpec
    from .state import PackState

T = TypeVar("T")


class NotApplicable(Exception):
    """Raised by ``not_applicable(reason)``: the policy does not apply to this resource or stack."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PolicyConfig:
    """One policy's configuration as the engine sent it, read through the policy's settings."""

    def __init__(self, raw: Mapping[str, Any] | None) -> None:
        self.raw: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
        self.exemptions: tuple[Exemption, ...] = parse_exemptions(self.raw.get(EXEMPTIONS_KEY))
        self._values: dict[str, Any] = {}

    def value(self, setting: Setting[T], state: PackState) -> T:
        if setting.key not in self._values:
            self._values[setting.key] = setting.read(self.raw, state.today)
        value: T = self._values[setting.key]
        return value


@dataclass
class Outcome:
    """What one policy concluded about one resource (or the stack)."""

    violations: list[tuple[str, str | None]] = field(default_factory=list)  # (message, urn)
    unverifiable: list[tuple[str, str]] = field(default_factory=list)  # (property, why)
    not_applicable: str | None = None
    # (property, expected type, MALFORMED): typed reads that found a value of another type, or none readable.
    wrong_types: list[tuple[str, str, bool]] = field(default_factory=list)
    error: str | None = None  # the type of an unexpected exception (never its text)
    _recorded: set[tuple[str, str]] = field(default_factory=set, repr=False)  # O(1) duplicate check
    # Stack policies: one not-applicable reason per resource an active exemption covered, in the form the
    # reports read (migration_guard/preview/report/exemptions.py): "exempted <URN>[ until DATE]: <reason>".
    exempted: list[str] = field(default_factory=list)

    def add_unverifiable(self, prop: str, why: str) -> None:
        if (prop, why) not in self._recorded:
            self._recorded.add((prop, why))
            self.unverifiable.append((prop, why))

    def unknown_message(self) -> str:
        unknowns = [f"{prop} is unknown during preview; {why}" for prop, why in self.unverifiable]
        return "; ".join(unknowns) + ". It is checked again at `pulumi up`, when the value is known."

    def first_unknown_path(self) -> list[str]:
        return self.unverifiable[0][0].split(".") if self.unverifiable else []


class _CheckBase:
    def __init__(self, spec: PolicySpec, config: PolicyConfig, state: PackState, secrets: SecretSet) -> None:
        self.spec = spec
        self.state = state
        self.exemptions = config.exemptions
        self.outcome = Outcome()
        self._config = config
        self._secrets = secrets

    def setting(self, setting: Setting[T]) -> T:
        """The configured value of one of this policy's settings (its default when unset or invalid)."""
        return self._config.value(setting, self.state)

    def unverifiable(self, prop: str, why: str) -> None:
        """Record that ``prop`` decides this policy but is unknown during preview.

        ``why`` says why the property matters; it must not contain the property's value.
        """
        self.outcome.add_unverifiable(prop, self._secrets.clean(why))

    def check_unknown(self, read: Read, why: str) -> bool:
        """When ``read`` is unknown (or holds an unknown), record it as unverifiable and return True."""
        if read.has_unknown():
            self.unverifiable(read.path, why)
            return True
        return False

    def not_applicable(self, reason: str) -> NoReturn:
        """Stop here: the policy does not apply (``reason`` is shown to the user)."""
        raise NotApplicable(self._secrets.clean(reason))

    def _report(self, message: str, urn: str | None, expired: Exemption | None) -> None:
        text = message + (expired_note(expired) if expired is not None else "")
        self.outcome.violations.append((self._secrets.clean(text), urn))


@dataclass(frozen=True)
class ResourceInput:
    """One Analyze request as every resource policy sees it (converted once)."""

    type: str
    name: str
    urn: str
    props: Props
    provider: Props
    stack_tags: Mapping[str, str]
    secrets: SecretSet


class ResourceCheck(_CheckBase):
    """What a resource policy's check function works with."""

    def __init__(self, spec: PolicySpec, resource: ResourceInput, config: PolicyConfig, state: PackState,
                 expired: Exemption | None = None) -> None:
        super().__init__(spec, config, state, resource.secrets)
        self.type: str = resource.type
        self.name: str = resource.name
        self.urn: str = resource.urn
        self.props: Props = CheckedProps(resource.props, self)  # typed reads report wrong types here
        self.provider: Props = resource.provider
        self.stack_tags: dict[str, str] = dict(resource.stack_tags)
        self._expired = expired

    @property
    def stack(self) -> str:
        return stack_from_urn(self.urn)

    def violation(self, message: str) -> None:
        """Report a violation. The message names properties, never their values."""
        self._report(message, None, self._expired)

    def wrong_type(self, path: str, expected: str, malformed: bool = False) -> None:
        """A typed read of ``path`` found a present value of another type (``malformed``: a value on its path
        has the wrong type, or it is cut off by the depth guard). Told by the Read itself; settled after the check."""
        if (path, expected, malformed) not in self.outcome.wrong_types:
            self.outcome.wrong_types.append((path, expected, malformed))

    def settle_wrong_types(self) -> None:
        """The rule for values of the wrong type, applied after the check ran: each property the policy
        read as one type but found of another is a violation (the property and the expected type, never
        the value), even when the policy found nothing else or concluded it does not apply - a value it
        cannot read is never treated as absent, so it cannot pass or be skipped on one. A policy that already
        failed closed on the property in its own words (a violation naming its top-level key) keeps them alone."""
        if not self.outcome.wrong_types:
            return
        self.outcome.not_applicable = None
        reported = [message for message, _ in self.outcome.violations]
        for path, expected, malformed in self.outcome.wrong_types:
            root = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(path.split('.', 1)[0].split('[', 1)[0])}(?![A-Za-z0-9_])")
            if not any(root.search(message) for message in reported):
                self.violation(wrong_type_message(path, expected, malformed))


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
    position: int = 0

    def depends_on(self, prop: str, target: StackResourceView) -> bool:
        return target.urn in self.property_dependencies.get(prop, ())

    def __hash__(self) -> int:
        return hash(self.urn)

    def __eq__(self, other: object) -> bool:
        return self is other


class StackIndex:
    """The resources of one AnalyzeStack request, indexed once and shared by every stack policy."""

    def __init__(self, resources: Sequence[StackResourceView], stack_tags: Mapping[str, str],
                 secrets: SecretSet) -> None:
        self.resources: list[StackResourceView] = list(resources)
        for position, resource in enumerate(self.resources):
            resource.position = position
        self.by_urn: dict[str, StackResourceView] = {r.urn: r for r in self.resources}
        self.by_type: dict[str, list[StackResourceView]] = {}
        for resource in self.resources:
            self.by_type.setdefault(resource.type, []).append(resource)
        self.stack_tags = stack_tags
        self.secrets = secrets
        self._named: dict[tuple[str, str], dict[str, list[StackResourceView]]] = {}

    def of_type(self, *types: str) -> list[StackResourceView]:
        if len(types) == 1:
            return list(self.by_type.get(types[0], ()))
        found = [r for t in dict.fromkeys(types) for r in self.by_type.get(t, ())]
        found.sort(key=lambda r: r.position)
        return found

    def named(self, types: Sequence[str], keys: Sequence[str], value: str) -> list[StackResourceView]:
        """Resources of ``types`` whose literal ``keys`` value equals ``value`` (case-insensitive)."""
        wanted = value.lower()
        found: dict[int, StackResourceView] = {}
        for type_ in dict.fromkeys(types):
            for key in dict.fromkeys(keys):
                for resource in self._name_table(type_, key).get(wanted, ()):
                    found.setdefault(resource.position, resource)
        return [found[p] for p in sorted(found)]

    def _name_table(self, type_: str, key: str) -> dict[str, list[StackResourceView]]:
        table = self._named.get((type_, key))
        if table is None:
            table = {}
            for resource in self.by_type.get(type_, ()):
                literal = resource.props.get(key).str()
                if literal:
                    table.setdefault(literal.lower(), []).append(resource)
            self._named[(type_, key)] = table
        return table


class StackCheck(_CheckBase):
    """What a stack policy's check function works with: the resources, indexed."""

    def __init__(self, spec: PolicySpec, index: StackIndex, config: PolicyConfig, state: PackState) -> None:
        super().__init__(spec, config, state, index.secrets)
        self.index = index
        self.resources = index.resources
        self.by_urn = index.by_urn
        self.stack_tags: dict[str, str] = dict(index.stack_tags)
        state.ledger.note(spec.name, self.exemptions)  # configured, even if nothing is ever reported

    def of_type(self, *types: str) -> list[StackResourceView]:
        return self.index.of_type(*types)

    def named(self, types: Sequence[str], keys: Sequence[str], value: str) -> list[StackResourceView]:
        return self.index.named(types, keys, value)

    def deps(self, resource: StackResourceView, prop: str) -> list[StackResourceView]:
        """The resources the value of ``resource.prop`` came from (property dependencies)."""
        return [self.by_urn[u] for u in resource.property_dependencies.get(prop, ()) if u in self.by_urn]

    def analyzed(self, resource: StackResourceView) -> Props | None:
        """The Analyze inputs this pack process saw for the resource in this preview (None if none)."""
        return self.state.analyzed(resource.urn)

    def violation(self, message: str, resource: StackResourceView | None = None) -> None:
        if resource is None:
            self._report(message, None, None)
            return
        active, expired = self._match(resource)
        if active is None:
            self._report(message, resource.urn, expired)
            return
        until = f" until {active.expires.isoformat()}" if active.expires else ""
        note = self._secrets.clean(f"exempted {resource.urn}{until}: {active.reason}")
        if note not in self.outcome.exempted:
            self.outcome.exempted.append(note)

    def unverifiable_for(self, resource: StackResourceView | None, prop: str, why: str) -> None:
        if resource is not None and self.is_exempt(resource):
            return
        label = f"{resource.name}.{prop}" if resource is not None else prop
        self.unverifiable(label, why)

    def is_exempt(self, resource: StackResourceView) -> bool:
        """True when an active exemption of this policy covers the resource."""
        return self._match(resource)[0] is not None

    def _match(self, resource: StackResourceView) -> tuple[Exemption | None, Exemption | None]:
        if not self.exemptions:
            return None, None
        active, expired = match_exemption(self.exemptions, resource.name, resource.urn, self.state.today())
        self.state.ledger.note(self.spec.name, self.exemptions, active or expired)  # an expired exemption that matches is stale, not unused
        return active, expired


def wrong_type_message(path: str, expected: str, malformed: bool = False) -> str:
    """The violation for a value a policy cannot read: the property and the expected type, never the value."""
    if malformed:
        return (f"{path} cannot be read (expected {expected}; a value on its path has the wrong type, or it is "
                "nested too deeply): the policy cannot judge it, so it does not pass. Give it the documented shape.")
    return (f"{path} has the wrong type (expected {expected}): the policy cannot read it, so it does not pass. "
            f"Set {path} to a value of that type.")


def stack_from_urn(urn: str) -> str:
    # urn:pulumi:<stack>::<project>::<type chain>::<name>
    if urn.startswith("urn:pulumi:"):
        return urn[len("urn:pulumi:") :].split("::", 1)[0]
    return ""
