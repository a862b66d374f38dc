"""Typed policy settings: each declared once (type, default, bounds, description).

A policy declares its settings as module constants and reads them with ``r.setting(SETTING)``::

    MIN_DAYS = IntSetting("minDays", default=7, minimum=1, maximum=35, description="...")

Each setting yields its JSON schema (the pack's policy schema is the union, with
``additionalProperties: false`` so a misspelt key is an error in the Pulumi CLI too) and a typed
read of the configured value. A value that does not fit (a number where a list is expected, NaN,
an impossible date, a regular expression that can backtrack catastrophically) is never used: the
read falls back to the declared default, so a direct Configure can never make a policy crash.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T", covariant=True)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Today = Callable[[], dt.date]


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One configuration key of a policy."""

    key: str
    description: str

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def default_value(self, today: Today) -> T:
        raise NotImplementedError

    def accept(self, raw: Any, today: Today) -> T | None:
        """The typed value of ``raw``, or None when it does not fit the declaration."""
        raise NotImplementedError

    def read(self, config: Mapping[str, Any], today: Today) -> T:
        """The configured value, or the default when the key is missing or its value does not fit."""
        if self.key in config:
            value = self.accept(config[self.key], today)
            if value is not None:
                return value
        return self.default_value(today)


def _is_number(raw: Any) -> bool:
    return isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw)


@dataclass(frozen=True)
class BoolSetting(Setting[bool]):
    default: bool = False

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean", "default": self.default, "description": self.description}

    def default_value(self, today: Today) -> bool:
        return self.default

    def accept(self, raw: Any, today: Today) -> bool | None:
        return raw if isinstance(raw, bool) else None


@dataclass(frozen=True)
class IntSetting(Setting[int]):
    default: int = 0
    minimum: int | None = None
    maximum: int | None = None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer", "default": self.default}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        out["description"] = self.description
        return out

    def default_value(self, today: Today) -> int:
        return self.default

    def accept(self, raw: Any, today: Today) -> int | None:
        return _accept_int(raw, self.minimum, self.maximum)


def _accept_int(raw: Any, minimum: int | None, maximum: int | None) -> int | None:
    if not _is_number(raw) or float(raw) != int(raw):
        return None
    value = int(raw)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return None
    return value


@dataclass(frozen=True)
class StrSetting(Setting[str]):
    default: str = ""
    enum: tuple[str, ...] | None = None
    pattern: str | None = None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.enum is not None:
            out["enum"] = list(self.enum)
        if self.pattern is not None:
            out["pattern"] = self.pattern
        out["default"] = self.default
        out["description"] = self.description
        return out

    def default_value(self, today: Today) -> str:
        return self.default

    def accept(self, raw: Any, today: Today) -> str | None:
        return _accept_str(raw, self.enum, self.pattern)


def _accept_str(raw: Any, enum: Sequence[str] | None, pattern: str | None) -> str | None:
    if not isinstance(raw, str) or len(raw) > 4096:
        return None
    if enum is not None and raw not in enum:
        return None
    if pattern is not None and re.search(pattern, raw) is None:
        return None
    return raw


# A group that repeats (+, *, {n,}) and itself holds a repeated element or an alternation: the
# shapes ((a+)+, (a|a)*, (.*)*) that make a backtracking engine take exponential time.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*}]|\|)(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})")
_BACKREFERENCE = re.compile(r"\\[1-9]")


def regex_is_safe(pattern: str) -> bool:
    """False for a pattern that can backtrack catastrophically: a nested quantifier ((a+)+, (a|a)*),
    a back-reference, or an oversized pattern. (A pattern that does not compile is the policy's to
    handle: it may match it as literal text.)"""
    return not (len(pattern) > 512 or _NESTED_QUANTIFIER.search(pattern) or _BACKREFERENCE.search(pattern))


@dataclass(frozen=True)
class StrListSetting(Setting[tuple[str, ...]]):
    default: tuple[str, ...] = ()
    item_enum: tuple[str, ...] | None = None
    item_pattern: str | None = None
    regex: bool = False  # each item is a regular expression (rejected when it can backtrack badly)

    def schema(self) -> dict[str, Any]:
        items: dict[str, Any] = {"type": "string"}
        if self.item_enum is not None:
            items["enum"] = list(self.item_enum)
        if self.item_pattern is not None:
            items["pattern"] = self.item_pattern
        return {"type": "array", "items": items, "default": list(self.default), "description": self.description}

    def default_value(self, today: Today) -> tuple[str, ...]:
        return self.default

    def accept(self, raw: Any, today: Today) -> tuple[str, ...] | None:
        if not isinstance(raw, (list, tuple)) or len(raw) > 10_000:
            return None
        items = [_accept_str(item, self.item_enum, self.item_pattern) for item in raw]
        if any(item is None for item in items):
            return None
        values = tuple(item for item in items if item is not None)
        if self.regex and not all(regex_is_safe(item) for item in values):
            return None
        return values


@dataclass(frozen=True)
class IntListSetting(Setting[tuple[int, ...]]):
    default: tuple[int, ...] = ()
    item_minimum: int | None = None
    item_maximum: int | None = None

    def schema(self) -> dict[str, Any]:
        items: dict[str, Any] = {"type": "integer"}
        if self.item_minimum is not None:
            items["minimum"] = self.item_minimum
        if self.item_maximum is not None:
            items["maximum"] = self.item_maximum
        return {"type": "array", "items": items, "default": list(self.default), "description": self.description}

    def default_value(self, today: Today) -> tuple[int, ...]:
        return self.default

    def accept(self, raw: Any, today: Today) -> tuple[int, ...] | None:
        if not isinstance(raw, (list, tuple)) or len(raw) > 100_000:
            return None
        items = [_accept_int(item, self.item_minimum, self.item_maximum) for item in raw]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)


@dataclass(frozen=True)
class DateSetting(Setting[dt.date]):
    """A date (YYYY-MM-DD); empty or missing means today from the pack clock."""

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "default": "",
            "pattern": r"^(\d{4}-\d{2}-\d{2})?$",
            "description": self.description,
        }

    def default_value(self, today: Today) -> dt.date:
        return today()

    def accept(self, raw: Any, today: Today) -> dt.date | None:
        if not isinstance(raw, str) or not _DATE.match(raw):
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:  # an impossible date (2026-02-30)
            return None


EXEMPTIONS_KEY = "exemptions"

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
class SettingsSchema:
    """The JSON schema of one policy's configuration."""

    settings: tuple[Setting[Any], ...] = field(default_factory=tuple)

    def properties(self) -> dict[str, Any]:
        properties = {setting.key: setting.schema() for setting in self.settings}
        properties[EXEMPTIONS_KEY] = EXEMPTIONS_SCHEMA
        return properties
