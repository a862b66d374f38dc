"""What may appear in a message: bounded length, and never a value that arrived as a secret.

Messages name properties, not values; a few policies echo values that can never be secret (an
engine version, an AZ). Two guards apply to every message, reason and explanation the pack emits:

* a value that arrived secret (the SDK boundary sees the secret signature before unwrapping it) is
  replaced by ``[secret]`` wherever it appears, whatever its key and however short it is;
* long runs without whitespace are shortened and the whole text is capped, so a 10 MB identifier
  never yields a 10 MB message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_MESSAGE = 4096
MAX_TOKEN = 200
TOKEN_KEEP = 48  # characters kept at each end of a shortened run
REDACTED = "[secret]"

_LONG_TOKEN = re.compile(r"\S{" + str(MAX_TOKEN + 1) + ",}")


def bound(text: str) -> str:
    """Shorten whitespace-free runs longer than MAX_TOKEN (keeping both ends) and cap the text at MAX_MESSAGE."""
    if len(text) > MAX_TOKEN:
        text = _LONG_TOKEN.sub(_shorten, text)
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 24] + "... (message truncated)"
    return text


def _shorten(match: re.Match[str]) -> str:
    token = match.group(0)
    return f"{token[:TOKEN_KEEP]}...({len(token)} characters)...{token[-TOKEN_KEEP:]}"


def secret_texts(value: object) -> Iterable[str]:
    """The text forms a secret leaf can take in a message."""
    if isinstance(value, bool) or value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, float) and value.is_integer():
        return (str(int(value)), repr(value))
    if isinstance(value, (int, float)):
        return (repr(value),)
    return ()


class SecretSet:
    """The values that arrived as secrets in one request; ``clean`` redacts them from any text."""

    __slots__ = ("_values",)

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._values: set[str] = set()
        for value in values:
            self.add(value)

    def add(self, value: str) -> None:
        if value and value not in self._values:
            self._values.add(value)

    def add_leaf(self, value: object) -> None:
        for text in secret_texts(value):
            self.add(text)

    def __bool__(self) -> bool:
        return bool(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, value: object) -> bool:
        return value in self._values

    def clean(self, text: str) -> str:
        text = bound(text)
        if not self._values:
            return text
        lowered = text.lower()
        present = [v for v in self._values if v.lower() in lowered]
        if not present:
            return text
        # Longest first so that a secret containing another is redacted whole; only where the value
        # stands alone (a secret "password" leaves the property name "masterPassword" readable), but
        # however short it is.
        parts = [rf"(?<![A-Za-z0-9]){re.escape(v)}(?![A-Za-z0-9])" for v in sorted(present, key=len, reverse=True)]
        return re.sub("|".join(parts), REDACTED, text, flags=re.IGNORECASE)
