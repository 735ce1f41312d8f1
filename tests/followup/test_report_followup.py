"""The doctor's summary (text and PDF, in two languages), the clinic handout, and follow-up reminders."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from typing import get_args

import pytest
import segno
import yaml
from pypdf import PdfReader

from mobile_app.core.i18n import Translator, placeholders
from mobile_app.core.loader import CONTENT_DIR, load_content
from mobile_app.core.models import AnswerIn, DiaryDangerSign, DiaryDuration
from mobile_app.followup.diary import (
    DURATIONS,
    ME,
    Diary,
    Episode,
    add_episode,
    danger_answers,
    facts,
    new_episode,
    weekly_counts,
)
from mobile_app.followup.followup import (
    FollowUp,
    add_months,
    compare,
    is_recorded,
    load_followup,
    persistent,
    record,
    remember,
    review_reminder,
)
from mobile_app.followup.report import build_summary, handout_pdf, paper_for, summary_pdf, summary_text

TODAY = dt.date(2026, 11, 27)
ANSWERS = {"age_years": 60, "relieved_by_stretching": True, "cramps_at_night_or_rest": True,
           "ulcer_or_gi_bleed": True, "calf_swelling_one_side": False, "fever": "not_sure"}


def diary_with_cramps() -> Diary:
    """Five cramps, and six exercise sessions of the plan (issue 21): walking and heel raises."""
    from mobile_app.followup.diary import add_session, new_session

    d = Diary()
    for days in (1, 3, 9, 15, 30):
        d = add_episode(d, new_episode(ME, when=dt.datetime(2026, 11, 26) - dt.timedelta(days=days), leg="left",
                                       pain=5, duration="1_to_5_min", helped=["stretching"]))
    for days, kind in ((0, "walking"), (2, "walking"), (2, "heel_raises"), (4, "walking"), (8, "heel_raises"),
                       (20, "walking")):
        d = add_session(d, new_session(ME, when=dt.datetime(2026, 11, 26, 18) - dt.timedelta(days=days), kind=kind))
    return d


def weekly_sessions_of(d: Diary):
    from mobile_app.followup.diary import weekly_sessions

    return weekly_sessions(d, ME, today=TODAY)


def summaries(content, engine, langs):
    a = engine.assess(ANSWERS)
    d = diary_with_cramps()
    out = []
    for lang in langs:
        tr = Translator(lang)
        out.append(build_summary(content, tr, placeholders(content, "US", tr), assessment=a, who="self", today=TODAY,
                                 diary=facts(d, ME, today=TODAY), weekly=weekly_counts(d, ME, today=TODAY),
                                 episodes=d.of(ME), weekly_sessions=weekly_sessions_of(d)))
    return out


def test_the_doctor_reads_the_result_first_then_the_answers_then_each_cramp(content, engine) -> None:
    """Issue 14: a page a busy clinician reads in 30 seconds. The PDF's text comes in this order: result and why,
    the yes and not-sure answers, the medicine notes, the diary (its chart with exercise sessions beside the cramps,
    issue 21), the exercise logged per activity, each cramp (when, leg, pain, how long, what helped), the other
    answers last; the weekly lines say "Week of"."""
    (s,) = summaries(content, engine, ["en"])
    page = PdfReader(io.BytesIO(summary_pdf([s]))).pages[0].extract_text()
    order = ["Result", "Why", "Answered yes", "Not sure", "Medicine advice given", "Cramp diary", "Exercise sessions",
             "Exercise logged", "Heel raises: 2 times.", "Walking: 4 times.", "Each cramp logged", "Other answers"]
    found = [page.find(h) for h in order]
    assert all(i >= 0 for i in found) and found == sorted(found), list(zip(order, found, strict=True))
    assert "Left leg" in page and "Pain 5 out of 10" in page and "1 to 5 minutes" in page
    assert "Helped: Stretching" in page
    newest = page.find("Nov 25, 2026")
    assert 0 <= newest < page.find("Nov 11, 2026"), "newest cramp first"
    assert "6 exercise sessions logged in the last 8 weeks." in page.replace("\n", " ")
    assert "(2 / 3)" in page.replace("\n", " "), "this week's label: 2 cramps, 3 sessions"
    text = summary_text([s])
    assert re.search(r"Week of \w{3} \d+, 2026: 2 cramps, 3 exercise sessions", text), text
    assert re.search(r"Week of \w{3} \d+, 2026: 0 cramps, 1 exercise session\n", text), text
    assert "Exercise logged:\n- 6 exercise sessions logged in the last 8 weeks.\n- Heel raises: 2 times." in text
    assert "Each cramp logged:" in text and len(s.episodes) == 5 and all(e in text for e in s.episodes)
    assert "minute" not in " ".join(s.exercise), "no length of a session that the person never gave"


def test_without_exercise_logged_the_summary_says_nothing_about_exercise(content, engine) -> None:
    """A diary of cramps alone reads as before (issue 21): no "0 exercise sessions", no second bars, no section."""
    tr = Translator("en")
    d = Diary()
    d = add_episode(d, new_episode(ME, when=dt.datetime(2026, 11, 25), leg="left", pain=5, duration="1_to_5_min"))
    s = build_summary(content, tr, placeholders(content, "US", tr), assessment=engine.assess(ANSWERS), who="self",
                      today=TODAY, diary=facts(d, ME, today=TODAY), weekly=weekly_counts(d, ME, today=TODAY),
                      episodes=d.of(ME), weekly_sessions=weekly_sessions_of(d))
    text = summary_text([s])
    assert "xercise" not in text and s.weekly_sessions == () and "Week of Nov 23, 2026: 1 cramp\n" in text
    page = PdfReader(io.BytesIO(summary_pdf([s]))).pages[0].extract_text()
    assert "xercise" not in page and "(1)" in page


def test_with_no_cramps_logged_the_summary_has_no_empty_chart_or_list(content, engine) -> None:
    tr = Translator("en")
    a = engine.assess(ANSWERS)
    empty = Diary()
    s = build_summary(content, tr, placeholders(content, "US", tr), assessment=a, who="self", today=TODAY,
                      diary=facts(empty, ME, today=TODAY), weekly=weekly_counts(empty, ME, today=TODAY))
    assert s.episodes == () and "Each cramp logged" not in summary_text([s])
    pdf = summary_pdf([s])
    assert b"/Subtype /Image" not in pdf
    page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Each cramp logged" not in page and "(0)" not in page, "no empty bars"


def test_text_summary_has_result_reasons_answers_medicines_and_diary(content, engine) -> None:
    (s,) = summaries(content, engine, ["en"])
    text = summary_text([s])
    assert "Care at home" in text
    assert "Your cramps go away when you stretch" in text
    assert "Not sure" in text and "Answered yes" in text
    assert "stomach ulcer" in text  # the personalised medicine advice
    assert "5 cramps in the last 8 weeks" in text
    assert "4 g" in text


def test_pdf_reads_back_in_two_languages(content, engine) -> None:
    pdf = summary_pdf(summaries(content, engine, ["es", "en"]))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2, "one page per language"
    first, second = (p.extract_text() for p in reader.pages)
    assert "Calf Check" in first and "Calf pain" not in first
    tr = Translator("es")
    assert tr.t("Answered yes") in first
    assert "Answered yes" in second and "Care at home" in second


@pytest.mark.parametrize("lang", ["ar", "hi", "zh_Hans", "vi"])
def test_pdf_can_be_made_in_every_script(content, engine, lang: str) -> None:
    pdf = summary_pdf(summaries(content, engine, [lang]))
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) >= 1


def qr_modules(page: object) -> set[tuple[int, int]]:
    """The dark modules (row, column) of the QR code drawn on a PDF page: segno's SVG paths, which fpdf2 draws as
    one unit wide lines along each row ("x y.5 m x2 y.5 l") with butt caps, so each covers exactly its modules."""
    data = page.get_contents().get_data().decode("latin-1")  # type: ignore[attr-defined]
    cells: set[tuple[int, int]] = set()
    for start, row, end in re.findall(r"(\d+) (\d+)\.5 m (\d+) \2\.5 l", data):
        cells |= {(int(row), x) for x in range(int(start), int(end))}
    return cells


def expected_modules(link: str, border: int = 2) -> set[tuple[int, int]]:
    matrix = segno.make(link, error="m").matrix
    return {(r + border, c + border) for r, line in enumerate(matrix) for c, dark in enumerate(line) if dark}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_clinic_handout(paper: str) -> None:
    pdf = handout_pdf(Translator("en"), link="http://127.0.0.1:8550/?lang=es&clinic=Clinic", clinic="Clinic",
                      phone="+15550100", paper=paper)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    assert "Recommended by Clinic" in text and "+15550100" in text and "lang=es" in text
    assert qr_modules(page) == expected_modules("http://127.0.0.1:8550/?lang=es&clinic=Clinic"), "the QR code"
    width_mm = float(page.mediabox.width) / 72 * 25.4
    assert abs(width_mm - (210 if paper == "A4" else 215.9)) < 1


def test_review_reminder_six_months_after_cramps_began(engine) -> None:
    a = engine.assess({"age_years": 50, "relieved_by_stretching": True, "cramp_frequency": "1_to_3_per_week",
                       "problem_duration": "1_to_4_weeks"})
    f = remember(FollowUp(), record(a, when=dt.date(2026, 6, 1), who="self", version="t"))
    r = review_reminder(f, None, today=TODAY)
    assert r is not None and r.review_by == dt.date(2026, 12, 1) and not r.overdue
    late = review_reminder(f, None, today=dt.date(2026, 12, 2))
    assert late is not None and late.overdue
    one_off = remember(FollowUp(), record(engine.assess({"age_years": 30, "cramp_frequency": "first_time"}),
                                          when=TODAY, who="self", version="t"))
    assert review_reminder(one_off, None, today=TODAY) is None


def test_a_new_check_compares_with_the_last(engine) -> None:
    before = record(engine.assess({"age_years": 50, "relieved_by_stretching": True}), when=dt.date(2026, 11, 1),
                    who="self", version="t")
    after = engine.assess({"age_years": 50, "relieved_by_stretching": True, "calf_swelling_one_side": True})
    c = compare(before, after, today=TODAY)
    assert c.worse and not c.better and "clot_one_leg_swollen" in c.new_reasons and c.days == 26


def test_followup_storage_is_forgiving() -> None:
    assert load_followup("{oops") == (FollowUp(), False)
    assert load_followup(None) == (FollowUp(), True)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


def test_a_changed_answer_replaces_the_last_check_and_keeps_what_it_is_compared_with(engine) -> None:
    first = record(engine.assess({"age_years": 50, "relieved_by_stretching": True}), when=dt.date(2026, 11, 1),
                   who="self", version="t")
    second_a = engine.assess({"age_years": 50, "relieved_by_stretching": True, "fever": True})
    second_b = engine.assess({"age_years": 50, "relieved_by_stretching": True, "calf_swelling_one_side": True})
    f = remember(FollowUp(), first)
    f = remember(f, record(second_a, when=TODAY, who="self", version="t"))
    assert f.previous == first and is_recorded(f, second_a) and not is_recorded(f, second_b)
    f = remember(f, record(second_b, when=TODAY, who="self", version="t"), same_check=True)
    assert f.previous == first and is_recorded(f, second_b)
    assert f.first_seen == dt.date(2026, 11, 1)
    assert load_followup(f.model_dump_json()) == (f, True)


def test_paper_follows_the_country() -> None:
    assert [paper_for(c) for c in ("US", "CA", "MX", "PH", "GB", "FR", "IN", "BR")] == ["Letter"] * 4 + ["A4"] * 4


def test_summary_says_when_an_earlier_check_was_done(content, engine) -> None:
    a = engine.assess(ANSWERS)
    tr = Translator("en")
    values = placeholders(content, "US", tr)
    earlier = build_summary(content, tr, values, assessment=a, who="self", today=TODAY,
                            checked_on=dt.date(2026, 11, 20))
    assert "The check was done on Nov 20, 2026." in summary_text([earlier])
    same_day = build_summary(content, tr, values, assessment=a, who="self", today=TODAY, checked_on=TODAY)
    assert "The check was done" not in summary_text([same_day])
    pdf = summary_pdf([earlier])
    assert "Nov 20, 2026" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def full_check(engine):
    """Every question answered as a person with common cramps would (the longest summary there is)."""
    answers: dict = {}
    n = 0
    while True:
        step = engine.next_step(answers, screens_shown=n)
        if not hasattr(step, "findings"):
            return step
        n += 1
        for f in step.findings:
            q = engine.content.question_by_id[f]
            answers[f] = 45 if q.type == "int" else q.options[0].value if q.type == "choice" else False
        answers["relieved_by_stretching"] = True


@pytest.mark.parametrize("lang", ["en", "es", "vi", "hi", "ar"])
def test_a_full_check_fits_one_page_per_language(content, engine, lang: str) -> None:
    a = full_check(engine)
    assert len(a.answers) > 40
    tr = Translator(lang)
    d = diary_with_cramps()
    s = build_summary(content, tr, placeholders(content, "US", tr), assessment=a, who="self", today=TODAY,
                      diary=facts(d, ME, today=TODAY), weekly=weekly_counts(d, ME, today=TODAY),
                      episodes=d.of(ME), weekly_sessions=weekly_sessions_of(d))
    assert s.exercise and s.weekly_sessions
    reader = PdfReader(io.BytesIO(summary_pdf([s, s], paper="Letter")))
    assert len(reader.pages) == 2
    assert content.version in reader.pages[0].extract_text().replace("\n", " ")


# ---------------------------------------------------------------- the thresholds are content (followup.yaml, issue 16)


def _check(engine, answers: dict[str, object], when: dt.date) -> FollowUp:
    return remember(FollowUp(), record(engine.assess({"age_years": 50, **answers}), when=when, who="self", version="t"))


def _cramps(days_before_today: list[int]) -> Diary:
    d = Diary()
    for days in days_before_today:
        d = add_episode(d, new_episode(ME, when=dt.datetime(2026, 11, 26, 22) - dt.timedelta(days=days), leg="left",
                                       pain=4, duration="1_to_5_min"))
    return d


def test_the_package_content_gives_the_thresholds_the_app_always_had(content, engine) -> None:
    """6 months; the last check's duration from 1 month or cramps weekly; 4 diary cramps over 4 weeks; a problem of
    over 6 months is due today; a diary cramp over 10 minutes is the finding cramp_over_10_min."""
    rules = content.followup
    assert rules.review.within_months == 6
    assert (rules.keeps_coming.diary.cramps_at_least, rules.keeps_coming.diary.weeks_at_least) == (4, 4)
    keeps_coming = {
        ("problem_duration", "1_to_4_weeks"): False,
        ("problem_duration", "1_to_6_months"): True,
        ("problem_duration", "over_6_months"): True,
        ("problem_duration", "not_sure"): False,
        ("cramp_frequency", "less_than_weekly"): False,
        ("cramp_frequency", "1_to_3_per_week"): True,
        ("cramp_frequency", "more_than_3_per_week"): True,
        ("cramp_frequency", "not_sure"): False,
    }
    for (finding, value), keeps in keeps_coming.items():
        assert persistent(_check(engine, {finding: value}, TODAY), None, rules) is keeps, (finding, value)
    # The diary: 4 cramps from the first to the last over 28 days or more; 3 cramps, or 27 days, are not enough.
    nothing = FollowUp()
    assert persistent(nothing, facts(_cramps([28, 20, 10, 0]), ME, today=TODAY), rules)
    assert not persistent(nothing, facts(_cramps([27, 20, 10, 0]), ME, today=TODAY), rules)
    assert not persistent(nothing, facts(_cramps([40, 10, 0]), ME, today=TODAY), rules)
    long_ago = _check(engine, {"problem_duration": "over_6_months"}, dt.date(2026, 11, 1))
    r = review_reminder(long_ago, None, today=TODAY, rules=rules)
    assert r is not None and r.review_by == TODAY and r.overdue
    short = _check(engine, {"problem_duration": "1_to_6_months"}, dt.date(2026, 11, 1))
    r = review_reminder(short, None, today=TODAY, rules=rules)
    assert r is not None and r.review_by == dt.date(2027, 5, 1) and not r.overdue
    long = new_episode(ME, when=dt.datetime(2026, 11, 26), leg="left", pain=8, duration="over_10_min")
    short_cramp = new_episode(ME, when=dt.datetime(2026, 11, 26), leg="left", pain=8, duration="5_to_10_min")
    assert danger_answers(long, rules) == {"cramp_over_10_min": True} and danger_answers(short_cramp, rules) == {}


def test_a_content_with_3_months_gives_a_3_month_review(tmp_path, engine) -> None:
    """Through the loader: the YAML's number is the review's number."""
    d = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, d)
    data = yaml.safe_load((d / "followup.yaml").read_text(encoding="utf-8"))
    data["review"]["within_months"] = 3
    (d / "followup.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    rules = load_content(d).followup
    f = _check(engine, {"cramp_frequency": "1_to_3_per_week", "problem_duration": "1_to_4_weeks"}, dt.date(2026, 6, 1))
    r = review_reminder(f, None, today=TODAY, rules=rules)
    assert r is not None and r.review_by == dt.date(2026, 9, 1) and r.overdue
    default = review_reminder(f, None, today=TODAY)
    assert default is not None and default.review_by == dt.date(2026, 12, 1), "without rules: the package's content"


def test_which_answers_and_diaries_mean_the_cramps_keep_coming_is_content(content, engine) -> None:
    rules = content.followup
    keeps = rules.keeps_coming
    only_often = rules.model_copy(update={"keeps_coming": keeps.model_copy(update={"answers": (
        AnswerIn(finding="cramp_frequency", in_=("more_than_3_per_week",)),)})})
    weekly = _check(engine, {"cramp_frequency": "1_to_3_per_week"}, dt.date(2026, 6, 1))
    assert review_reminder(weekly, None, today=TODAY, rules=rules) is not None
    assert review_reminder(weekly, None, today=TODAY, rules=only_often) is None
    diary = facts(_cramps([30, 20, 10, 0]), ME, today=TODAY)
    five_weeks = rules.model_copy(update={"keeps_coming": keeps.model_copy(update={
        "diary": keeps.diary.model_copy(update={"weeks_at_least": 5})})})
    five_cramps = rules.model_copy(update={"keeps_coming": keeps.model_copy(update={
        "diary": keeps.diary.model_copy(update={"cramps_at_least": 5})})})
    assert persistent(FollowUp(), diary, rules)
    assert not persistent(FollowUp(), diary, five_weeks) and not persistent(FollowUp(), diary, five_cramps)


def test_when_the_review_is_due_today_is_content(content, engine) -> None:
    rules = content.followup
    sooner = rules.model_copy(update={"due_today": rules.due_today.model_copy(update={"answers": (
        AnswerIn(finding="problem_duration", in_=("1_to_6_months", "over_6_months")),)})})
    f = _check(engine, {"problem_duration": "1_to_6_months"}, dt.date(2026, 11, 1))
    by_default = review_reminder(f, None, today=TODAY, rules=rules)
    assert by_default is not None and by_default.review_by == dt.date(2027, 5, 1)
    due = review_reminder(f, None, today=TODAY, rules=sooner)
    assert due is not None and due.review_by == TODAY and due.overdue


def test_which_diary_entries_are_danger_signs_is_content(content) -> None:
    rules = content.followup
    five_to_ten = new_episode(ME, when=dt.datetime(2026, 11, 26), leg="left", pain=8, duration="5_to_10_min")
    stricter = rules.model_copy(update={"diary_danger": (
        *rules.diary_danger, DiaryDangerSign(duration="5_to_10_min", finding="cramp_over_10_min", sources=("x",)))})
    assert danger_answers(five_to_ten, rules) == {}
    assert danger_answers(five_to_ten, stricter) == {"cramp_over_10_min": True}
    assert danger_answers(five_to_ten) == {}, "without rules: the package's content"


def test_the_content_knows_every_duration_the_diary_logs() -> None:
    """followup.yaml's durations are checked by core.models (the core never imports the diary): the same values."""
    assert get_args(DiaryDuration) == DURATIONS
    assert get_args(Episode.model_fields["duration"].annotation) == DURATIONS
