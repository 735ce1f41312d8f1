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
        (
            10,
            {"active_child", "exercise_stop_rules"},
            {"calf_strength", "walking_every_day", "physiotherapy", "other_help"},
        ),
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


# The clinical review of the plan (2026-12-07, second session): heat burns skin that cannot feel it; no heat, massage
# or exercise on a leg that may have a clot, whatever the level; stop rules with every plan.
PERSISTING = NIGHT_CRAMP | {"age_years": 55, "cramp_frequency": "1_to_3_per_week"}


@pytest.mark.parametrize(
    "risk", [{"diabetes": True}, {"known_poor_circulation": True}, {"leg_numb": True}, {"diabetes": "not_sure"}]
)
def test_no_heat_advice_where_skin_may_not_feel_a_burn(engine: Engine, risk: dict) -> None:
    """Hazard H55: a warm pack on a numb or poorly supplied foot can burn it unnoticed."""
    result = interview(engine, PERSISTING | risk)
    ids = plan_ids(result)
    assert "heat_or_cold" not in ids, ids
    if result.level in ("soon", "self_care"):
        assert "no_heat_on_numb_skin" in ids, ids


def test_heat_advice_without_such_a_risk(engine: Engine) -> None:
    ids = plan_ids(interview(engine, PERSISTING))
    assert "heat_or_cold" in ids and "no_heat_on_numb_skin" not in ids


@pytest.mark.parametrize(
    "sign",
    [
        {"tender_or_hard_vein": True},
        {"leg_warm_or_red": True},
        {"calf_swelling_one_side": "not_sure"},
        {"calf_heavy_tight_ache": True, "pain_side": "one_leg"},
    ],
)
def test_no_heat_massage_or_exercise_with_a_clot_sign_at_any_level(engine: Engine, sign: dict) -> None:
    """Hazard H55: a long-standing one-sided ache with a hard vein gave "see a doctor soon" with heat, massage and
    the exercise plan."""
    story = PERSISTING | {"problem_duration": "over_6_months", "pain_side": "one_leg"} | sign
    result = interview(engine, story)
    ids = plan_ids(result) - {"exercise_statin"}
    assert not ids, (result.level, ids)


def test_heavy_calves_in_both_legs_keep_the_plan(engine: Engine) -> None:
    result = interview(engine, PERSISTING | {"calf_heavy_tight_ache": True, "pain_side": "both_legs"})
    assert result.level == "self_care" and "calf_strength" in plan_ids(result), (result.level, plan_ids(result))


@pytest.mark.parametrize(
    "story",
    [
        PERSISTING,
        PERSISTING | {"age_years": 75},
        PERSISTING | {"age_years": 9},
        NIGHT_CRAMP | {"age_years": 60, "calf_pain_walking_eases_with_rest": True, "problem_duration": "over_6_months"},
        NIGHT_CRAMP
        | {
            "age_years": 45,
            "pain_from_back_down_leg": True,
            "pain_side": "one_leg",
            "problem_duration": "1_to_4_weeks",
        },
    ],
)
def test_every_plan_comes_with_its_stop_rules(engine: Engine, story: dict) -> None:
    ids = plan_ids(interview(engine, story)) - {"exercise_statin"}
    assert ids, "the story was meant to get a plan"
    assert "exercise_stop_rules" in ids, ids
    stop = next(a for a in engine.content.advice.advice if a.id == "exercise_stop_rules")
    assert "{emergency_number}" in stop.text.self_ and "chest pain" in stop.text.self_


def test_calf_pain_on_walking_gets_the_walking_plan_and_sciatica_keeps_moving(engine: Engine) -> None:
    walking = NIGHT_CRAMP | {
        "age_years": 60,
        "calf_pain_walking_eases_with_rest": True,
        "problem_duration": "over_6_months",
    }
    sciatica = NIGHT_CRAMP | {
        "age_years": 45,
        "pain_from_back_down_leg": True,
        "pain_side": "one_leg",
        "problem_duration": "1_to_4_weeks",
    }
    assert "walking_plan" in plan_ids(interview(engine, walking))
    assert "keep_moving" in plan_ids(interview(engine, sciatica))


def test_pregnancy_numb_feet_and_statin_aches_adapt_the_plan(engine: Engine) -> None:
    pregnant = interview(engine, PERSISTING | {"age_years": 30, "pregnancy_status": "pregnant"})
    assert "exercise_pregnancy" in plan_ids(pregnant), plan_ids(pregnant)
    numb = interview(engine, PERSISTING | {"burning_tingling_shooting": True})
    assert "exercise_numb_feet" in plan_ids(numb), plan_ids(numb)
    statin = interview(engine, PERSISTING | {"takes_statin": True, "widespread_muscle_pain": True})
    assert "exercise_statin" in plan_ids(statin), plan_ids(statin)
