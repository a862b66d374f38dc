"""Report writers, one module per format. Every writer is deterministic: same report, same bytes."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Report
from . import json_report, junit, markdown, sarif, text

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "markdown": markdown.render,
}


def render(report: Report, fmt: str) -> str:
    return FORMATS[fmt](report)
