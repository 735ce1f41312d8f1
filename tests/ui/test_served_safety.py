"""The served app, driven at the protocol level (tests/wire.py, no browser): hostile storage at the start, and a
screen that fails, go through Flet's real session (issue 17). The server runs in a thread of the test process,
so a test can break one screen on purpose."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from mobile_app.followup.diary import load_set_aside
from mobile_app.server import create_app
from mobile_app.ui import routes, screens
from mobile_app.ui.store import FOLLOWUP_KEY, KEY, SET_ASIDE_KEY
from tests.e2e.e2e_support import free_port, wait_for_port
from tests.wire import WireClient

from .test_hostile_storage import DEEP_ARRAY, DEEP_OBJECT, EDGE_TIMES, diary_with, episode_at


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for_port(port, 30)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_hostile_storage_at_the_start_of_a_served_session(url: str) -> None:
    edge = diary_with(*(episode_at(t) | {"id": c * 32} for t, c in zip(EDGE_TIMES, "ab", strict=True)))
    prefs: dict[str, Any] = {KEY: DEEP_ARRAY, FOLLOWUP_KEY: DEEP_OBJECT, "calf_check.diary": edge}

    async def walk() -> WireClient:
        c = WireClient(url, prefs=prefs)
        await c.open()
        await c.wait(lambda c: all(c.has(i) for i in ("kept-aside-note", "call-emergency-now", "start-button")))
        await c.close()
        return c

    c = run(walk())
    assert c.has("call-emergency-now") and c.has("start-button") and c.has("restore-failed-note")
    assert not c.got.crashed
    kept = load_set_aside(prefs[SET_ASIDE_KEY])
    assert DEEP_ARRAY in kept and DEEP_OBJECT in kept and len(kept) == 4


def test_a_failing_screen_shows_the_fallback_and_the_way_home_works(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: Any, route: Any) -> Any:
        raise RuntimeError("a bug in the about screen")

    monkeypatch.setitem(screens.SCREENS, routes.ABOUT, dataclasses.replace(screens.SCREENS[routes.ABOUT], build=broken))

    async def walk() -> tuple[WireClient, list[str]]:
        c = WireClient(url)
        await c.open()
        await c.wait_for("about")
        await c.tap("about")
        await c.wait_for("fallback-screen")
        seen = c.texts()
        monkeypatch.undo()
        await c.tap("fallback-home")
        await c.wait_for("start-button")
        await c.close()
        return c, seen

    c, seen = run(walk())
    assert not c.got.crashed, "Flet's error page was sent"
    text = "\n".join(seen)
    assert "Something went wrong on this screen." in text and "Call 911 now" in text
    assert "Traceback" not in text and "a bug" not in text


def test_a_failure_while_the_session_starts_shows_the_fallback(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from mobile_app.ui import app

    async def broken(*_: Any) -> Any:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(app, "open_storage", broken)

    async def walk() -> WireClient:
        c = WireClient(url, languages=("fr-FR",))
        await c.open()
        await c.wait_for("fallback-screen")
        await c.close()
        return c

    c = run(walk())
    assert not c.got.crashed
    assert c.has("call-emergency-now") and c.has("fallback-home")
    assert "date value" not in c.text()


def test_the_page_refuses_the_same_file_size_as_the_app() -> None:
    import re

    from mobile_app.followup.diary import MAX_FILE_BYTES
    from mobile_app.server import ASSETS_DIR

    script = (ASSETS_DIR / "no-cdn.js").read_text(encoding="utf-8")
    (limit,) = re.findall(r"const MAX_FILE_BYTES = (\d+);", script)
    assert int(limit) == MAX_FILE_BYTES
    assert '{"calf_check_file_too_big": ' in script
    from mobile_app.ui.controllers.diary import TOO_BIG_MARKER

    assert TOO_BIG_MARKER.decode().replace(" ", "") in script.replace(" ", "")


def test_one_big_diary_does_not_hold_up_another_persons_first_screen(url: str) -> None:
    """A 20,000-entry diary (3.6 MB) took 17 s to read on the event loop, and another person's first screen waited
    16 s. It is read linearly and off the event loop now: the other person's screen comes as usual."""
    import time

    from mobile_app.followup.diary import MAX_EPISODES

    entries = [episode_at("2026-11-01T03:00:00") | {"id": f"{i:032x}"} for i in range(MAX_EPISODES)]
    big = {"calf_check.diary": diary_with(*entries)}

    async def both() -> tuple[float, float]:
        heavy, other = WireClient(url, prefs=big), WireClient(url)
        await heavy.open()
        await asyncio.sleep(0.05)  # the big diary is on its way to the server, or being read
        start = time.perf_counter()
        await other.open()
        await other.wait_for("start-button", timeout=60)
        waited = time.perf_counter() - start
        await heavy.wait_for("start-button", timeout=60)
        heavy_done = time.perf_counter() - start
        await heavy.close()
        await other.close()
        return waited, heavy_done

    waited, _ = run(both())
    assert waited < 5, f"the other person's first screen took {waited:.1f} s"
