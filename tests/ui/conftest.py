"""Fixtures for UI tests: the engine, an in-memory preferences store, a controller without a page, tree search."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import flet as ft
import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.loader import default_content
from mobile_app.ui.components import answers
from mobile_app.ui.context import Ctx
from mobile_app.ui.controller import Controller
from mobile_app.ui.records import Records
from mobile_app.ui.state import AppState
from mobile_app.ui.store import Store


class FakePrefs:
    """ft.SharedPreferences in memory."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    async def get(self, key: str) -> Any:
        return self.data.get(key)

    async def set(self, key: str, value: str) -> bool:
        self.data[key] = value
        return True

    async def remove(self, key: str) -> bool:
        return self.data.pop(key, None) is not None


NOW = dt.datetime(2026, 11, 20, 2, 30)
"""The harness's clock: a Friday, at night (when cramps come)."""


class FakeServices:
    """The device's dialogs, clipboard and files, recorded."""

    def __init__(self) -> None:
        self.can_share = False
        self.address: str | None = "http://127.0.0.1:8550"
        self.dialogs: list[ft.DialogControl] = []
        self.copied: list[str] = []
        self.saved: list[tuple[str, bytes]] = []
        self.shared: list[str] = []
        self.announced: list[str] = []
        self.to_pick: bytes | None = None

    def show_dialog(self, dialog: ft.DialogControl) -> None:
        self.dialogs.append(dialog)

    def close_dialog(self) -> None:
        if self.dialogs:
            self.dialogs.pop()

    def copy_action(self, text: str) -> Any:
        return None

    def pick_action(self) -> Any:
        return None

    async def copy(self, text: str) -> None:
        self.copied.append(text)

    async def pick_file(self) -> bytes | None:
        return self.to_pick

    async def save_file(self, name: str, data: bytes) -> None:
        self.saved.append((name, data))

    async def share(self, text: str) -> None:
        self.shared.append(text)

    async def announce(self, text: str, *, rtl: bool = False) -> None:
        self.announced.append(text)


class Harness:
    """A controller wired to a fake page: pushed routes are opened at once, presented views are kept."""

    def __init__(self, state: AppState, prefs: FakePrefs, records: Records | None = None) -> None:
        self.prefs = prefs
        self.pushed: list[str] = []
        self.views: list[ft.View] = []
        self.changed: list[ft.Control] | None = None
        self.services = FakeServices()
        self.now = NOW
        self.flushed: list[tuple[list[ft.Control], dict[str, Any]]] = []
        """Controls sent at once after an answer, with what the device had stored at that moment."""
        self.ctl = Controller(
            state,
            Store(prefs),
            self._push,
            self._present,
            records=records,
            services=self.services,
            clock=lambda: self.now,
            flush=lambda controls: self.flushed.append((list(controls), dict(prefs.data))),
        )

    async def _push(self, route: str) -> None:
        self.pushed.append(route)
        await self.ctl.open_route(route)

    def _present(
        self, route: str, views: list[ft.View], ctx: Ctx, changed: Sequence[ft.Control] | None = None
    ) -> None:
        self.views = views
        self.changed = None if changed is None else list(changed)
        """What the controller said changed on the screen already shown (None: a screen to send whole)."""

    @property
    def state(self) -> AppState:
        return self.ctl.state

    @property
    def top(self) -> ft.View:
        return self.views[-1]

    def run(self, coro: Any) -> Any:
        return asyncio.run(coro)

    @property
    def dialog(self) -> ft.DialogControl:
        assert self.services.dialogs, "no dialog is open"
        return self.services.dialogs[-1]

    def click(self, identifier: str, *, in_dialog: bool = False) -> None:
        """Tap the control with this semantics identifier on the top screen or dialog (as a person would)."""
        control = by_id(self.dialog if in_dialog else self.top, identifier)
        target = control.content if isinstance(control, ft.Semantics) else control
        handler = target.on_click
        assert handler is not None, f"{identifier} has no on_click"
        result = handler(ft.Event(name="click", control=target))
        if asyncio.iscoroutine(result):
            asyncio.run(result)


class ReaderClock:
    """The clock an answer tap is timed with (answers.READ_S): a second passes each time it is read, as for a
    person who reads each question before answering, unless a test stops it (`step = 0`)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.step = 1.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture(autouse=True)
def reader_clock(monkeypatch: pytest.MonkeyPatch) -> ReaderClock:
    clock = ReaderClock()
    monkeypatch.setattr(answers, "clock", clock)
    return clock


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(default_content())


@pytest.fixture
def prefs() -> FakePrefs:
    return FakePrefs()


@pytest.fixture
def app(engine: Engine, prefs: FakePrefs) -> Harness:
    h = Harness(AppState(engine), prefs)
    h.run(h.ctl.open_route("/"))
    return h


def walk(control: Any, *, shown_only: bool = False) -> Iterator[Any]:
    """Every control in a tree (views, app bars, contents, lists of controls); with `shown_only`, not the hidden
    ones nor what they contain (the phone does not draw them and screen readers do not find them)."""
    if isinstance(control, (list, tuple)):
        for c in control:
            yield from walk(c, shown_only=shown_only)
        return
    if not isinstance(control, ft.BaseControl):
        return
    if shown_only and getattr(control, "visible", True) is False:
        return
    yield control
    for f in dataclasses.fields(control):
        if f.name.startswith("_") or f.name in ("parent", "page", "data"):
            continue
        value = getattr(control, f.name, None)
        if isinstance(value, (ft.BaseControl, list, tuple)):
            yield from walk(value, shown_only=shown_only)


def shown(root: Any) -> Iterator[Any]:
    return walk(root, shown_only=True)


def by_id(root: Any, identifier: str) -> ft.Semantics:
    """The shown control with this semantics identifier."""
    found = [c for c in shown(root) if isinstance(c, ft.Semantics) and c.identifier == identifier]
    assert found, f"no control with identifier {identifier!r} is shown"
    return found[0]


def has_id(root: Any, identifier: str) -> bool:
    return any(isinstance(c, ft.Semantics) and c.identifier == identifier for c in shown(root))


def texts(root: Any) -> list[str]:
    """Every shown string: Text values, string button contents, semantics labels."""
    out: list[str] = []
    for c in shown(root):
        if isinstance(c, ft.Text) and c.value:
            out.append(c.value)
        elif isinstance(c, ft.Semantics) and c.label:
            out.append(c.label)
        elif isinstance(getattr(c, "content", None), str):
            out.append(c.content)
    return out


def all_text(root: Any) -> str:
    return "\n".join(texts(root))


def finish_screen(h: Harness, value: object = False) -> None:
    """Answer every question of the screen shown ("no", or the first choice, or 45)."""
    for f in h.state.current.findings:
        q = h.state.content.question_by_id[f]
        v = 45 if q.type == "int" else q.options[0].value if q.type == "choice" else value
        h.run(h.ctl.answer(f, v))
