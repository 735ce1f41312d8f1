"""Every screen built from plain data, inspected without a browser."""

from __future__ import annotations

import dataclasses
import datetime as dt

import flet as ft
import pytest

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import Translator
from mobile_app.core.models import LANGUAGES, Review
from mobile_app.ui import routes
from mobile_app.ui.components.answers import answer_id
from mobile_app.ui.context import Ctx
from mobile_app.ui.screens import build_view
from mobile_app.ui.session import Session
from mobile_app.ui.state import AppState
from mobile_app.ui.texts import word_for_language
from mobile_app.ui.views.home_care import HOME_CARE_IDS

from .conftest import Harness, all_text, by_id, has_id, walk
from .view_support import NoActions, finish, make_ctx


def tel_of(control: ft.Semantics) -> str:
    return control.content.url


def spoken(control: ft.Semantics) -> str:
    """What a screen reader says for a button node (components/tap.py): the wrapper's label, else the words on the
    button, each text's `semantics_label` in place of its words (an icon button says its tooltip)."""
    if control.label:
        return control.label
    button = control.content
    if isinstance(button, ft.IconButton):
        return button.tooltip or ""
    words = [t.semantics_label or t.value for t in walk(button) if isinstance(t, ft.Text)]
    return "\n".join(w for w in words if w)


def node_id(control: object) -> str | None:
    """The identifier of a control, or of the Semantics a MergeSemantics makes one node with (tap.one_node)."""
    inner = control.content if isinstance(control, ft.MergeSemantics) else control
    return getattr(inner, "identifier", None)


@pytest.mark.parametrize("country", ["US", "GB", "FR", "IN"])
def test_emergency_result_dials_the_local_number(engine: Engine, country: str) -> None:
    number = engine.content.country_by_code[country].emergency_number
    ctx = make_ctx(engine, country=country, answers={"chest_pain": True})
    ctx.state.next()
    view = build_view(ctx, routes.RESULT)
    big = by_id(view, "call-emergency-now")
    assert tel_of(big) == f"tel:{number}"
    assert spoken(big) == f"Call {number} now", "screen readers say the words on the button (issue 14)"
    assert spoken(by_id(view, "call-emergency")) == f"Emergency? Call {number}"  # the app bar's shows the number
    assert tel_of(by_id(view, "call-emergency")) == f"tel:{number}"  # also in the app bar
    level = by_id(view, "result-level")
    assert level.label == f"Call {number} now", "the emergency heading carries the local number (issue 20)"
    icons = [c for c in walk(level) if isinstance(c, ft.Icon)]
    assert icons and icons[0].icon == ft.Icons.EMERGENCY  # never colour alone
    assert f"Call {number} now for an ambulance" in all_text(view)


def test_emergency_number_is_in_reach_on_every_screen(app: Harness) -> None:
    for route in [routes.START, routes.COUNTRY, routes.WHO, routes.HOME_CARE, routes.MEDICINES, routes.DOCTOR]:
        app.run(app.ctl.go(route))
        assert tel_of(by_id(app.top.appbar, "call-emergency")) == "tel:911", route


def test_go_to_ed_action_replaces_the_level_action(engine: Engine) -> None:
    ctx = make_ctx(engine, answers={"saddle_numbness": True})
    finish(ctx)
    a = ctx.state.result
    assert a is not None and a.level == "emergency" and a.go_to_ed
    text = all_text(build_view(ctx, routes.RESULT))
    assert ctx.w(engine.content.advice.go_to_ed_action) in text
    info = next(li for li in engine.content.advice.levels if li.level == "emergency")
    assert ctx.w(info.action) not in text


def test_urgent_result_says_where_and_offers_the_urgent_line(engine: Engine) -> None:
    ctx = make_ctx(engine, country="GB", answers={"calf_swelling_one_side": True})
    finish(ctx)
    assert ctx.state.result.level == "urgent"
    view = build_view(ctx, routes.RESULT)
    text = all_text(view)
    where = next(li.where for li in engine.content.advice.levels if li.level == "urgent")
    assert where and where in text
    line = ctx.country.urgent_line
    assert line is not None
    assert tel_of(by_id(view, "call-urgent-line")) == f"tel:{line.number}"
    assert not has_id(view, "call-emergency-now")
    assert not has_id(view, "home-care")  # home care is not the answer today


def test_question_view_has_yes_no_not_sure(engine: Engine) -> None:
    ctx = make_ctx(engine)
    view = build_view(ctx, routes.check(1))
    # The danger signs are a checklist: each item Yes or Not sure, one "None of these" for the list.
    for value, label in [(True, "Yes"), ("not_sure", "Not sure")]:
        sem = by_id(view, answer_id("chest_pain", value))
        assert sem.content.content.value == label
    assert not has_id(view, answer_id("chest_pain", False))
    assert by_id(view, "none-danger_now").content.content.value == "None of these"
    assert has_id(view, "answer-age_years-field")
    assert not by_id(view, "next-button").content.disabled, "Next is never greyed out (hazard H29)"
    assert "Answer every question to go on." in all_text(view)
    assert "Step 1 of about" in all_text(view)
    assert "First, a few urgent questions" in all_text(view)


def test_choice_question_shows_its_options(engine: Engine) -> None:
    ctx = make_ctx(engine, answers={"pain_side": "one_leg"})
    view = build_view(ctx, routes.check(len(ctx.state.steps)))
    q = ctx.content.question_by_id["pain_side"]
    for o in q.options:
        assert by_id(view, f"answer-pain_side-{o.value}").content.content.value == o.label
    assert by_id(view, "answer-pain_side-one_leg").selected


def test_help_and_why_we_ask(engine: Engine) -> None:
    ctx = make_ctx(engine)
    view = build_view(ctx, routes.check(1))
    text = all_text(view)
    assert "How to tell: For a baby under 1 year old, enter 0." in text
    why = ctx.content.question_by_id["chest_pain"].why
    hidden = [c for c in walk(view) if isinstance(c, ft.Text) and c.value == why]
    assert hidden and not hidden[0].visible


def test_caregiver_wording_appears(engine: Engine) -> None:
    me = all_text(build_view(make_ctx(engine, who="self"), routes.check(1)))
    them = all_text(build_view(make_ctx(engine, who="caregiver"), routes.check(1)))
    q = engine.content.question_by_id["chest_pain"]
    assert q.text.self_ in me and q.text.caregiver not in me
    assert q.text.caregiver in them and q.text.self_ not in them
    assert "First, a few urgent questions about them" in them


def test_answering_updates_the_screen_in_place(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    view = app.top
    app.click("none-danger_now")
    assert app.top is view  # no rebuild: scroll position and typing survive
    assert by_id(view, "none-danger_now").selected and app.state.answers["chest_pain"] is False
    assert not by_id(view, "answer-chest_pain-yes").selected
    assert "Answer every question to go on." in all_text(view)
    app.click("answer-chest_pain-not_sure")
    assert by_id(view, "answer-chest_pain-not_sure").selected and not by_id(view, "none-danger_now").selected
    app.click("answer-chest_pain-not_sure")
    assert "chest_pain" not in app.state.answers, "tapping a mark again takes it away"
    app.click("answer-chest_pain-yes")
    assert app.top.route == "/result", "an emergency answer shows the emergency result at once (no Next)"


def test_age_field_is_a_plain_named_number_box(app: Harness) -> None:
    """Issue 14: one obvious box to type the age in (numeric keyboard, a label screen readers say, not stretched
    across the card); no steppers."""
    app.run(app.ctl.choose_who("self"))
    field = by_id(app.top, "answer-age_years-field").content
    assert field.keyboard_type == ft.KeyboardType.NUMBER and field.label == "Age in years"
    assert field.width and field.width <= 200 and not field.expand
    assert not has_id(app.top, "answer-age_years-plus") and not has_id(app.top, "answer-age_years-minus")
    field.value = "130"
    app.run(field.on_change(ft.Event(name="change", control=field)))
    assert "age_years" not in app.state.answers and field.error
    field.value = "72"
    app.run(field.on_change(ft.Event(name="change", control=field)))
    assert app.state.answers["age_years"] == 72 and field.error is None


def test_next_too_early_marks_the_first_unanswered_question(app: Harness) -> None:
    """Issue 14: Next with questions unanswered says so on the first of them, where the person looks."""
    app.run(app.ctl.choose_who("self"))
    app.click("none-danger_now")
    app.click("next-button")
    first_missing = "age_years"
    card = by_id(app.top, f"question-{first_missing}")
    assert "Answer this question to go on." in all_text(card)
    assert not any("Answer this question" in all_text(by_id(app.top, f"question-{f}")) for f in ("chest_pain",))
    field = by_id(app.top, "answer-age_years-field").content
    field.value = "50"
    app.run(field.on_change(ft.Event(name="change", control=field)))
    assert "Answer this question to go on." not in all_text(by_id(app.top, "question-age_years"))


def test_self_care_result_offers_home_care_and_the_other_screens(engine: Engine) -> None:
    ctx = make_ctx(engine, answers={"relieved_by_stretching": True})
    ctx.state.answers.update({"cramps_at_night_or_rest": True})
    finish(ctx)
    a = ctx.state.result
    assert a.level in ("self_care", "soon")
    view = build_view(ctx, routes.RESULT)
    for identifier in ("home-care", "medicines", "when-to-see-doctor", "start-again", "change-answer-1"):
        assert has_id(view, identifier), identifier
    text = all_text(view)
    assert "Get help at once if" in text  # the safety net
    assert "Why we say this" in text


def test_unsure_danger_signs_are_listed_to_check_again(engine: Engine) -> None:
    ctx = make_ctx(engine, answers={"calf_swelling_one_side": "not_sure"})
    finish(ctx)
    assert "calf_swelling_one_side" in ctx.state.result.unsure_danger
    view = build_view(ctx, routes.RESULT)
    box = all_text(by_id(view, "check-again"))
    assert ctx.w(ctx.content.question_by_id["calf_swelling_one_side"].text) in box
    home = ctx.state.result.level in ("soon", "self_care")
    note = ctx.content.advice.unsure_check if home else ctx.content.advice.unsure_check_seen
    assert ctx.w(note) in box


def test_unsure_emergency_signs_open_the_result_with_the_call_button(engine: Engine) -> None:
    """Hazard H31: the "if yes, call now" card comes before the level, names the sign, and dials the number."""
    ctx = make_ctx(engine, answers={"chest_pain": "not_sure", "relieved_by_stretching": True})
    ctx.state.answers.update({"cramps_at_night_or_rest": True})
    finish(ctx)
    a = ctx.state.result
    assert "chest_pain" in a.unsure_emergency and a.level != "emergency"
    view = build_view(ctx, routes.RESULT)
    order = [c.identifier for c in walk(view) if getattr(c, "identifier", None) in ("unsure-emergency", "result-level")]
    assert order[:2] == ["unsure-emergency", "result-level"], order
    box = by_id(view, "unsure-emergency")
    assert "call 911 now" in all_text(box)
    assert ctx.w(ctx.content.question_by_id["chest_pain"].text) in all_text(box)
    assert tel_of(by_id(view, "call-if-unsure")) == "tel:911"


def beside(view: ft.View, call_id: str, other_id: str) -> bool:
    """Whether the control other_id comes right after the call button call_id, in the same group."""
    for c in walk(view):
        ids = [node_id(x) for x in getattr(c, "controls", None) or []]
        if call_id in ids and other_id in ids and ids.index(other_id) == ids.index(call_id) + 1:
            return True
    return False


@pytest.mark.parametrize(
    ("country", "number", "other", "text"),
    [
        ("IN", "108", "112", "You can also call 112 for police, fire or an ambulance"),
        ("ZA", "10177", "112", "You can also call 112 from a mobile phone"),
        ("MA", "141", "15", "You can also call 15 for fire and rescue (civil protection)"),
    ],
)
def test_the_other_emergency_number_is_shown_next_to_the_call_button(
    engine: Engine, country: str, number: str, other: str, text: str
) -> None:
    """Issue 15: the one-tap button dials the number that reaches an ambulance fastest; the country's other emergency
    number is right under it, says what it reaches, and dials too. On the start screen and on an emergency result."""
    state = AppState(engine)
    state.choose_country(country)
    start = build_view(Ctx(state=state, session=Session(Translator("en")), app=NoActions()), routes.START)  # type: ignore[arg-type]
    ctx = make_ctx(engine, country=country, answers={"chest_pain": True})
    ctx.state.next()
    result = build_view(ctx, routes.RESULT)
    for view, call_id in ((start, "call-emergency-now"), (result, "call-emergency-now")):
        assert tel_of(by_id(view, call_id)) == f"tel:{number}"
        also = by_id(view, f"{call_id}-also-{other}")
        assert tel_of(also) == f"tel:{other}"
        assert spoken(also) == text and text in all_text(also)
        assert beside(view, call_id, f"{call_id}-also-{other}")
    assert tel_of(by_id(result, "call-emergency")) == f"tel:{number}"  # the app bar keeps the one-tap number


def test_the_other_number_is_also_beside_the_call_if_unsure_button(engine: Engine) -> None:
    ctx = make_ctx(engine, country="ZA", answers={"chest_pain": "not_sure", "relieved_by_stretching": True})
    ctx.state.answers.update({"cramps_at_night_or_rest": True})
    finish(ctx)
    assert ctx.state.result.level != "emergency"
    view = build_view(ctx, routes.RESULT)
    box = by_id(view, "unsure-emergency")
    assert "call 10177 now" in all_text(box)
    assert tel_of(by_id(box, "call-if-unsure")) == "tel:10177"
    assert tel_of(by_id(box, "call-if-unsure-also-112")) == "tel:112"
    assert beside(view, "call-if-unsure", "call-if-unsure-also-112")


def test_no_other_number_where_the_country_has_one_emergency_number(engine: Engine) -> None:
    state = AppState(engine)
    view = build_view(Ctx(state=state, session=Session(Translator("en")), app=NoActions()), routes.START)  # type: ignore[arg-type]
    assert tel_of(by_id(view, "call-emergency-now")) == "tel:911"
    assert not [c for c in walk(view) if str(getattr(c, "identifier", "")).startswith("call-emergency-now-also")]


class RecordingTranslator(Translator):
    """A translator that remembers every msgid it was asked for."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.asked: list[str] = []

    def gettext(self, msgid: str) -> str:
        self.asked.append(msgid)
        return super().gettext(msgid)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_other_number_goes_through_the_translator(engine: Engine, lang: str) -> None:
    state = AppState(engine)
    state.choose_country("MA")
    state.choose_language(lang)
    tr = RecordingTranslator(lang)
    view = build_view(Ctx(state=state, session=Session(tr), app=NoActions()), routes.START)  # type: ignore[arg-type]
    msgid = "You can also call {number} for fire and rescue (civil protection)"
    assert msgid in tr.asked
    also = by_id(view, "call-emergency-now-also-15")
    assert spoken(also) == tr.gettext(msgid).format(number="15")


def test_france_urgent_result_offers_no_116_117_line(engine: Engine) -> None:
    """116 117 is regional and answers only when practices are closed: not offered as a line at any hour."""
    ctx = make_ctx(engine, country="FR", answers={"calf_swelling_one_side": True})
    finish(ctx)
    assert ctx.state.result.level == "urgent"
    view = build_view(ctx, routes.RESULT)
    assert not has_id(view, "call-urgent-line")
    assert "116117" not in all_text(view) and "116 117" not in all_text(view)


def test_about_lists_the_clinical_sources_and_only_this_country_s(engine: Engine) -> None:
    state = AppState(engine)
    state.choose_country("ZA")
    text = all_text(build_view(Ctx(state=state, session=Session(Translator("en")), app=NoActions()), routes.ABOUT))  # type: ignore[arg-type]
    sources = engine.content.meta.sources
    assert sources["za_emergency"] in text and sources["za_medicines"] in text
    assert sources["nice_ng158"] in text
    assert sources["in_emergency"] not in text and sources["us_medicines"] not in text


def test_medicines_view_shows_the_dose_in_grams(engine: Engine) -> None:
    ctx = make_ctx(engine, answers={"relieved_by_stretching": True})
    finish(ctx)
    view = build_view(ctx, routes.MEDICINES)
    text = all_text(view)
    assert "4 g" in text and "4,000" not in text
    assert "quinine" in text
    assert has_id(view, "guidance-group-may_help") and has_id(view, "guidance-group-avoid")


def test_medicines_without_a_check_shows_general_notes(engine: Engine) -> None:
    ctx = Ctx(state=AppState(engine), session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]
    text = all_text(build_view(ctx, routes.MEDICINES))
    assert "Finish the check" in text and "quinine" in text
    assert "Until a doctor has checked you" not in text  # that one is only for urgent results


def test_home_care_has_the_illustrated_stretches(engine: Engine) -> None:
    ctx = Ctx(state=AppState(engine), session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]
    view = build_view(ctx, routes.HOME_CARE)
    for advice_id in HOME_CARE_IDS:
        assert has_id(view, f"advice-{advice_id}")
    images = [c for c in walk(view) if isinstance(c, ft.Image)]
    assert [i.src for i in images] == [
        "stretches/during_cramp.svg",
        "stretches/stand_on_leg.svg",
        "stretches/rub_muscle.svg",
        "stretches/wall_stretch.svg",
        "stretches/hold_30.svg",
    ]
    assert all(i.semantics_label for i in images)


def test_doctor_view_explains_every_level(engine: Engine) -> None:
    ctx = Ctx(state=AppState(engine), session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]
    view = build_view(ctx, routes.DOCTOR)
    for level in ("emergency", "urgent", "soon", "self_care"):
        assert has_id(view, f"level-{level}")
    text = all_text(view)
    assert "6 months" in text and "Get help at once if" in text


def test_about_view(engine: Engine) -> None:
    ctx = Ctx(state=AppState(engine), session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]
    text = all_text(build_view(ctx, routes.ABOUT))
    assert "Your answers stay on this device." in text
    assert engine.content.meta.content_version in text
    assert engine.content.meta.review.by is None, "the content's review changed: update this test"
    assert "A clinician has not checked this content yet. It is a draft by our team" in text
    assert "Español: not yet checked by a clinician" in text
    assert "English: original text" in text
    assert next(iter(engine.content.meta.sources.values())) in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Checked by a clinician on Jan 15, 2027 (content version 2026.12.0)."),
        ("fr", "Vérifié par : clinician, le 15 janv. 2027 (version du contenu 2026.12.0)."),
    ],
)
def test_about_view_says_who_checked_the_content_and_when(engine: Engine, lang: str, expected: str) -> None:
    meta = engine.content.meta
    review = Review(by="clinician", on=dt.date(2027, 1, 15), content_version=meta.content_version)
    content = dataclasses.replace(engine.content, meta=meta.model_copy(update={"review": review}))
    ctx = Ctx(state=AppState(Engine(content)), session=Session(Translator(lang)), app=NoActions())  # type: ignore[arg-type]
    text = all_text(build_view(ctx, routes.ABOUT))
    assert expected.replace("2026.12.0", meta.content_version) in text
    assert "has not checked" not in text


def test_start_view_languages_countries_and_notes(engine: Engine) -> None:
    state = AppState(engine)
    ctx = Ctx(state=state, session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]
    view = build_view(ctx, routes.START)
    assert "Idioma" in all_text(by_id(view, "language-picker")) and "اللغة" in all_text(by_id(view, "language-picker"))
    assert not has_id(view, "translation-review-note")  # English is the source text
    languages = build_view(ctx, routes.LANGUAGE)
    for code in ("en", "es", "ar", "zh_Hans"):
        assert has_id(languages, f"language-{code}")
    assert by_id(languages, "language-en").selected and not by_id(languages, "language-es").selected
    assert "Español · Spanish" in all_text(by_id(languages, "language-es"))
    assert "not yet checked by a clinician" in all_text(by_id(languages, "language-es"))
    assert "original text" in all_text(by_id(languages, "language-en"))
    assert "United States (emergency number 911)" in all_text(view)
    state.choose_language("es")
    ctx = Ctx(state=state, session=Session(Translator("es")), app=NoActions())  # type: ignore[arg-type]
    assert has_id(build_view(ctx, routes.START), "translation-review-note")


def test_a_missing_catalog_shows_english_with_a_note(engine: Engine) -> None:
    state = AppState(engine)
    ctx = Ctx(state=state, session=Session(Translator("en"), catalog_missing=True), app=NoActions())  # type: ignore[arg-type]
    assert has_id(build_view(ctx, routes.START), "translation-missing-note")


def test_country_view_lists_every_country(engine: Engine) -> None:
    ctx = Ctx(state=AppState(engine), session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]
    view = build_view(ctx, routes.COUNTRY)
    for c in engine.content.countries.countries:
        assert has_id(view, f"country-{c.code}")
    assert "Emergency: 999" in all_text(by_id(view, "country-GB"))


def test_choosing_a_country_changes_the_number(app: Harness) -> None:
    app.click("country-picker")
    assert app.top.route == "/country"
    app.click("country-GB")
    assert app.top.route == "/" and app.state.country == "GB"
    assert tel_of(by_id(app.top, "call-emergency-now")) == "tel:999"


def test_choosing_a_language_re_renders(app: Harness) -> None:
    app.click("language-picker")
    assert app.top.route == routes.LANGUAGE
    app.click("language-fr")
    assert app.state.lang == "fr" and app.ctl.tr.lang == "fr"
    assert app.top.route == routes.START and "Français" in all_text(app.top)
    assert "Commencer" in all_text(by_id(app.top, "start-button"))
    app.click("language-picker")
    assert by_id(app.top, "language-fr").selected


def test_every_key_control_has_an_identifier_and_every_button_a_label(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    for c in walk(app.views):
        if isinstance(c, (ft.Button, ft.OutlinedButton, ft.TextButton, ft.FilledButton)):
            assert c.content is not None
        if isinstance(c, ft.IconButton):
            assert c.tooltip, "an icon button needs a spoken label"
        if isinstance(c, ft.Image):
            assert c.semantics_label


def test_no_layout_that_flutter_rejects(app: Harness) -> None:
    """An expanded child inside a wrapping row is a layout error (a grey screen on the phone)."""
    screens = [routes.START, routes.COUNTRY, routes.ABOUT, routes.DOCTOR, routes.HOME_CARE, routes.MEDICINES]
    for route in screens:
        app.run(app.ctl.go(route))
        for c in walk(app.views):
            if isinstance(c, ft.Row) and c.wrap:
                assert not any(getattr(child, "expand", None) for child in c.controls), route
    app.run(app.ctl.choose_who("self"))
    app.run(app.ctl.answer("chest_pain", True))
    app.run(app.ctl.next())
    for c in walk(app.views):
        if isinstance(c, ft.Row) and c.wrap:
            assert not any(getattr(child, "expand", None) for child in c.controls)


def test_the_word_for_language_is_each_catalog_s_own() -> None:
    """The start screen's language button reads "Language" straight from each catalog (fast); it must say what
    babel's parse of that catalog says."""
    for code in LANGUAGES:
        assert word_for_language(code) == Translator(code).t("Language"), code
    assert len(set(word_for_language(code) for code in LANGUAGES)) >= 6


def test_result_wording_for_carers_says_them_and_never_repeats_the_heading(engine: Engine) -> None:
    """Issue 14: a same-day result does not add "if yes, get them seen today" under "Get them seen today";
    the medicine count is "for them" in carer wording."""
    ctx = make_ctx(engine, who="caregiver", answers={"calf_swelling_one_side": True, "fever": "not_sure"})
    finish(ctx)
    assert ctx.state.result.level in ("urgent", "emergency")
    view = build_view(ctx, routes.RESULT)
    text = all_text(view)
    assert "If the answer is yes, get them seen today" not in text
    if has_id(view, "check-again"):
        assert "Tell the doctor or nurse who sees them." in all_text(by_id(view, "check-again"))
    home = make_ctx(engine, who="caregiver", answers={"relieved_by_stretching": True})
    home.state.answers.update({"cramps_at_night_or_rest": True})
    finish(home)
    shown = all_text(build_view(home, routes.RESULT))
    assert "medicines for you." not in shown


# ---------------------------------------------------------------- screen readers: one node per button (issue 14)

BUTTONS = (ft.Button, ft.OutlinedButton, ft.TextButton, ft.IconButton)


def button_nodes_problems(root: object) -> list[str]:
    """What a screen reader would trip over in a screen's controls: a `Semantics` around a button that is a node of
    its own (an identifier or `container` makes one: a button inside another node, announced twice, the
    identifier and the selected state on the outer one), one that says it is a button itself, or one whose label
    would be said before the button's words (components/tap.py)."""
    merged = {id(c.content) for c in walk(root) if isinstance(c, ft.MergeSemantics)}
    out = []
    for c in walk(root):
        if not isinstance(c, ft.Semantics) or not isinstance(c.content, BUTTONS):
            continue
        name = c.identifier or type(c.content).__name__
        if c.button:
            out.append(f"{name}: a button node around a button")
        if (c.identifier or c.container) and id(c) not in merged:
            out.append(f"{name}: a node of its own around the button (not merged)")
        if c.label and id(c) in merged:
            out.append(f"{name}: a label said before the button's words")
    return out


def every_screen(app: Harness, engine: Engine) -> list[tuple[str, ft.View]]:
    """Every screen but the diary's, built as the app builds it."""
    out: list[tuple[str, ft.View]] = []
    plain = [routes.START, routes.LANGUAGE, routes.COUNTRY, routes.ABOUT, routes.CLINIC, routes.SUMMARY, routes.WHO]
    for route in plain:
        app.run(app.ctl.go(route))
        out.append((route, app.top))
    app.run(app.ctl.choose_who("self"))
    out.append(("check", app.top))
    for answers in ({"chest_pain": True}, {"calf_swelling_one_side": True}, {"chest_pain": "not_sure"}, {}):
        ctx = make_ctx(engine, answers=answers)
        finish(ctx)
        for route in (routes.RESULT, routes.HOME_CARE, routes.MEDICINES, routes.DOCTOR):
            out.append((f"{route} {answers}", build_view(ctx, route)))
    return out


def test_every_button_is_one_node_named_by_its_words(app: Harness, engine: Engine) -> None:
    """Issue 14: screen readers heard a button inside a button with the same name on every main button, and the
    back arrow with no name. Each button is one node (MergeSemantics around its identifier), and no wrapper adds
    a name of its own. The browser test (tests/e2e/test_accessibility.py) checks what Chromium then exposes."""
    screens = every_screen(app, engine)
    assert len(screens) > 20
    for name, view in screens:
        assert button_nodes_problems(view) == [], name
    back = by_id(screens[1][1].appbar, "back-button")  # the language screen's
    assert isinstance(back.content, ft.IconButton) and spoken(back) == "Back"


def test_the_diary_s_buttons_are_one_node_each(app: Harness) -> None:
    app.run(app.ctl.go(routes.DIARY))
    assert button_nodes_problems(app.top) == []


@pytest.mark.parametrize(
    ("query", "rtl", "family"),
    [("lang=ar&country=QQ", True, "NotoSansArabic"), ("lang=es&country=QQ", False, "NotoSans")],
)
def test_a_refused_link_s_message_is_laid_out_in_its_own_language_s_direction(
    engine: Engine, query: str, rtl: bool, family: str
) -> None:
    """Issue 14: a refused link that asked for Arabic says why in Arabic on the English start screen: right to left,
    in the Arabic font (registered for the screen); a Spanish one stays left to right."""
    from mobile_app.ui.texts import link_error_text

    from .followup_support import diary_app

    h = diary_app(engine)
    h.run(h.ctl.clinic.apply_link(query))
    h.run(h.ctl.open_route("/"))
    assert h.state.lang == "en"
    box = by_id(h.top, "link-error")
    rows = [c for c in walk(box) if isinstance(c, ft.Container) and isinstance(c.content, ft.Row)]
    assert [c.rtl for c in rows] == [rtl]
    (text,) = [t for t in walk(box) if isinstance(t, ft.Text) and t.value]
    assert text.font_family == family and text.value == link_error_text(
        Translator(query[5:7]), h.ctl.session.link_error
    )
    assert h.ctl.ctx().extra_langs == (query[5:7],), "its font is registered"
