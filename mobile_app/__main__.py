"""Run the Calf Check web server: `python -m mobile_app` (HOST, PORT and WORKERS environment variables override)."""

import os
import sys

if __name__ == "__main__" and sys.platform == "linux" and "PYTHONMALLOC" not in os.environ:
    # The server runs on the C library's allocator, which gives memory back once sessions close; CPython's own
    # keeps every 1 MB arena that still holds one live object (decision 37, issue 17). Chosen before Python starts,
    # so the process starts again here with it set (same process id; PYTHONMALLOC=pymalloc keeps CPython's).
    os.execve(sys.executable, sys.orig_argv, {**os.environ, "PYTHONMALLOC": "malloc"})

import contextlib

from mobile_app.server import DEFAULT_HOST, DEFAULT_PORT, serve


def _announce(url: str) -> None:
    print(f"Calf check is running at {url}", flush=True)


def run() -> None:
    """Serve on HOST:PORT (default 127.0.0.1:8550) with WORKERS processes (default 1) until interrupted."""
    host = os.environ.get("HOST") or DEFAULT_HOST
    port = int(os.environ.get("PORT") or DEFAULT_PORT)
    workers = int(os.environ.get("WORKERS") or 1)
    with contextlib.suppress(KeyboardInterrupt):
        serve(host, port, on_ready=_announce, workers=workers)


if __name__ == "__main__":
    run()
