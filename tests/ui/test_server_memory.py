"""The server gives back the memory of closed sessions, and does not spend its time describing screens (issue 17).

The figures (RSS idle, held, after close, CPU) are printed by benchmarks/bench_capacity.py; these tests check the
mechanisms: the allocator the server runs on, the trim after connections close, and the short message repr."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import flet as ft
import pytest
import uvicorn
from flet.messaging.protocol import Message, MessageAction

from mobile_app import server
from mobile_app.server import create_app, server_options
from tests.e2e.e2e_support import REPO, free_port, stop_process, wait_for_port
from tests.wire import WireClient

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the allocator switch and /proc are Linux's")


def _server_environ(extra: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """Start `python -m mobile_app` with `extra` in its environment; return the environment the serving process
    ended up with (read from /proc once it listens)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONMALLOC"}
    env |= {"HOST": "127.0.0.1", "PORT": str(port), **extra}
    with (tmp_path / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mobile_app"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(port, 60, process)
            raw = Path(f"/proc/{process.pid}/environ").read_bytes()
            cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes().split(b"\0")
        finally:
            stop_process(process)
    assert b"mobile_app" in cmdline, cmdline  # the same command, started again in the same process
    return dict(item.decode().split("=", 1) for item in raw.split(b"\0") if b"=" in item)


@linux_only
def test_the_server_runs_on_the_allocator_that_gives_memory_back(tmp_path: Path) -> None:
    assert _server_environ({}, tmp_path).get("PYTHONMALLOC") == "malloc"


@linux_only
def test_an_operator_can_keep_cpythons_allocator(tmp_path: Path) -> None:
    assert _server_environ({"PYTHONMALLOC": "pymalloc"}, tmp_path).get("PYTHONMALLOC") == "pymalloc"


@linux_only
def test_return_free_memory_gives_freed_memory_back_to_the_system() -> None:
    """Many small objects (as sessions leave behind), freed: after return_free_memory the process is smaller by
    most of what they took. Run apart, on the allocator the server uses."""
    script = textwrap.dedent(
        """
        import sys
        from mobile_app.server import return_free_memory
        def rss():
            for line in open("/proc/self/status"):
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) / 1024
        base = rss()
        junk = [{"k": str(i) * 3, "v": [i, i + 1]} for i in range(400_000)]
        held = rss()
        keep = junk[::1000]  # a few survivors scattered through the heap, as in a server
        del junk
        return_free_memory()
        print(base, held, rss())
        """
    )
    env = {**os.environ, "PYTHONMALLOC": "malloc"}
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    base, held, after = map(float, out.stdout.split())
    assert held - base > 50, (base, held)  # the objects took room
    assert after - base < 0.25 * (held - base), (base, held, after)


@pytest.fixture()
def quick_trim(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, list[float]]]:
    """An in-process server whose trim comes 0.5 s after the last close, counting the trims."""
    trims: list[float] = []
    monkeypatch.setattr(server.MemoryReturnMiddleware, "SETTLE_S", 0.5)
    monkeypatch.setattr(server, "return_free_memory", lambda: trims.append(1.0))
    port = free_port()
    app = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, **server_options()))
    thread = threading.Thread(target=app.run, daemon=True)
    thread.start()
    wait_for_port(port, 30)
    yield port, trims
    app.should_exit = True
    thread.join(10)


def test_memory_is_given_back_once_after_connections_close(quick_trim: tuple[int, list[float]]) -> None:
    port, trims = quick_trim

    async def walk() -> tuple[int, int]:
        clients = [WireClient(f"http://127.0.0.1:{port}/") for _ in range(3)]
        for c in clients:
            await c.open()
            await c.wait_for("start-button")
        await asyncio.sleep(1.0)
        while_open = len(trims)
        for c in clients:
            await c.close()
            await asyncio.sleep(0.1)  # closes in a row: one trim after the last, not one each
        await asyncio.sleep(2.0)
        return while_open, len(trims)

    while_open, after = asyncio.run(walk())
    assert while_open == 0  # nothing is trimmed while people are connected
    assert after == 1


def test_a_logged_message_names_its_action_not_the_screen() -> None:
    """Flet builds `f"send_message: {message}"` for every message it sends; the repr must not walk the screen
    (14 % of the server's CPU under load) nor hold what the person sees."""
    server.quiet_message_repr()
    screen = ft.Column([ft.Text("my calf is swollen and warm") for _ in range(50)])
    message = Message(MessageAction.PATCH_CONTROL, {"id": 1, "patch": [screen]})
    text = f"{message}"
    assert "swollen" not in text
    assert "PATCH_CONTROL" in text
    assert len(text) < 80
