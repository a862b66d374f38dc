"""An unknown-aware, never-raising view of resource properties.

pulumi-policy hands a policy read-only proxies that raise ``UnknownValueError`` on any access to
an unknown value (even ``"k" in props`` and ``props.get("k")``), numbers as floats, and secrets in
plaintext. Policies never touch any of that: they read through :class:`Props`, which converts the
proxies once into plain Python values with :data:`UNKNOWN` standing for every unknown sentinel, and
answers every read with a :class:`Read` that says whether the value is absent, unknown, null,
malformed or present.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, Protocol

# The sentinels the engine sends for values unknown during preview (one per kind).
UNKNOWN_SENTINELS: dict[str, str] = {
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9": "string",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7": "boolean",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421": "number",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2": "array",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff": "object",
    "030794c1-ac77-496b-92df-f27374a8bd58": "asset",
    "e48ece36-62e2-4504-bad9-02848725956a": "archive",
}


class _Unknown:
    """The one value standing for "unknown during preview" in plain property data."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:  # an unknown is never silently truthy or falsy
        raise TypeError("UNKNOWN has no truth value; use Read.state")


UNKNOWN: Any = _Unknown()


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN


def _unwrap(obj: Any) -> Any:
    """Return the raw object behind a pulumi-policy proxy (unknown-checking or secret-preserving)."""
    for _ in range(8):  # proxies can nest (a secrets proxy around an unknown-checking proxy)
        if type(obj).__name__ in ("_DictProxy", "_ListProxy", "_DictSecretsProxy", "_ListSecretsProxy"):
            try:
                obj = obj["__target"]
            except Exception:  # pragma: no cover - a proxy without a target is not one of pulumi-policy's
                return obj
            continue
        if type(obj).__name__ == "Secret" and hasattr(obj, "value"):
            obj = obj.value
            continue
        return obj
    return obj


# Deeper than this, a property value is cut off and reads as MALFORMED: no AWS resource nests its
# inputs anywhere near this deep, and a hostile depth must neither crash nor slow the pack.
MAX_DEPTH = 100
# JSON documents held in string properties (policies, task settings, container definitions).
MAX_JSON_DEPTH = 100


class _TooDeep:
    """A value cut off by the depth guard: it exists, but nothing can be read from it."""

    _instance: _TooDeep | None = None

    def __new__(cls) -> _TooDeep:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "TOO_DEEP"


TOO_DEEP: Any = _TooDeep()

# What the pack's request parser puts where it cut a value off (compat/wire.py): read as TOO_DEEP.
TOO_DEEP_MARKER = "migration-guard:too-deep:5b0f3c2e-1d8a-4c47-9a55-0c1f2a7e9d31"


@dataclass(frozen=True)
class Opaque:
    """An asset or archive (Lambda code, ...): present, but not property data."""

    kind: str


def _plain_scalar(value: Any) -> Any:
    if isinstance(value, str):
        if value == TOO_DEEP_MARKER:
            return TOO_DEEP
        return UNKNOWN if value in UNKNOWN_SENTINELS else value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**63:
            return int(value)
        return value
    return value


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (list, tuple)) or (
        isinstance(value, Sequence) and not isinstance(value, (bytes, str, bytearray))
    )


def to_plain(value: Any, max_depth: int = MAX_DEPTH) -> Any:
    """Convert SDK property data (proxies, sentinels, floats, secrets) into plain Python values.

    Unknown sentinels become :data:`UNKNOWN`; integral floats become ints (the protobuf Struct
    turns every number into a float); secrets are unwrapped. Iterative: values nested deeper than
    ``max_depth`` become :data:`TOO_DEEP` instead of exhausting the stack.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int]] = [(value, root, 0, 0)]  # (source, container, slot, depth)
    while stack:
        source, container, slot, depth = stack.pop()
        source = _unwrap(source)
        if source is UNKNOWN or source is None or isinstance(source, (bool, int, float, str)):
            container[slot] = _plain_scalar(source)
        elif depth > max_depth:
            container[slot] = TOO_DEEP
        elif isinstance(source, Mapping):
            out: dict[str, Any] = {}
            container[slot] = out
            for key in list(iter(source)):
                try:
                    raw = source[key]
                except Exception:  # an unknown-checking proxy raising on access: an unknown value
                    raw = UNKNOWN
                out[str(key)] = None
                stack.append((raw, out, str(key), depth + 1))
        elif _is_sequence(source):
            items: list[Any] = [None] * len(source)
            container[slot] = items
            for index in range(len(source)):
                try:
                    raw = source[index]
                except Exception:
                    raw = UNKNOWN
                stack.append((raw, items, index, depth + 1))
        else:
            container[slot] = source  # assets, archives and anything exotic are kept as they are
    return root[0]


def plain_from_wire(struct: Any, secrets: Any, sig_key: str, secret_sig: str, max_depth: int = MAX_DEPTH) -> Any:
    """Convert a protobuf Struct, as the engine sends it, straight into plain values.

    The same values as ``to_plain(deserialize_properties(MessageToDict(struct)))`` (the SDK's path),
    in one iterative pass: unknown sentinels become UNKNOWN, secrets are unwrapped and their leaf
    values added to ``secrets`` (a :class:`~migration_guard_policies.messages.SecretSet`), assets and
    archives become :class:`Opaque`, and anything nested deeper than ``max_depth`` becomes TOO_DEEP.
    """
    root: dict[str, Any] = {}
    # (the Struct's fields map or the ListValue's values, container, depth of the values, inside a secret).
    # One loop with the per-value work inline: this runs for every value of every resource of a stack.
    stack: list[tuple[Any, Any, int, bool]] = [(struct.fields, root, 1, False)]
    pop, push = stack.pop, stack.append
    sentinels, marker, limit = UNKNOWN_SENTINELS, TOO_DEEP_MARKER, 2**63
    while stack:
        items, container, depth, in_secret = pop()
        is_map = type(container) is dict
        for entry in items:
            value = items[entry] if is_map else entry
            secret = in_secret
            out: Any = None
            while True:
                kind = value.WhichOneof("kind")
                if kind == "string_value":
                    out = value.string_value
                    if out in sentinels:
                        out = UNKNOWN
                    elif out == marker:
                        out = TOO_DEEP
                    elif secret:
                        secrets.add_leaf(out)
                elif kind == "number_value":
                    out = value.number_value
                    if out.is_integer() and abs(out) < limit:
                        out = int(out)
                    if secret:
                        secrets.add_leaf(out)
                elif kind == "bool_value":
                    out = value.bool_value
                elif kind == "struct_value":
                    fields = value.struct_value.fields
                    if sig_key in fields:
                        if fields[sig_key].string_value == secret_sig:
                            if "value" in fields:
                                value, secret = fields["value"], True
                                continue  # the secret's value, unwrapped
                        else:
                            out = Opaque("asset-or-archive")
                    elif depth > max_depth:
                        out = TOO_DEEP
                    else:
                        out = {}
                        push((fields, out, depth + 1, secret))
                elif kind == "list_value":
                    if depth > max_depth:
                        out = TOO_DEEP
                    else:
                        out = []
                        push((value.list_value.values, out, depth + 1, secret))
                break  # null_value, or no kind set: None
            if is_map:
                container[entry] = out
            else:
                container.append(out)
    return root


class State(Enum):
    ABSENT = "absent"  # the key is not there at all
    NULL = "null"  # the key is there with a null value
    UNKNOWN = "unknown"  # the value will only be known after the update
    MALFORMED = "malformed"  # the value is not of the shape the reader asked for (bad JSON, ...)
    VALUE = "value"  # a known value


_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


def _parse_path(path: str) -> list[str | int]:
    return list(_parsed_path(path)) if len(path) <= _CACHED_PATH_LENGTH else list(_split_path(path))


def _split_path(path: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for name, index in _PATH_TOKEN.findall(path):
        if name:
            parts.append(name)
        elif index == "*":
            parts.append("*")
        else:
            parts.append(int(index))
    return tuple(parts)


# Policies read the same few hundred paths for every resource: their parsed forms are kept (a pure
# function of the path; bounded, and long paths are not kept).
_CACHED_PATH_LENGTH = 256
_parsed_path = lru_cache(maxsize=4096)(_split_path)


class WrongTypeSink(Protocol):
    """Told of every typed read that finds a value of another type (a check context: it decides)."""

    def wrong_type(self, path: str, expected: str, malformed: bool) -> None: ...


@dataclass(frozen=True)
class Read:
    """The outcome of reading one property path.

    A typed read (:meth:`bool`, :meth:`str`, :meth:`int`, :meth:`number`, :meth:`list`, :meth:`map`)
    of a present value of another type answers None, as for an absent value, but it is not absent:
    a read made through a check context's properties tells the context (``sink``), which makes the
    wrong type a violation of the policy (``ResourceCheck.wrong_type``). :meth:`peek_str`,
    :meth:`peek_list` and :meth:`peek_map` probe a shape that may legitimately take several forms.
    """

    path: str
    state: State
    value: Any = None
    sink: WrongTypeSink | None = field(default=None, compare=False, repr=False)

    def _wrong(self, expected: builtins.str) -> None:
        if self.sink is not None:
            self.sink.wrong_type(self.path, expected, self.state is State.MALFORMED)

    def expect(self, kind: builtins.str) -> builtins.bool:
        """Make the typed read of ``kind`` (boolean, string, integer, number, array, object) for its report
        alone: True when the value is of that kind or is not there (absent, null, unknown)."""
        return self.state not in (State.VALUE, State.MALFORMED) or _TYPED[kind](self) is not None

    # -- state -------------------------------------------------------------------------------
    @property
    def absent(self) -> bool:
        return self.state is State.ABSENT

    @property
    def unknown(self) -> bool:
        return self.state is State.UNKNOWN

    @property
    def known(self) -> bool:
        """The value is decided: absent, null or a value (not unknown, not malformed)."""
        return self.state in (State.ABSENT, State.NULL, State.VALUE)

    @property
    def present(self) -> bool:
        """Set to something, possibly unknown: the `present` rule of the catalog."""
        if self.state is State.UNKNOWN:
            return True
        if self.state is not State.VALUE:
            return False
        return not (isinstance(self.value, (str, list, dict)) and len(self.value) == 0)

    @property
    def is_set(self) -> bool:
        """Set to a known, non-empty value."""
        return self.state is State.VALUE and self.present

    # -- typed values (None when absent, null, unknown or of another type) -------------------
    # A present value of another type, or a MALFORMED one, is reported to the sink (see the class docstring).
    def bool(self) -> builtins.bool | None:
        if self.state is not State.VALUE:
            self._malformed("boolean")
            return None
        if isinstance(self.value, bool):
            return self.value
        if isinstance(self.value, str) and self.value.lower() in ("true", "false"):
            return self.value.lower() == "true"  # LaunchTemplate and some APIs carry "true"/"false"
        self._wrong("boolean")
        return None

    def _malformed(self, expected: builtins.str) -> None:
        if self.state is State.MALFORMED:
            self._wrong(expected)

    def is_true(self) -> builtins.bool:
        return self.bool() is True

    def is_false(self) -> builtins.bool:
        return self.bool() is False

    def str(self) -> builtins.str | None:
        if self.state is not State.VALUE:
            self._malformed("string")
            return None
        if isinstance(self.value, str):
            return self.value
        self._wrong("string")
        return None

    def int(self) -> builtins.int | None:
        if self.state is not State.VALUE:
            self._malformed("integer")
            return None
        value = _as_int(self.value)
        if value is None:
            self._wrong("integer")
        return value

    def number(self) -> float | None:
        if self.state is not State.VALUE:
            self._malformed("number")
            return None
        if isinstance(self.value, (int, float)) and not isinstance(self.value, bool):
            return float(self.value)
        self._wrong("number")
        return None

    def list(self) -> builtins.list[Any] | None:
        if self.state is not State.VALUE:
            self._malformed("array")
            return None
        if isinstance(self.value, list):
            return self.value
        self._wrong("array")
        return None

    def map(self) -> dict[builtins.str, Any] | None:
        if self.state is not State.VALUE:
            self._malformed("object")
            return None
        if isinstance(self.value, dict):
            return self.value
        self._wrong("object")
        return None

    # -- probes: the typed value or None, never reported (a shape that may take several forms) --
    def peek_str(self) -> builtins.str | None:
        return self.value if self.state is State.VALUE and isinstance(self.value, str) else None

    def peek_list(self) -> builtins.list[Any] | None:
        return self.value if self.state is State.VALUE and isinstance(self.value, list) else None

    def peek_map(self) -> dict[builtins.str, Any] | None:
        return self.value if self.state is State.VALUE and isinstance(self.value, dict) else None

    def peek_int(self) -> builtins.int | None:
        return _as_int(self.value) if self.state is State.VALUE else None

    def has_unknown(self) -> builtins.bool:
        """True when the value is unknown or holds an unknown anywhere inside it."""
        return self.state is State.UNKNOWN or (self.state is State.VALUE and contains_unknown(self.value))


_TYPED: dict[str, Any] = {"boolean": Read.bool, "string": Read.str, "integer": Read.int, "number": Read.number,
                          "array": Read.list, "object": Read.map}


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        try:  # "²" is a digit int() refuses; 5,000 digits exceed its conversion limit
            return int(value.strip())
        except ValueError:
            return None
    return None


def contains_unknown(value: Any) -> bool:
    """True when ``value`` is unknown, holds an unknown anywhere, or is text with an unknown inside."""
    pending = [value]
    while pending:
        item = pending.pop()
        if item is UNKNOWN:
            return True
        if isinstance(item, str):
            if contains_unknown_text(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _read(data: Any, path: str, parts: Sequence[str | int]) -> Read:
    current = data
    for position, part in enumerate(parts):
        if current is UNKNOWN:
            return Read(path, State.UNKNOWN)
        if current is TOO_DEEP:
            return Read(path, State.MALFORMED)
        if current is None:
            return Read(path, State.ABSENT if position else State.NULL)
        if isinstance(part, int):
            if not isinstance(current, list):
                return Read(path, State.MALFORMED)
            if part >= len(current):
                return Read(path, State.ABSENT)
            current = current[part]
        else:
            if isinstance(current, list) and len(current) == 1 and isinstance(current[0], dict):
                # pulumi-aws flattens MaxItems=1 blocks to objects; older shapes used 1-element lists
                current = current[0]
            if not isinstance(current, dict):
                return Read(path, State.MALFORMED)
            if part not in current:
                return Read(path, State.ABSENT)
            current = current[part]
    return _leaf(path, current)


_MISSING: Any = object()


def _leaf(path: str, current: Any) -> Read:
    if current is UNKNOWN:
        return Read(path, State.UNKNOWN)
    if current is None:
        return Read(path, State.NULL)
    if current is TOO_DEEP:
        return Read(path, State.MALFORMED)
    return Read(path, State.VALUE, current)


class Props:
    """Plain, read-only view of one resource's properties. No method ever raises."""

    __slots__ = ("_data",)

    def __init__(self, raw: Any) -> None:
        try:
            plain = to_plain(raw)
        except Exception:  # defensive: anything exotic becomes an empty property bag
            plain = {}
        self._data: dict[str, Any] = plain if isinstance(plain, dict) else {}

    @classmethod
    def of_plain(cls, data: dict[str, Any]) -> Props:
        """Props over data that is already plain (the fast path converted it once for every policy)."""
        props = cls.__new__(cls)
        props._data = data
        return props

    @property
    def data(self) -> dict[str, Any]:
        return self._data

    def keys(self) -> Iterator[str]:
        return iter(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, path: str) -> Read:
        """Read ``a.b[0].c`` style paths. ``[*]`` is not allowed here; use :meth:`all`."""
        parts = _parsed_path(path) if len(path) <= _CACHED_PATH_LENGTH else _split_path(path)
        if len(parts) == 1 and parts[0] != "*" and isinstance(parts[0], str):
            # One top-level key (most reads): what _read concludes, without its loop.
            value = self._data.get(parts[0], _MISSING)
            if value is _MISSING:
                return Read(path, State.ABSENT)
            return _leaf(path, value)
        if "*" in parts:
            return Read(path, State.MALFORMED)
        return _read(self._data, path, parts)

    def __getitem__(self, path: str) -> Read:
        return self.get(path)

    def all(self, path: str) -> list[Read]:
        """Read every match of a path with ``[*]`` wildcards (``ebsBlockDevices[*].encrypted``).

        A wildcard over an unknown list yields one unknown read; over an absent list, none.
        """
        parts = _parse_path(path)
        results: list[Read] = []

        def walk(value: Any, rest: list[str | int], where: str) -> None:
            if not rest:
                results.append(_read(value, where, []))
                return
            head, tail = rest[0], rest[1:]
            if head == "*":
                if value is UNKNOWN:
                    results.append(Read(where + "[*]", State.UNKNOWN))
                    return
                if value is None:
                    return
                if not isinstance(value, list):
                    results.append(Read(where, State.MALFORMED))
                    return
                for i, item in enumerate(value):
                    walk(item, tail, f"{where}[{i}]")
                return
            step = _read(value, str(head), [head])
            label = f"{where}[{head}]" if isinstance(head, int) else (f"{where}.{head}" if where else str(head))
            if step.state is State.VALUE:
                walk(step.value, tail, label)
            elif step.state is State.UNKNOWN:
                results.append(Read(label, State.UNKNOWN))
            elif step.state is State.MALFORMED:
                results.append(Read(label, State.MALFORMED))
            elif not tail:
                results.append(Read(label, step.state))

        walk(self._data, parts, "")
        return results

    def json(self, path: str) -> Read:
        """Read a property holding a JSON document as a string (task settings, policies, ...)."""
        return parse_json(self.get(path))


class CheckedProps(Props):
    """The properties as one check sees them: every read carries the check's :class:`WrongTypeSink`."""

    __slots__ = ("_sink",)

    def __init__(self, props: Props, sink: WrongTypeSink) -> None:
        self._data = props.data
        self._sink = sink

    def _stamp(self, read: Read) -> Read:
        if read.state is State.VALUE or read.state is State.MALFORMED:
            return Read(read.path, read.state, read.value, self._sink)
        return read

    def get(self, path: str) -> Read:
        return self._stamp(Props.get(self, path))

    def all(self, path: str) -> list[Read]:
        return [self._stamp(read) for read in Props.all(self, path)]

    def json(self, path: str) -> Read:
        return self._stamp(parse_json(Props.get(self, path)))


def parse_json(read: Read) -> Read:
    if read.state is not State.VALUE:
        return read
    if isinstance(read.value, (dict, list)):
        return read  # already structured (an object passed where a string was expected)
    if not isinstance(read.value, str):
        return Read(read.path, State.MALFORMED)
    if contains_unknown_text(read.value):
        return Read(read.path, State.UNKNOWN)
    if json_deeper_than(read.value, MAX_JSON_DEPTH):
        return Read(read.path, State.MALFORMED)
    try:
        return Read(read.path, State.VALUE, to_plain(json.loads(read.value)))
    except (ValueError, RecursionError):
        return Read(read.path, State.MALFORMED)


_JSON_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    for match in _JSON_STRUCTURE.finditer(text):
        token = match.group(0)
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def json_deeper_than(text: str, limit: int) -> bool:
    """``json_depth(text) > limit``, without scanning the text when it has too few brackets to nest that deep."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _JSON_STRUCTURE.finditer(text):
        token = match.group(0)
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


def contains_unknown_text(text: str) -> bool:
    """An interpolated string containing an unknown output carries the sentinel inside it."""
    return any(sentinel in text for sentinel in UNKNOWN_SENTINELS)
