"""Helpers for the follow-up screens' tests: the app opened at the diary, logging a cramp, a check to its result."""

from __future__ import annotations

import asyncio

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.followup.diary import load_diary
from mobile_app.ui import routes
from mobile_app.ui.state import AppState
from mobile_app.ui.store import DIARY_KEY, RecordsStore

from .conftest import FakePrefs, Harness, all_text, by_id


def diary_app(engine: Engine, prefs: FakePrefs | None = None) -> Harness:
    """The app as main() starts it: the records loaded from storage, then the diary opened."""
    prefs = prefs or FakePrefs()
    records = asyncio.run(RecordsStore(prefs).load())
    h = Harness(AppState(engine), prefs, records)
    h.run(h.ctl.open_route(routes.DIARY))
    return h


def stored_diary(h: Harness):
    return load_diary(h.prefs.data[DIARY_KEY]).diary


def selected(h: Harness, identifier: str) -> bool:
    return bool(by_id(h.top, identifier).selected)


def plain(root: object) -> str:
    """The text with babel's narrow no-break spaces (before AM/PM) as plain spaces."""
    return all_text(root).replace("\u202f", " ")


def log(h: Harness, leg: str = "left", pain: int = 6, **extra: str) -> None:
    """Log a cramp as a person does: leg, pain and how long it lasted (1 to 5 minutes unless `duration=` says)."""
    extra.setdefault("duration", "1_to_5_min")
    for kind, value in extra.items():
        h.click(f"{kind}-{value}")
    h.click(f"leg-{leg}")
    h.click(f"pain-{pain}")
    h.click("save-episode")


def save_button(h: Harness) -> ft.FilledButton:
    return by_id(h.top.bottom_appbar, "save-episode").content


def finish_check(h: Harness, answers: dict[str, object]) -> None:
    """Answer the check as a person would (given answers, else "no" and the first choice) to the result."""
    h.run(h.ctl.go(routes.WHO))
    h.click("who-self")
    answer_to_result(h, answers)


def answer_to_result(h: Harness, answers: dict[str, object]) -> None:
    for _ in range(20):
        if h.state.result is not None:
            break
        for f in h.state.current.findings:
            q = h.state.content.question_by_id[f]
            value = answers.get(f, 45 if q.type == "int" else q.options[0].value if q.type == "choice" else False)
            h.run(h.ctl.answer(f, value))
        h.run(h.ctl.next())
    assert h.top.route == routes.RESULT
