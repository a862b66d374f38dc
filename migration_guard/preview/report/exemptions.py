"""How a pack tells the preview which findings an exemption covered, and which exemptions expired.

The Analyzer protocol has no exemption field, so MigrationGuard packs follow this convention (any pack
may; a pack that does not simply shows no exempted findings):

* An **active exemption** skips the check and answers with a ``PolicyNotApplicable`` entry whose
  ``reason`` is ``exempted[ <URN>][ until <YYYY-MM-DD>]: <reason>``. Resource policies leave out the
  URN (the Analyze call names the resource); stack policies, whose not-applicable entries carry no
  resource, put it after ``exempted``.
* An **expired exemption** that still matches no longer applies: the violation is reported as usual
  and its message ends with ``(exemption '<glob>' expired on <YYYY-MM-DD> and no longer applies[:
  <reason>])``.

Reports show exempted findings as exempted, with their reason and expiry, and violations whose
exemption expired as expired.
"""

from __future__ import annotations

import re

from ..model import ExemptionNote

_EXEMPTED = re.compile(
    r"^exempted(?: (?P<urn>urn:pulumi:\S+))?(?: until (?P<expires>\d{4}-\d{2}-\d{2}))?: (?P<reason>.*)\Z", re.DOTALL
)
_EXPIRED = re.compile(
    r"\(exemption '(?P<pattern>[^']*)' expired on (?P<expires>\d{4}-\d{2}-\d{2}) and no longer applies"
    r"(?:: (?P<reason>[^)]*))?\)\s*\Z"
)


def parse_exempted(reason: str) -> tuple[ExemptionNote, str] | None:
    """(the exemption, the URN it names or "") for a not-applicable reason that reports one."""
    match = _EXEMPTED.match(reason or "")
    if match is None:
        return None
    note = ExemptionNote(reason=match.group("reason").strip(), expires=match.group("expires") or "")
    return note, match.group("urn") or ""


def parse_expired(message: str) -> ExemptionNote | None:
    """The expired exemption a violation message reports, if any."""
    match = _EXPIRED.search(message or "")
    if match is None:
        return None
    return ExemptionNote(
        reason=(match.group("reason") or "").strip(),
        expires=match.group("expires"),
        expired=True,
        resource_pattern=match.group("pattern"),
    )
