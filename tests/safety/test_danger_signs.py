"""Safety properties over the danger-sign answers: red flags escalate, and "not sure" never lowers the level."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobile_app.core.engine import Engine
from mobile_app.core.loader import single_yes_findings
from mobile_app.core.models import LEVEL_RANK

YES, NO, UNSURE = True, False, "not_sure"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def background(engine: Engine, rng: random.Random, skip: str) -> dict:
    """Any mix of answers to everything else: the property must hold whatever else is true."""
    out: dict = {"age_years": rng.randint(0, 120)}
    for q in engine.content.questions.questions:
        if q.id in (skip, "age_years") or rng.random() < 0.3:
            continue
        out[q.id] = rng.choice([YES, NO, UNSURE]) if q.type == "bool" else rng.choice([o.value for o in q.options])
    return out


def rank(engine: Engine, answers: dict) -> int:
    return LEVEL_RANK[engine.assess(answers).level]


def red_flags(engine: Engine) -> list[str]:
    return [q.id for q in engine.content.questions.questions if q.red_flag]


def danger_findings(engine: Engine) -> list[str]:
    """Red flags, soft signs and risk factors: for these, more "yes" may only mean more urgent. (Findings that
    describe a benign pattern, like "eased by stretching", may lower soft conclusions: that is their job.)"""
    return [q.id for q in engine.content.questions.questions if q.type == "bool" and q.danger]


def calm_story(engine: Engine, **changes: object) -> dict:
    """A new, moderate pain in one calf, every yes-no answer a real "no": the background for one sign."""
    out: dict = {"age_years": 40}
    for q in engine.content.questions.questions:
        if q.type == "bool":
            out[q.id] = NO
    out |= {
        "pain_side": "one_leg",
        "symptom_onset": "over_days",
        "pain_severity": "moderate",
        "recent_leg_injury": "none",
        "pregnancy_status": "not_pregnant",
        "cramp_frequency": "first_time",
        "problem_duration": "under_1_week",
    }
    return out | changes


MISSION_RED_FLAGS = [
    "calf_swelling_one_side",
    "whole_leg_swollen",
    "persistent_cramp_over_a_day",
    "short_of_breath",
    "chest_pain",
    "coughing_blood",
    "saddle_numbness",
    "bladder_bowel_change",
    "dark_cola_urine",
    "confused_or_very_drowsy",
    "redness_spreading",
    "fever",
    "cannot_bear_weight",
    "cannot_tiptoe",
    "calf_rock_hard",
    "pain_moving_toes",
    "weakness_both_legs",
    "leg_weak_or_cant_move",
]
"""Signs that alone bring at least a same-day check, whatever else is true."""

MISSION_SOFT_SIGNS = {
    # The source guidance's clot signs: urgent in one leg when nothing benign explains them.
    "calf_heavy_tight_ache": {"pain_constant": YES},
    "pain_worse_standing_walking": {},
    "tender_or_hard_vein": {"pain_constant": YES},
    "leg_warm_or_red": {},
    "cramp_over_10_min": {},
    # A newly cold or pale foot.
    "foot_cold": {"symptom_onset": "sudden"},
    "foot_pale_blue_or_mottled": {"symptom_onset": "over_hours"},
    "leg_numb": {"symptom_onset": "over_hours"},
    "pain_out_of_proportion": {},
    "heard_pop_or_kicked": {"symptom_onset": "sudden"},
}
"""Signs that count where the story makes them a danger, each with the story that does."""


def test_every_danger_in_the_mission_is_a_red_flag_or_a_soft_sign(engine: Engine) -> None:
    qs = engine.content.question_by_id
    assert all(qs[f].red_flag for f in MISSION_RED_FLAGS), [f for f in MISSION_RED_FLAGS if not qs[f].red_flag]
    assert all(qs[f].soft_sign for f in MISSION_SOFT_SIGNS), [f for f in MISSION_SOFT_SIGNS if not qs[f].soft_sign]


@pytest.mark.parametrize("sign", sorted(MISSION_SOFT_SIGNS))
def test_a_soft_sign_in_one_leg_with_nothing_benign_is_seen_today(engine: Engine, sign: str) -> None:
    calm = calm_story(engine)
    assert engine.assess(calm).level in ("self_care", "soon"), "the calm story itself must not escalate"
    story = calm_story(engine, **MISSION_SOFT_SIGNS[sign], **{sign: YES})
    assert rank(engine, story) >= LEVEL_RANK["urgent"], f"{sign}: {engine.assess(story).level}"


@pytest.mark.parametrize("sign", ["calf_heavy_tight_ache", "tender_or_hard_vein", "pain_worse_standing_walking"])
def test_a_clear_benign_story_keeps_a_soft_sign_at_home(engine: Engine, sign: str) -> None:
    """Wells' alternative diagnosis: soreness in both legs after unaccustomed exercise, or a brief cramp
    that stretching eased, explains a soft sign; a risk factor alone does not change that."""
    doms = calm_story(engine, pain_side="both_legs", unusually_hard_exercise=YES, **{sign: YES})
    assert engine.assess(doms).level == "self_care", engine.assess(doms).rule_ids
    brief = calm_story(engine, relieved_by_stretching=YES, cramps_at_night_or_rest=YES, estrogen_medicine=YES)
    assert engine.assess(brief).level == "self_care", engine.assess(brief).rule_ids


@pytest.mark.parametrize("flag", ["calf_swelling_one_side", "persistent_cramp_over_a_day", "dark_cola_urine", "fever"])
def test_no_benign_story_lowers_a_red_flag(engine: Engine, flag: str) -> None:
    benign = {
        "relieved_by_stretching": YES,
        "cramps_at_night_or_rest": YES,
        "unusually_hard_exercise": YES,
        "recent_leg_injury": "minor_knock_or_strain",
        "pain_from_back_down_leg": YES,
        "restless_urge_to_move": YES,
    }
    for side in ("one_leg", "both_legs"):
        story = calm_story(engine, pain_side=side, **benign, **{flag: YES})
        assert rank(engine, story) >= LEVEL_RANK["urgent"], f"{flag} ({side}): {engine.assess(story).level}"


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_any_red_flag_yes_gives_urgent_or_its_rule_level(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    for flag in red_flags(engine):
        need = max(LEVEL_RANK[r.level] for r in engine.content.rules.rules if flag in single_yes_findings(r))
        assert need >= LEVEL_RANK["urgent"]
        answers = background(engine, rng, flag) | {flag: YES}
        assert rank(engine, answers) >= need, f"{flag}=yes gave {engine.assess(answers).level}"


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_no_then_not_sure_then_yes_never_lowers_the_level(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    for f in danger_findings(engine):
        bg = background(engine, rng, f)
        no, unsure, yes = (rank(engine, bg | {f: v}) for v in (NO, UNSURE, YES))
        assert no <= unsure <= yes, f"{f}: no {no}, not sure {unsure}, yes {yes}"


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_not_sure_is_never_safer_than_no_for_any_finding(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    for q in engine.content.questions.questions:
        if q.type != "bool":
            continue
        bg = background(engine, rng, q.id)
        assert rank(engine, bg | {q.id: UNSURE}) >= rank(engine, bg | {q.id: NO}), q.id


@pytest.mark.parametrize("age", [8, 35, 70])
def test_all_not_sure_ends_urgent_or_above(engine: Engine, age: int) -> None:
    answers = {q.id: (UNSURE if q.type == "bool" else "not_sure") for q in engine.content.questions.questions}
    answers["age_years"] = age
    assert rank(engine, answers) >= LEVEL_RANK["urgent"]


def test_unsure_danger_signs_are_listed_for_checking(engine: Engine) -> None:
    r = engine.assess({"age_years": 30, "relieved_by_stretching": YES, "calf_swelling_one_side": UNSURE})
    assert "calf_swelling_one_side" in r.unsure_danger


LIST_BY_LIST = {
    "danger_now",  # a clot in the lung, a failing circulation: emergency
    "clot_signs",  # a clot in the leg: same day
    "leg_now",  # a blocked artery, a leg that cannot move or bear weight
    "back_and_bladder",  # pressure on the nerves of the spine: emergency
    "body_signs",  # spreading infection, muscle breakdown
    "cramp_shape",  # a cramp that will not go away
    "muscle_pressure",  # pressure in the muscle (BOAST 10)
    "injury_details",  # a torn tendon
    "circulation",  # foot pain at night eased by hanging the leg down (limb at risk)
}
"""Lists that hold a danger sign: each is answered on its own, never with one tap for its whole screen (decision 33,
after an independent clinical and usability review: one "none" for a cold foot and a numb saddle together is not
acceptable; NHS Pathways asks red flags one at a time)."""


def test_a_list_with_a_danger_sign_is_never_answered_with_the_rest_of_its_screen(engine: Engine) -> None:
    """Every list holding a red flag, a soft sign, or an item whose "yes" alone means same-day or emergency care is
    answered list by list; the lists named above in particular (whatever the content's flags say)."""
    q = engine.content.question_by_id
    for s in engine.content.screens.screens:
        danger = any(q[f].red_flag or q[f].soft_sign for f in s.findings) or s.id in LIST_BY_LIST
        if s.checklist and danger:
            assert engine.answered_list_by_list(s.id), s.id


@pytest.mark.parametrize(
    "person",
    [
        {"age_years": 30},
        {"age_years": 8},
        {"age_years": 80, "pain_severity": "severe"},
        {"age_years": 29, "pregnancy_status": "pregnant", "calf_swelling_one_side": True},
        {"age_years": 70, "recent_leg_injury": "minor_knock_or_strain", "fever": "not_sure"},
    ],
    ids=["adult", "child", "older-severe", "pregnant-swollen", "injury-unsure-fever"],
)
def test_no_screen_with_a_danger_sign_offers_one_none_for_the_page(engine: Engine, person: dict) -> None:
    """Walks answered as these people would (everything else "no" or the first choice): wherever the screen offers
    "None of these on this page", no list on it holds a danger sign; after the result, the medicine questions too."""
    from mobile_app.core.engine import Assessment

    answers: dict = {}

    for _ in range(30):
        step = engine.next_step(answers)
        if isinstance(step, Assessment):
            break
        if step.none_for_all:
            assert not any(engine.answered_list_by_list(g.id) for g in step.groups), [g.id for g in step.groups]
            assert not any(g.id in LIST_BY_LIST for g in step.groups)
        for f in step.findings:
            question = engine.content.question_by_id[f]
            default = False if question.type == "bool" else question.options[0].value if question.options else 40
            answers[f] = person.get(f, default)
    else:
        raise AssertionError("the check did not end")
    medicine = engine.medicine_step(answers)
    assert medicine is None or not any(engine.answered_list_by_list(g.id) for g in medicine.groups)


def test_a_home_result_says_when_to_call_for_each_emergency_it_excluded(engine: Engine) -> None:
    """A soon or self-care result was reached because every emergency sign was "no" at the time of the check. Its
    safety net names, beside the emergency number, a sign of each emergency the check ruled out at that moment: a
    clot in the lung (short of breath, chest pain), a blocked artery (a cold, pale or numb foot: ESVS 2020, the
    6 Ps) and pressure on the spine's nerves (numb between the legs, cannot hold pee or poo: GIRFT cauda equina
    card), in self and caregiver wording (independent review, decision 33)."""
    for level in ("soon", "self_care"):
        nets = [a for a in engine.content.advice.advice if a.topic == "safety_net" and level in a.levels]
        assert nets, level
        for who in ("self", "caregiver"):
            text = " ".join(a.text.for_who(who) for a in nets)
            assert "{emergency_number}" in text
            call = text[text.index("{emergency_number}") :]
            signs = ("short of breath", "chest pain", "foot turns cold, pale or numb", "numb between", "pee or poo")
            for sign in signs:
                assert sign in call, (level, who, sign)
