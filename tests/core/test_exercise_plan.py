"""The exercise plan (issue 21): offered where pain or cramps persist, adapted to age, never with a same-day or
emergency result, and illustrated with pictures that exist."""

from __future__ import annotations

import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.models import LEVEL_RANK
from tests.conftest import ROOT
from tests.core.test_medicine_reach import NIGHT_CRAMP, interview

PLAN = "exercise_therapy"


def plan_ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.id for a in result.advice if a.topic == PLAN}


@pytest.mark.parametrize(
    ("age", "want", "never"),
    [
        (40, {"calf_strength", "walking_every_day", "physiotherapy", "heat_or_cold"}, {"active_child"}),
        (75, {"calf_strength_steady", "walking_every_day", "physiotherapy"}, {"calf_strength", "active_child"}),
        (10, {"active_child", "physiotherapy"}, {"calf_strength", "calf_strength_steady", "walking_every_day"}),
    ],
)
def test_the_plan_fits_the_age_of_someone_whose_cramps_keep_coming_back(engine: Engine, age, want, never) -> None:
    result = interview(engine, NIGHT_CRAMP | {"age_years": age, "cramp_frequency": "1_to_3_per_week"})
    assert result.level in ("self_care", "soon")
    assert want <= plan_ids(result), plan_ids(result)
    assert not never & plan_ids(result)
    assert PLAN in result.topics


def test_a_first_cramp_gets_no_plan(engine: Engine) -> None:
    result = interview(engine, NIGHT_CRAMP | {"age_years": 40, "cramp_frequency": "first_time",
                                              "problem_duration": "under_1_week"})
    assert not plan_ids(result)


NEW_CLOT_SIGNS = {"calf_heavy_tight_ache": True, "pain_constant": True, "problem_duration": "under_1_week"}


@pytest.mark.parametrize(
    "danger", [{"calf_swelling_one_side": True}, {"fever": True}, {"chest_pain": True}, NEW_CLOT_SIGNS]
)
def test_never_with_a_same_day_or_emergency_result_or_a_suspected_clot(engine: Engine, danger: dict) -> None:
    story = NIGHT_CRAMP | {"age_years": 50, "cramp_frequency": "more_than_3_per_week", "pain_side": "one_leg"} | danger
    result = interview(engine, story)
    assert LEVEL_RANK[result.level] >= LEVEL_RANK["urgent"]
    assert not plan_ids(result), plan_ids(result)
    assert all(PLAN not in a.topic or set(a.levels) <= {"soon", "self_care"} for a in engine.content.advice.advice)


def test_every_illustration_the_content_names_exists(engine: Engine) -> None:
    images = [s.image for a in engine.content.advice.advice for s in a.steps if s.image]
    assert any(i.startswith("exercises/") for i in images)
    missing = [i for i in images if not (ROOT / "assets" / i).is_file()]
    assert not missing, missing


def test_pregnancy_advice_only_for_pregnancy_or_a_new_baby(engine: Engine) -> None:
    """A translator's review: "say you are pregnant" showed on every urgent clot result, also after "not pregnant"."""
    base = {"age_years": 40, "calf_swelling_one_side": True, "pain_side": "one_leg", "recent_leg_injury": "none"}
    ids = {a.id for a in interview(engine, NIGHT_CRAMP | base).advice}
    assert "pregnancy_clot" not in ids
    ids = {a.id for a in interview(engine, NIGHT_CRAMP | base | {"pregnancy_status": "pregnant"}).advice}
    assert "pregnancy_clot" in ids
