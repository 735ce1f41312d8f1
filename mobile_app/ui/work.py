"""Work that takes more than a few milliseconds runs off the event loop, so the server's other sessions go on."""

from __future__ import annotations

import asyncio
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
