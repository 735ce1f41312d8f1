"""People with kidney disease, liver disease or heart failure are not told to drink more or to use sports and
rehydration drinks on their own (H78, decision 37): fluid and salt limits, and potassium in those drinks, may not be
safe for them. A "not sure" about the illness gets the careful advice too; the plain advice stays for everyone else.
Each person walks the whole interview, answering the questions the engine asks (tests/core/test_medicine_reach.py)."""

from __future__ import annotations

import pytest

from mobile_app.core.engine import Engine
from tests.core.test_medicine_reach import interview

ILLNESSES = ("kidney_disease", "liver_disease", "heart_failure")
PLAIN = {"drink_enough", "replace_salts", "heat_cramp_care"}
CAREFUL = {"drink_enough_with_illness", "replace_salts_ask_first", "heat_cramp_care_ask_first"}

# Heat cramps after hard work in the heat, eased by stretching: a home-care result that shows all three topics.
HEAT_CRAMPS = {
    "age_years": 58,
    "pain_side": "both_legs",
    "cramps_with_exercise": True,
    "relieved_by_stretching": True,
    "hot_weather_heavy_sweating": True,
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def shown(engine: Engine, person: dict) -> tuple[str, set[str]]:
    result = interview(engine, person)
    return result.level, {a.id for a in result.advice}


def test_without_these_illnesses_the_plain_advice_is_shown(engine: Engine) -> None:
    level, advice = shown(engine, HEAT_CRAMPS)
    assert level in ("self_care", "soon")
    assert advice >= PLAIN
    assert not advice & CAREFUL


@pytest.mark.parametrize("answer", [True, "not_sure"])
@pytest.mark.parametrize("illness", ILLNESSES)
def test_with_one_the_careful_advice_replaces_it(engine: Engine, illness: str, answer: object) -> None:
    level, advice = shown(engine, {**HEAT_CRAMPS, illness: answer})
    assert level in ("self_care", "soon", "urgent")
    assert not advice & PLAIN, (illness, answer, advice & PLAIN)
    if level != "urgent":
        assert advice >= CAREFUL, (illness, answer, CAREFUL - advice)


def test_magnesium_is_not_suggested_to_weak_kidneys_without_their_doctor(engine: Engine) -> None:
    result = interview(engine, {**HEAT_CRAMPS, "kidney_disease": True})
    assert "magnesium_kidneys" in {g.id for g in result.guidance_for("GB")}


def test_weekly_cramps_with_one_of_them_go_to_a_doctor(engine: Engine) -> None:
    night = {"age_years": 66, "cramps_at_night_or_rest": True, "relieved_by_stretching": True}
    for illness in ILLNESSES:
        weekly = interview(engine, {**night, "cramp_frequency": "1_to_3_per_week", illness: True})
        assert weekly.level == "soon" and "cramps_with_kidney_or_liver_disease" in weekly.rule_ids, illness
        unsure = interview(engine, {**night, "cramp_frequency": "1_to_3_per_week", illness: "not_sure"})
        assert "cramps_with_kidney_or_liver_disease" not in unsure.rule_ids  # only a real yes, not time-critical
    rare = interview(engine, {**night, "cramp_frequency": "less_than_weekly", "kidney_disease": True})
    assert "cramps_with_kidney_or_liver_disease" not in rare.rule_ids
