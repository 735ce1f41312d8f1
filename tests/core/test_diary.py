"""The cramp diary: versioned storage that never crashes, never silently drops, and summarises honestly."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mobile_app.core.diary import (
    ME,
    Diary,
    add_episode,
    add_person,
    danger_answers,
    delete_all,
    delete_episode,
    dump_diary,
    dump_set_aside,
    export_json,
    facts,
    import_json,
    last_entry,
    load_diary,
    load_set_aside,
    merge_set_aside,
    new_episode,
    set_aside_text,
    weekly_counts,
)

NOW = dt.datetime(2026, 11, 20, 2, 30)


def ep(days_ago: int = 0, **kw):
    args = {"when": NOW - dt.timedelta(days=days_ago), "leg": "left", "pain": 6, "duration": "1_to_5_min",
            "helped": ["stretching"]}
    args.update(kw)
    person = args.pop("person", ME)
    return new_episode(person, **args)


def test_round_trip_and_schema_version() -> None:
    d = add_episode(Diary(), ep(note="woke me up"))
    raw = dump_diary(d)
    assert json.loads(raw)["schema_version"] == 1
    loaded = load_diary(raw)
    assert loaded.diary == d and not loaded.set_aside and not loaded.messages


def test_corrupt_data_is_kept_aside_and_reported() -> None:
    loaded = load_diary("{not json")
    assert loaded.diary == Diary()
    assert loaded.set_aside == ("{not json",) and loaded.messages == ("DIARY_CORRUPT",)


def test_bad_entries_are_set_aside_and_good_ones_kept() -> None:
    good = json.loads(dump_diary(add_episode(Diary(), ep())))
    good["episodes"].append({"id": "x", "pain": 99})
    loaded = load_diary(json.dumps(good))
    assert len(loaded.diary.episodes) == 1
    assert len(loaded.set_aside) == 1 and "DIARY_ENTRIES_SET_ASIDE" in loaded.messages


def test_an_older_version_is_migrated_not_dropped() -> None:
    v0 = {"entries": [{"id": "a" * 32, "when": "2026-11-01T03:00:00", "leg": "right", "pain": 4, "minutes": 12}]}
    loaded = load_diary(json.dumps(v0))
    assert "DIARY_OLD_VERSION_MIGRATED" in loaded.messages
    (only,) = loaded.diary.episodes
    assert only.duration == "over_10_min" and only.person == ME


def test_a_newer_version_is_kept_aside_whole() -> None:
    text = json.dumps({"schema_version": 7, "episodes": []})
    loaded = load_diary(text)
    assert loaded.set_aside == (text,) and loaded.messages == ("DIARY_NEWER_VERSION",)


def test_export_import_merges_without_duplicates() -> None:
    d = add_episode(add_episode(Diary(), ep(1)), ep(2))
    exported = export_json(d, exported=NOW, app_version="test")
    again = import_json(exported, d)
    assert (again.added, again.duplicates) == (0, 2)
    fresh = import_json(exported, Diary())
    assert fresh.added == 2 and fresh.diary.of(ME) == d.of(ME)


def test_people_deleting_and_danger() -> None:
    d, mum = add_person(Diary(), "Mum")
    d = add_episode(d, ep(person=mum.id, duration="over_10_min"))
    d = add_episode(d, ep())
    assert len(d.of(mum.id)) == 1 and len(d.of(ME)) == 1
    assert danger_answers(d.of(mum.id)[0]) == {"cramp_over_10_min": True}
    assert danger_answers(d.of(ME)[0]) == {}
    one = delete_episode(d, d.of(ME)[0].id)
    assert not one.of(ME) and one.of(mum.id)
    assert not delete_all(d).episodes and delete_all(d, mum.id).of(ME)


def test_weekly_counts_and_facts() -> None:
    d = Diary()
    for days in (0, 1, 8, 9, 10, 40):
        d = add_episode(d, ep(days, pain=days % 10, leg="right" if days < 9 else "left"))
    weeks = weekly_counts(d, ME, today=NOW.date(), weeks=8)
    assert len(weeks) == 8 and sum(n for _, n in weeks) == 6 and weeks[-1][1] == 2
    f = facts(d, ME, today=NOW.date(), weeks=8)
    assert f.episodes == 6 and f.worst_pain == 9 and f.helped_most == "stretching"
    assert f.first == (NOW - dt.timedelta(days=40)).date()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), json_values.map(json.dumps)))
def test_loading_anything_never_crashes_and_never_loses_data(text: str) -> None:
    loaded = load_diary(text)
    assert isinstance(loaded.diary, Diary)
    if text.strip() and not loaded.diary.episodes and loaded.diary.people == Diary().people:
        # Nothing was usable: then either there was nothing to keep, or it was kept aside and reported.
        assert loaded.set_aside or loaded.messages or _empty_shape(text)


def _empty_shape(text: str) -> bool:
    raw = json.loads(text)
    return isinstance(raw, dict) and not raw.get("episodes") and not raw.get("entries") and not raw.get("people")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "person", "when", "leg", "pain", "duration", "helped", "note", "x"]),
                       json_values, max_size=9))
def test_importing_fuzzed_episodes_never_crashes(entry: dict) -> None:
    text = json.dumps({"schema_version": 1, "episodes": [entry]})
    result = import_json(text, Diary())
    assert result.added + len(result.set_aside) == 1


def test_set_aside_entries_are_kept_once_and_whatever_is_stored_survives() -> None:
    loaded = load_diary('{"schema_version": 1, "episodes": [{"id": "x"}, {"id": "y"}]}')
    kept = merge_set_aside(load_set_aside(None), loaded.set_aside)
    assert len(kept) == 2
    stored = dump_set_aside(kept)
    assert merge_set_aside(load_set_aside(stored), loaded.set_aside) == kept, "reading again adds nothing"
    assert load_set_aside("not a list") == ["not a list"], "an odd stored value is kept, not dropped"
    assert load_set_aside('{"a": 1}') == ['{"a": 1}']
    text = set_aside_text(kept)
    assert all(item in text for item in kept)


def test_last_entry_is_the_latest_of_that_person() -> None:
    d, mum = add_person(Diary(), "Mum")
    d = add_episode(d, ep(1, duration="5_to_10_min"))
    d = add_episode(d, ep(3, duration="under_1_min"))
    latest = last_entry(d, ME)
    assert latest is not None and latest.duration == "5_to_10_min"
    assert last_entry(d, mum.id) is None
