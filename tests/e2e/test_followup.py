"""The follow-up features in the served app on a phone: the cramp diary and its charts, a clinic link, the doctor's
summary as a PDF in two languages, clinic tools, diary files; screenshots of every new screen (also 320 px, Arabic)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from mobile_app.core.i18n import Translator
from mobile_app.followup.followup import FollowUp, record
from mobile_app.ui.store import FOLLOWUP_KEY
from tests.e2e.e2e_support import open_app, type_into
from tests.e2e.followup_support import (
    CLINIC_LINK,
    NARROW,
    find,
    go_back,
    log_cramp,
    reveal,
    shot,
    start,
    tap,
    text_of,
    to_top,
    wait_text,
)
from tests.e2e.journey_support import ENGINE, HOST, SELF_CARE_ANSWERS, opened_urls, run_check, sel

pytestmark = pytest.mark.e2e


# ---------------------------------------------------------------- the diary


def test_three_cramps_logged_show_in_the_chart(phone: Page, server_url: str, external_requests: list[str]) -> None:
    start(phone, server_url)
    tap(phone, "open-diary")
    find(phone, "leg-left")
    shot(phone, "followup-diary-empty")
    for leg, pain in (("left", 6), ("right", 3)):
        log_cramp(phone, leg, pain)
    # The third one happened earlier today: the time picker sets the time.
    tap(phone, "when-earlier")
    ok = phone.locator(HOST).get_by_role("button", name="OK")
    ok.wait_for()
    shot(phone, "followup-diary-time-picker")
    ok.click()
    find(phone, "when-chosen")
    assert "Logged for" in text_of(phone, "when-chosen")
    log_cramp(phone, "left", 8)
    to_top(phone)
    shot(phone, "followup-diary-saved")
    summary = text_of(phone, "diary-chart-weekly")
    assert "3 cramps in the last 8 weeks" in summary, summary
    assert "3 cramps in the last 8 weeks" in text_of(phone, "diary-summary-text")
    reveal(phone, "diary-chart-weekly")
    shot(phone, "followup-diary-chart-weekly")
    reveal(phone, "diary-chart-pain")
    shot(phone, "followup-diary-chart-pain")
    reveal(phone, "entry-1")
    entries = " ".join(text_of(phone, f"entry-{n}") for n in (1, 2, 3))
    assert all(f"Pain {n} out of 10" in entries for n in (6, 3, 8)), entries
    shot(phone, "followup-diary-entries")
    # Deleting asks first.
    tap(phone, "delete-entry-1")
    find(phone, "confirm-delete-entry-confirm")
    shot(phone, "followup-diary-delete-confirm")
    tap(phone, "confirm-delete-entry-confirm")
    wait_text(phone, "diary-chart-weekly", "2 cramps in the last 8 weeks")
    # Someone I care for has a diary of their own.
    to_top(phone)
    tap(phone, "add-person")
    find(phone, "person-name")
    type_into(phone, sel("person-name"), "Mum")
    shot(phone, "followup-diary-add-person")
    tap(phone, "add-person-confirm")
    phone.locator(HOST).get_by_text("Mum").first.wait_for()
    wait_text(phone, "diary-chart-weekly", "No cramps logged in the last 8 weeks.")
    shot(phone, "followup-diary-person")
    assert external_requests == []


def test_a_long_cramp_goes_straight_to_the_urgent_result(phone: Page, server_url: str) -> None:
    start(phone, server_url)
    tap(phone, "open-diary")
    tap(phone, "duration-over_10_min")
    tap(phone, "leg-right")
    tap(phone, "pain-7")
    phone.locator(sel("save-hint")).wait_for(state="detached", timeout=30_000)
    tap(phone, "save-episode")
    find(phone, "result-level")
    phone.wait_for_url("**/diary/result", timeout=30_000)  # the screen is shown first, then the address follows
    shot(phone, "followup-diary-urgent-result")
    go_back(phone, "/diary")
    find(phone, "entry-1")
    assert "More than 10 minutes" in text_of(phone, "entry-1")


def test_the_diary_file_saves_and_adds_back(phone: Page, server_url: str, tmp_path: Path) -> None:
    start(phone, server_url)
    tap(phone, "open-diary")
    log_cramp(phone, "both", 5)
    find(phone, "export-diary")
    with phone.expect_download(timeout=30_000) as download:
        tap(phone, "export-diary")
    wait_text(phone, "flash", "The diary file was saved.")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert saved.suffix == ".json" and data["schema_version"] == 2 and len(data["episodes"]) == 1
    # The same file on another phone (a new profile would be cleaner; a second entry shows the merge).
    data["episodes"].append({**data["episodes"][0], "id": "b" * 32, "pain": 2})
    data["episodes"].append({"id": "broken"})
    saved.write_text(json.dumps(data), encoding="utf-8")
    find(phone, "import-diary")
    with phone.expect_file_chooser(timeout=30_000) as chooser:
        tap(phone, "import-diary")
    chooser.value.set_files(str(saved))
    to_top(phone)
    told = text_of(phone, "flash")
    assert "1 entry added." in told and "1 was already in the diary." in told and "kept aside" in told, told
    reveal(phone, "set-aside-note")
    assert "Some saved entries could not be read. They are kept aside." in text_of(phone, "set-aside-note")
    shot(phone, "followup-diary-set-aside")


def test_the_exercise_plan_from_a_result_is_kept_in_the_diary_and_reaches_the_summary(
    phone: Page, server_url: str, external_requests: list[str]
) -> None:
    """Issue 21: open the plan from a result, log two exercise sessions and a cramp, and see both in the chart (what
    a screen reader reads) and in the summary PDF."""
    start(phone, server_url)
    tap(phone, "start-button")
    tap(phone, "who-self")
    run_check(phone, {**SELF_CARE_ANSWERS, "cramp_frequency": "1_to_3_per_week"}, "exercise")
    reveal(phone, "advice-calf_strength")
    assert "Make your calves stronger" in text_of(phone, "advice-calf_strength")
    shot(phone, "exercise-plan-on-result")
    tap(phone, "log-exercise-in-diary")
    phone.wait_for_url("**/diary", timeout=30_000)
    reveal(phone, "log-walking")
    tap(phone, "log-walking")
    wait_text(phone, "session-logged", "Logged: Walking")
    find(phone, "undo-session")
    shot(phone, "exercise-logged-undo")
    tap(phone, "log-heel_raises")
    wait_text(phone, "session-logged", "Logged: Heel raises")
    log_cramp(phone, "left", 5)
    summary = wait_text(phone, "diary-chart-weekly", "2 exercise sessions logged in the last 8 weeks.")
    assert "1 cramp in the last 8 weeks" in summary and "Heel raises: 1 time. Walking: 1 time." in summary, summary
    reveal(phone, "diary-chart-weekly")
    shot(phone, "exercise-diary-chart")
    reveal(phone, "session-1")
    assert "Heel raises" in text_of(phone, "session-1") and "Walking" in text_of(phone, "session-2")
    tap(phone, "open-summary")
    find(phone, "summary-text-en")
    with phone.expect_download(timeout=60_000) as download:
        tap(phone, "download-summary")
    wait_text(phone, "flash", "The summary was saved as a PDF.")
    page = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages[0].extract_text().replace("\n", " ")
    assert "1 cramp in the last 8 weeks" in page and "Exercise logged" in page, page
    assert "2 exercise sessions logged in the last 8 weeks." in page and "Walking: 1 time." in page, page
    assert re.search(r"\(1 / 2\)", page), "this week's bars: 1 cramp, 2 sessions"
    assert external_requests == []


# ---------------------------------------------------------------- clinic links


def test_a_clinic_link_presets_language_country_and_clinic(phone: Page, server_url: str) -> None:
    es = Translator("es")
    start(phone, server_url + CLINIC_LINK)
    find(phone, "clinic-recommended")
    assert es.t("Recommended by {clinic}", {"clinic": "Clinica Sol"}) in text_of(phone, "clinic-recommended")
    phone.locator(HOST).get_by_text(es.t("Start the check")).first.wait_for()
    assert "911" in text_of(phone, "call-emergency")
    assert phone.url.rstrip("/") == server_url.rstrip("/"), "the link's settings are kept, the address is clean"
    shot(phone, "followup-start-clinic-link")
    tap(phone, "call-clinic")
    deadline = time.monotonic() + 10
    while "tel:5551234567" not in opened_urls(phone) and time.monotonic() < deadline:
        phone.wait_for_timeout(100)
    assert opened_urls(phone) == ["tel:5551234567"]
    # Opening the app again later (no link) keeps the clinic.
    again = phone.context.new_page()
    open_app(again, server_url)
    find(again, "call-clinic")
    again.close()


def test_a_bad_clinic_link_is_refused_and_named(phone: Page, server_url: str) -> None:
    start(phone, server_url + "?lang=fr&clinic=%3Cb%3EEvil%3C%2Fb%3E")
    message = text_of(phone, "link-error")
    said = Translator("fr").t("The clinic name in this link is not valid, so the link was not used.")
    assert said in message and "Evil" not in message, message  # in the link's language (issue 14)
    phone.locator(HOST).get_by_text("Start the check").first.wait_for()  # English: nothing of the link was used
    shot(phone, "followup-start-bad-link")


def test_clinic_tools_make_a_link_qr_code_and_handout(phone: Page, server_url: str) -> None:
    start(phone, server_url)
    tap(phone, "about")
    tap(phone, "open-clinic-tools")
    find(phone, "clinic-name")
    shot(phone, "followup-clinic-tools")
    type_into(phone, sel("clinic-name"), "Clinica Sol")
    type_into(phone, sel("clinic-phone"), "555 123 4567")
    tap(phone, "make-link")
    link = text_of(phone, "clinic-link")
    assert re.search(r"http://127\.0\.0\.1:\d+/\?lang=en&country=US&clinic=Clinica\+Sol&phone=5551234567", link), link
    reveal(phone, "clinic-link")
    shot(phone, "followup-clinic-link")
    with phone.expect_download(timeout=30_000) as download:
        tap(phone, "handout-letter")
    wait_text(phone, "flash", "The handout was saved.")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = pdf.pages[0].extract_text()
    assert "Recommended by Clinica Sol" in text and "5551234567" in text
    # The QR code is vector (segno's SVG drawn by fpdf2 as one-unit lines along its rows; no Pillow in the
    # browser build), so pypdf lists no image: count the rows drawn instead.
    drawing = pdf.pages[0].get_contents().get_data()
    assert len(re.findall(rb"\d+ \d+\.5 m \d+ \d+\.5 l", drawing)) > 20, "the QR code is drawn on the handout"


# ---------------------------------------------------------------- the summary for a doctor


def earlier_check_script() -> str:
    """Stored follow-up of a check a month ago ("see a doctor soon": cramps more than 3 times a week for
    months), cramps first noticed 7 months ago: the start screen shows it with an overdue review, the new
    result compares with it."""
    today = dt.date.today()
    before = ENGINE.assess({"age_years": 45, "relieved_by_stretching": True, "cramp_frequency": "more_than_3_per_week",
                            "problem_duration": "1_to_6_months"})
    assert before.level == "soon"
    rec = record(before, when=today - dt.timedelta(days=30), who="self", version="test")
    stored = FollowUp(first_seen=today - dt.timedelta(days=210), last=rec).model_dump_json()
    return f"localStorage.setItem({json.dumps('flutter.' + FOLLOWUP_KEY)}, {json.dumps(json.dumps(stored))});"


def test_the_summary_pdf_reads_back_in_two_languages(phone: Page, server_url: str) -> None:
    phone.add_init_script(earlier_check_script())
    start(phone, server_url)
    find(phone, "review-reminder")
    assert "should be checked by a doctor" in text_of(phone, "review-reminder")
    reveal(phone, "last-check")
    shot(phone, "followup-start-reminder")
    tap(phone, "open-diary")
    log_cramp(phone, "left", 6)
    go_back(phone, "")
    tap(phone, "start-button")
    tap(phone, "who-self")
    result = run_check(phone, SELF_CARE_ANSWERS, "followup")
    assert "Better than last time" in text_of(phone, "comparison")
    shot(phone, "followup-result-comparison")
    tap(phone, "open-summary")
    find(phone, "summary-text-en")
    shot(phone, "followup-summary")
    tap(phone, "summary-language-es")
    reveal(phone, "summary-text-es")
    shot(phone, "followup-summary-two-languages")
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tap(phone, "copy-summary")
    wait_text(phone, "flash", "Copied.")
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert "Calf Check: summary for a doctor" in copied and Translator("es").date(dt.date.today()) in copied
    with phone.expect_download(timeout=60_000) as download:
        tap(phone, "download-summary")
    wait_text(phone, "flash", "The summary was saved as a PDF.")
    assert download.value.suggested_filename.endswith(".pdf")
    pages = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    assert len(pages) == 2, "one page per language"
    english, spanish = (p.extract_text().replace("\n", " ") for p in pages)
    es, en = Translator("es"), Translator("en")
    today = dt.date.today()
    reason = result.reasons[0].text
    assert en.date(today) in english and en.wording(reason, "self", {}) in english
    assert es.date(today) in spanish and es.wording(reason, "self", {}) in spanish
    assert es.wording(reason, "self", {}) != en.wording(reason, "self", {}), "the Spanish page is in Spanish"
    assert "1 cramp in the last 8 weeks" in english
    assert abs(float(pages[0].mediabox.width) / 72 * 25.4 - 215.9) < 1, "Letter paper in the US"
    # The start screen now shows the last check.
    go_back(phone, "/result")
    tap(phone, "start-again")
    find(phone, "last-check")
    shot(phone, "followup-start-last-check")


# ---------------------------------------------------------------- narrow phones and right-to-left


def test_new_screens_at_320_px_and_in_arabic(phone: Page, server_url: str) -> None:
    phone.set_viewport_size(NARROW)
    start(phone, server_url)
    tap(phone, "open-diary")
    find(phone, "pain-10")
    for leg, pain in (("left", 4), ("both", 9)):
        log_cramp(phone, leg, pain)
    to_top(phone)
    shot(phone, "followup-320-diary")
    reveal(phone, "diary-chart-weekly")
    shot(phone, "followup-320-diary-chart")
    reveal(phone, "entry-1")
    shot(phone, "followup-320-diary-entries")
    tap(phone, "open-summary")
    find(phone, "summary-text-en")
    shot(phone, "followup-320-summary")
    go_back(phone, "/diary")  # the summary was opened from the diary
    go_back(phone, "")
    phone.set_viewport_size({"width": 412, "height": 915})
    tap(phone, "language-picker")
    tap(phone, "language-ar")
    find(phone, "translation-review-note")
    tap(phone, "open-diary")
    find(phone, "leg-left")
    left, right = (phone.locator(sel(f"leg-{x}")).last.bounding_box() for x in ("left", "right"))
    assert left and right and left["x"] > right["x"], "the first choice is on the right, right to left"
    shot(phone, "followup-arabic-diary")
    reveal(phone, "diary-chart-weekly")
    shot(phone, "followup-arabic-diary-chart")
    tap(phone, "open-summary")
    tap(phone, "summary-language-en")
    reveal(phone, "summary-text-ar")
    shot(phone, "followup-arabic-summary")
    go_back(phone, "/diary")  # the summary was opened from the diary
    go_back(phone, "")
    tap(phone, "about")
    tap(phone, "open-clinic-tools")
    find(phone, "clinic-name")
    type_into(phone, sel("clinic-name"), "Clinica Sol")
    tap(phone, "make-link")
    reveal(phone, "clinic-link")
    shot(phone, "followup-arabic-clinic-link")
    # A clinic link in Arabic for Egypt: the start screen right to left, with the clinic.
    arabic = phone.context.new_page()
    start(arabic, server_url + "?lang=ar&country=EG&clinic=Clinica%20Sol&phone=%2B20212345678")
    find(arabic, "call-clinic")
    assert ENGINE.content.country_by_code["EG"].emergency_number in text_of(arabic, "call-emergency")
    shot(arabic, "followup-arabic-start-clinic-link")
    arabic.close()
