"""Credential-like keys and weak credential values, shared by the secret-handling policies.

Nothing here ever returns or formats a credential's value: callers get paths and reasons only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...props import Read, State, contains_unknown_text, is_unknown, parse_json

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")

# A key is credential-like when its last words (ignoring a trailing modifier such as `Wo` or `String`)
# are one of these, or its last word ends with one of ENDINGS (DBPASSWORD, clientsecret).
CREDENTIAL_TAILS = (
    ("password",), ("passwords",), ("passwd",), ("pwd",), ("pass",), ("passphrase",), ("secret",),
    ("token",), ("api", "key"), ("private", "key"), ("secret", "key"), ("access", "key"),
)
ENDINGS = ("password", "passwd", "passphrase", "apikey", "privatekey", "secretkey", "authtoken",
           "accesstoken", "refreshtoken", "clientsecret")
MODIFIERS = frozenset({"wo", "value", "string", "binary", "plaintext", "text", "pem", "data", "raw"})
# Keys that start like this hold references or switches, not credentials (secretsManagerArn,
# kmsKeyId, manageMasterUserPassword, generateSecret).
REFERENCE_PREFIXES = (("secrets", "manager"), ("secretsmanager",), ("kms",))
SWITCH_VERBS = frozenset({"manage", "generate", "require", "requires", "enable", "enabled", "disable", "use",
                          "allow", "reset", "rotate", "create", "include", "exclude", "skip", "force", "send",
                          "has", "is", "should", "store", "copy"})

# Whole keys that hold JSON documents which may carry credentials (unknown => cannot be inspected).
DOCUMENT_KEYS = frozenset({"containerDefinitions"})  # JSON documents by type (the provider parses them)
# Top-level values that hide credentials when unknown as a whole: a document, a `key=value;` string.
WHOLE_VALUE_KEYS = DOCUMENT_KEYS | {"extraConnectionAttributes"}
ATTRIBUTE_KEYS = WHOLE_VALUE_KEYS - DOCUMENT_KEYS  # `key=value;` strings: a string, or a wrong type
UNREADABLE = object()  # stands for a document that cannot be read, in credential_values
WRONG_TYPE = object()  # stands for a credential or attribute string given as an object or a number

# Name/value pair objects: ECS `environment`, parameter lists.
PAIR_NAMES = ("name", "Name", "key", "Key", "ParameterKey")
PAIR_VALUES = ("value", "Value", "ParameterValue")

# Names that say the variable holds a location, not a credential: DB_PASSWORD_URL, OAUTH_URL_TOKEN
# (an OAuth token endpoint), TOKEN_URL, SECRET_ENDPOINT.
LOCATION_TAILS = (("url",), ("uri",), ("endpoint",), ("url", "token"), ("uri", "token"))

# A `key=value;key=value` attribute string (DMS extraConnectionAttributes, JDBC-style options).
_ATTRIBUTE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_.\-]{0,127})\s*=(.*)$", re.DOTALL)
_SAFE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]{0,63}")
# scheme://user:password@host - the password part of a URL's userinfo.
_URL_USERINFO = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://([^/?#@\s]*)@")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://[^\s]+$")


def words(key: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(key)]


# Property names repeat across resources and requests: the two key classifiers below are pure
# functions of the key, so short keys' answers are kept (a bounded cache; long keys are not kept).
_CACHED_KEY_LENGTH = 128
_CACHED_KEYS = 8192


def mentions_credential(key: str) -> bool:
    """The key contains a credential word anywhere (passwordPolicy, tokenValidityUnits, secretArn)."""
    return _mentions_cached(key) if len(key) <= _CACHED_KEY_LENGTH else _mentions_credential(key)


def is_credential_key(key: str) -> bool:
    """``DB_PASSWORD``, ``masterPassword``, ``authToken``, ``apiKey`` yes; ``secretsManagerArn``,
    ``kmsKeyId``, ``passwordLength``, ``tokenValidityUnits``, ``manageMasterUserPassword``,
    ``OAUTH_URL_TOKEN``, ``TOKEN_URL`` no."""
    return _credential_cached(key) if len(key) <= _CACHED_KEY_LENGTH else _is_credential_key(key)


def _mentions_credential(key: str) -> bool:
    joined = "".join(words(key))
    return any(w in joined for w in ("password", "passwd", "pwd", "secret", "token", "apikey", "privatekey"))


def names_location(key: str) -> bool:
    """The key says it holds a location (``..._URL``, ``..._URI``, ``..._ENDPOINT``, ``..._URL_TOKEN``)."""
    parts = words(key)
    return any(tuple(parts[-len(tail):]) == tail for tail in LOCATION_TAILS if len(parts) > len(tail))


def _is_credential_key(key: str) -> bool:
    parts = words(key)
    if not parts or parts[0] in SWITCH_VERBS or names_location(key):
        return False
    if any(tuple(parts[: len(prefix)]) == prefix for prefix in REFERENCE_PREFIXES):
        return False
    while len(parts) > 1 and parts[-1] in MODIFIERS:
        parts = parts[:-1]
    if any(tuple(parts[-len(tail):]) == tail for tail in CREDENTIAL_TAILS):
        return True
    return parts[-1].endswith(ENDINGS)


_credential_cached = lru_cache(maxsize=_CACHED_KEYS)(_is_credential_key)
_mentions_cached = lru_cache(maxsize=_CACHED_KEYS)(_mentions_credential)


def quotable(name: str) -> bool:
    """Variable names are quoted in messages only when they look like conventional identifiers
    (DB_PASSWORD), so that a value pasted into a name field by mistake is never repeated."""
    return re.fullmatch(r"[A-Z][A-Z0-9_]{0,63}", name) is not None


def url_password(value: str) -> str | None:
    """The password in a URL's userinfo (``postgres://user:pw@host``), or None."""
    match = _URL_USERINFO.match(value.strip())
    if match is None or ":" not in match.group(1):
        return None
    return match.group(1).split(":", 1)[1] or None


def is_plain_url(value: str) -> bool:
    """A URL that carries no credential: no password in its userinfo, no credential-like query key."""
    text = value.strip()
    if not _URL.match(text) or url_password(text) is not None:
        return False
    query = text.partition("?")[2].partition("#")[0]
    keys = [part.partition("=")[0] for part in query.split("&") if part]
    return not any(is_credential_key(key) for key in keys)


def attributes(text: str) -> list[tuple[str, str]]:
    """The ``key=value`` pairs of a ``;``-separated attribute string (empty when it is not one)."""
    if "=" not in text or len(text) > 65536:
        return []
    pairs = []
    for part in text.split(";"):
        match = _ATTRIBUTE.match(part)
        if match is not None:
            pairs.append((match.group(1), match.group(2).strip()))
    return pairs


MAX_PATH_SHOWN = 160  # deep paths are shortened in messages: messages stay bounded whatever the input


def shown_path(path: str) -> str:
    return path if len(path) <= MAX_PATH_SHOWN else path[:60] + "..." + path[-(MAX_PATH_SHOWN - 63):]


@dataclass(frozen=True)
class Found:
    """A value under a credential-like key: ``value`` is None when unknown during preview or unreadable.

    ``unreadable`` marks a JSON document the policy could not read (malformed, or nested too deeply):
    it may hold credentials, so a mandatory policy fails closed on it. ``wrong_type`` marks a value that
    should be a string (a credential, an attribute string) but is an object or a number: never read as
    "no credential" either.
    """

    path: str
    value: str | None
    unreadable: bool = False
    wrong_type: bool = False


def _pair(item: dict[str, Any]) -> tuple[str, str, Any] | None:
    name_key = next((k for k in PAIR_NAMES if isinstance(item.get(k), str)), None)
    value_key = next((k for k in PAIR_VALUES if k in item), None)
    if name_key is None or value_key is None:
        return None
    return item[name_key], value_key, item[value_key]


def _label(path: str, name: str) -> str:
    return f"{path} ({name})" if quotable(name) else path


def _child(path: str, key: str) -> str:
    """A path step; keys that are not identifiers (they could be pasted values) are not repeated."""
    shown = key if _SAFE_KEY.fullmatch(key) else "[key]"
    return f"{path}.{shown}" if path else shown


_Item = tuple[Any, str, bool]  # (value, path, held under a credential-like key)


def credential_values(data: Any) -> Iterator[Found]:
    """Every string (or unknown) held under a credential-like key, at any depth, including JSON
    documents held in strings, ``key=value;`` attribute strings and passwords inside URLs. Subtrees of
    reference-valued keys (``...Arn``, ``tokenValidityUnits``) are skipped. Iterative: the input's depth
    never reaches the interpreter's recursion limit."""
    stack: list[_Item] = [(data, "", False)]
    while stack:
        value, path, credential = stack.pop()
        if value is UNREADABLE:
            yield Found(path, None, unreadable=True)
        elif value is WRONG_TYPE:
            yield Found(path, None, wrong_type=True)
        elif is_unknown(value):
            if credential:
                yield Found(path, None)
        elif isinstance(value, str):
            yield from _in_text(value, path, credential, stack)
        elif isinstance(value, list):
            stack.extend(reversed([(item, f"{path}[{i}]", credential) for i, item in enumerate(value)]))
        elif isinstance(value, dict):
            stack.extend(reversed(_in_object(value, path)))


def _in_object(data: dict[str, Any], path: str) -> list[_Item]:
    items: list[_Item] = []
    handled: str | None = None
    pair = _pair(data)
    if pair is not None and is_credential_key(pair[0]):
        name, handled, value = pair
        items.append((value, _label(_child(path, handled), name), True))
    for key, value in data.items():
        if key == handled:
            continue
        where = _child(path, key)
        if is_credential_key(key):
            items.append((WRONG_TYPE if _not_text(value) else value, where, True))
        elif mentions_credential(key) and not isinstance(value, str):
            continue  # passwordPolicy, tokenValidityUnits, secretsManagerConfig: settings, not credentials
        elif is_unknown(value) and key in WHOLE_VALUE_KEYS and not path:
            items.append((value, where, True))  # a whole document or attribute string unknown during preview
        elif key in DOCUMENT_KEYS and not path and isinstance(value, str) and not contains_unknown_text(value) \
                and _document(value, where) is None:
            items.append((UNREADABLE, where, False))  # a document by type that is not one: never "no credentials"
        elif key in ATTRIBUTE_KEYS and not path and (_not_text(value) or isinstance(value, list)):
            items.append((WRONG_TYPE, where, False))  # an attribute string that is not a string
        else:
            items.append((value, where, False))
    return items


def _not_text(value: Any) -> bool:
    """An object or a number where a string is expected (lists are walked: each item is judged)."""
    return isinstance(value, dict) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _in_text(text: str, path: str, credential: bool, stack: list[_Item]) -> Iterator[Found]:
    document = _document(text, path)
    if document is not None:
        if document.state is State.MALFORMED:
            yield Found(path, None, unreadable=True)
        elif document.unknown:
            if credential:
                yield Found(path, None)
        else:
            stack.append((document.value, path, False))
        return
    if credential:
        yield Found(path, None) if contains_unknown_text(text) else Found(path, text)
        return
    for key, value in attributes(text):
        if is_credential_key(key):
            where = f"{path} ({key})" if _SAFE_KEY.fullmatch(key) else path
            yield Found(where, None) if contains_unknown_text(value) else Found(where, value)
    password = url_password(text)
    if password is not None:
        yield Found(f"{path} (password in the URL)", None if contains_unknown_text(password) else password)


def _document(text: str, path: str) -> Read | None:
    """The JSON object or array a string holds: parsed, unknown (it embeds an unknown) or MALFORMED
    (it looks like a document - starts with { or [ and ends with } or ] - but cannot be read). None when
    the string is not a JSON document."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return None
    parsed = parse_json(Read(path, State.VALUE, stripped))
    if parsed.unknown:
        return parsed
    if parsed.state is State.MALFORMED:
        return parsed if stripped.endswith(("}", "]")) else None
    return parsed if isinstance(parsed.value, (dict, list)) else None


# ---------------------------------------------------------------------------------------------
# Weak values

DEFAULTS = frozenset({
    "password", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pa55w0rd", "password1", "password123",
    "changeme", "changeit", "changeme123", "changeme123456", "admin", "admin123", "administrator", "root",
    "toor", "secret", "letmein", "welcome", "welcome1", "qwerty", "qwerty123", "123456", "12345678",
    "123456789", "1234567890", "111111", "abc123", "default", "test", "test123", "testing", "guest", "postgres",
    "mysql", "oracle", "sa", "master", "manager", "example", "sample", "placeholder", "dummy", "foobar",
    "hunter2", "iloveyou", "trustno1", "monkey", "dragon", "redacted", "none", "null", "todo", "tbd", "xxx",
    "mypassword", "yourpassword", "temp", "temporary", "dbpassword", "rootpassword", "masterpassword",
})
# Fragments that make any value a default or a placeholder, wherever they appear.
FRAGMENTS = ("password", "passw0rd", "p@ssw0rd", "changeme", "change_me", "change-me", "replaceme",
             "replace_me", "replace-me", "placeholder", "insert", "yourpass", "your_pass", "your-pass")
PREFIXES = ("example", "sample", "dummy", "todo", "fixme", "xxx", "your", "changeit", "test")
TEMPLATES = re.compile(r"^(<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[^%]*%|\*+|x+|\.+)$", re.IGNORECASE)
NOT_CREDENTIALS = frozenset({"true", "false", "on", "off", "yes", "no", "enabled", "disabled", "0", "1"})


def is_reference(value: str) -> bool:
    """ARNs and dynamic references name a secret stored elsewhere; they are not credentials."""
    return value.startswith(("arn:", "{{resolve:"))


def weakness(value: str, min_length: int, extra_denylist: list[str]) -> str | None:
    """Why ``value`` is a weak credential, or None. The reason never contains the value."""
    text = value.strip()
    lowered = text.lower()
    if not text or is_reference(text) or lowered in NOT_CREDENTIALS:
        return None
    squashed = re.sub(r"[^a-z0-9@]", "", lowered)
    if lowered in DEFAULTS or squashed in DEFAULTS or lowered in {d.lower() for d in extra_denylist}:
        return "is a well-known default or placeholder"
    if any(f in lowered for f in FRAGMENTS) or lowered.startswith(PREFIXES) or TEMPLATES.match(text):
        return "is a default or placeholder value"
    if len(text) < min_length:
        return f"is shorter than {min_length} characters"
    if low_entropy(text):
        return "has low entropy (repeated or sequential characters)"
    return None


def low_entropy(text: str) -> bool:
    counts = Counter(text)
    n = len(text)
    bits = -sum(c / n * math.log2(c / n) for c in counts.values()) * n
    # Shannon entropy of the characters, against 36 bits or, for short values, 3/4 of the most a value
    # of that length can reach (all characters distinct).
    if len(counts) < 6 or bits < min(36.0, 0.75 * n * math.log2(n)):
        return True
    if text in (text + text)[1:-1]:  # a repeated pattern: abcabcabcabc
        return True
    steps = [ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)]
    return sum(1 for s in steps if abs(s) == 1) >= 0.7 * len(steps)  # abcdefgh..., 98765432...
