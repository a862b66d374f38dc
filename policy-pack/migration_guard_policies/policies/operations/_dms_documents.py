"""Reading the JSON documents DMS resources carry as strings (table mappings, task settings), failing closed."""

from __future__ import annotations

from ...model import ResourceCheck
from ...props import Read, State, contains_unknown_text, parse_json


def read_document(r: ResourceCheck, prop: str, why: str) -> Read | None:
    """``prop`` parsed as JSON; None when it is unknown during preview (recorded as unverifiable).

    The unknown test runs on the text before parsing, so a deep document is never walked recursively here;
    a document that cannot be parsed (invalid, or deeper than the parser goes) is MALFORMED, never absent.
    """
    raw = r.props.get(prop)
    if raw.unknown or (isinstance(raw.value, str) and contains_unknown_text(raw.value)):
        r.unverifiable(prop, why)
        return None
    document = parse_json(raw)
    if document.state is State.VALUE and not isinstance(raw.value, str) and r.check_unknown(document, why):
        return None  # a structured value (not a string) with an unknown inside
    return document
