"""The check's screen is one set of controls shown again for every step: each step must show exactly its own
questions (nothing left over from the screen before), answers as chosen, and a tap must be drawn before it is
saved."""

from __future__ import annotations

import dataclasses

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.core.models import NOT_SURE
from mobile_app.ui import routes
from mobile_app.ui.components.answers import READ_S, answer_id
from mobile_app.ui.components.layout import body_column
from mobile_app.ui.state import AppState
from mobile_app.ui.store import KEY
from mobile_app.ui.views.check import CheckScreen

from .conftest import FakePrefs, Harness, ReaderClock, all_text, by_id, shown, walk


def shown_semantics(view: ft.View, prefix: str) -> list[ft.Semantics]:
    return [c for c in shown(view) if isinstance(c, ft.Semantics) and (c.identifier or "").startswith(prefix)]


def shown_ids(view: ft.View, prefix: str) -> set[str]:
    return {c.identifier for c in shown_semantics(view, prefix)}


def expected_answer_ids(engine: Engine, findings: tuple[str, ...], checklist: frozenset[str] = frozenset()) -> set[str]:
    """The answer buttons a question shows; a checklist item has Yes and Not sure (it is "no" unless marked)."""
    out = set()
    for f in findings:
        q = engine.content.question_by_id[f]
        if q.type == "bool" and f in checklist:
            out |= {answer_id(f, v) for v in (True, NOT_SURE)}
        elif q.type == "bool":
            out |= {answer_id(f, v) for v in (True, False, NOT_SURE)}
        elif q.type == "choice":
            out |= {answer_id(f, o.value) for o in q.options}
        else:
            out |= {f"answer-{f}-field"}
    return out


def calm_answer(engine: Engine, finding: str) -> object:
    """An answer that keeps the check going for a while: no danger sign, the last option of a choice."""
    q = engine.content.question_by_id[finding]
    return 40 if q.type == "int" else q.options[-1].value if q.type == "choice" else False


def in_checklist(step) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return frozenset(f for g in step.groups if g.checklist for f in g.findings)


def calm_taps(engine: Engine, step) -> list[tuple[str, str, object]]:  # type: ignore[no-untyped-def]
    """What a calm person taps on a screen: (finding, identifier, value); one "None of these" per checklist."""
    out = []
    for g in step.groups:
        if g.checklist:
            out.append((g.findings[0], f"none-{g.id}", False))
            continue
        for f in g.findings:
            value = calm_answer(engine, f)
            ident = f"answer-{f}-field" if engine.content.question_by_id[f].type == "int" else answer_id(f, value)
            out.append((f, ident, value))
    return out


def tap_calmly(h: Harness, engine: Engine, view: ft.View, step) -> None:  # type: ignore[no-untyped-def]
    for _f, ident, value in calm_taps(engine, step):
        if ident.endswith("-field"):
            field = by_id(view, ident).content
            field.value = str(value)
            h.run(field.on_change(ft.Event(name="change", control=field)))
        else:
            h.click(ident)


def test_every_step_shows_exactly_its_questions_on_the_same_screen(engine: Engine) -> None:
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    view = h.top
    kinds: set[str] = set()
    sizes: list[int] = []
    while h.state.result is None:
        step = h.state.current
        assert step is not None
        assert h.top is view, "the check's screens reuse one set of controls"
        assert view.route == routes.check(step.number)
        assert f"Step {step.number} of about" in all_text(view)
        assert shown_ids(view, "question-") == {f"question-{f}" for f in step.findings}
        assert shown_ids(view, "answer-") == expected_answer_ids(engine, step.findings, in_checklist(step))
        lists = {f"none-{g.id}" for g in step.groups if g.checklist}
        assert shown_ids(view, "none-") == lists | ({"none-screen"} if step.none_for_all else set())
        for group in step.groups:
            assert h.ctl.ctx().w(group.title) in all_text(view)
        for f in step.findings:
            q = engine.content.question_by_id[f]
            kinds.add(q.type)
            if q.type == "choice":
                sizes.append(len(q.options))
            assert h.ctl.ctx().w(q.text) in all_text(view)
            for sem in shown_semantics(view, f"answer-{f}-"):
                assert not sem.selected, "an unanswered question shows no answer chosen"
        for _f, ident, value in calm_taps(engine, step):
            if ident.endswith("-field"):
                field = by_id(view, ident).content
                field.value = str(value)
                h.run(field.on_change(ft.Event(name="change", control=field)))
            else:
                h.click(ident)
                assert by_id(view, ident).selected
        assert not by_id(view, "next-button").content.disabled
        h.click("next-button")
    assert kinds == {"bool", "choice", "int"}, "the walk went through every kind of question"
    assert len(set(sizes)) > 1, "choices of different sizes were shown in the same slots"


def test_back_shows_the_earlier_step_with_its_answers(engine: Engine) -> None:
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    first = h.state.current
    assert first is not None
    tap_calmly(h, engine, h.top, first)
    h.click("next-button")
    assert h.top.route == routes.check(2)
    h.click("back-step")
    assert h.top.route == routes.check(1)
    assert shown_ids(h.top, "question-") == {f"question-{f}" for f in first.findings}
    for _f, ident, _ in calm_taps(engine, first):
        if ident.endswith("-field"):
            assert by_id(h.top, ident).content.value == "40"
        else:
            assert by_id(h.top, ident).selected


def test_a_tap_is_drawn_before_it_is_saved(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    app.click("none-danger_now")
    ((controls, stored_then),) = app.flushed
    card = by_id(app.top, "question-chest_pain")
    next_button = by_id(app.top, "next-button").content
    assert card in controls and next_button in controls
    assert '"chest_pain":false' not in stored_then.get(KEY, ""), "the screen is sent before the device saves"
    assert '"chest_pain":false' in app.prefs.data[KEY], "and then it is saved"


def test_an_answer_is_saved_without_waiting_for_the_screen_to_settle(engine: Engine) -> None:
    """Storage after a screen change may wait for the phone to draw; an answer may not (the app can be closed
    right after the tap)."""

    async def never() -> None:
        raise AssertionError("an answer waited before it was saved")

    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    h.ctl._settle = never
    h.click("none-danger_now")
    assert '"chest_pain":false' in h.prefs.data[KEY]


def signatures(root: ft.Control) -> dict[int, str]:
    """What the phone is told about each control in a tree: its own settings (not its event handlers), and which
    controls it holds."""
    out: dict[int, str] = {}
    for c in walk(root):
        parts = []
        for f in dataclasses.fields(c):
            if f.name.startswith("_") or f.name in ("parent", "page", "data"):
                continue
            value = getattr(c, f.name, None)
            if isinstance(value, ft.BaseControl):
                value = ("control", id(value))
            elif isinstance(value, (list, tuple)) and any(isinstance(x, ft.BaseControl) for x in value):
                value = ("controls", [id(x) for x in value])
            elif callable(value):
                continue
            parts.append(f"{f.name}={value!r}")
        out[id(c)] = ";".join(parts)
    return out


def test_each_next_step_sends_everything_it_changed(engine: Engine) -> None:
    """The next step on the same screen sends only the controls it names as changed: every control that differs
    from the step before (texts, what is shown, identifiers, styles, new slots) must lie inside one of them. Only
    the View's route is left out on purpose (Back goes by the controller's route)."""
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    view = h.top
    assert h.changed is None, "the check's first step is a new screen, sent whole"
    steps = 0
    while h.state.result is None:
        step = h.state.current
        assert step is not None
        tap_calmly(h, engine, view, step)
        before = signatures(view)
        h.click("next-button")
        if h.state.result is not None:
            assert h.changed is None, "the result is a new screen, sent whole"
            break
        steps += 1
        assert h.top is view and h.changed, "the next step is shown on the same screen"
        assert_sends_all(view, before, h.changed)
        column = body_column(view)
        assert [c for c in h.changed if c is not by_id(view, "next-button").content] == [column], (
            "the step goes out as one patch: the progress line (said aloud) together with the questions it names"
        )
        assert view.route == routes.check(step.number + 1), "the screen knows its route (a whole update sends it)"
    assert steps >= 3, "the walk went through several steps on the same screen"
    # A step with more questions than any before it adds slots to the screen: show the shortest step, then the
    # longest, on a screen of their own.
    sizes = [len(s.findings) for s in h.state.steps]
    short, long = sizes.index(min(sizes)) + 1, sizes.index(max(sizes)) + 1
    assert sizes[short - 1] < sizes[long - 1]
    screen = CheckScreen(h.ctl.ctx(routes.check(short)))
    screen.show(h.ctl.ctx(routes.check(short)), short)
    before = signatures(screen.view)
    screen.show(h.ctl.ctx(routes.check(long)), long)
    assert_sends_all(screen.view, before, screen.changed)


def assert_sends_all(view: ft.View, before: dict[int, str], changed: list[ft.Control]) -> None:
    covered = {id(c) for c in walk(changed)}
    after = signatures(view)
    missed = [sig for key, sig in after.items() if before.get(key) != sig and key not in covered and key != id(view)]
    assert not missed, f"{view.route} changed controls it does not send: {missed[:3]}"


def test_next_tapped_too_early_says_what_is_missing_and_stays(app: Harness) -> None:
    """Next is never greyed out (a screen reader could go on hearing "disabled" after it turned on: hazard H29).
    Tapped before every question is answered, it stays on the screen, makes the hint stand out, and has the
    screen reader say it."""
    app.run(app.ctl.choose_who("self"))
    view, step = app.top, app.state.current
    assert step is not None
    hint = [c for c in shown(view) if isinstance(c, ft.Text) and c.value == "Answer every question to go on."]
    assert len(hint) == 1
    normal = hint[0].color
    assert not by_id(view, "next-button").content.disabled
    app.click("next-button")
    assert app.state.current is step and app.top.route == routes.check(1), "nothing unanswered is skipped"
    assert app.services.announced == ["Answer every question to go on."]
    box = by_id(view, "next-hint")
    assert box.visible is not False and hint[0].color != normal and box in app.flushed[-1][0]
    app.click("none-danger_now")
    assert hint[0].color == normal, "the next answer calms the hint again"
    tap_calmly(app, app.ctl.state.engine, view, step)
    app.click("next-button")
    assert app.top.route == routes.check(2) and app.services.announced == ["Answer every question to go on."]


def test_a_tap_aimed_at_the_question_before_is_dropped(engine: Engine, reader_clock: ReaderClock) -> None:
    """A tap sent before the phone drew the next screen reaches the app after the slot shows another question (or
    lands on the new question as it is drawn under the finger). It must not answer that question, which the person
    has not read (hazard H30): any answer sooner than READ_S after a question was shown is dropped; the same tap
    once the question could be read answers it. The same for a number typed into a field."""
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    dropped = 0
    while h.state.result is None:
        step = h.state.current
        assert step is not None
        # What a person sees on this screen: each question's buttons (and number field), by the slot they are in.
        seen = []
        listed = in_checklist(step)
        for f in step.findings:
            q = engine.content.question_by_id[f]
            value = True if f in listed else calm_answer(engine, f)
            ident = f"answer-{f}-field" if q.type == "int" else answer_id(f, value)
            seen.append((f, by_id(h.top, ident).content))
        tap_calmly(h, engine, h.top, step)
        reader_clock.step = 0.0  # the taps below come right after Next, as a double tap would
        h.click("next-button")
        now = h.state.current
        if h.state.result is not None or now is None:
            break
        # The same taps again, late: each lands on a slot that now shows the next screen's question.
        for (f, control), g in zip(seen, now.findings, strict=False):
            before = dict(h.state.answers)
            reader_clock.now += READ_S * 0.9
            if isinstance(control, ft.TextField):
                control.value = "50"
                h.run(control.on_change(ft.Event(name="change", control=control)))
            else:
                h.run(control.on_click(ft.Event(name="click", control=control)))
            assert h.state.answers == before, f"a late tap meant for {f} changed the answers (shown now: {g})"
            reader_clock.now -= READ_S * 0.9
            dropped += 1
        g = now.findings[0]
        first = now.groups[0]
        value = calm_answer(engine, g)
        ident = f"none-{first.id}" if first.checklist else answer_id(g, value)
        if engine.content.question_by_id[g].type != "int":
            h.click(ident)
            assert g not in h.state.answers, "too soon to have read it"
            reader_clock.now += READ_S + 0.01
            h.click(ident)
            assert h.state.answers[g] == value, "once the question could be read, the tap answers it"
        reader_clock.step = 1.0
    assert dropped >= 10, "late taps were tried on several screens"


def _to_a_screen_of_lists(h: Harness, engine: Engine):  # type: ignore[no-untyped-def]
    """Answer calmly until a screen of two or more checklists and nothing else is shown; returns its step."""
    h.run(h.ctl.choose_who("self"))
    while True:
        step = h.state.current
        assert step is not None, "a calm check reaches a screen of lists before its result"
        if step.none_for_all:
            return step
        tap_calmly(h, engine, h.top, step)
        h.click("next-button")


def test_none_of_these_on_this_page_answers_every_list_and_goes_on(app: Harness, engine: Engine) -> None:
    """Issue 13: a screen of lists with nothing to mark is one tap. Every item of every list on it is then "no",
    exactly as if each list's own "None of these" and Next had been tapped."""
    step = _to_a_screen_of_lists(app, engine)
    number = len(app.state.steps)
    node = by_id(app.top, "none-screen")
    assert node.visible is not False and "None of these on this page" in all_text(node)
    app.click("none-screen")
    assert {f: app.state.answers[f] for f in step.findings} == dict.fromkeys(step.findings, False)
    assert len(app.state.steps) == number + 1 or app.state.result is not None, "the tap goes on to the next screen"


def test_none_of_these_on_this_page_is_offered_only_for_lists_with_nothing_marked(app: Harness, engine: Engine) -> None:
    """Not on a screen with a question to answer, and not once an item is marked: a marked list answers on its own,
    and the other lists each need their own "None of these" (a mark next to a page-wide "none" would contradict)."""
    app.run(app.ctl.choose_who("self"))
    first = app.state.current
    assert first is not None and not first.none_for_all, "the first screen asks the age"
    assert "none-screen" not in shown_ids(app.top, "none-")
    step = _to_a_screen_of_lists(app, engine)
    item = step.groups[0].findings[0]
    app.click(answer_id(item, NOT_SURE))
    assert "none-screen" not in shown_ids(app.top, "none-"), "a mark hides it"
    before = dict(app.state.answers)
    app.run(app.ctl.none_on_screen())
    assert app.state.answers == before and app.state.current is step, "refused with a mark: nothing changes"
    app.click(answer_id(item, NOT_SURE))  # the mark taken away again
    assert "none-screen" in shown_ids(app.top, "none-")


def test_none_of_these_on_this_page_too_soon_after_the_screen_came_is_dropped(
    engine: Engine, reader_clock: ReaderClock
) -> None:
    """A tap that reaches the app sooner than READ_S after the screen of lists was shown was aimed at the screen
    before (a double tap on Next or on this same button of the screen before): it must not answer lists the person
    has not read (hazard H30). The same tap once the screen could be read answers it."""
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    step = _to_a_screen_of_lists(h, engine)
    reader_clock.step = 0.0  # no time passes: the tap comes as the screen is drawn
    before, screens = dict(h.state.answers), len(h.state.steps)
    h.click("none-screen")
    assert h.state.answers == before and len(h.state.steps) == screens and h.state.current is step
    reader_clock.step = 1.0
    h.click("none-screen")
    assert h.state.current is not step and all(h.state.answers[f] is False for f in step.findings)


def test_the_same_screen_shown_again_does_not_drop_the_next_tap(engine: Engine, reader_clock: ReaderClock) -> None:
    """Hazard H30 drops a tap that comes less than READ_S after a slot took its question. Showing the same step
    again (a change of brightness, a message on the screen, a browser route event for the screen already shown)
    gives no slot a new question: a tap right after it is aimed at the question the person has been reading, and
    is kept (it was dropped, with nothing shown chosen, when every show reset the slot's clock)."""
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    step = h.state.current
    assert step is not None
    f = step.findings[0]
    value = True if f in in_checklist(step) else calm_answer(engine, f)
    assert engine.content.question_by_id[f].type != "int"
    reader_clock.now += 5  # the person reads the screen
    reader_clock.step = 0.0
    h.ctl.render()  # the same step, shown again
    h.click(answer_id(f, value))
    assert h.state.answers.get(f) == value, "a tap right after the same screen was shown again was dropped"
    # A slot that takes another question still drops a tap that comes too soon (the next screen's first one).
    reader_clock.step = 1.0
    h = Harness(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.choose_who("self"))
    tap_calmly(h, engine, h.top, step)
    reader_clock.step = 0.0
    h.click("next-button")
    now = h.state.current
    assert now is not None and now.findings[0] != f
    g = now.findings[0]
    first = now.groups[0]
    ident = f"none-{first.id}" if first.checklist else answer_id(g, calm_answer(engine, g))
    h.click(ident)
    assert g not in h.state.answers, "a new question answered before it could be read"
