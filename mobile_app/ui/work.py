"""Work that takes more than a few milliseconds runs off the event loop, so the server's other sessions go on."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def off_loop(work: Callable[[], T]) -> T:
    """Run `work` in a worker thread where threads exist (the web server), else right here (a build where Python
    runs in the browser has no threads; there is one person per process there, so nobody else waits).

    Parsing a big diary or making a PDF takes from a tenth of a second to a few seconds; on the event loop, every
    other person on the same server would wait that long for their next screen (issue 17)."""
    try:
        return await asyncio.to_thread(work)
    except RuntimeError as exc:
        if "thread" not in str(exc):
            raise
        return work()


_release: asyncio.TimerHandle | None = None
RELEASE_AFTER_S = 2.0
"""Sessions closing together (a server's timeout evicts them in batches) are let go of once, shortly after."""


def release_memory_soon() -> None:
    """After a session has closed: collect what it held (its screens, its controller, the cycles between them) and
    give the freed memory back to the system, once for every session closed within RELEASE_AFTER_S.

    Python frees a closed session's objects only at its next full collection, and keeps freed memory for itself;
    a server that held a thousand people an hour ago would keep their memory (issue 17)."""
    global _release
    if _release is None:
        _release = asyncio.get_running_loop().call_later(RELEASE_AFTER_S, _release_now)


def _release_now() -> None:
    global _release
    _release = None
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Return the C heap's free memory to the system (glibc's malloc_trim; nothing elsewhere)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
