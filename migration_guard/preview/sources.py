"""Source positions: which line of the user's program a resource, an invoke or an error belongs to.

The SDK sends the first stack frame outside the pulumi package as ``sourcePosition``
(sdk/python/lib/pulumi/runtime/resource.py, ``_get_source_position``). When a resource is created
inside a library installed in a virtualenv (a company component package, for example), that frame is
not the user's; the report then gets the innermost frame of the constructor call that is inside the
project and outside every virtualenv: the user's nearest program line.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

VENV_MARKERS = ("site-packages", "dist-packages")


def is_user_file(filename: str, project_dir: Path) -> bool:
    if filename.startswith("<"):  # <frozen runpy>, <string>: no file of the user's
        return False
    try:
        path = Path(filename).resolve()
        relative = path.relative_to(project_dir)
    except (ValueError, OSError):
        return False
    parts = relative.parts
    return not any(part in VENV_MARKERS or part.startswith(".venv") or part == "venv" for part in parts)


def user_frame(frames: list[traceback.FrameSummary], project_dir: Path) -> dict[str, Any] | None:
    """The innermost frame that belongs to the user's program (inside the project, outside any venv)."""
    for frame in reversed(frames):
        if frame.lineno and is_user_file(frame.filename, project_dir):
            return {"file": str(Path(frame.filename).resolve()), "line": frame.lineno}
    return None


def request_source(request: Any, project_dir: Path) -> dict[str, Any] | None:
    """The SDK's source position of a registration, when it is in the user's program."""
    if not request.HasField("sourcePosition"):
        return None
    uri, line = request.sourcePosition.uri, request.sourcePosition.line
    if not uri.startswith("file://"):
        return None
    path = unquote(urlparse(uri).path)
    if not is_user_file(path, project_dir):
        return None
    return {"file": str(Path(path).resolve()), "line": line}
