"""Report writers, one module per format. Every writer is deterministic: same report, same bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Report
from . import json_report, junit, markdown, sarif, text


@dataclass(frozen=True)
class RenderOptions:
    docs_url: str = ""  # base of the policies' docs entries (SARIF helpUri)
    color: bool = False  # ANSI colour in the text format
    quiet: bool = False  # text format: decided violations and the result only
    markdown_limit: int = markdown.LIMIT


FORMATS: dict[str, Callable[[Report, RenderOptions], str]] = {
    "text": lambda report, o: text.render(report, color=o.color, quiet=o.quiet),
    "json": lambda report, o: json_report.render(report),
    "sarif": lambda report, o: sarif.render(report, docs_url=o.docs_url),
    "junit": lambda report, o: junit.render(report),
    "markdown": lambda report, o: markdown.render(report, limit=o.markdown_limit),
}


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    return FORMATS[fmt](report, options or RenderOptions())
