"""Issue 17: whatever the device's storage holds, the app opens, keeps what it cannot read aside, says so, and the
emergency number stays one tap away. And a failure inside a screen shows the fallback screen, never a traceback."""

from __future__ import annotations

import asyncio
import json
import types
from typing import Any

import flet as ft
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobile_app.core.engine import Engine
from mobile_app.followup.diary import Diary, add_episode, dump_diary, load_set_aside, new_episode
from mobile_app.ui import routes
from mobile_app.ui.fallback import SafetyNet, describe, fallback_view
from mobile_app.ui.state import AppState
from mobile_app.ui.store import (
    CLINIC_KEY,
    DIARY_KEY,
    FOLLOWUP_KEY,
    KEY,
    SET_ASIDE_KEY,
    RecordsStore,
    Store,
    as_text,
    open_storage,
)

from .conftest import NOW, FakePrefs, Harness, all_text, by_id, has_id

DEEP_ARRAY = "[" * 100_000
DEEP_OBJECT = '{"a":' * 50_000
EDGE_TIMES = ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00")


def episode_at(when: str) -> dict[str, Any]:
    return {"id": "e" * 32, "person": "me", "when": when, "leg": "left", "pain": 5, "duration": "1_to_5_min"}


def diary_with(*episodes: dict[str, Any]) -> str:
    return json.dumps({"schema_version": 1, "episodes": list(episodes)})


def open_app(engine: Engine, prefs: FakePrefs, route: str = routes.START) -> Harness:
    """The app as main() opens it (app._start): storage read through open_storage, then the route shown."""
    opened = asyncio.run(open_storage(Store(prefs), RecordsStore(prefs), engine))
    h = Harness(opened.state or AppState(engine), prefs, opened.records)
    if opened.restore_failed:
        h.ctl.session.notice = "restore_failed"
    h.run(h.ctl.open_route(route))
    return h


def kept(prefs: FakePrefs) -> list[str]:
    return load_set_aside(as_text(prefs.data.get(SET_ASIDE_KEY)))


def test_a_session_nested_100000_deep_opens_the_app_and_is_kept_aside(engine: Engine) -> None:
    prefs = FakePrefs()
    prefs.data[KEY] = DEEP_ARRAY
    h = open_app(engine, prefs)
    assert h.top.route == routes.START and has_id(h.top, "call-emergency-now") and has_id(h.top, "start-button")
    assert has_id(h.top, "restore-failed-note") and has_id(h.top, "kept-aside-note")
    assert kept(prefs) == [DEEP_ARRAY], "the unreadable session is kept aside, whole"
    assert KEY not in prefs.data or prefs.data[KEY] != DEEP_ARRAY


def test_a_followup_nested_100000_deep_opens_the_app_and_is_kept_aside(engine: Engine) -> None:
    prefs = FakePrefs()
    prefs.data[FOLLOWUP_KEY] = DEEP_OBJECT
    h = open_app(engine, prefs)
    assert has_id(h.top, "call-emergency-now") and has_id(h.top, "followup-unreadable")
    assert has_id(h.top, "kept-aside-note")
    assert kept(prefs) == [DEEP_OBJECT] and FOLLOWUP_KEY not in prefs.data


def test_diary_entries_dated_at_the_edge_of_the_calendar_are_kept_aside(engine: Engine) -> None:
    """0001-01-01T00:00:00+14:00 and 9999-12-31T23:59:59-12:00 raised OverflowError at every start."""
    good = new_episode("me", when=NOW, leg="right", pain=4, duration="under_1_min")
    stored = json.loads(dump_diary(add_episode(Diary(), good)))
    stored["episodes"] += [episode_at(t) | {"id": c * 32} for t, c in zip(EDGE_TIMES, "ab", strict=True)]
    prefs = FakePrefs()
    prefs.data[DIARY_KEY] = json.dumps(stored)
    h = open_app(engine, prefs)
    assert has_id(h.top, "kept-aside-note") and has_id(h.top, "call-emergency-now")
    assert len(kept(prefs)) == 2 and all(t in "".join(kept(prefs)) for t in EDGE_TIMES)
    h.run(h.ctl.go(routes.DIARY))
    assert has_id(h.top, "set-aside-note") and has_id(h.top, "entry-1") and not has_id(h.top, "entry-2")
    assert not has_id(h.top, "kept-aside-note")
    h.run(h.ctl.go(routes.START))
    assert not has_id(h.top, "kept-aside-note"), "said once, on the first start screen"


def test_a_value_of_another_type_is_kept_aside_not_overwritten(engine: Engine) -> None:
    """SharedPreferences can hold numbers and lists of text: the diary key holding a list used to read as 'no
    diary', and the next entry logged overwrote it."""
    prefs = FakePrefs()
    prefs.data[DIARY_KEY] = ["not", "a diary"]
    prefs.data[KEY] = 12
    h = open_app(engine, prefs)
    assert has_id(h.top, "kept-aside-note")
    assert set(kept(prefs)) == {'["not", "a diary"]', "12"}


def test_a_clinic_nested_100000_deep_is_dropped_and_the_app_opens(engine: Engine) -> None:
    prefs = FakePrefs()
    prefs.data[CLINIC_KEY] = DEEP_ARRAY
    h = open_app(engine, prefs)
    assert has_id(h.top, "start-button") and not has_id(h.top, "clinic-recommended")


# ---------------------------------------------------------------- fuzzing every key at once

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=16,
)
_shaped = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.sampled_from([1, True, "1", 2]),
        "schema_version": st.sampled_from([0, 1, True, 1.0, "1", 7]),
        "lang": st.sampled_from(["en", "ar", "xx", 5]),
        "country": st.sampled_from(["US", "FR", "ZZ", None]),
        "who": st.sampled_from(["self", "caregiver", "me", None]),
        "answers": _json,
        "steps": _json,
        "finished": _json,
        "episodes": st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.sampled_from(["a" * 32, "b" * 32, "x"]),
                    "person": st.sampled_from(["me", "p1", 3]),
                    "when": st.one_of(st.sampled_from(EDGE_TIMES), st.datetimes().map(str), st.integers()),
                    "leg": st.sampled_from(["left", "both", "up"]),
                    "pain": st.one_of(st.integers(-2, 12), st.booleans(), st.just("7"), st.just(7.0)),
                    "duration": st.sampled_from(["1_to_5_min", "over_10_min", "forever"]),
                }
            ),
            max_size=3,
        ),
        "people": _json,
        "first_seen": st.one_of(st.dates().map(str), _json),
        "last": _json,
        "clinic": _json,
        "phone": _json,
    },
)
stored_value = st.one_of(
    st.none(),
    st.sampled_from([DEEP_ARRAY, DEEP_OBJECT, "", "null", "[]", "{}", '"x"', "1e999999", "\x00\ud800"]),
    st.text(max_size=60),
    _json.map(json.dumps),
    _shaped.map(json.dumps),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.text(max_size=8), max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    session=stored_value,
    diary=stored_value,
    aside=stored_value,
    followup=stored_value,
    clinic=stored_value,
)
def test_whatever_storage_holds_the_app_opens_with_the_emergency_number(
    engine: Engine, session: Any, diary: Any, aside: Any, followup: Any, clinic: Any
) -> None:
    prefs = FakePrefs()
    for key, value in ((KEY, session), (DIARY_KEY, diary), (SET_ASIDE_KEY, aside), (FOLLOWUP_KEY, followup)):
        if value is not None:
            prefs.data[key] = value
    if clinic is not None:
        prefs.data[CLINIC_KEY] = clinic
    before = dict(prefs.data)
    h = open_app(engine, prefs)
    assert has_id(h.top, "call-emergency-now"), "the emergency number is one tap away"
    text = all_text(h.top)
    assert "Traceback" not in text and "Error" not in text
    # Nothing stored under the diary, the follow-up or the session is lost: it is still under its key, or kept
    # aside, or it was read (then it is written back in the app's own form).
    aside_now = kept(prefs)
    restored = h.state.in_progress or (before.get(KEY) is not None and not has_id(h.top, "restore-failed-note"))
    for key in (KEY, DIARY_KEY, FOLLOWUP_KEY):
        old = as_text(before.get(key))
        if old is None or not old.strip() or as_text(prefs.data.get(key)) == old or old in aside_now:
            continue
        assert key == DIARY_KEY or (key == KEY and restored), f"{key} was lost"
    for name in (routes.DIARY, routes.SUMMARY, routes.START):
        h.run(h.ctl.go(name))
        assert has_id(h.top, "call-emergency"), f"{name} did not open"


# ---------------------------------------------------------------- the fallback screen


def test_the_fallback_screen_has_the_emergency_call_and_the_way_home_and_no_traceback() -> None:
    from mobile_app.core.i18n import Translator

    async def home(_: ft.Event[ft.Button]) -> None:
        return None

    view = fallback_view(Translator("es"), "112", home)
    assert has_id(view, "fallback-screen") and has_id(view, "fallback-home")
    call = by_id(view, "call-emergency-now")
    assert call.content.url == "tel:112" and call.content.content.value == "Llame al 112 ahora"
    assert "Traceback" not in all_text(view)


class _Session:
    def error(self, message: str) -> None:  # what Flet does: the "Error running app" page
        raise AssertionError("Flet's error page was shown")


def _fake_page() -> Any:
    page = types.SimpleNamespace(views=[], rtl=False, fonts={}, updates=0, session=_Session())

    def update(*_: Any) -> None:
        page.updates += 1

    page.update = update
    return page


def test_a_failing_event_handler_shows_the_fallback_screen_in_the_session_language(engine: Engine) -> None:
    page = _fake_page()
    net = SafetyNet(page)
    net.install()
    net.settings = lambda: ("fr", engine.content.country_by_code["FR"].emergency_number)
    went_home: list[bool] = []

    async def home() -> None:
        went_home.append(True)

    net.home = home
    page.session.error("ValueError: 'chest_pain' is not on the current screen\nTraceback ...")  # Flet's report
    (view,) = page.views
    assert page.updates == 1 and has_id(view, "fallback-screen")
    assert by_id(view, "call-emergency-now").content.url == "tel:15"
    assert "Traceback" not in all_text(view) and "chest_pain" not in all_text(view)
    handler = by_id(view, "fallback-home").content.on_click
    asyncio.run(handler(ft.Event(name="click", control=by_id(view, "fallback-home").content)))
    assert went_home == [True]


def test_a_way_home_that_fails_again_shows_the_fallback_screen_again() -> None:
    page = _fake_page()
    net = SafetyNet(page)

    async def broken() -> None:
        raise RuntimeError("still broken")

    net.home = broken
    net.fail(ValueError("x"))
    first = page.views[0]
    button = by_id(first, "fallback-home").content
    asyncio.run(button.on_click(ft.Event(name="click", control=button)))
    assert net.failures == 2 and has_id(page.views[0], "fallback-screen")


def test_the_failure_is_described_without_its_message() -> None:
    try:
        raise ValueError("pain 9, chest pain yes")
    except ValueError as exc:
        text = describe(exc)
    assert text.startswith("ValueError at test_hostile_storage.py:") and "pain" not in text.split(" at ")[0]
    assert "chest" not in text


def test_the_controller_recovers_to_the_start_screen_keeping_the_check(engine: Engine) -> None:
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    h.run(h.ctl.answer("chest_pain", False))
    h.run(h.ctl.recover())
    assert h.top.route == routes.START and has_id(h.top, "continue-button")
    assert h.state.answers.get("chest_pain") is False


# ---------------------------------------------------------------- a big diary


def test_a_big_diary_lists_its_newest_entries_and_more_on_request(engine: Engine) -> None:
    import datetime as dt

    from mobile_app.followup.diary import ME
    from mobile_app.ui.records import ENTRIES_PAGE, MAX_CHART_POINTS

    n = 3 * ENTRIES_PAGE + 7
    episodes = [
        {"id": f"{i:032x}", "person": ME, "when": (NOW - dt.timedelta(hours=i)).isoformat(), "leg": "left",
         "pain": i % 11, "duration": "1_to_5_min"}
        for i in range(n)
    ]
    prefs = FakePrefs()
    prefs.data[DIARY_KEY] = diary_with(*episodes)
    h = open_app(engine, prefs, routes.DIARY)
    assert has_id(h.top, f"entry-{ENTRIES_PAGE}") and not has_id(h.top, f"entry-{ENTRIES_PAGE + 1}")
    assert f"({n - ENTRIES_PAGE} more)" in all_text(h.top)
    h.click("show-older-entries")
    assert has_id(h.top, f"entry-{2 * ENTRIES_PAGE}") and not has_id(h.top, f"entry-{2 * ENTRIES_PAGE + 1}")
    assert len(h.ctl.records.pain_points(NOW.date())) <= MAX_CHART_POINTS


def test_a_big_diary_import_is_read_off_the_event_loop(engine: Engine, monkeypatch: Any) -> None:
    import threading

    from mobile_app.followup import diary as core_diary

    threads: list[str] = []
    real = core_diary.import_json

    def spy(text: str, into: Diary) -> Any:
        threads.append(threading.current_thread().name)
        return real(text, into)

    monkeypatch.setattr(core_diary, "import_json", spy)
    h = open_app(engine, FakePrefs(), routes.DIARY)
    h.run(h.ctl.diary.import_bytes(diary_with(episode_at("2026-11-01T03:00:00")).encode()))
    assert threads and threads[0] != threading.main_thread().name
    assert "1 entry added." in all_text(h.top)


def test_an_import_over_the_cap_or_with_edge_dates_says_so(engine: Engine) -> None:
    from mobile_app.ui.controllers.diary import MAX_IMPORT_BYTES, TOO_BIG_MARKER

    h = open_app(engine, FakePrefs(), routes.DIARY)
    h.run(h.ctl.diary.import_bytes(b" " * (MAX_IMPORT_BYTES + 1)))
    assert "too big to be a diary file" in all_text(h.top)
    h.run(h.ctl.diary.import_bytes(TOO_BIG_MARKER + b" 52428800}"))
    assert "too big to be a diary file" in all_text(h.top)
    edge = diary_with(*(episode_at(t) | {"id": c * 32} for t, c in zip(EDGE_TIMES, "ab", strict=True)))
    h.run(h.ctl.diary.import_bytes(edge.encode()))
    text = all_text(h.top)
    assert "0 entries added." in text and "2 could not be read and were kept aside." in text
    assert has_id(h.top, "set-aside-note")
