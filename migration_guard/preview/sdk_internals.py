"""Every private symbol of the pulumi Python SDK that the program runner relies on, in one place.

Supported range: pulumi 3.130 to 3.x (the runner checks the version first, see ``environment``).
Each symbol has a test in tests/preview/test_preview_program_engine.py that fails when an SDK
release renames it.

- ``pulumi.runtime._callbacks._CallbackServicer._servicers`` and a servicer's ``_callbacks`` (token ->
  coroutine function taking the serialized request) and ``_loop``: the callback server that the
  engine calls to run transforms (pkg/resource/deploy/source_eval.go, ``wrapTransformCallback``).
  The offline preview has no engine process, so it calls the callbacks in-process instead.
- ``pulumi.runtime.sync_await._sync_await``: run the program's coroutine to completion, as the
  language host's entry point does. Its kernel (``loop._run_once`` and ``loop._ready``, asyncio's
  private run queue) is reused by :func:`sync_await_padding_once`, installed in its place.
- ``pulumi.runtime.resource._get_stack_trace``: the stack trace of a registration, whose first frame
  is the registration's ``sourcePosition``; replaced by :func:`source_position_trace`, which computes
  that frame alone.
"""

from __future__ import annotations

import asyncio
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

CALL_TIMEOUT = 600.0


def find_callback(token: str) -> tuple[Callable[[bytes], Awaitable[Any]], asyncio.AbstractEventLoop] | None:
    """The program's registered callback for a token and the event loop it runs on."""
    from pulumi.runtime._callbacks import _CallbackServicer

    for servicer in list(_CallbackServicer._servicers):
        callback = servicer._callbacks.get(token)
        if callback is not None:
            return callback, servicer._loop
    return None


def call_callback(token: str, request: bytes) -> Any:
    """Run a program callback from a monitor thread, as the engine's callback client would."""
    found = find_callback(token)
    if found is None:
        raise RuntimeError(f"callback {token} is not registered with the program's callback server")
    callback, loop = found
    return asyncio.run_coroutine_threadsafe(_awaited(callback(request)), loop).result(CALL_TIMEOUT)


async def _awaited(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


def sync_await(awaitable: Any) -> Any:
    from pulumi.runtime.sync_await import _sync_await

    return _sync_await(awaitable)


def sync_await_padding_once(awaitable: Awaitable[Any]) -> Any:
    """``pulumi.runtime.sync_await._sync_await`` with the same kernel, padding the run queue in one step.

    A plain invoke (``aws.get_caller_identity()``) or ``Output`` read from inside the program pumps the
    running event loop until its future is done, then refills ``loop._ready`` to the length it had on
    entry so that the enclosing ``_run_once`` pops as many handles as it expects. The SDK refills it
    with one new cancelled ``asyncio.Handle`` per missing entry, one append at a time; the padding stays
    in the queue until the program returns, so each later invoke drains and refills it again. In a
    program of 2,000 resources that calls an invoke per component, that is hundreds of thousands of
    handles (each with a copied context) and most of the program's time. Here the queue is refilled
    with one shared cancelled handle, in one ``extend``: the enclosing ``_run_once`` skips cancelled
    handles (asyncio ``BaseEventLoop._run_once``: ``if handle._cancelled: continue``), so what runs and
    in which order is unchanged."""
    from pulumi.runtime.sync_await import _ensure_event_loop

    loop = _ensure_event_loop()
    future = asyncio.ensure_future(awaitable, loop=loop)
    if not loop.is_running():
        return loop.run_until_complete(future)
    task = asyncio.current_task(loop)
    if task is not None:
        asyncio.tasks._leave_task(loop, task)  # type: ignore[attr-defined]
    ready = loop._ready  # type: ignore[attr-defined]
    expected = len(ready)
    while not future.done() and not future.cancelled():
        loop._run_once()  # type: ignore[attr-defined]
    missing = expected - len(ready)
    if missing > 0:
        padding = asyncio.Handle(_nothing, (), loop)
        padding.cancel()
        ready.extend([padding] * missing)
    if task is not None:
        asyncio.tasks._enter_task(loop, task)  # type: ignore[attr-defined]
    return future.result()


def _nothing() -> None:
    return None


def source_position_trace() -> Any:
    """``pulumi.runtime.resource._get_stack_trace`` reduced to the frame the monitor reads.

    The SDK extracts the whole stack with its source lines (``traceback.extract_stack()``), finds the
    third ``__init__`` frame from the innermost (``Resource``, ``CustomResource`` or
    ``ComponentResource``, then the concrete class), and returns every frame outside it as a
    ``StackFrame``; ``_get_source_position`` then takes the first, the caller of the concrete
    constructor. The offline monitor reads only that ``sourcePosition`` (``registration_record``), so
    this walks the live frames to the same frame and returns a trace holding it alone: the same
    ``sourcePosition``, without reading source lines or building a message per frame."""
    from pulumi.runtime.proto import source_pb2
    from pulumi.runtime.resource import _get_source_position_for_frame

    frame: Any = sys._getframe(1)
    inits = 0
    while frame is not None:
        if frame.f_code.co_name == "__init__":
            inits += 1
            if inits == 3:
                break
        frame = frame.f_back
    caller = frame.f_back if frame is not None else None
    if caller is None:
        return source_pb2.StackTrace()
    summary = traceback.FrameSummary(caller.f_code.co_filename, caller.f_lineno, caller.f_code.co_name,
                                     lookup_line=False)
    return source_pb2.StackTrace(frames=[source_pb2.StackFrame(pc=_get_source_position_for_frame(summary))])


def install_source_position_trace() -> bool:
    """Put :func:`source_position_trace` in place of the SDK's ``_get_stack_trace`` (False: the SDK has none)."""
    from pulumi.runtime import resource as sdk_resource

    if not all(callable(getattr(sdk_resource, name, None))
               for name in ("_get_stack_trace", "_get_source_position", "_get_source_position_for_frame")):
        return False
    sdk_resource._get_stack_trace = source_position_trace
    return True


def install_sync_await() -> int:
    """Put :func:`sync_await_padding_once` in place of the SDK's ``_sync_await`` in every pulumi module
    that imported it by name (``pulumi.output``, ``pulumi.runtime.invoke``, ``stack``, ``mocks``, ...);
    returns how many bindings were replaced."""
    from pulumi.runtime import sync_await as sdk_sync_await

    original = sdk_sync_await._sync_await
    replaced = 0
    for name, module in list(sys.modules.items()):
        if (name == "pulumi" or name.startswith("pulumi.")) and getattr(module, "_sync_await", None) is original:
            setattr(module, "_sync_await", sync_await_padding_once)  # noqa: B010 - a module's private name
            replaced += 1
    return replaced


TYPED_PLACEHOLDERS: dict[str, Any] = {"_get_int": 1, "_get_float": 1.0, "_get_bool": False}
"""What a `secure:` value that cannot be decrypted offline reads as when the program asks for a type."""


def type_secret_placeholders(config_class: Any, placeholder_keys: set[str]) -> None:
    """``pulumi.Config._get_int``/``_get_float``/``_get_bool`` (private): a secret whose value is an
    offline placeholder reads as a typed stand-in instead of failing to parse."""
    for name, stand_in in TYPED_PLACEHOLDERS.items():
        original = getattr(config_class, name, None)
        if original is None:
            continue

        def typed(self: Any, key: str, *args: Any, _original: Any = original, _stand_in: Any = stand_in, **kwargs: Any) -> Any:
            if self.full_key(key) in placeholder_keys:
                return _stand_in
            return _original(self, key, *args, **kwargs)

        setattr(config_class, name, typed)
