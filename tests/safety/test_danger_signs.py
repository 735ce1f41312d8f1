"""Safety properties over the danger-sign answers: red flags escalate, and "not sure" never lowers the level."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobile_app.core.engine import Engine
from mobile_app.core.loader import findings_in, single_yes_findings
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
    """Yes-no findings that no self-care rule uses: for these, more "yes" may only mean more urgent."""
    home = set().union(*(findings_in(r.when) for r in engine.content.rules.rules if r.level == "self_care"))
    return [q.id for q in engine.content.questions.questions if q.type == "bool" and q.id not in home]


def test_there_are_red_flags_for_every_danger_in_the_mission(engine: Engine) -> None:
    flags = set(red_flags(engine))
    for must in [
        "calf_swelling_one_side",
        "calf_heavy_tight_ache",
        "persistent_cramp_over_a_day",
        "tender_or_hard_vein",
        "short_of_breath",
        "chest_pain",
        "coughing_blood",
        "foot_cold",
        "foot_pale_blue_or_mottled",
        "saddle_numbness",
        "bladder_bowel_change",
        "dark_cola_urine",
        "confused_or_very_drowsy",
        "redness_spreading",
        "fever",
        "cannot_bear_weight",
        "cannot_tiptoe",
    ]:
        assert must in flags, must


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
