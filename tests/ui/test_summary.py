"""The summary for a doctor without a browser (ui/controllers/summary.py, views/summary.py): languages, PDF, share."""

from __future__ import annotations

import io

from pypdf import PdfReader

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import Translator
from mobile_app.ui import routes

from .conftest import NOW, all_text, by_id, has_id
from .followup_support import diary_app, finish_check, log, selected


def test_the_summary_shows_the_text_in_two_languages_and_saves_a_pdf(engine: Engine) -> None:
    h = diary_app(engine)
    log(h, "left", 6)
    finish_check(h, {"relieved_by_stretching": True})
    h.click("open-summary")
    assert h.top.route == routes.SUMMARY and not has_id(h.top, "share-summary"), "no Share in a browser"
    english = all_text(by_id(h.top, "summary-text-en"))
    assert "Calf Check: summary for a doctor" in english and "1 cramp in the last 8 weeks" in english
    assert "Care at home" in english
    h.click("summary-language-es")
    assert selected(h, "summary-language-es")
    spanish = all_text(by_id(h.top, "summary-text-es"))
    es = Translator("es")
    assert es.date(NOW.date()) in spanish and es.t("Answered yes") in spanish
    h.click("copy-summary")
    assert "Calf Check: summary for a doctor" in h.services.copied[-1] and es.date(NOW.date()) in h.services.copied[-1]
    h.click("download-summary")
    name, pdf = h.services.saved[-1]
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert name.endswith(".pdf") and len(pages) == 2
    assert abs(float(pages[0].mediabox.width) / 72 * 25.4 - 215.9) < 1, "Letter in the US"
    h.click("summary-language-none")
    assert not has_id(h.top, "summary-text-es")


def test_the_summary_prints_on_a4_outside_the_americas(engine: Engine) -> None:
    h = diary_app(engine)
    h.run(h.ctl.choose_country("GB"))
    h.run(h.ctl.go(routes.SUMMARY))
    h.click("download-summary")
    page = PdfReader(io.BytesIO(h.services.saved[-1][1])).pages[0]
    assert abs(float(page.mediabox.width) / 72 * 25.4 - 210) < 1


def test_share_is_offered_in_a_phone_app(engine: Engine) -> None:
    h = diary_app(engine)
    h.services.can_share = True
    h.run(h.ctl.go(routes.SUMMARY))
    h.click("share-summary")
    assert "Calf Check: summary for a doctor" in h.services.shared[-1]


def test_a_message_after_a_slow_device_action_stays_on_the_screen_it_belongs_to(engine: Engine) -> None:
    h = diary_app(engine)
    h.run(h.ctl.go(routes.SUMMARY))
    saving = h.services.save_file

    async def slow_save(name: str, data: bytes) -> None:
        await h.ctl.back(routes.SUMMARY)  # the person goes back while the PDF is being saved
        await saving(name, data)

    h.services.save_file = slow_save  # type: ignore[method-assign]
    h.click("download-summary")
    assert h.top.route == routes.DIARY and not has_id(h.top, "flash")
    assert h.services.saved and h.services.saved[-1][0].endswith(".pdf")


def test_the_summary_shows_the_exercise_logged_beside_the_cramps(engine: Engine) -> None:
    """Issue 21: the 6-month review sees whether the plan was kept: sessions per week beside the cramps, and each
    activity's count, in the text and in the PDF."""
    h = diary_app(engine)
    h.click("log-walking")
    h.click("log-walking")
    h.click("log-heel_raises")
    log(h, "left", 6)
    h.click("open-summary")
    text = all_text(by_id(h.top, "summary-text-en"))
    assert "Week of Nov 16, 2026: 1 cramp, 3 exercise sessions" in text
    assert "Week of Nov 9, 2026: 0 cramps, 0 exercise sessions" in text
    assert "Exercise logged" in text and "Heel raises: 1 time." in text and "Walking: 2 times." in text
    h.click("download-summary")
    page = PdfReader(io.BytesIO(h.services.saved[-1][1])).pages[0].extract_text().replace("\n", " ")
    assert "3 exercise sessions logged in the last 8 weeks." in page and "Walking: 2 times." in page
    assert 0 <= page.find("Cramp diary") < page.find("Exercise logged") < page.find("Each cramp logged")
