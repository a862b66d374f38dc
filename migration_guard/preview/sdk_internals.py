"""Every private symbol of the pulumi Python SDK that the program runner relies on, in one place.

Supported range: pulumi 3.130 to 3.x (the runner checks the version first, see ``environment``).
Each symbol has a test in tests/preview/test_preview_program_engine.py that fails when an SDK
release renames it.

- ``pulumi.runtime._callbacks._CallbackServicer._servicers`` and a servicer's ``_callbacks`` (token ->
  coroutine function taking the serialized request) and ``_loop``: the callback server that the
  engine calls to run transforms (pkg/resource/deploy/source_eval.go, ``wrapTransformCallback``).
  The offline preview has no engine process, so it calls the callbacks in-process instead.
- ``pulumi.runtime.sync_await._sync_await``: run the program's coroutine to completion, as the
  language host's entry point does.
"""

from __future__ import annotations

import asyncio
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
