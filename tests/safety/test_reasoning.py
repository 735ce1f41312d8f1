"""The clinical reasoning model (docs/safety/reasoning.md), family by family, on stories built from findings.

These are not vignettes: each test builds the pattern a family's reasoning names (signs, risk factors, a
benign alternative) on a calm background and checks the direction the reasoning requires. Where a test
loops over findings, the property holds for every one of them, not for one chosen story.
"""

from __future__ import annotations

import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.models import LEVEL_RANK
from tests.safety.test_danger_signs import NO, UNSURE, YES, calm_story, rank

EMERGENCY, URGENT = LEVEL_RANK["emergency"], LEVEL_RANK["urgent"]


def night_cramp(engine: Engine, **changes: object) -> dict:
    """An ordinary night cramp: both calves, brief, eased by stretching, less than weekly, nothing else."""
    return calm_story(
        engine,
        pain_side="both_legs",
        pain_severity="moderate",
        symptom_onset="sudden",
        relieved_by_stretching=YES,
        cramps_at_night_or_rest=YES,
        cramp_frequency="less_than_weekly",
        problem_duration="1_to_6_months",
    ) | changes


def asked(engine: Engine, answers: dict, finding: str) -> bool:
    """Whether the interview would still ask this finding, given these answers (the finding left out)."""
    return finding in engine.relevant({k: v for k, v in answers.items() if k != finding})


# ---------------------------------------------------------------- clot (Wells: signs, risks, alternative)


def risk_factors(engine: Engine) -> list[str]:
    return [q.id for q in engine.content.questions.questions if q.risk_factor]


def test_an_ordinary_night_cramp_is_home_care(engine: Engine) -> None:
    r = engine.assess(night_cramp(engine))
    assert r.level == "self_care", r.rule_ids


@pytest.mark.parametrize("factor", ["recent_surgery_12_weeks", "bedbound_3_days", "long_trip_4_hours",
                                    "active_cancer", "previous_clot", "estrogen_medicine", "irregular_heartbeat",
                                    "diabetes", "takes_statin", "takes_diuretic", "on_blood_thinner_or_aspirin",
                                    "kidney_disease", "liver_disease", "heart_failure"])
def test_a_risk_factor_alone_never_escalates_a_benign_story(engine: Engine, factor: str) -> None:
    """Wells: a risk factor raises the likelihood only together with signs; it never escalates on its own."""
    assert factor in risk_factors(engine)
    r = engine.assess(night_cramp(engine, **{factor: YES}))
    assert r.level == "self_care", f"{factor}: {r.level} {r.rule_ids}"


@pytest.mark.parametrize("pregnancy", ["pregnant", "had_baby_last_6_weeks"])
def test_pregnancy_makes_clot_signs_count_but_not_an_ordinary_cramp(engine: Engine, pregnancy: str) -> None:
    """RCOG Green-top 37a: pregnancy and the weeks after birth raise clot risk; night cramps in pregnancy
    are common and stay home care."""
    cramp = night_cramp(engine, age_years=30, pregnancy_status=pregnancy)
    assert engine.assess(cramp).level == "self_care", engine.assess(cramp).rule_ids
    swollen = calm_story(engine, age_years=30, pregnancy_status=pregnancy, calf_swelling_one_side=YES)
    assert rank(engine, swollen) >= URGENT


@pytest.mark.parametrize("sign", ["calf_heavy_tight_ache", "tender_or_hard_vein", "pain_worse_standing_walking"])
def test_clot_signs_in_both_legs_after_a_long_trip_are_not_a_clot_picture(engine: Engine, sign: str) -> None:
    """A clot is one leg, rarely both: heavy, achy legs on both sides after a long trip are not urgent."""
    story = calm_story(engine, pain_side="both_legs", long_trip_4_hours=YES, pain_severity="mild", **{sign: YES})
    assert rank(engine, story) < URGENT, engine.assess(story).rule_ids
    one_leg = story | {"pain_side": "one_leg", "pain_constant": YES}
    assert rank(engine, one_leg) >= URGENT, engine.assess(one_leg).rule_ids


# ---------------------------------------------------------------- lung (pulmonary embolism)


@pytest.mark.parametrize("sign", ["short_of_breath", "chest_pain", "coughing_blood"])
def test_lung_signs_are_an_emergency(engine: Engine, sign: str) -> None:
    assert engine.assess(calm_story(engine, **{sign: YES})).level == "emergency"
    assert engine.assess(night_cramp(engine, **{sign: YES})).level == "emergency"


def test_unsure_breathing_or_chest_pain_with_a_clot_picture(engine: Engine) -> None:
    """REASONING 2 (Miniati 2012: breathlessness is the commonest symptom of a clot in the lung): with a
    suspected clot, unsure breathlessness is an emergency; unsure chest pain too, unless breathlessness,
    fainting and coughing blood are all a real "no" (then urgent, opening with "call if yes")."""
    clot = calm_story(engine, calf_swelling_one_side=YES, recent_surgery_12_weeks=YES)
    r = engine.assess(clot | {"short_of_breath": UNSURE})
    assert r.level == "emergency" and "short_of_breath" in r.unsure_emergency, r.rule_ids
    r = engine.assess(clot | {"chest_pain": UNSURE})
    assert r.level == "urgent" and "chest_pain" in r.unsure_emergency, r.rule_ids
    for other in ("short_of_breath", "fainted_or_racing_heart", "coughing_blood"):
        r = engine.assess(clot | {"chest_pain": UNSURE, other: UNSURE})
        assert r.level == "emergency", (other, r.rule_ids)


def test_fainting_with_a_risk_factor_only_is_urgent_with_a_calf_sign_an_emergency(engine: Engine) -> None:
    """A racing heart or faint with only a risk factor (the pill, a long trip) is seen today; with a
    one-sided calf sign it is a possible clot in the lung."""
    risk_only = calm_story(engine, pain_side="both_legs", fainted_or_racing_heart=YES, estrogen_medicine=YES)
    assert engine.assess(risk_only).level == "urgent", engine.assess(risk_only).rule_ids
    with_sign = calm_story(engine, fainted_or_racing_heart=YES, calf_swelling_one_side=YES)
    assert engine.assess(with_sign).level == "emergency", engine.assess(with_sign).rule_ids


# ---------------------------------------------------------------- every emergency sign the person was unsure of


@pytest.mark.parametrize("sign", ["short_of_breath", "chest_pain", "coughing_blood", "saddle_numbness",
                                  "confused_or_very_drowsy"])
def test_an_unsure_emergency_sign_is_named_as_call_if_yes_even_in_a_benign_story(engine: Engine, sign: str) -> None:
    """REASONING 1: without a story that makes it plausible, the doubt keeps the level, and the result opens
    with "if yes, call the emergency number now" (the view puts unsure_emergency first)."""
    calm = engine.assess(night_cramp(engine))
    r = engine.assess(night_cramp(engine, **{sign: UNSURE}))
    assert sign in r.unsure_emergency and sign in r.unsure_danger, r
    assert LEVEL_RANK[r.level] >= LEVEL_RANK[calm.level]


def test_unsure_numbness_between_the_legs_with_sciatica_is_at_least_urgent(engine: Engine) -> None:
    story = calm_story(engine, pain_from_back_down_leg=YES, saddle_numbness=UNSURE)
    r = engine.assess(story)
    assert LEVEL_RANK[r.level] >= URGENT and "saddle_numbness" in r.unsure_emergency


# ---------------------------------------------------------------- arteries


@pytest.mark.parametrize("onset", ["sudden", "over_hours", "over_days", "over_weeks_or_longer", "not_sure"])
@pytest.mark.parametrize("colour", ["foot_cold", "foot_pale_blue_or_mottled"])
@pytest.mark.parametrize("nerve", ["leg_numb", "leg_weak_or_cant_move"])
def test_a_cold_or_pale_foot_with_numbness_or_weakness_is_an_emergency_at_any_speed(
    engine: Engine, onset: str, colour: str, nerve: str
) -> None:
    """Acute limb ischaemia (ESVS 2020): the sensory or motor loss makes it threatened, whatever the onset."""
    story = calm_story(engine, symptom_onset=onset, **{colour: YES, nerve: YES})
    assert engine.assess(story).level == "emergency", engine.assess(story).rule_ids


def test_walking_pain_that_rest_eases_is_a_review_not_an_emergency(engine: Engine) -> None:
    """Intermittent claudication (NICE CG147): see a doctor soon and walk; rest pain is more urgent."""
    story = calm_story(engine, calf_pain_walking_eases_with_rest=YES, symptom_onset="over_weeks_or_longer",
                       problem_duration="1_to_6_months", age_years=68)
    assert engine.assess(story).level == "soon", engine.assess(story).rule_ids
    assert "exercise_therapy" in engine.assess(story).topics


# ---------------------------------------------------------------- pressure in the muscle (compartment)


PRESSURE_SIGNS = ["calf_rock_hard", "pain_moving_toes", "pain_out_of_proportion"]


@pytest.mark.parametrize("pair", [(a, b) for i, a in enumerate(PRESSURE_SIGNS) for b in PRESSURE_SIGNS[i + 1:]])
@pytest.mark.parametrize("thinner", [NO, YES])
def test_two_pressure_signs_are_an_emergency_without_any_injury(engine: Engine, pair: tuple, thinner: bool) -> None:
    """Acute compartment syndrome (BOAST 2014): also from a spontaneous bleed on blood thinners."""
    story = calm_story(engine, recent_leg_injury="none", pain_severity="severe", on_blood_thinner_or_aspirin=thinner,
                       **{s: YES for s in pair})
    assert engine.assess(story).level == "emergency", engine.assess(story).rule_ids


def test_pressure_questions_are_asked_after_severe_pain_without_injury(engine: Engine) -> None:
    story = calm_story(engine, recent_leg_injury="none", pain_severity="severe")
    for sign in PRESSURE_SIGNS:
        story.pop(sign)
    assert all(s in engine.relevant(story) for s in PRESSURE_SIGNS)


# ---------------------------------------------------------------- infection and sepsis (NICE NG51)


def test_fever_with_spreading_redness_is_urgent_and_with_a_sepsis_sign_an_emergency(engine: Engine) -> None:
    cellulitis = calm_story(engine, fever=YES, redness_spreading=YES, leg_warm_or_red=YES)
    assert engine.assess(cellulitis).level == "urgent", engine.assess(cellulitis).rule_ids
    assert asked(engine, cellulitis, "pain_out_of_proportion"), "necrotising infection is asked about"
    for sign in ("fainted_or_racing_heart", "confused_or_very_drowsy", "pain_out_of_proportion"):
        story = cellulitis | {sign: YES}
        assert engine.assess(story).level == "emergency", (sign, engine.assess(story).rule_ids)


def test_unsure_confusion_with_fever_is_an_emergency_to_check(engine: Engine) -> None:
    r = engine.assess(calm_story(engine, fever=YES, confused_or_very_drowsy=UNSURE))
    assert "confused_or_very_drowsy" in r.unsure_emergency and LEVEL_RANK[r.level] >= URGENT


# ---------------------------------------------------------------- muscle breakdown, heat, soreness


def test_soreness_after_unaccustomed_exercise_is_home_care_and_dark_urine_is_not(engine: Engine) -> None:
    doms = calm_story(engine, pain_side="both_legs", unusually_hard_exercise=YES, symptom_onset="over_days",
                      pain_worse_standing_walking=YES, calf_heavy_tight_ache=YES)
    assert engine.assess(doms).level == "self_care", engine.assess(doms).rule_ids
    assert rank(engine, doms | {"dark_cola_urine": YES}) >= URGENT


def test_heat_cramps_are_home_care_and_confusion_in_the_heat_is_an_emergency(engine: Engine) -> None:
    heat = night_cramp(engine, hot_weather_heavy_sweating=YES, cramps_at_night_or_rest=NO, cramps_with_exercise=YES)
    r = engine.assess(heat)
    assert r.level == "self_care", r.rule_ids
    assert engine.assess(heat | {"confused_or_very_drowsy": YES}).level == "emergency"


# ---------------------------------------------------------------- nerves


def test_sciatica_in_both_legs_is_at_least_urgent_and_in_one_leg_is_not(engine: Engine) -> None:
    """Bilateral sciatica is a cauda equina warning (GIRFT/NICE NG59 red flags)."""
    one = calm_story(engine, pain_from_back_down_leg=YES, burning_tingling_shooting=YES,
                     symptom_onset="over_weeks_or_longer", problem_duration="1_to_4_weeks")
    assert rank(engine, one) < URGENT, engine.assess(one).rule_ids
    assert rank(engine, one | {"pain_side": "both_legs"}) >= URGENT


@pytest.mark.parametrize("flag", ["saddle_numbness", "bladder_bowel_change", "weakness_both_legs"])
def test_nerve_emergencies_call_for_help(engine: Engine, flag: str) -> None:
    story = calm_story(engine, pain_from_back_down_leg=YES, **{flag: YES})
    assert rank(engine, story) >= URGENT


# ---------------------------------------------------------------- medicines


@pytest.mark.parametrize("medicine", ["takes_statin", "takes_diuretic"])
def test_a_medicine_taken_unchanged_is_not_a_new_cause_but_a_new_one_is(engine: Engine, medicine: str) -> None:
    stable = night_cramp(engine, **{medicine: YES})
    assert engine.assess(stable).level == "self_care", engine.assess(stable).rule_ids
    changed = stable | {"new_or_changed_medicine": YES}
    r = engine.assess(changed)
    assert r.level == "soon" and "medication_review" in r.topics, r.rule_ids


@pytest.mark.parametrize("changer", ["heavy_alcohol", "liver_disease"])
def test_what_changes_the_medicine_advice_does_not_change_the_level(engine: Engine, changer: str) -> None:
    base = engine.assess(night_cramp(engine))
    changed = engine.assess(night_cramp(engine, **{changer: YES}))
    assert changed.level == base.level
    assert "acetaminophen_liver" in {g.id for g in changed.guidance}
    assert "acetaminophen_liver" not in {g.id for g in base.guidance}


def test_an_urgent_result_keeps_the_medicine_warning_of_its_cause(engine: Engine) -> None:
    r = engine.assess(calm_story(engine, calf_swelling_one_side=YES, on_blood_thinner_or_aspirin=YES))
    assert LEVEL_RANK[r.level] >= URGENT
    assert "no_nsaid_blood_thinner" in {g.id for g in r.guidance} or "no_nsaid_until_seen" in {g.id for g in r.guidance}


# ---------------------------------------------------------------- children


def test_growing_pains_are_home_care_even_when_rubbed_for_long(engine: Engine) -> None:
    child = night_cramp(engine, age_years=7, cramp_over_10_min=YES, relieved_by_stretching=NO,
                        symptom_onset="over_hours")
    assert engine.assess(child).level == "self_care", engine.assess(child).rule_ids


def test_a_child_with_new_severe_pain_who_cannot_walk_is_seen_today(engine: Engine) -> None:
    """Benign acute childhood myositis after flu, or a limp (RCEM / NICE limping child)."""
    child = calm_story(engine, age_years=7, pain_side="both_legs", symptom_onset="sudden", pain_severity="severe",
                       cannot_bear_weight=YES)
    assert rank(engine, child) >= URGENT


# ---------------------------------------------------------------- the independent clinical review (2026-12-07)


@pytest.mark.parametrize("benign", [
    {"relieved_by_stretching": YES},
    {"recent_leg_injury": "minor_knock_or_strain"},
])
@pytest.mark.parametrize("risk", [
    {"pregnancy_status": "had_baby_last_6_weeks", "age_years": 30},
    {"recent_surgery_12_weeks": YES},
    {"active_cancer": YES},
])
def test_a_cramp_or_a_strain_does_not_explain_clot_signs_after_a_wells_item(engine: Engine, benign, risk) -> None:
    """NICE NG158: an alternative diagnosis lowers the Wells score, it does not end the clot work-up; a calf
    "strain" or "cramp that rubbing helps" is what a missed clot is often called."""
    story = calm_story(engine, calf_heavy_tight_ache=YES, pain_worse_standing_walking=YES, **benign, **risk)
    assert rank(engine, story) >= URGENT, engine.assess(story).rule_ids
    lung = story | {"short_of_breath": UNSURE}
    assert engine.assess(lung).level == "emergency", engine.assess(lung).rule_ids


@pytest.mark.parametrize("sign", ["calf_heavy_tight_ache", "tender_or_hard_vein", "leg_warm_or_red"])
def test_a_brief_cramp_explains_only_a_leg_that_is_normal_now(engine: Engine, sign: str) -> None:
    """The brief-cramp alternative holds when the leg is normal now; a soft sign that is still there is
    not explained by a cramp that has gone (REASONING 2)."""
    brief = calm_story(engine, relieved_by_stretching=YES, cramps_at_night_or_rest=YES, previous_clot=YES)
    assert engine.assess(brief).level == "self_care", engine.assess(brief).rule_ids
    still = brief | {sign: YES, "pain_constant": YES}
    assert rank(engine, still) >= URGENT, engine.assess(still).rule_ids


@pytest.mark.parametrize("benign", [
    {"recent_leg_injury": "minor_knock_or_strain"},
    {"unusually_hard_exercise": YES, "pain_side": "both_legs"},
    {"cramps_at_night_or_rest": YES, "pain_side": "both_legs", "age_years": 8},
])
@pytest.mark.parametrize("who_answers", ["everything_unsure", "danger_unsure"])
def test_mostly_unsure_danger_signs_are_never_home_care(engine: Engine, benign, who_answers: str) -> None:
    """REASONING 1.4: nothing benign can be trusted when nothing dangerous was excluded."""
    story: dict = {"age_years": 60}
    for q in engine.content.questions.questions:
        if q.type == "bool" and (who_answers == "everything_unsure" or q.red_flag or q.soft_sign):
            story[q.id] = UNSURE
        elif q.type == "bool":
            story[q.id] = NO
        elif q.type == "choice":
            story[q.id] = "not_sure"
    story |= benign
    r = engine.assess(story)
    assert LEVEL_RANK[r.level] >= URGENT, r.rule_ids


def test_a_foot_that_turned_cold_or_pale_within_hours_is_an_emergency_whatever_the_pain(engine: Engine) -> None:
    for severity in ("mild", "moderate"):
        story = calm_story(engine, symptom_onset="sudden", pain_severity=severity, foot_pale_blue_or_mottled=YES)
        assert engine.assess(story).level == "emergency", engine.assess(story).rule_ids
    weeks = calm_story(engine, symptom_onset="over_weeks_or_longer", problem_duration="1_to_6_months", foot_cold=YES)
    assert engine.assess(weeks).level == "soon", engine.assess(weeks).rule_ids


def test_a_swollen_leg_with_a_blue_foot_is_an_emergency(engine: Engine) -> None:
    story = calm_story(engine, whole_leg_swollen=YES, foot_pale_blue_or_mottled=YES, symptom_onset="over_days")
    assert engine.assess(story).level == "emergency", engine.assess(story).rule_ids


@pytest.mark.parametrize("story", [
    {"fever": YES, "pain_out_of_proportion": YES, "pain_severity": "severe"},
    {"fever": YES, "redness_spreading": YES, "dehydration_signs": YES},
    {"diabetes": YES, "skin_break_or_wound": YES, "leg_warm_or_red": YES, "fever": YES},
])
def test_infection_with_a_sepsis_or_necrotising_sign_is_an_emergency(engine: Engine, story: dict) -> None:
    """NICE NG51 (little urine), NG141 (pain out of proportion before skin changes), NG19 (diabetic foot)."""
    assert engine.assess(calm_story(engine, **story)).level == "emergency"


def test_sciatica_with_both_legs_weak_is_an_emergency(engine: Engine) -> None:
    story = calm_story(engine, pain_from_back_down_leg=YES, weakness_both_legs=YES)
    assert engine.assess(story).level == "emergency" and engine.assess(story).go_to_ed


def test_collapse_in_the_heat_with_a_possible_fever_is_heat_stroke(engine: Engine) -> None:
    story = calm_story(engine, hot_weather_heavy_sweating=YES, fainted_or_racing_heart=YES, fever=UNSURE)
    assert engine.assess(story).level == "emergency"


def test_pain_out_of_proportion_after_exercise_with_a_second_sign_unsure_is_an_emergency(engine: Engine) -> None:
    """BOAST 10: a clinical diagnosis; do not wait for the second sign. Not for pain that grew over weeks."""
    story = calm_story(engine, unusually_hard_exercise=YES, pain_out_of_proportion=YES, pain_moving_toes=UNSURE,
                       pain_severity="severe")
    assert engine.assess(story).level == "emergency", engine.assess(story).rule_ids
    slow = story | {"unusually_hard_exercise": NO, "symptom_onset": "over_weeks_or_longer"}
    assert engine.assess(slow).level == "urgent", engine.assess(slow).rule_ids


@pytest.mark.parametrize("extra", [
    {"pain_severity": "severe"}, {"new_or_changed_medicine": YES}, {"weakness_both_legs": UNSURE},
])
def test_statin_aches_that_may_be_muscle_damage_are_seen_today_and_the_statin_is_held(engine: Engine, extra) -> None:
    story = calm_story(engine, pain_side="both_legs", takes_statin=YES, widespread_muscle_pain=YES, **extra)
    r = engine.assess(story)
    assert r.level == "urgent", r.rule_ids
    notes = {g.id for g in r.guidance}
    if "weakness_both_legs" in extra:
        assert "hold_statin" in notes and "keep_prescribed" not in notes and "never_stop_prescribed" not in notes
    else:
        assert "hold_statin" not in notes


def test_a_childs_one_sided_pain_for_weeks_is_seen_unless_it_is_a_brief_cramp(engine: Engine) -> None:
    """NICE NG12: unexplained bone pain in a child needs an X-ray within 48 hours; a brief cramp that
    stretching stops and that leaves a normal leg is a cramp."""
    child = calm_story(engine, age_years=12, problem_duration="1_to_6_months", cramps_at_night_or_rest=YES,
                       symptom_onset="over_weeks_or_longer")
    assert rank(engine, child) >= URGENT, engine.assess(child).rule_ids
    cramp = child | {"relieved_by_stretching": YES}
    assert engine.assess(cramp).level == "self_care", engine.assess(cramp).rule_ids


def test_a_strain_is_home_care_only_while_walking_is_possible(engine: Engine) -> None:
    strain = calm_story(engine, recent_leg_injury="minor_knock_or_strain", symptom_onset="sudden", pain_severity="mild")
    assert engine.assess(strain).level == "self_care"
    for unsure in ({"cannot_bear_weight": UNSURE, "pain_severity": "severe"},
                   {"cannot_tiptoe": UNSURE, "heard_pop_or_kicked": UNSURE}):
        assert rank(engine, strain | unsure) >= URGENT, unsure
