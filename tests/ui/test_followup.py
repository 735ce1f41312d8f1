"""Follow-up without a browser: a finished check is remembered and the next one compared; review reminders."""

from __future__ import annotations

import json

from mobile_app.core.engine import Engine
from mobile_app.ui.store import FOLLOWUP_KEY

from .conftest import NOW, FakePrefs, all_text, by_id, has_id
from .followup_support import answer_to_result, diary_app, finish_check


def test_a_finished_check_is_remembered_and_the_next_one_compared(engine: Engine, prefs: FakePrefs) -> None:
    h = diary_app(engine, prefs)
    h.now = NOW.replace(month=10)
    finish_check(h, {"relieved_by_stretching": True, "cramp_frequency": "1_to_3_per_week"})
    assert not has_id(h.top, "comparison"), "nothing to compare the first check with"
    assert json.loads(prefs.data[FOLLOWUP_KEY])["last"]["when"] == "2026-10-20"
    h.click("start-again")
    assert "Your last check: Oct 20, 2026, Care at home" in all_text(by_id(h.top, "last-check"))
    reminder = all_text(by_id(h.top, "review-reminder"))
    assert "Cramps that keep coming back should be checked by a doctor by Apr 20, 2027" in reminder
    h.now = NOW
    finish_check(
        h, {"relieved_by_stretching": True, "cramp_frequency": "1_to_3_per_week", "calf_swelling_one_side": True}
    )
    comparison = by_id(h.top, "comparison")
    assert comparison.label == "Worse than last time"
    assert "Last check: Oct 20, 2026" in all_text(comparison) and "New since last time" in all_text(comparison)
    # Changing an answer replaces this check; it is still compared with October's.
    h.click("change-answer-1")
    answer_to_result(
        h,
        {
            "relieved_by_stretching": True,
            "cramp_frequency": "1_to_3_per_week",
            "calf_swelling_one_side": True,
            "age_years": 46,
        },
    )
    assert by_id(h.top, "comparison").label == "Worse than last time"
    stored = json.loads(prefs.data[FOLLOWUP_KEY])
    assert stored["previous"]["when"] == "2026-10-20" and stored["last"]["when"] == "2026-11-20"


def test_an_overdue_review_says_so(engine: Engine, prefs: FakePrefs) -> None:
    h = diary_app(engine, prefs)
    finish_check(h, {"relieved_by_stretching": True, "problem_duration": "over_6_months"})
    h.click("start-again")
    assert "That was due by Nov 20, 2026" in all_text(by_id(h.top, "review-reminder"))
