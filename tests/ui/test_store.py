"""Storage without a browser: every change saved under one key, a round trip, corrupt data cleared and told,
storage failures that never stop the check."""

from __future__ import annotations

import asyncio

from mobile_app.core.engine import Engine
from mobile_app.followup.diary import load_set_aside
from mobile_app.ui.state import AppState
from mobile_app.ui.store import KEY, SET_ASIDE_KEY, RecordsStore, Store, open_storage

from .conftest import FakePrefs, Harness, all_text, finish_screen, has_id


def test_every_change_is_saved_under_one_key(app: Harness) -> None:
    app.run(app.ctl.start_check())
    app.run(app.ctl.choose_who("caregiver"))
    app.run(app.ctl.answer("chest_pain", False))
    assert list(app.prefs.data) == [KEY]
    restored, failed = asyncio.run(Store(app.prefs).load(app.state.engine))
    assert not failed and restored is not None
    assert restored.who == "caregiver" and restored.answers == {"chest_pain": False}


def test_a_check_survives_a_restart_of_the_app(engine: Engine, app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    finish_screen(app)
    app.run(app.ctl.next())
    state, failed = asyncio.run(Store(app.prefs).load(engine))
    assert state is not None and not failed
    again = Harness(state, app.prefs)
    again.run(again.ctl.open_route("/check/2"))
    assert again.top.route == "/check/2"
    assert has_id(again.top, f"answer-{state.steps[1].findings[0]}-yes")


def test_corrupt_stored_data_is_cleared_and_the_person_told(engine: Engine) -> None:
    prefs = FakePrefs()
    bad = '{"schema": 1, "lang": "en", "answers": {"chest_pain": "maybe"}}'
    prefs.data[KEY] = bad
    opened = asyncio.run(open_storage(Store(prefs), RecordsStore(prefs), engine))
    assert opened.state is None and opened.restore_failed and KEY not in prefs.data
    assert load_set_aside(prefs.data[SET_ASIDE_KEY]) == [bad], "kept aside before it was cleared (issue 17)"
    h = Harness(AppState(engine), prefs)
    h.ctl.session.notice = "restore_failed"
    h.run(h.ctl.open_route("/"))
    assert has_id(h.top, "restore-failed-note")
    assert "could not restore" in all_text(h.top)


def test_storage_failure_never_stops_the_check(engine: Engine) -> None:
    class Broken(FakePrefs):
        async def get(self, key: str) -> object:
            raise RuntimeError("storage is gone")

        async def set(self, key: str, value: str) -> bool:
            raise RuntimeError("storage is gone")

    prefs = Broken()
    assert asyncio.run(Store(prefs).load(engine)) == (None, False)
    h = Harness(AppState(engine), prefs)
    h.run(h.ctl.choose_who("self"))
    assert h.top.route == "/check/1"


def test_clear_my_answers_removes_the_stored_check(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    app.run(app.ctl.answer("chest_pain", True))
    app.run(app.ctl.go("/"))
    app.click("clear-answers")
    assert KEY not in app.prefs.data
    assert app.state.answers == {} and not app.state.in_progress
    assert has_id(app.top, "cleared-note") and has_id(app.top, "start-button")
