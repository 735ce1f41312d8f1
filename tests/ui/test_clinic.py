"""Clinic links and clinic tools without a browser (ui/controllers/clinic.py, views/clinic.py)."""

from __future__ import annotations

import io

import flet as ft
import pytest
from pypdf import PdfReader

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import Translator
from mobile_app.ui import routes
from mobile_app.ui.store import CLINIC_KEY

from .conftest import FakePrefs, all_text, by_id, has_id, walk
from .followup_support import diary_app


def test_a_clinic_link_sets_language_country_clinic_and_phone(engine: Engine, prefs: FakePrefs) -> None:
    h = diary_app(engine, prefs)
    h.run(h.ctl.clinic.apply_link("lang=es&country=MX&clinic=Clinica%20Sol&phone=5551234567"))
    h.run(h.ctl.open_route("/"))
    assert (h.state.lang, h.state.country) == ("es", "MX")
    text = all_text(h.top)
    assert Translator("es").t("Recommended by {clinic}", {"clinic": "Clinica Sol"}) in text
    call = by_id(h.top, "call-clinic")
    assert call.content.url == "tel:5551234567"
    assert by_id(h.top, "call-emergency").content.url == "tel:911"
    # The clinic stays for the next session, and can be removed.
    again = diary_app(engine, prefs)
    again.run(again.ctl.open_route("/"))
    assert has_id(again.top, "call-clinic")
    again.click("forget-clinic")
    assert not has_id(again.top, "call-clinic") and CLINIC_KEY not in prefs.data


@pytest.mark.parametrize(
    ("query", "says", "lang"),
    [
        (
            "lang=es&clinic=%3Cscript%3Ealert(1)%3C/script%3E",
            "The clinic name in this link is not valid, so the link was not used.",
            "es",  # issue 14: said in the language the link asked for, though the link is refused
        ),
        ("phone=javascript:alert(1)", "The phone number in this link is not valid, so the link was not used.", "en"),
        ("lang=klingon", "The language in this link is not one the app offers, so the link was not used.", "en"),
        ("country=XX", "The country in this link is not one the app knows, so the link was not used.", "en"),
        ("evil=%3Cb%3Ex%3C/b%3E", "This link has settings the app cannot read, so the link was not used.", "en"),
    ],
)
def test_a_bad_clinic_link_is_refused_whole_and_the_setting_named(
    engine: Engine, query: str, says: str, lang: str
) -> None:
    from mobile_app.core.i18n import Translator

    h = diary_app(engine)
    h.run(h.ctl.clinic.apply_link(query))
    h.run(h.ctl.open_route("/"))
    note = all_text(by_id(h.top, "link-error"))
    assert Translator(lang).t(says) in note, note
    assert "script" not in note and "evil" not in note and "klingon" not in note
    assert (h.state.lang, h.state.country) == ("en", "US") and h.ctl.records.clinic is None
    assert not any(isinstance(c, ft.Markdown) for c in walk(h.top)), "never shown as markup"
    h.click("about")
    h.click("back-button")
    assert not has_id(h.top, "link-error"), "said once"


def test_clinic_tools_make_a_link_with_its_qr_code_and_a_handout(engine: Engine) -> None:
    h = diary_app(engine)
    h.run(h.ctl.go(routes.ABOUT))
    h.click("open-clinic-tools")
    assert h.top.route == routes.CLINIC and by_id(h.top, "clinic-address").content.value == "http://127.0.0.1:8550"
    h.run(h.ctl.clinic.set_lang("es"))
    h.run(h.ctl.clinic.set_country("MX"))
    h.run(h.ctl.clinic.set_name("Clínica Sol"))
    h.run(h.ctl.clinic.set_phone("555 123 4567; drop"))
    h.click("make-link")
    assert "Check the phone number" in by_id(h.top, "clinic-phone").content.error
    assert not has_id(h.top, "clinic-link")
    h.run(h.ctl.clinic.set_phone("555 123 4567"))
    h.click("make-link")
    link = by_id(h.top, "clinic-link").label
    assert link == "http://127.0.0.1:8550/?lang=es&country=MX&clinic=Cl%C3%ADnica+Sol&phone=5551234567"
    qr = [c for c in walk(h.top) if isinstance(c, ft.Image)]
    assert qr and isinstance(qr[0].src, bytes) and qr[0].src.startswith(b"\x89PNG")
    h.click("handout-letter")
    name, pdf = h.services.saved[-1]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert name == "calf-check-handout-letter.pdf" and "Clínica Sol" in text and "5551234567" in text
    h.click("back-button")
    assert h.top.route == routes.ABOUT
