"""Session state: answering, back, changing an answer, restarting, and the stored form."""

from __future__ import annotations

import json

import pytest

from mobile_app.core.engine import Assessment, Engine, Step
from mobile_app.ui.state import AppState, StoredStateError


def answer_all(state: AppState, value: object = False, age: int = 45) -> None:
    step = state.current
    assert step is not None
    for f in step.findings:
        q = state.content.question_by_id[f]
        if q.type == "int":
            state.answer(f, age)
        elif q.type == "choice":
            state.answer(f, q.options[0].value)
        else:
            state.answer(f, value)


@pytest.fixture
def state(engine: Engine) -> AppState:
    s = AppState(engine)
    s.choose_who("self")
    s.begin()
    return s


def test_begin_shows_the_danger_screen_first(state: AppState) -> None:
    assert len(state.steps) == 1
    assert state.steps[0].groups[0].id == "danger_now"
    assert not state.can_continue()


def test_answer_validates_and_only_on_the_current_screen(state: AppState) -> None:
    state.answer("chest_pain", False)
    assert state.answers == {"chest_pain": False}
    with pytest.raises(ValueError):
        state.answer("fever", True)  # not on this screen
    with pytest.raises(ValueError):
        state.answer("chest_pain", "yes")  # not an allowed value
    with pytest.raises(ValueError):
        state.answer("age_years", 200)


def test_next_needs_every_answer_unless_an_emergency_is_certain(state: AppState) -> None:
    with pytest.raises(ValueError):
        state.next()
    state.answer("chest_pain", True)
    assert state.can_continue()  # an emergency is certain: the rest cannot change it
    state.next()
    assert isinstance(state.result, Assessment) and state.result.level == "emergency"


def test_back_forgets_the_screen_and_its_answers(state: AppState) -> None:
    answer_all(state)
    state.next()
    assert len(state.steps) == 2
    state.answer(state.steps[1].findings[0], True)
    state.back()
    assert len(state.steps) == 1
    assert all(f in state.answers for f in state.steps[0].findings)  # kept: the screen is shown again
    assert not set(state.steps[0].findings) ^ set(state.answers)
    state.back()
    assert state.steps == [] and state.answers == {}


def test_back_from_the_result_reopens_the_last_screen(state: AppState) -> None:
    state.answer("chest_pain", True)
    state.next()
    state.back()
    assert state.result is None and state.current is state.steps[-1]
    assert state.answers["chest_pain"] is True
    # The rest of the checklist was left unmarked: "no" once Next was tapped.
    assert {f: v for f, v in state.answers.items() if f != "chest_pain"} == {
        f: False for f in state.steps[-1].groups[0].findings if f != "chest_pain"
    }


def test_change_answer_goes_back_to_that_screen(state: AppState) -> None:
    for _ in range(3):
        answer_all(state)
        state.next()
    assert len(state.steps) == 4
    first_two = set(state.steps[0].findings) | set(state.steps[1].findings)
    state.change_answer(1)
    assert len(state.steps) == 2
    assert set(state.answers) == first_two
    with pytest.raises(IndexError):
        state.change_answer(5)


def test_restart_forgets_everything_but_language_and_country(state: AppState) -> None:
    state.choose_language("fr")
    state.choose_country("GB")
    answer_all(state)
    state.next()
    state.restart()
    assert (state.steps, state.answers, state.result, state.who) == ([], {}, None, None)
    assert (state.lang, state.country) == ("fr", "GB")


def test_settings_are_checked(state: AppState) -> None:
    with pytest.raises(ValueError):
        state.choose_language("xx")
    with pytest.raises(ValueError):
        state.choose_country("ZZ")
    with pytest.raises(ValueError):
        state.choose_who("dog")


def test_caregiver_wording_switches_the_question_text(state: AppState) -> None:
    q = state.content.question_by_id["chest_pain"]
    assert q.text.for_who("self") != q.text.for_who("caregiver")


def test_stored_form_round_trip_mid_check(engine: Engine, state: AppState) -> None:
    state.choose_who("caregiver")
    for _ in range(2):
        answer_all(state)
        state.next()
    state.answer(state.steps[-1].findings[0], "not_sure")
    restored = AppState.from_json(engine, state.to_json())
    assert restored.who == "caregiver"
    assert restored.answers == state.answers
    assert [s.findings for s in restored.steps] == [s.findings for s in state.steps]
    assert all(isinstance(s, Step) for s in restored.steps)
    assert restored.result is None


def test_stored_form_round_trip_with_result(engine: Engine, state: AppState) -> None:
    state.answer("chest_pain", True)
    state.next()
    restored = AppState.from_json(engine, state.to_json())
    assert restored.result is not None and restored.result.level == "emergency"


def _tamper(state: AppState, **changes: object) -> str:
    data = json.loads(state.to_json())
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        42,
        "not json",
        "[]",
        json.dumps({"schema": 99}),
    ],
)
def test_corrupt_stored_form_is_refused(engine: Engine, raw: object) -> None:
    with pytest.raises(StoredStateError):
        AppState.from_json(engine, raw)


@pytest.mark.parametrize(
    "changes",
    [
        {"lang": "xx"},
        {"country": "ZZ"},
        {"who": "dog"},
        {"answers": {"chest_pain": "yes"}},
        {"answers": {"no_such_finding": True}},
        {"answers": {"fever": True}},  # an answer to a question never shown
        {"steps": [["fever"]]},  # a screen the engine would not show
        {"steps": "x"},
        {"finished": "yes"},
        {"finished": True},  # a result for an unfinished screen
    ],
)
def test_tampered_stored_form_is_refused(engine: Engine, state: AppState, changes: dict) -> None:
    answer_all(state)
    state.next()
    state.answer(state.steps[-1].findings[0], True)
    with pytest.raises(StoredStateError):
        AppState.from_json(engine, _tamper(state, **changes))


def test_a_checklist_mark_means_what_answering_that_question_alone_means(engine) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: checklists must not make the app less safe. On every checklist met on a calm walk, marking any
    one item yes or not sure (the rest unmarked) and tapping Next gives the answers, and the level, that
    answering that question alone (and "no" to the others) gives."""
    from mobile_app.core.models import LEVEL_RANK, NOT_SURE

    checked = 0
    walk = AppState(engine)
    walk.choose_who("self")
    walk.begin()
    while walk.current is not None:
        step = walk.current
        for g in step.groups:
            if not g.checklist:
                continue
            for f in g.findings:
                for value in (True, NOT_SURE):
                    trial = AppState(engine)
                    trial.choose_who("self")
                    trial.begin()
                    while trial.current is not None and trial.current.number < step.number:
                        for x in trial.current.findings:
                            trial.answers[x] = walk.answers[x]
                        trial.next()
                    assert trial.current is not None and trial.current.findings == step.findings
                    for x in step.findings:
                        if x not in g.findings:
                            trial.answers[x] = calm(engine, x)
                    trial.answer(f, value)
                    trial.next()
                    alone = {**walk.answers, **{x: calm(engine, x) for x in step.findings}}
                    alone.update({x: False for x in g.findings})
                    alone[f] = value
                    assert {x: trial.answers[x] for x in g.findings} == {x: alone[x] for x in g.findings}
                    mine = engine.assess({k: v for k, v in trial.answers.items()} | {"age_years": 40})
                    theirs = engine.assess({k: alone[k] for k in trial.answers} | {"age_years": 40})
                    assert LEVEL_RANK[mine.level] == LEVEL_RANK[theirs.level], (g.id, f, value)
                    checked += 1
        for x in step.findings:
            walk.answers[x] = calm(engine, x)
        walk.next()
    assert checked >= 20, "the walk met several checklists"


def calm(engine, finding: str) -> object:  # type: ignore[no-untyped-def]
    q = engine.content.question_by_id[finding]
    return 40 if q.type == "int" else q.options[-1].value if q.type == "choice" else False


def test_none_of_these_on_this_page_means_none_of_these_for_each_list(engine: Engine) -> None:
    """Decision 33: on every screen of lists met on a calm walk, the page-wide answer gives exactly the answers (and
    the next screen) that "None of these" on each list and Next give; anywhere else it is refused."""
    met = 0
    walk = AppState(engine)
    walk.choose_who("self")
    walk.begin()
    while walk.current is not None:
        step = walk.current
        if step.none_for_all:
            met += 1
            each = AppState.from_json(engine, walk.to_json())
            for g in step.groups:
                each.answer_none(g.id)
            each.next()
            walk.none_on_screen()
            assert walk.answers == each.answers
            assert (walk.current and walk.current.findings) == (each.current and each.current.findings)
            continue
        with pytest.raises(ValueError, match="does not offer"):
            walk.none_on_screen()
        for x in step.findings:
            walk.answers[x] = calm(engine, x)
        walk.next()
    assert met >= 1, "a calm walk meets a screen of lists without a danger sign"
