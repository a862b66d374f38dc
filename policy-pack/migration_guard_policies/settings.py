"""Typed policy settings: each declared once (type, default, bounds, description).

A policy declares its settings as module constants and reads them with ``r.setting(SETTING)``::

    MIN_DAYS = IntSetting("minDays", default=7, minimum=1, maximum=35, description="...")

Each setting yields its JSON schema (the pack's policy schema is the union), its problems with a
configured value and a typed read of it. :func:`config_problems` is the one validator of a policy's
configuration: the pack's Configure refuses a config with any problem (a misspelt key, a wrong type,
NaN or Infinity, an impossible date, a regular expression that does not compile or can backtrack
catastrophically), each worded as gojsonschema words it (xeipuuv/gojsonschema ``locales.go``, the
validator of the Pulumi CLI), ``<field>: <description>``. The Pulumi CLI cannot catch all of these:
only ``properties`` and ``required`` of a schema reach its validator (pulumi/pulumi
``pkg/resource/analyzer/config.go``, ``convertSchema``), and a direct Configure skips it altogether.
A read still never uses a value with a problem (it falls back to the declared default), so a policy
composed into another pack can never crash on one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T", covariant=True)

_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_OPTIONAL_DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"
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

    def problems(self, raw: Any, where: str) -> list[str]:
        """Every problem of ``raw`` as a value of this setting, each ``<where>: <description>``."""
        raise NotImplementedError

    def convert(self, raw: Any) -> T:
        """The typed value of a ``raw`` without problems."""
        raise NotImplementedError

    def accept(self, raw: Any, today: Today) -> T | None:
        """The typed value of ``raw``, or None when it does not fit the declaration."""
        return None if self.problems(raw, self.key) else self.convert(raw)

    def read(self, config: Mapping[str, Any], today: Today) -> T:
        """The configured value, or the default when the key is missing or its value does not fit."""
        if self.key in config:
            value = self.accept(config[self.key], today)
            if value is not None:
                return value
        return self.default_value(today)


def json_type_name(value: Any) -> str:
    """gojsonschema's name of a decoded JSON value's type (a whole number is an integer)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "non-finite number"  # NaN or Infinity: no JSON document can hold one
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def go_number(value: float) -> str:
    """Go's ``%v`` of a JSON number (a whole number without a fraction; an int as it is, however large)."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _type_problem(raw: Any, expected: str, where: str) -> list[str]:
    return [f"{where}: Invalid type. Expected: {expected}, given: {json_type_name(raw)}"]


def _int_problems(raw: Any, minimum: int | None, maximum: int | None, where: str) -> list[str]:
    if json_type_name(raw) != "integer":
        return _type_problem(raw, "integer", where)
    if minimum is not None and raw < minimum:
        return [f"{where}: Must be greater than or equal to {go_number(minimum)}"]
    if maximum is not None and raw > maximum:
        return [f"{where}: Must be less than or equal to {go_number(maximum)}"]
    return []


def _str_problems(raw: Any, enum: Sequence[str] | None, pattern: str | None, where: str,
                  max_length: int = 4096) -> list[str]:
    if not isinstance(raw, str):
        return _type_problem(raw, "string", where)
    if len(raw) > max_length:
        return [f"{where}: String length must be less than or equal to {max_length}"]
    if enum is not None and raw not in enum:
        allowed = ", ".join(json.dumps(v) for v in enum)
        return [f"{where}: {where} must be one of the following: {allowed}"]
    if pattern is not None and re.search(pattern, raw) is None:
        return [f"{where}: Does not match pattern '{pattern}'"]
    return []


def _array_problems(raw: Any, max_items: int, where: str) -> list[str]:
    if not isinstance(raw, (list, tuple)):
        return _type_problem(raw, "array", where)
    if len(raw) > max_items:
        return [f"{where}: Array must have at most {max_items} items"]
    return []


@dataclass(frozen=True)
class BoolSetting(Setting[bool]):
    default: bool = False

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean", "default": self.default, "description": self.description}

    def default_value(self, today: Today) -> bool:
        return self.default

    def problems(self, raw: Any, where: str) -> list[str]:
        return [] if isinstance(raw, bool) else _type_problem(raw, "boolean", where)

    def convert(self, raw: Any) -> bool:
        return bool(raw)


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

    def problems(self, raw: Any, where: str) -> list[str]:
        return _int_problems(raw, self.minimum, self.maximum, where)

    def convert(self, raw: Any) -> int:
        return int(raw)


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

    def problems(self, raw: Any, where: str) -> list[str]:
        return _str_problems(raw, self.enum, self.pattern, where)

    def convert(self, raw: Any) -> str:
        return str(raw)


# A group that repeats (+, *, {n,}) and itself holds a repeated element or an alternation: the
# shapes ((a+)+, (a|a)*, (.*)*) that make a backtracking engine take exponential time.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*}]|\|)(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})")
_BACKREFERENCE = re.compile(r"\\[1-9]")


def regex_is_safe(pattern: str) -> bool:
    """False for a pattern that can backtrack catastrophically: a nested quantifier ((a+)+, (a|a)*),
    a back-reference, or an oversized pattern."""
    return not (len(pattern) > 512 or _NESTED_QUANTIFIER.search(pattern) or _BACKREFERENCE.search(pattern))


def regex_problems(pattern: str, where: str) -> list[str]:
    """A pattern that does not compile (gojsonschema's ``regex`` format wording) or is unsafe."""
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return [f"{where}: Does not match format 'regex'"]
    if not regex_is_safe(pattern):
        return [f"{where}: Does not match format 'regex': it can backtrack catastrophically (a nested "
                "quantifier, a back-reference or more than 512 characters); rewrite it without them"]
    return []


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

    def problems(self, raw: Any, where: str) -> list[str]:
        found = _array_problems(raw, 10_000, where)
        if found:
            return found
        for index, item in enumerate(raw):
            item_where = f"{where}.{index}"
            item_problems = _str_problems(item, self.item_enum, self.item_pattern, item_where)
            if not item_problems and self.regex:
                item_problems = regex_problems(item, item_where)
            found.extend(item_problems)
        return found

    def convert(self, raw: Any) -> tuple[str, ...]:
        return tuple(str(item) for item in raw)


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

    def problems(self, raw: Any, where: str) -> list[str]:
        found = _array_problems(raw, 100_000, where)
        if found:
            return found
        for index, item in enumerate(raw):
            found.extend(_int_problems(item, self.item_minimum, self.item_maximum, f"{where}.{index}"))
        return found

    def convert(self, raw: Any) -> tuple[int, ...]:
        return tuple(int(item) for item in raw)


@dataclass(frozen=True)
class DateSetting(Setting[dt.date]):
    """A date (YYYY-MM-DD); empty or missing means today from the pack clock."""

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "default": "",
            "pattern": _OPTIONAL_DATE_PATTERN,
            "description": self.description,
        }

    def default_value(self, today: Today) -> dt.date:
        return today()

    def problems(self, raw: Any, where: str) -> list[str]:
        found = _str_problems(raw, None, _OPTIONAL_DATE_PATTERN, where)
        return found or (date_problems(raw, where) if raw else [])

    def convert(self, raw: Any) -> dt.date:
        return dt.date.fromisoformat(raw)

    def accept(self, raw: Any, today: Today) -> dt.date | None:
        if raw == "":
            return None  # empty: today, from the pack clock (the default)
        return super().accept(raw, today)


def date_problems(raw: str, where: str) -> list[str]:
    """An impossible calendar date (2027-02-30): gojsonschema's ``date`` format wording."""
    try:
        dt.date.fromisoformat(raw)
    except ValueError:
        return [f"{where}: Does not match format 'date'"]
    return []


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
            "expires": {"type": "string", "pattern": _DATE_PATTERN},
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

_EXEMPTION_KEYS = ("resource", "reason", "expires")
MAX_EXEMPTION_RESOURCE = 1024


def exemption_problems(raw: Any, where: str = EXEMPTIONS_KEY) -> list[str]:
    """Every problem of an ``exemptions`` value against :data:`EXEMPTIONS_SCHEMA`, real dates included."""
    found = _array_problems(raw, 10_000, where)
    if found:
        return found
    for index, item in enumerate(raw):
        item_where = f"{where}.{index}"
        if not isinstance(item, Mapping):
            found.extend(_type_problem(item, "object", item_where))
            continue
        found.extend(f"{item_where}: Additional property {key} is not allowed"
                     for key in sorted(str(k) for k in item) if key not in _EXEMPTION_KEYS)
        for key in ("resource", "reason"):
            if key not in item:
                found.append(f"{item_where}: {key} is required")
                continue
            value = item[key]
            limit = MAX_EXEMPTION_RESOURCE if key == "resource" else 4096
            problems = _str_problems(value, None, None, f"{item_where}.{key}", max_length=limit)
            if not problems and not value:
                problems = [f"{item_where}.{key}: String length must be greater than or equal to 1"]
            found.extend(problems)
        if "expires" in item:
            expires_where = f"{item_where}.expires"
            problems = _str_problems(item["expires"], None, _DATE_PATTERN, expires_where)
            found.extend(problems or date_problems(item["expires"], expires_where))
    return found


def config_problems(settings: Sequence[Setting[Any]], config: Mapping[str, Any]) -> list[str]:
    """Every problem of one policy's configuration, sorted: keys no setting declares (gojsonschema's
    ``Additional property K is not allowed``), values that do not fit their setting, exemptions that do
    not fit :data:`EXEMPTIONS_SCHEMA` (impossible dates included). Empty when the config can be used."""
    declared = {setting.key: setting for setting in settings}
    found: list[str] = []
    for key in sorted(str(k) for k in config):
        if key == EXEMPTIONS_KEY:
            found.extend(exemption_problems(config[key]))
        elif key in declared:
            found.extend(declared[key].problems(config[key], key))
        else:
            found.append(f"Additional property {key} is not allowed")
    return sorted(found)
