"""Shared rule shapes: simple policies are declarations (in the spirit of Checkov's value checks).

Each shape returns a check function for :class:`~migration_guard_policies.context.ResourceCheck`;
combine them with :func:`all_of` and guard them with :func:`when`. Messages name the property and
never its value. A value that cannot be read (a wrong type, MALFORMED) never counts as absent:
each shape fails closed on it - a typed read of a wrong type is the context's wrong-type violation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .context import ResourceCheck
from .props import State
from .settings import Setting

Check = Callable[[ResourceCheck], None]
Predicate = Callable[[ResourceCheck], bool]

_AWS_MANAGED_ALIAS = re.compile(r"^(?:arn:aws[a-z-]*:kms:[a-z0-9-]*:\d*:)?alias/aws/", re.IGNORECASE)


def is_aws_managed_key(value: Any) -> bool:
    """True for an AWS-managed key named by alias (``alias/aws/rds``) or alias ARN
    (``arn:aws:kms:<region>:<account>:alias/aws/rds``). Key ids, key ARNs, customer aliases and
    unknown values are customer-managed (or cannot be told) and give False."""
    return isinstance(value, str) and _AWS_MANAGED_ALIAS.match(value.strip()) is not None


def require_true(path: str, *, violation: str, why: str) -> Check:
    """``path`` must be true; unknown is unverifiable (``why`` says why it matters)."""

    def check(r: ResourceCheck) -> None:
        read = r.props.get(path)
        if r.check_unknown(read, why):
            return
        if not read.is_true():
            r.violation(violation)

    return check


def require_set(path: str, *, violation: str, kind: str | None = None) -> Check:
    """``path`` must be set to a non-empty value; an unknown value counts as set. With ``kind`` (boolean,
    string, integer, number, array, object), a value of another kind is the wrong-type violation."""

    def check(r: ResourceCheck) -> None:
        read = r.props.get(path)
        if kind is not None:
            read.expect(kind)
        if not read.present:
            r.violation(violation)

    return check


def require_at_least(path: str, setting: Setting[int], *, violation: str, why: str) -> Check:
    """``path`` must be a number of at least the setting's value. ``violation`` may use
    ``{minimum}`` (the configured value) and ``{path}``."""

    def check(r: ResourceCheck) -> None:
        minimum = r.setting(setting)
        read = r.props.get(path)
        if r.check_unknown(read, why):
            return
        value = read.int()
        if value is None or value < minimum:
            r.violation(violation.format(minimum=minimum, path=path))

    return check


def require_one_of(path: str, allowed: Sequence[str], *, violation: str, why: str) -> Check:
    """``path`` must be one of ``allowed`` (case-insensitive); unknown is unverifiable."""
    wanted = {item.lower() for item in allowed}

    def check(r: ResourceCheck) -> None:
        read = r.props.get(path)
        if r.check_unknown(read, why):
            return
        value = read.str()
        if value is None or value.lower() not in wanted:
            r.violation(violation)

    return check


def require_customer_managed_key(path: str, *, violation: str) -> Check:
    """``path`` must name a customer-managed KMS key: set (unknown counts: an ARN computed from a
    key of the stack), and not an AWS-managed alias in any form."""

    def check(r: ResourceCheck) -> None:
        read = r.props.get(path)
        if read.state is State.VALUE and read.str() is None:
            return  # a key that is not a string: the wrong-type violation (ResourceCheck.settle_wrong_types)
        if read.state is State.MALFORMED or not read.present or is_aws_managed_key(read.value):
            r.violation(violation)

    return check


def when(predicate: Predicate, check: Check) -> Check:
    """Run ``check`` only when ``predicate`` holds."""

    def guarded(r: ResourceCheck) -> None:
        if predicate(r):
            check(r)

    return guarded


def all_of(*checks: Check) -> Check:
    """Run every check in order (each reports its own violations)."""

    def combined(r: ResourceCheck) -> None:
        for check in checks:
            check(r)

    return combined
