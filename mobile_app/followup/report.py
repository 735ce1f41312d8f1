"""The summary for the doctor (plain text and a one-page PDF, made on the device) and the diary's text summary."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_time

from mobile_app.core.engine import Assessment
from mobile_app.core.i18n import Translator
from mobile_app.core.loader import Content
from mobile_app.core.models import Wording

from .diary import DiaryFacts, Episode
from .labels import answer_label, duration_label, helped_label, leg_label, level_word, session_label

FONTS_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
_FONT_FILES = {
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSansArabic": "NotoSansArabic-Regular.ttf",
    "NotoSansDevanagari": "NotoSansDevanagari-Regular.ttf",
    "NotoSansSC": "NotoSansSC-Regular.otf",
}
_FAMILY = {"ar": "NotoSansArabic", "hi": "NotoSansDevanagari", "zh_Hans": "NotoSansSC"}
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH"})
"""Countries that print on US Letter; everywhere else uses A4."""


def paper_for(country: str) -> str:
    """The paper size people print on in a country: "Letter" or "A4"."""
    return "Letter" if country.upper() in LETTER_COUNTRIES else "A4"


def diary_text(tr: Translator, f: DiaryFacts, *, exercise: bool = True) -> str:
    """The diary in a few sentences: what the chart shows, for screen readers and the doctor. Exercise sessions are
    said when some were logged (a diary without them reads as before: nothing about exercise is made up); the
    doctor's summary says them in a section of their own (`exercise=False` here)."""
    sessions = exercise_text(tr, f) if exercise else []
    if f.episodes == 0:
        return " ".join([tr.t("No cramps logged in the last {weeks} weeks.", {"weeks": tr.number(f.weeks)}), *sessions])
    return " ".join([*_cramp_text(tr, f), *sessions])


def exercise_text(tr: Translator, f: DiaryFacts) -> list[str]:
    """The exercise sessions of the same weeks, in sentences: how many, and how many of each activity."""
    if not f.sessions:
        return []
    total = tr.ngettext(
        "{n} exercise session logged in the last {weeks} weeks.",
        "{n} exercise sessions logged in the last {weeks} weeks.",
        f.sessions,
    ).format(n=tr.number(f.sessions), weeks=tr.number(f.weeks))
    return [total, *exercise_lines(tr, f)]


def exercise_lines(tr: Translator, f: DiaryFacts) -> list[str]:
    """One sentence per activity logged: "Walking: 3 times." """
    return [
        tr.ngettext("{what}: {n} time.", "{what}: {n} times.", n).format(
            what=session_label(tr, kind), n=tr.number(n)
        )
        for kind, n in f.session_kinds
    ]


def _cramp_text(tr: Translator, f: DiaryFacts) -> list[str]:
    parts = [
        tr.ngettext(
            "{n} cramp in the last {weeks} weeks, about {per_week} a week.",
            "{n} cramps in the last {weeks} weeks, about {per_week} a week.",
            f.episodes,
        ).format(n=tr.number(f.episodes), weeks=tr.number(f.weeks), per_week=tr.number(f.per_week))
    ]
    if f.average_pain is not None and f.worst_pain is not None:
        parts.append(
            tr.t(
                "Pain: {average} out of 10 on average, {worst} at worst.",
                {"average": tr.number(f.average_pain), "worst": tr.number(f.worst_pain)},
            )
        )
    if f.most_common_leg:
        parts.append(tr.t("Most often: {leg}.", {"leg": leg_label(tr, f.most_common_leg)}))
    elif f.legs_tied:
        parts.append(tr.t("No leg more often than another."))
    if f.helped_most:
        parts.append(tr.t("Helped most often: {what}.", {"what": helped_label(tr, f.helped_most)}))
    if f.long_cramps:
        parts.append(
            tr.ngettext(
                "{n} cramp lasted more than 10 minutes.", "{n} cramps lasted more than 10 minutes.", f.long_cramps
            ).format(n=tr.number(f.long_cramps))
        )
    return parts


@dataclass(frozen=True)
class Summary:
    """Everything on the doctor's page, already in one language."""

    lang: str
    rtl: bool
    title: str
    made_on: str
    person: str
    result: str
    action: str
    reasons: tuple[str, ...]
    answers_yes: tuple[tuple[str, str], ...]
    answers_unsure: tuple[tuple[str, str], ...]
    answers_other: tuple[tuple[str, str], ...]
    guidance: tuple[str, ...]
    diary: str
    weekly: tuple[tuple[str, int], ...] = ()
    weekly_sessions: tuple[int, ...] = ()
    """Exercise sessions in the same weeks as `weekly` (empty when none was logged in them: no second bars)."""
    footer: str = ""
    checked: str = ""
    """When the check was done, if not today ("" when there is no check or it was done today)."""
    headings: dict[str, str] = field(default_factory=dict)
    weeks: tuple[str, ...] = ()
    """The weekly counts in words ("Week of Oct 19, 2026: 2 cramps", with ", 3 exercise sessions" when some were
    logged in these weeks)."""
    exercise: tuple[str, ...] = ()
    """Exercise logged: the number of sessions, then one line per activity (empty when none was logged)."""
    episodes: tuple[str, ...] = ()
    """Each cramp logged, newest first, one line each: when, leg, pain, how long, what helped."""
    episodes_note: str = ""
    """Said when only the newest are listed."""


MAX_EPISODES_LISTED = 20
"""The summary lists this many cramps, the newest (the weekly counts cover the rest)."""


def episode_line(tr: Translator, e: Episode) -> str:
    """One cramp as the doctor reads it: when, which leg, how bad, how long, and what helped (never the note)."""
    parts = [
        f"{tr.date(e.when.date())} {format_time(e.when.time(), format='short', locale=tr.locale)}",
        leg_label(tr, e.leg),
        tr.t("Pain {n} out of 10", {"n": tr.number(e.pain)}),
        duration_label(tr, e.duration),
    ]
    if e.helped:
        parts.append(tr.t("Helped: {what}", {"what": ", ".join(helped_label(tr, h) for h in e.helped)}))
    return " · ".join(parts)


def build_summary(
    content: Content,
    tr: Translator,
    values: Mapping[str, str],
    *,
    assessment: Assessment | None,
    who: str,
    today: dt.date,
    diary: DiaryFacts | None = None,
    weekly: Sequence[tuple[dt.date, int]] = (),
    checked_on: dt.date | None = None,
    country: str | None = None,
    episodes: Sequence[Episode] = (),
    weekly_sessions: Sequence[tuple[dt.date, int]] = (),
) -> Summary:
    """The summary in tr's language. Make it twice (two translators) for a second language.
    With a country, the medicine notes are that country's (some are local label facts)."""
    q = content.question_by_id
    level_info = {li.level: li for li in content.advice.levels}

    def w(x: Wording) -> str:
        return tr.wording(x, who, values)

    yes: list[tuple[str, str]] = []
    unsure: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    if assessment is not None:
        for fid, value in assessment.answers:
            row = (w(q[fid].text), answer_label(tr, q[fid], value))
            (yes if value is True else unsure if value == "not_sure" else other).append(row)
    done = dict(weekly_sessions)
    sessions = tuple(done.get(d, 0) for d, _ in weekly) if any(done.values()) else ()
    if assessment is None:
        result, action = tr.t("No check done yet"), ""
    else:
        result = level_word(tr, assessment.level)
        info = level_info[assessment.level]
        action = w(content.advice.go_to_ed_action) if assessment.go_to_ed else w(info.action)
    return Summary(
        lang=tr.lang,
        rtl=tr.rtl,
        title=tr.t("Calf Check: summary for a doctor"),
        made_on=tr.t("Made on {date} on the person's own device.", {"date": tr.date(today)}),
        person=tr.t("Answered by the person with the symptoms.")
        if who == "self"
        else tr.t("Answered by someone caring for the person."),
        result=result,
        action=action,
        reasons=tuple(w(r.text) for r in assessment.reasons) if assessment else (),
        answers_yes=tuple(yes),
        answers_unsure=tuple(unsure),
        answers_other=tuple(other),
        guidance=tuple(
            w(g.text) for g in (assessment.guidance_for(country) if country else assessment.guidance)
        )
        if assessment
        else (),
        diary=diary_text(tr, diary, exercise=False) if diary is not None else "",
        checked=tr.t("The check was done on {date}.", {"date": tr.date(checked_on)})
        if assessment is not None and checked_on is not None and checked_on != today
        else "",
        weekly=tuple((tr.date(d), n) for d, n in weekly),
        weekly_sessions=sessions,
        weeks=tuple(week_line(tr, d, n, sessions[i] if sessions else None) for i, (d, n) in enumerate(weekly)),
        exercise=tuple(exercise_text(tr, diary)) if diary is not None else (),
        episodes=tuple(episode_line(tr, e) for e in list(reversed(episodes))[:MAX_EPISODES_LISTED]),
        episodes_note=tr.t("The newest {n} are listed.", {"n": tr.number(MAX_EPISODES_LISTED)})
        if len(episodes) > MAX_EPISODES_LISTED
        else "",
        footer=tr.t(
            "Made by the Calf Check app from the person's answers. It is not a diagnosis. Content version {version}.",
            {"version": content.version},
        ),
        headings={
            "result": tr.t("Result"),
            "reasons": tr.t("Why"),
            "yes": tr.t("Answered yes"),
            "unsure": tr.t("Not sure"),
            "other": tr.t("Other answers"),
            "guidance": tr.t("Medicine advice given"),
            "diary": tr.t("Cramp diary"),
            "episodes": tr.t("Each cramp logged"),
            "exercise": tr.t("Exercise logged"),
            "cramps": tr.t("Cramps"),
            "sessions": tr.t("Exercise sessions"),
        },
    )


def week_line(tr: Translator, day: dt.date, cramps: int, sessions: int | None) -> str:
    """ "Week of Oct 19, 2026: 2 cramps", and ", 3 exercise sessions" when sessions were logged in these weeks."""
    if sessions is None:
        return tr.ngettext("Week of {date}: {n} cramp", "Week of {date}: {n} cramps", cramps).format(
            date=tr.date(day), n=tr.number(cramps)
        )
    # Translators: {cramps} is "2 cramps" and {sessions} is "3 exercise sessions", each translated on its own.
    return tr.t(
        "Week of {date}: {cramps}, {sessions}",
        {
            "date": tr.date(day),
            "cramps": tr.ngettext("{n} cramp", "{n} cramps", cramps).format(n=tr.number(cramps)),
            "sessions": tr.ngettext("{n} exercise session", "{n} exercise sessions", sessions).format(
                n=tr.number(sessions)
            ),
        },
    )


def summary_text(summaries: Sequence[Summary]) -> str:
    """Plain text to copy or share: one block per language."""
    blocks = []
    for s in summaries:
        lines = [s.title, s.made_on, *([s.checked] if s.checked else []), s.person, "",
                 f"{s.headings['result']}: {s.result}"]
        if s.action:
            lines.append(s.action)
        for key, items in (("reasons", s.reasons), ("guidance", s.guidance)):
            if items:
                lines += ["", s.headings[key] + ":"] + [f"- {x}" for x in items]
        for key, rows in (("yes", s.answers_yes), ("unsure", s.answers_unsure), ("other", s.answers_other)):
            if rows:
                lines += ["", s.headings[key] + ":"] + [f"- {text} {answer}" for text, answer in rows]
        if s.diary:
            lines += ["", s.headings["diary"] + ":", s.diary]
            lines += [f"  {w}" for w in s.weeks]
        if s.exercise:
            lines += ["", s.headings["exercise"] + ":"] + [f"- {x}" for x in s.exercise]
        if s.episodes:
            lines += ["", s.headings["episodes"] + ":"] + [f"- {e}" for e in s.episodes]
            lines += [s.episodes_note] if s.episodes_note else []
        lines += ["", s.footer]
        blocks.append("\n".join(lines))
    return "\n\n" + ("\n\n" + "=" * 40 + "\n\n").join(blocks) + "\n" if len(blocks) > 1 else blocks[0] + "\n"


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here (for example without text shaping for this script); offer the text."""


SHAPED_LANGUAGES = frozenset({"ar", "hi"})
"""Scripts that need text shaping (joined Arabic letters, Devanagari conjuncts); others skip it (much faster)."""
PDF_SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66)
"""Text sizes tried, largest first, until a language's summary fits on one page (a full check is long)."""


def _new_pdf(paper: str, fonts_dir: Path, langs: Sequence[str]) -> object:
    try:
        from fpdf import FPDF
    except ImportError as exc:  # pragma: no cover - fpdf2 is a dependency
        raise PdfUnavailable("fpdf2 is not installed") from exc
    pdf = FPDF(format=paper)
    pdf.set_auto_page_break(auto=True, margin=12)
    for family, file in _FONT_FILES.items():
        pdf.add_font(family, "", str(fonts_dir / file))
    try:
        pdf.set_text_shaping(True)
    except Exception as exc:  # fpdf2 raises when uharfbuzz is missing
        if any(lang in ("ar", "hi") for lang in langs):
            raise PdfUnavailable("text shaping (uharfbuzz) is needed for this language") from exc
    pdf.set_fallback_fonts(["NotoSans"])
    return pdf


def summary_pdf(summaries: Sequence[Summary], *, paper: str = "A4", fonts_dir: Path = FONTS_DIR) -> bytes:
    """A PDF with one page per language (the person's, then the doctor's if asked).

    Each language's page is tried at smaller text sizes until it fits (the largest that fits is used)."""
    from fpdf import FPDF

    langs = [s.lang for s in summaries]
    pdf = _new_pdf(paper, fonts_dir, langs)
    trial = _new_pdf(paper, fonts_dir, langs)
    assert isinstance(pdf, FPDF) and isinstance(trial, FPDF)
    for s in summaries:
        scale = PDF_SCALES[-1]
        for candidate in PDF_SCALES:
            before = trial.page_no()
            _page(trial, s, candidate)
            if trial.page_no() - before == 1:
                scale = candidate
                break
        _page(pdf, s, scale)
    return bytes(pdf.output())


def _page(pdf: object, s: Summary, scale: float = 1.0) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    family = _FAMILY.get(s.lang, "NotoSans")
    align = "R" if s.rtl else "L"
    nl = {"new_x": "LMARGIN", "new_y": "NEXT"}
    pdf.add_page()
    pdf.set_margins(14, 12, 14)
    if pdf.text_shaping is not None or s.lang in SHAPED_LANGUAGES:
        pdf.set_text_shaping(s.lang in SHAPED_LANGUAGES)

    def text(value: str, size: float = 10, height: float = 5.2) -> None:
        pdf.set_font(family, size=size * scale)
        pdf.multi_cell(0, height * scale, value, align=align, **nl)  # type: ignore[arg-type]

    def heading(value: str) -> None:
        pdf.ln(1.5 * scale)
        pdf.set_text_color(15, 110, 122)
        text(value, size=11.5, height=6)
        pdf.set_text_color(0, 0, 0)

    text(s.title, size=15, height=8)
    text(" ".join(x for x in (s.made_on, s.checked, s.person) if x), size=8.5, height=4.4)
    heading(s.headings["result"])
    text(s.result, size=12, height=6)
    if s.action:
        text(s.action)
    if s.reasons:
        heading(s.headings["reasons"])
        for r in s.reasons:
            text(f"• {r}", size=9.5, height=4.8)
    for key, rows in (("yes", s.answers_yes), ("unsure", s.answers_unsure)):
        if rows:
            heading(s.headings[key])
            for question, answer in rows:
                text(f"• {question} — {answer}", size=8.5, height=4.3)
    if s.guidance:
        heading(s.headings["guidance"])
        for g in s.guidance:
            text(f"• {g}", size=8.5, height=4.3)
    if s.diary:
        heading(s.headings["diary"])
        text(s.diary, size=9.5, height=4.8)
        if any(n for _, n in s.weekly) or any(s.weekly_sessions):
            _chart(pdf, s.weekly, family, s.weekly_sessions, (s.headings["cramps"], s.headings["sessions"]))
    if s.exercise:
        heading(s.headings["exercise"])
        for x in s.exercise:
            text(f"• {x}", size=8.5, height=4.3)
    if s.episodes:
        heading(s.headings["episodes"])
        for e in s.episodes:
            text(f"• {e}", size=8.5, height=4.3)
        if s.episodes_note:
            text(s.episodes_note, size=8, height=4.1)
    if s.answers_other:
        heading(s.headings["other"])
        # Mostly "no" to each danger sign: one paragraph, so that a full check still fits on one page.
        text("; ".join(f"{q} {a}" for q, a in s.answers_other), size=7.5, height=3.7)
    pdf.ln(2 * scale)
    pdf.set_text_color(90, 90, 90)
    text(s.footer, size=7.5, height=3.8)
    pdf.set_text_color(0, 0, 0)


CRAMP_FILL = (15, 110, 122)
SESSION_FILL = (214, 120, 30)
"""Exercise sessions' bars: orange beside the cramps' teal, and lighter, so the two differ in grey print too."""


def _chart(
    pdf: object,
    weekly: Sequence[tuple[str, int]],
    family: str,
    sessions: Sequence[int] = (),
    legend: tuple[str, str] = ("", ""),
) -> None:
    """Episodes per week as bars, drawn with rectangles (no image library needed); with exercise sessions, their
    bars stand beside the cramps' each week, and a legend says which is which. Each week's label gives the counts
    (cramps, or cramps / sessions)."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    if not weekly:
        return
    both = len(sessions) == len(weekly) and any(sessions)
    top = max([n for _, n in weekly] + (list(sessions) if both else [])) or 1
    x0, y0, width, height = pdf.l_margin, pdf.get_y() + 2, pdf.epw, 22.0
    bar = width / len(weekly)
    pdf.set_font(family, size=6)
    for i, (label, n) in enumerate(weekly):
        m = sessions[i] if both else 0
        rods = ((n, CRAMP_FILL, 0.15, 0.33), (m, SESSION_FILL, 0.52, 0.33)) if both else ((n, CRAMP_FILL, 0.2, 0.6),)
        for count, fill, left, wide in rods:
            if count:
                h = height * count / top
                pdf.set_fill_color(*fill)
                pdf.rect(x0 + i * bar + bar * left, y0 + height - h, bar * wide, h, style="F")
        pdf.set_xy(x0 + i * bar, y0 + height + 0.5)
        words = f"{label} ({n} / {m})" if both else f"{label} ({n})"
        size = 6.0
        while pdf.get_string_width(words) > bar - 0.5 and size > 4:  # a long date must not run into the next week's
            size -= 0.25
            pdf.set_font(family, size=size)
        pdf.cell(bar, 3, words, align="C")
        pdf.set_font(family, size=6)
    y = y0 + height + 4
    if both:
        x = pdf.l_margin
        for fill, name in ((CRAMP_FILL, legend[0]), (SESSION_FILL, legend[1])):
            pdf.set_fill_color(*fill)
            pdf.rect(x, y + 0.6, 3, 2, style="F")
            pdf.set_xy(x + 4, y)
            pdf.cell(pdf.get_string_width(name) + 2, 3, name)
            x = pdf.get_x() + 4
        y += 4
    pdf.set_xy(pdf.l_margin, y + 1)


def handout_pdf(
    tr: Translator,
    *,
    link: str,
    clinic: str | None,
    phone: str | None,
    paper: str = "A4",
    fonts_dir: Path = FONTS_DIR,
) -> bytes:
    """A printable handout for a clinic: what the app is, the link, and its QR code (A4 or Letter)."""
    import segno
    from fpdf import FPDF

    if paper not in ("A4", "Letter"):
        raise ValueError("paper is A4 or Letter")
    pdf = FPDF(format=paper)
    for family, file in _FONT_FILES.items():
        pdf.add_font(family, "", str(fonts_dir / file))
    try:
        pdf.set_text_shaping(True)
    except Exception as exc:  # fpdf2 raises when uharfbuzz is missing
        if tr.lang in ("ar", "hi"):
            raise PdfUnavailable("text shaping (uharfbuzz) is needed for this language") from exc
    pdf.set_fallback_fonts(["NotoSans"])
    family = _FAMILY.get(tr.lang, "NotoSans")
    align = "R" if tr.rtl else "C"
    nl = {"new_x": "LMARGIN", "new_y": "NEXT"}
    pdf.add_page()
    pdf.set_margins(20, 20, 20)

    def text(value: str, size: float, height: float) -> None:
        pdf.set_font(family, size=size)
        pdf.multi_cell(0, height, value, align=align, **nl)  # type: ignore[arg-type]

    text(tr.t("Calf pain or leg cramps?"), 24, 12)
    if clinic:
        text(tr.t("Recommended by {clinic}", {"clinic": clinic}), 14, 8)
    pdf.ln(3)
    text(tr.t("Calf Check asks a few plain questions and tells you what to do: call for help, be seen "
              "today, see a doctor soon, or care for it at home. It works in your language. "
              "Your answers stay on your phone."), 12, 6.5)
    buf = io.BytesIO()
    # SVG, drawn by fpdf2 itself: sharp at any print size, and no Pillow, which the browser build does not have
    # (no WebAssembly wheel; fpdf2 needs it only for raster images).
    segno.make(link, error="m").save(buf, kind="svg", border=2, omitsize=True)
    buf.seek(0)
    size = 70.0
    pdf.image(buf, x=(pdf.w - size) / 2, y=pdf.get_y() + 6, w=size, h=size)
    pdf.set_y(pdf.get_y() + size + 10)
    text(tr.t("Scan the code with your phone's camera, or open:"), 11, 6)
    pdf.set_font("NotoSans", size=10)
    pdf.multi_cell(0, 5.5, link, align="C", **nl)  # type: ignore[arg-type]
    if phone:
        pdf.ln(4)
        text(tr.t("Questions about your care? Call the clinic: {phone}", {"phone": phone}), 12, 6.5)
    pdf.ln(4)
    text(tr.t("Very ill or badly hurt? Call the emergency number now."), 12, 6.5)
    return bytes(pdf.output())
