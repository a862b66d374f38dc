"""Stack policies under the real engine's AnalyzeStack: planned outputs, program inputs, literal-name links.

During `pulumi preview` the engine sends AnalyzeStack the planned outputs of every resource
(pkg/resource/deploy/step_generator.go, stepGenerator.AnalyzeResources: ``Properties: v.Outputs``). In them
every computed attribute the program did not set is unknown (a ClusterInstance's availabilityZone, a
Subnet's availabilityZone when only availabilityZoneId was set, every id). The Analyze inputs this pack
process saw for the same URN (``StackCheck.analyzed``) tell "the program did not set it" (the provider or
AWS decides) from "the program set it from an output that is unknown during preview".

Links by literal identifier go through one index per check, so a stack policy stays linear in the number
of resources.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...context import StackCheck, StackResourceView
from ...props import Props, Read, State
from ..stack_links import Zone


def analyzed_inputs(ctx: StackCheck, resource: StackResourceView) -> Props | None:
    """The Analyze inputs of ``resource`` in this preview, when the pack process saw them."""
    return ctx.analyzed(resource)


def planned(ctx: StackCheck, resource: StackResourceView, prop: str) -> Read:
    """``resource.prop`` as the program set it.

    A known output is returned as it is. An unknown output is ABSENT when the program did not set the
    property (the provider computes it), the program's literal when it set one, and stays UNKNOWN when
    the program set it from an unknown output or the inputs were not seen.
    """
    output = resource.props.get(prop)
    if not output.unknown:
        return output
    inputs = analyzed_inputs(ctx, resource)
    if inputs is None:
        return output
    given = inputs.get(prop)
    if given.state in (State.ABSENT, State.NULL):
        return Read(prop, State.ABSENT)
    if given.state is State.VALUE and not given.has_unknown():
        return given
    return output


def planned_zone(ctx: StackCheck, resource: StackResourceView) -> Zone | Read:
    """The literal AZ of a resource (name or id), or the Read that hides it (ABSENT: the provider picks)."""
    keys = ("availabilityZone", "availabilityZoneId")
    reads = [planned(ctx, resource, key) for key in keys]
    for key, read in zip(keys, reads, strict=True):
        value = read.str()
        if value:
            return Zone(key, value)
    for read in reads:
        if read.unknown:
            return read
    return reads[0]


class NameIndex:
    """Resources of some types by their literal identifiers (their id and name properties), looked up in the
    stack's O(1) literal-name index (``StackCheck.named``)."""

    def __init__(self, ctx: StackCheck, types: Sequence[str], keys: Sequence[str]) -> None:
        self.ctx = ctx
        self.types = tuple(types)
        self.keys = ("id", *keys)

    def named(self, value: str) -> list[StackResourceView]:
        return self.ctx.named(self.types, self.keys, value)


def referenced(ctx: StackCheck, index: NameIndex, resource: StackResourceView, prop: str) -> list[StackResourceView]:
    """Resources of the index's types that ``resource.prop`` refers to: by property dependency or literal."""
    found = [d for d in ctx.deps(resource, prop) if d.type in index.types]
    read = resource.props.get(prop)
    values = [read.value] if isinstance(read.value, str) else [v for v in read.list() or [] if isinstance(v, str)]
    for value in values:
        for target in index.named(value):
            if target not in found:
                found.append(target)
    return found


def members(ctx: StackCheck, index: NameIndex, member_types: Sequence[str], prop: str
            ) -> tuple[dict[str, list[StackResourceView]], list[StackResourceView]]:
    """(owner URN -> members whose ``prop`` refers to it, members whose owner cannot be told in preview)."""
    by_owner: dict[str, list[StackResourceView]] = {}
    undecided: list[StackResourceView] = []
    for member in ctx.of_type(*member_types):
        owners = referenced(ctx, index, member, prop)
        for owner in owners:
            by_owner.setdefault(owner.urn, []).append(member)
        if not owners and member.props.get(prop).has_unknown():
            undecided.append(member)
    return by_owner, undecided


class Links:
    """Literal-identifier indexes built on first use, one per (types, keys), for the length of one check."""

    def __init__(self, ctx: StackCheck) -> None:
        self.ctx = ctx
        self._indexes: dict[tuple[tuple[str, ...], tuple[str, ...]], NameIndex] = {}

    def index(self, types: Sequence[str], keys: Sequence[str] = ()) -> NameIndex:
        key = (tuple(types), tuple(keys))
        found = self._indexes.get(key)
        if found is None:
            found = self._indexes[key] = NameIndex(self.ctx, types, keys)
        return found

    def to(self, resource: StackResourceView, prop: str, types: Sequence[str],
           keys: Sequence[str] = ()) -> list[StackResourceView]:
        """What ``resource.prop`` refers to among ``types`` (property dependency or literal identifier)."""
        return referenced(self.ctx, self.index(types, keys), resource, prop)
