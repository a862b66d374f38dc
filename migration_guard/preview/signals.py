"""SIGTERM (a CI timeout) and SIGINT (Ctrl-C) stop the preview and every process it started.

While a preview or audit runs, both signals are handled: the preview's own child processes (the
program runner and every pack) are terminated by process id - and killed if they do not exit - and
the run stops with a PreviewError, so the usual error path (exit 2, an error report at `--output`)
follows and no pack or runner is left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from .model import PreviewError

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
GRACE_SECONDS = 3.0


class PreviewStopped(PreviewError):
    """The preview was stopped by a signal."""


def _parent_of(stat: Path) -> int | None:
    try:
        fields = stat.read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return None
    return int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None


def child_pids(pid: int | None = None) -> list[int]:
    """The direct children of ``pid`` (this process by default), read from /proc; [] where there is none."""
    parent = pid or os.getpid()
    found: list[int] = []
    with contextlib.suppress(OSError):
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and _parent_of(entry / "stat") == parent:
                found.append(int(entry.name))
    return sorted(found)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    with contextlib.suppress(OSError):  # a zombie has exited: it only waits to be reaped
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    return True


def terminate(pids: list[int], grace: float = GRACE_SECONDS) -> None:
    """SIGTERM each process, then SIGKILL those still running after ``grace`` seconds."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    for pid in pids:
        if _alive(pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _handler(signum: int, _frame: FrameType | None) -> None:
    terminate(child_pids())
    raise PreviewStopped(f"stopped by {signal.Signals(signum).name}; the program runner and every policy pack were stopped")


@contextlib.contextmanager
def stop_children_on_signals() -> Iterator[None]:
    """Handle SIGTERM and SIGINT for the duration of the block (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
