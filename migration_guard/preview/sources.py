"""Source positions: which line of the user's program a resource, an invoke or an error belongs to.

The SDK sends the first stack frame outside the pulumi package as ``sourcePosition``
(sdk/python/lib/pulumi/runtime/resource.py, ``_get_source_position``). When a resource is created
inside a library installed in a virtualenv (a company component package, for example), that frame is
not the user's; the report then gets the innermost frame of the constructor call that is inside the
project and outside every virtualenv: the user's nearest program line.

A program runs thousands of constructors from a handful of files: :class:`UserFiles` decides each
file once per run (resolving a path costs a system call per path component) and walks the live
frames instead of extracting the whole stack with its source lines.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import unquote, urlparse

VENV_MARKERS = ("site-packages", "dist-packages")
RUNNER_PACKAGE = Path(__file__).resolve().parents[1]  # migration_guard/: the runner, never the user's program


def is_user_file(filename: str, project_dir: Path) -> bool:
    if filename.startswith("<"):  # <frozen runpy>, <string>: no file of the user's
        return False
    try:
        path = Path(filename).resolve()
        relative = path.relative_to(project_dir)
    except (ValueError, OSError):
        return False
    if path.is_relative_to(RUNNER_PACKAGE):  # a project that holds this tool (its own reference stack)
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


@dataclass
class UserFiles:
    """:func:`is_user_file`, :func:`user_frame` and :func:`request_source` with each file decided once.

    One instance per program run (the runner's ``Recorder`` holds it); absolute file names only are
    cached, since a relative one depends on the working directory, which the program may change."""

    project_dir: Path
    _files: dict[str, str | None] = field(default_factory=dict)  # file name -> resolved path, None: not the user's
    _uris: dict[str, str | None] = field(default_factory=dict)  # sourcePosition uri -> resolved path or None

    def user_path(self, filename: str) -> str | None:
        """The resolved path of a file of the user's program, else None."""
        if filename in self._files:
            return self._files[filename]
        path = str(Path(filename).resolve()) if is_user_file(filename, self.project_dir) else None
        if os.path.isabs(filename):
            self._files[filename] = path
        return path

    def frame(self, frames: list[traceback.FrameSummary]) -> dict[str, Any] | None:
        """:func:`user_frame`."""
        for summary in reversed(frames):
            if summary.lineno:
                path = self.user_path(summary.filename)
                if path is not None:
                    return {"file": path, "line": summary.lineno}
        return None

    def caller(self, start: FrameType | None = None) -> dict[str, Any] | None:
        """``user_frame(traceback.extract_stack())`` for the current call stack (or from ``start``)."""
        current: FrameType | None = start if start is not None else sys._getframe(1)
        while current is not None:
            line = current.f_lineno
            if line:
                path = self.user_path(current.f_code.co_filename)
                if path is not None:
                    return {"file": path, "line": line}
            current = current.f_back
        return None

    def request(self, request: Any) -> dict[str, Any] | None:
        """:func:`request_source`."""
        if not request.HasField("sourcePosition"):
            return None
        uri, line = request.sourcePosition.uri, request.sourcePosition.line
        if uri not in self._uris:
            path = unquote(urlparse(uri).path) if uri.startswith("file://") else ""
            self._uris[uri] = str(Path(path).resolve()) if path and is_user_file(path, self.project_dir) else None
        resolved = self._uris[uri]
        return {"file": resolved, "line": line} if resolved is not None else None
