"""Redaction of secret values in any text the preview prints or writes.

A secret is replaced only where it stands as a whole value: not inside a longer word, name or
number (a secret ``test`` leaves ``test-bucket`` alone, a secret ``42`` leaves ``1420`` alone). Every
occurrence is replaced whatever its length, longest secrets first, so that one secret containing
another is replaced whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[secret]"
_WORD = r"[A-Za-z0-9_\-.]"


def _pattern(secrets: Iterable[str]) -> re.Pattern[str] | None:
    values = sorted({s for s in secrets if s and s != REDACTED}, key=len, reverse=True)
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<!{_WORD})(?:{alternatives})(?!{_WORD}*[A-Za-z0-9_])")


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """The text with every whole occurrence of a secret value replaced by ``[secret]``."""
    pattern = _pattern(secrets)
    return pattern.sub(REDACTED, text) if pattern is not None and text else text
