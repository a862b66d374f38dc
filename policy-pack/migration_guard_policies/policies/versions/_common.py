"""Helpers shared by the version policies: the evaluation date and how engine versions are read."""

from __future__ import annotations

import datetime as dt
from typing import cast

from ...context import ResourceCheck, StackCheck
from ...props import Read, State
from ...settings import DateSetting
from ._catalog import Catalog

AS_OF = DateSetting(
    "asOf",
    description="Evaluation date (YYYY-MM-DD) for support dates; empty means today (UTC). Set it to make results reproducible.",
)

ECHOES = frozenset({"engine", "engineVersion", "autoMinorVersionUpgrade", "engineLifecycleSupport"})


def as_of(ctx: ResourceCheck | StackCheck) -> dt.date:
    """The configured evaluation date, or today (the pack clock) when asOf is empty or not a date."""
    return ctx.setting(AS_OF)


def catalog_of(ctx: ResourceCheck | StackCheck) -> Catalog:
    """The engine-version catalog from the pack state's injected source (a frozen copy in tests)."""
    return cast(Catalog, ctx.state.catalog())


def version_text(read: Read) -> str | None:
    """An engine version as text: strings as they are, numbers (16, 8.0) as the program wrote them."""
    if read.state is not State.VALUE:
        return None
    value = read.value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return None


def is_unset(read: Read) -> bool:
    return read.state in (State.ABSENT, State.NULL) or (read.state is State.VALUE and read.value == "")


def lower(read: Read) -> str | None:
    text = read.str()
    return text.strip().lower() if text and text.strip() else None
