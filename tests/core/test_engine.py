"""The engine: three-valued conditions, strict answer checks, the interview, and order-free triage."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobile_app.core.engine import AnswerError, Assessment, Engine, Step, evaluate
from mobile_app.core.models import LEVEL_RANK, AllOf, AnswerIn, AnyOf, Not, NumberCompare
from tests.core.solver import satisfy

YES, NO, UNSURE = True, False, "not_sure"


def a(f: str, *vals) -> AnswerIn:
    return AnswerIn(finding=f, in_=vals)


def test_three_valued_logic() -> None:
    fever, chest = a("fever", YES), a("chest_pain", YES)
    assert evaluate(fever, {}) is None
    assert evaluate(fever, {"fever": YES}) is True
    assert evaluate(fever, {"fever": UNSURE}) is False
    assert evaluate(a("fever", YES, UNSURE), {"fever": UNSURE}) is True
    assert evaluate(AllOf(all=(fever, chest)), {"fever": NO}) is False
    assert evaluate(AllOf(all=(fever, chest)), {"fever": YES}) is None
    assert evaluate(AnyOf(any=(fever, chest)), {"fever": YES}) is True
    assert evaluate(AnyOf(any=(fever, chest)), {"fever": NO}) is None
    assert evaluate(Not(not_=fever), {}) is None
    assert evaluate(Not(not_=fever), {"fever": NO}) is True
    age = NumberCompare(finding="age_years", at_least=65)
    assert evaluate(age, {"age_years": 65}) is True and evaluate(age, {"age_years": 64}) is False
    # True is not the number 1, and "1" is not True.
    assert evaluate(a("fever", YES), {"fever": 1}) is False


@pytest.mark.parametrize(
    ("answers", "code", "finding"),
    [
        ({"age_years": 40, "chest_ache": YES}, "UNKNOWN_FINDING", "chest_ache"),
        ({"age_years": 40, "fever": "yes"}, "BAD_VALUE", "fever"),
        ({"age_years": 40, "fever": 1}, "BAD_VALUE", "fever"),
        ({"age_years": "40"}, "BAD_VALUE", "age_years"),
        ({"age_years": True}, "BAD_VALUE", "age_years"),
        ({"age_years": UNSURE}, "BAD_VALUE", "age_years"),
        ({"age_years": 121}, "BAD_VALUE", "age_years"),
        ({"age_years": 40, "pain_side": "left"}, "BAD_VALUE", "pain_side"),
        ({"fever": NO}, "MISSING_AGE", "age_years"),
    ],
)
def test_bad_answers_are_errors_never_fine(engine: Engine, answers, code, finding) -> None:
    with pytest.raises(AnswerError) as err:
        engine.assess(answers)
    assert (err.value.code, err.value.finding) == (code, finding)


def test_emergency_signs_come_first_and_end_the_check(engine: Engine) -> None:
    first = engine.next_step({})
    assert isinstance(first, Step)
    assert {"chest_pain", "short_of_breath", "coughing_blood"} <= set(first.findings)
    answers = {f: NO for f in first.findings if f != "age_years"} | {"chest_pain": YES}
    result = engine.next_step(answers, screens_shown=1)
    assert isinstance(result, Assessment)
    assert result.level == "emergency" and "call_emergency" in result.topics
    assert "chest_pain" in result.rule_ids


def test_irrelevant_questions_are_not_asked(engine: Engine) -> None:
    # Both legs, no clot sign: the clot risk factors cannot change anything, so they are not asked.
    answers = {f: NO for f in engine.content.question_by_id if engine.content.question_by_id[f].type == "bool"}
    answers |= {
        "age_years": 30,
        "pain_side": "both_legs",
        "symptom_onset": "sudden",
        "recent_leg_injury": "none",
        "relieved_by_stretching": YES,
    }
    for f in ("recent_surgery_12_weeks", "long_trip_4_hours", "estrogen_medicine"):
        partial = {k: v for k, v in answers.items() if k != f}
        assert f not in engine.relevant(partial), f


def test_nothing_matched_fails_closed(engine: Engine) -> None:
    nothing = {"age_years": 40}
    r = engine.assess(nothing)
    assert r.level == "soon" and not r.matched and r.rule_ids == ("no_match",)
    r = engine.assess(nothing | {"calf_swelling_one_side": UNSURE})
    assert r.level == "urgent" and r.unsure_danger == ("calf_swelling_one_side",)


def test_results_carry_reasons_topics_and_medicine_guidance(engine: Engine) -> None:
    r = engine.assess(
        {"age_years": 60, "relieved_by_stretching": YES, "cramps_at_night_or_rest": YES, "ulcer_or_gi_bleed": YES}
    )
    assert r.level == "self_care"
    assert {"stretching", "safety_net", "avoid_nsaid", "acetaminophen_max_dose", "quinine_not_recommended"} <= set(
        r.topics
    )
    assert "no_nsaid_ulcer" in {g.id for g in r.guidance}
    assert "pills_if_needed" not in {g.id for g in r.guidance}
    assert all(reason.text.self_ for reason in r.reasons)


def test_every_rule_can_fire(engine: Engine) -> None:
    content = engine.content
    for rule in content.rules.rules:
        answers = satisfy(rule.when, content)
        if rule.unless is not None:
            # Its benign alternative must be certainly absent for it to fire.
            answers = satisfy(rule.unless, content, False, answers)
        assert answers is not None, f"{rule.id}: no answers satisfy it"
        answers.setdefault("age_years", 40)
        assert rule.id in {r.id for r in engine.fired(answers)}, rule.id
        assert LEVEL_RANK[engine.assess(answers).level] >= LEVEL_RANK[rule.level], rule.id


def _random_answers(content, rng: random.Random, p_answer: float = 0.7) -> dict:
    out: dict = {"age_years": rng.randint(0, 120)}
    for q in content.questions.questions:
        if q.id == "age_years" or rng.random() > p_answer:
            continue
        out[q.id] = rng.choice([YES, NO, UNSURE]) if q.type == "bool" else rng.choice([o.value for o in q.options])
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffling_the_rules_changes_nothing(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    rules = list(engine.content.rules.rules)
    rng.shuffle(rules)
    shuffled = Engine(replace(engine.content, rules=engine.content.rules.model_copy(update={"rules": tuple(rules)})))
    for _ in range(5):
        ans = _random_answers(engine.content, rng)
        x, y = engine.assess(ans), shuffled.assess(ans)
        assert (x.level, set(x.rule_ids), set(x.topics)) == (y.level, set(y.rule_ids), set(y.topics))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_every_interview_path_ends_in_a_result(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    truth = _random_answers(engine.content, rng, p_answer=1.0)
    answers: dict = {}
    screens = 0
    limit = len(engine.content.questions.questions)
    while True:
        step = engine.next_step(answers, screens_shown=screens)
        if isinstance(step, Assessment):
            break
        screens += 1
        assert step.number == screens
        assert step.findings, "a screen asks at least one question"
        assert not set(step.findings) & set(answers), "a screen never asks again what was answered"
        # A screen holds max_per_screen questions, or twice as many checklist items (one line each).
        room = sum(len(g.findings) * (1 if g.checklist else 2) for g in step.groups)
        assert room <= 2 * engine.content.screens.max_per_screen
        assert all(len(g.findings) <= 6 for g in step.groups if g.checklist)
        assert screens <= limit
        for f in step.findings:
            answers[f] = truth.get(f, UNSURE)
    # The interview's result is the same as assessing everything it asked.
    assert step.level == engine.assess({**answers, "age_years": answers.get("age_years", truth["age_years"])}).level


def test_a_danger_sign_reported_outside_the_check_gives_the_urgent_result(engine: Engine) -> None:
    r = engine.danger_result({"cramp_over_10_min": True})
    assert r is not None and r.level == "urgent" and "cramp_over_10_minutes" in r.rule_ids
    assert engine.danger_result({"relieved_by_stretching": True}) is None
    assert engine.danger_result({}) is None


def test_a_remembered_step_is_the_step_worked_out_again() -> None:
    """next_step keeps the steps it has worked out (a server's many people share the first screens): for random
    walks through the interview, what it returns equals what the engine works out afresh, and a result keeps the
    answers in the order they were given (the doctor's summary lists them in that order)."""
    engine = Engine()
    rng = random.Random(17)
    q = engine.content.question_by_id
    for _ in range(40):
        answers: dict = {}
        for shown in range(12):
            for estimate in (False, True):
                kept = engine.next_step(answers, screens_shown=shown, estimate=estimate)
                fresh = engine._next_step(dict(answers), screens_shown=shown, estimate=estimate)
                assert kept == fresh
            if isinstance(kept, Assessment):
                assert [f for f, _ in kept.answers] == list(answers)
                break
            for f in kept.findings:
                question = q[f]
                if question.type == "bool":
                    answers[f] = rng.choice([False, False, False, True, "not_sure"])
                elif question.options:
                    answers[f] = rng.choice(question.options).value
                else:
                    answers[f] = rng.randint(12, 95)
        else:
            pytest.fail("the interview did not end")


def test_wrong_answers_are_refused_every_time_not_remembered() -> None:
    engine = Engine()
    for _ in range(2):
        with pytest.raises(AnswerError):
            engine.next_step({"no_such_finding": True})
    with pytest.raises(AnswerError):
        engine.next_step({"chest_pain": ["a list"]})  # unhashable: validated the same way
