"""The cramp diary without a browser (ui/controllers/diary.py, views/diary.py): logging, people, deleting, storage,
files, charts."""

from __future__ import annotations

import asyncio
import json

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.followup.diary import ME, load_diary
from mobile_app.ui import routes
from mobile_app.ui.store import CLINIC_KEY, DIARY_KEY, FOLLOWUP_KEY, SET_ASIDE_KEY

from .conftest import NOW, FakePrefs, all_text, by_id, has_id, walk
from .followup_support import diary_app, finish_check, log, plain, save_button, selected, stored_diary


def test_three_taps_log_a_cramp_now(engine: Engine) -> None:
    h = diary_app(engine)
    assert not save_button(h).disabled, "Save is never greyed out (hazard H29)"
    assert has_id(h.top.bottom_appbar, "save-hint"), "a hint says what Save waits for"
    h.click("save-episode")
    assert DIARY_KEY not in h.prefs.data or not stored_diary(h).episodes, "nothing is saved without leg and pain"
    assert h.services.announced == ["Choose the leg, how bad it was and how long it lasted."]
    hint = by_id(h.top.bottom_appbar, "save-hint").content
    assert hint.color == h.ctl.ctx().colors.error, "the hint stands out after Save was tapped too early"
    h.click("leg-left")
    assert hint.color != h.ctl.ctx().colors.error, "the next choice calms it again"
    h.click("pain-6")
    assert has_id(h.top.bottom_appbar, "save-hint"), "how long it lasted is chosen too, never preset"
    h.click("save-episode")
    assert DIARY_KEY not in h.prefs.data or not stored_diary(h).episodes, "nothing is saved without the duration"
    h.click("duration-1_to_5_min")
    assert not has_id(h.top.bottom_appbar, "save-hint"), "the hint goes when Save is ready"
    h.click("save-episode")
    (episode,) = stored_diary(h).episodes
    assert (episode.person, episode.leg, episode.pain, episode.when) == (ME, "left", 6, NOW)
    assert episode.duration == "1_to_5_min" and episode.helped == ()
    assert json.loads(h.prefs.data[DIARY_KEY])["schema_version"] == 2
    assert by_id(h.top, "flash").live_region and "Saved in the diary." in all_text(h.top)
    assert has_id(h.top, "entry-1") and "1 cramp in the last 8 weeks" in all_text(by_id(h.top, "diary-chart-weekly"))


def test_nothing_is_chosen_for_the_person_in_a_new_entry(engine: Engine) -> None:
    """Issue 14: "1 to 5 minutes" was preset on a first entry (and the last entry's answers on later ones) and
    reached the doctor as if chosen. Every entry starts empty but for the time (now)."""
    from mobile_app.followup.diary import DURATIONS, HELPED

    h = diary_app(engine)
    assert selected(h, "when-now")
    assert not any(selected(h, f"duration-{d}") for d in DURATIONS)
    h.click("helped-stretching")
    h.click("helped-warmth")
    log(h, "right", 4, duration="5_to_10_min")
    assert not selected(h, "leg-right") and not selected(h, "pain-4")
    assert not any(selected(h, f"duration-{d}") for d in DURATIONS)
    assert not any(selected(h, f"helped-{x}") for x in HELPED)
    log(h, "left", 2, duration="under_1_min")
    newest, older = h.ctl.records.entries()
    assert (newest.leg, newest.pain, newest.duration, newest.helped) == ("left", 2, "under_1_min", ())
    assert (older.duration, older.helped) == ("5_to_10_min", ("stretching", "warmth"))


def test_nothing_helped_excludes_the_rest(engine: Engine) -> None:
    h = diary_app(engine)
    h.click("helped-massage")
    h.click("helped-nothing")
    assert selected(h, "helped-nothing") and not selected(h, "helped-massage")
    h.click("helped-walking")
    assert not selected(h, "helped-nothing") and selected(h, "helped-walking")


def test_an_earlier_time_is_logged_and_the_future_refused(engine: Engine) -> None:
    h = diary_app(engine)
    h.click("when-yesterday")
    picker = h.dialog
    assert isinstance(picker, ft.TimePicker)
    picker.value = NOW.replace(hour=23, minute=15).time()
    asyncio.run(picker.on_change(ft.Event(name="change", control=picker)))
    assert selected(h, "when-yesterday") and "Nov 19, 2026, 11:15 PM" in plain(by_id(h.top, "when-chosen"))
    log(h)
    assert stored_diary(h).episodes[0].when == NOW.replace(day=19, hour=23, minute=15)
    h.click("when-earlier")
    later = h.dialog
    later.value = NOW.replace(hour=4).time()  # later tonight: not yet
    asyncio.run(later.on_change(ft.Event(name="change", control=later)))
    assert selected(h, "when-now") and "has not come yet" in all_text(h.top)


def test_a_person_i_care_for_has_their_own_diary(engine: Engine) -> None:
    h = diary_app(engine)
    log(h, "left", 5, duration="under_1_min")
    h.click("add-person")
    name = by_id(h.dialog, "person-name").content
    name.value = "\x07"  # nothing usable
    h.click("add-person-confirm", in_dialog=True)
    assert name.error and h.services.dialogs, "the dialog stays open and says why"
    name.value = "  Mum  "
    h.click("add-person-confirm", in_dialog=True)
    assert not h.services.dialogs
    mum = h.ctl.records.people[-1]
    assert mum.name == "Mum" and mum.who == "caregiver" and selected(h, f"person-{mum.id}")
    assert not has_id(h.top, "entry-1"), "a fresh diary"
    log(h, "both", 7)
    assert [e.person for e in stored_diary(h).episodes] == [ME, mum.id]
    h.click(f"person-{ME}")
    assert "Left leg" in all_text(by_id(h.top, "entry-1")) and not has_id(h.top, "entry-2")


def test_deleting_asks_first(engine: Engine) -> None:
    h = diary_app(engine)
    log(h, "left", 3)
    log(h, "right", 8)
    h.click("delete-entry-1")
    assert "Delete this entry?" in all_text(h.dialog)
    h.click("confirm-delete-entry-cancel", in_dialog=True)
    assert len(stored_diary(h).episodes) == 2
    h.click("delete-entry-1")  # the newest: right leg, 8
    h.click("confirm-delete-entry-confirm", in_dialog=True)
    (left,) = stored_diary(h).episodes
    assert left.pain == 3 and "The entry was deleted." in all_text(h.top)
    h.click("delete-everything")
    h.click("confirm-delete-everything-confirm", in_dialog=True)
    assert stored_diary(h).episodes == () and not has_id(h.top, "delete-everything")


def test_a_diary_entry_with_a_danger_sign_goes_to_the_urgent_result(engine: Engine) -> None:
    h = diary_app(engine)
    log(h, "left", 9, duration="over_10_min")
    assert h.pushed[-1] == routes.DIARY_RESULT and h.top.route == routes.DIARY_RESULT
    urgent = next(li for li in engine.content.advice.levels if li.level == "urgent")
    assert by_id(h.top, "result-level").label == urgent.title.self_
    assert "lasted more than 10 minutes" in all_text(by_id(h.top, "result-reasons"))
    assert len(stored_diary(h).episodes) == 1, "the entry is kept"
    h.click("back-to-diary")
    assert h.top.route == routes.DIARY
    h.run(h.ctl.open_route(routes.DIARY_RESULT))  # a later reload: nothing to show, the diary is there
    h.ctl.session.diary_result = None
    h.run(h.ctl.open_route(routes.DIARY_RESULT))
    assert h.top.route == routes.DIARY


def test_unreadable_entries_are_kept_aside_told_and_deleted_only_after_asking(engine: Engine) -> None:
    prefs = FakePrefs()
    good = {
        "id": "a" * 32,
        "person": ME,
        "when": "2026-11-19T03:00:00",
        "leg": "left",
        "pain": 5,
        "duration": "1_to_5_min",
        "helped": [],
        "note": "",
    }
    prefs.data[DIARY_KEY] = json.dumps({"schema_version": 1, "episodes": [good, {"id": "bad", "pain": 99}]})
    h = diary_app(engine, prefs)
    assert json.loads(prefs.data[SET_ASIDE_KEY]) == [json.dumps({"id": "bad", "pain": 99})]
    assert len(load_diary(prefs.data[DIARY_KEY]).set_aside) == 0, "the readable rest is written back"
    note = by_id(h.top, "set-aside-note")
    assert "Some saved entries could not be read. They are kept aside." in all_text(note)
    h.click("set-aside-copy")
    assert h.services.copied == ['{"id": "bad", "pain": 99}\n'] and "Copied." in all_text(h.top)
    again = diary_app(engine, prefs)  # opening the app again keeps them aside, once
    assert json.loads(prefs.data[SET_ASIDE_KEY]) == ['{"id": "bad", "pain": 99}']
    again.click("set-aside-delete")
    again.click("confirm-set-aside-cancel", in_dialog=True)
    assert SET_ASIDE_KEY in prefs.data
    again.click("set-aside-delete")
    again.click("confirm-set-aside-confirm", in_dialog=True)
    assert SET_ASIDE_KEY not in prefs.data and not has_id(again.top, "set-aside-note")
    assert len(stored_diary(again).episodes) == 1


def test_export_and_import_report_what_was_added(engine: Engine) -> None:
    h = diary_app(engine)
    log(h, "left", 3)
    log(h, "right", 5)
    h.click("export-diary")
    name, data = h.services.saved[-1]
    assert name == "calf-check-diary-2026-11-20.json" and json.loads(data)["schema_version"] == 2
    other = diary_app(engine)
    exported = json.loads(data)
    exported["episodes"].append({"id": "broken"})
    other.services.to_pick = json.dumps(exported).encode()
    other.click("import-diary")
    told = all_text(by_id(other.top, "flash"))
    assert "2 entries added." in told and "1 could not be read and was kept aside." in told
    assert has_id(other.top, "set-aside-note") and len(stored_diary(other).episodes) == 2
    other.click("import-diary")
    assert "0 entries added. 2 were already in the diary." in all_text(other.top)
    other.services.to_pick = b"\x89PNG not a diary"
    other.click("import-diary")
    assert "not a diary file" in all_text(other.top)


def test_storage_keys_are_separate(engine: Engine, prefs: FakePrefs) -> None:
    h = diary_app(engine, prefs)
    log(h)
    finish_check(h, {"relieved_by_stretching": True})
    h.run(h.ctl.clinic.apply_link("clinic=Clinica%20Sol"))
    assert {DIARY_KEY, FOLLOWUP_KEY, CLINIC_KEY} <= set(prefs.data)
    assert json.loads(prefs.data[CLINIC_KEY]) == {"clinic": "Clinica Sol", "phone": None}


def test_the_charts_fit_a_narrow_phone_and_carry_the_text_summary(engine: Engine) -> None:
    import flet_charts as fch

    h = diary_app(engine)
    for pain in (2, 9):
        log(h, "left", pain)
    weekly = by_id(h.top, "diary-chart-weekly")
    bars = weekly.content
    assert isinstance(bars, fch.BarChart) and len(bars.groups) == 8
    assert weekly.label.startswith("2 cramps in the last 8 weeks") and weekly.exclude_semantics
    labels = [lbl.value for lbl in bars.bottom_axis.labels]
    assert labels == [1, 3, 5, 7], "every other week, the current one included (8 do not fit at 320 px)"
    assert [g.rods[0].to_y for g in bars.groups][-1] == 2
    pain = by_id(h.top, "diary-chart-pain")
    line = pain.content
    assert isinstance(line, fch.LineChart) and pain.label == weekly.label
    assert [p.y for p in line.data_series[0].points] == [2, 9] and (line.min_y, line.max_y) == (0, 10)
    assert all(lbl.value < line.max_x for lbl in line.bottom_axis.labels), "no label cut off at the right edge"
    assert all(t.value == weekly.label for t in walk(h.top) if isinstance(t, ft.Text) and t.value == weekly.label)


# ---------------------------------------------------------------- issue 21: exercise sessions


def test_one_tap_logs_an_exercise_session_and_undo_takes_it_back(engine: Engine) -> None:
    from mobile_app.followup.diary import SESSION_KINDS

    h = diary_app(engine)
    assert all(has_id(h.top, f"log-{k}") for k in SESSION_KINDS)
    h.click("log-walking")
    (walk,) = stored_diary(h).sessions
    assert (walk.person, walk.kind, walk.when) == (ME, "walking", NOW), "what was tapped, done now, nothing else"
    logged = by_id(h.top, "session-logged")
    assert logged.live_region and "Logged: Walking at 2:30 AM." in plain(logged), "said, for a screen reader too"
    assert has_id(h.top, "undo-session") and not has_id(h.top, "flash"), "said once, beside its Undo"
    h.click("undo-session")
    assert stored_diary(h).sessions == () and not has_id(h.top, "undo-session")
    assert "Taken off the diary." in all_text(by_id(h.top, "flash"))
    h.click("log-heel_raises")
    log(h, "left", 4)  # another message: no Undo left beside it
    assert not has_id(h.top, "undo-session") and len(stored_diary(h).sessions) == 1
    assert json.loads(h.prefs.data[DIARY_KEY])["schema_version"] == 2


def test_sessions_are_listed_charted_beside_the_cramps_and_deleted_after_asking(engine: Engine) -> None:
    import flet_charts as fch

    h = diary_app(engine)
    assert not has_id(h.top, "session-1") and not has_id(h.top, "diary-chart-legend"), "nothing until one is logged"
    h.click("log-heel_raises")
    h.click("log-walking")
    log(h, "right", 5)
    weekly = by_id(h.top, "diary-chart-weekly")
    bars = weekly.content
    assert isinstance(bars, fch.BarChart)
    assert [r.to_y for r in bars.groups[-1].rods] == [1, 2], "this week: 1 cramp, 2 sessions, side by side"
    assert "1 cramp in the last 8 weeks" in weekly.label
    assert "2 exercise sessions logged in the last 8 weeks. Heel raises: 1 time. Walking: 1 time." in weekly.label
    assert weekly.label in all_text(by_id(h.top, "diary-summary-text")), "the same words on the screen"
    assert "Exercise sessions" in all_text(by_id(h.top, "diary-chart-legend"))
    assert "Walking" in all_text(by_id(h.top, "session-1")) and "Heel raises" in all_text(by_id(h.top, "session-2"))
    h.click("delete-session-1")
    assert "Delete this exercise session?" in all_text(h.dialog)
    h.click("confirm-delete-session-cancel", in_dialog=True)
    assert len(stored_diary(h).sessions) == 2
    h.click("delete-session-1")
    h.click("confirm-delete-session-confirm", in_dialog=True)
    (left,) = stored_diary(h).sessions
    assert left.kind == "heel_raises" and "The exercise session was deleted." in all_text(h.top)
    assert len(stored_diary(h).episodes) == 1, "the cramp stays"
    h.click("delete-everything")
    assert "exercise session" in all_text(h.dialog), "the question says sessions go too"
    h.click("confirm-delete-everything-confirm", in_dialog=True)
    assert stored_diary(h).sessions == () and stored_diary(h).episodes == ()


def test_a_session_belongs_to_the_person_chosen(engine: Engine) -> None:
    h = diary_app(engine)
    h.click("log-stretching")
    h.click("add-person")
    by_id(h.dialog, "person-name").content.value = "Mum"
    h.click("add-person-confirm", in_dialog=True)
    mum = h.ctl.records.people[-1]
    assert not has_id(h.top, "session-1"), "Mum's diary has none yet"
    h.click("log-walking")
    assert [(x.person, x.kind) for x in stored_diary(h).sessions] == [(ME, "stretching"), (mum.id, "walking")]
    h.click(f"person-{ME}")
    assert "Stretching" in all_text(by_id(h.top, "session-1")) and not has_id(h.top, "session-2")


def test_the_plan_on_a_result_leads_to_the_diary_and_nowhere_else(engine: Engine) -> None:
    h = diary_app(engine)
    finish_check(h, {"relieved_by_stretching": True, "cramp_frequency": "1_to_3_per_week"})
    assert any(x.topic == "exercise_therapy" for x in h.state.result.advice)
    h.click("log-exercise-in-diary")
    assert h.top.route == routes.DIARY and has_id(h.top, "log-walking")
    other = diary_app(engine)
    finish_check(other, {"relieved_by_stretching": True, "cramp_frequency": "first_time"})
    assert not any(x.topic == "exercise_therapy" for x in other.state.result.advice)
    assert not has_id(other.top, "log-exercise-in-diary"), "no plan, no link to log it"
