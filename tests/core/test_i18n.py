"""Per-session translation, locale negotiation, placeholders from country profiles, and unambiguous doses."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from mobile_app.core.i18n import (
    MissingPlaceholder,
    Translator,
    UnknownCountry,
    UnknownLanguage,
    display_name,
    negotiate,
    placeholders,
)
from mobile_app.core.models import LANGUAGES


def tiny_catalogs(tmp_path: Path) -> Path:
    for lang, pairs in {
        "es": {"Next": "Siguiente", "Call {number}": "Llame al {number}"},
        "ar": {"Next": "التالي"},
    }.items():
        cat = Catalog(locale=lang, domain="messages")
        for k, v in pairs.items():
            cat.add(k, v)
        cat.add(
            ("{n} screen", "{n} screens"),
            ("{n} pantalla", "{n} pantallas", "{n} pantallas") if lang == "es" else ("", "", "", "", "", ""),
        )
        d = tmp_path / lang / "LC_MESSAGES"
        d.mkdir(parents=True)
        with (d / "messages.po").open("wb") as fh:
            write_po(fh, cat)
    return tmp_path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_doses_cannot_be_misread(lang: str, tmp_path: Path) -> None:
    tr = Translator.__new__(Translator)
    Translator.__init__(tr, "en")  # formatting only needs the locale
    from babel import Locale

    tr.locale = Locale.parse(lang)
    four = tr.dose_mg(4000)
    assert "4" in four and "000" not in four and "mg" not in four.lower()
    assert "500" in tr.dose_mg(500)
    assert tr.dose_mg(1500).startswith("1")


def test_sessions_have_their_own_language(tmp_path: Path) -> None:
    d = tiny_catalogs(tmp_path)
    es, ar, en = Translator("es", d), Translator("ar", d), Translator("en", d)
    assert (es.t("Next"), ar.t("Next"), en.t("Next")) == ("Siguiente", "التالي", "Next")
    assert ar.rtl and not es.rtl
    assert es.t("Call {number}", {"number": "112"}) == "Llame al 112"
    assert es.ngettext("{n} screen", "{n} screens", 1) == "{n} pantalla"
    assert es.ngettext("{n} screen", "{n} screens", 3) == "{n} pantallas"


def test_missing_translation_is_recorded_not_hidden(tmp_path: Path) -> None:
    tr = Translator("es", tiny_catalogs(tmp_path))
    assert tr.t("Back") == "Back"
    assert "Back" in tr.missing


def test_a_missing_placeholder_value_is_an_error(tmp_path: Path) -> None:
    tr = Translator("es", tiny_catalogs(tmp_path))
    with pytest.raises(MissingPlaceholder):
        tr.t("Call {number}", {})


def test_unknown_language_and_country_are_errors(content) -> None:
    with pytest.raises(UnknownLanguage):
        Translator("xx")
    with pytest.raises(UnknownCountry):
        placeholders(content, "ZZ", Translator("en"))


def test_language_and_country_are_independent(content, tmp_path: Path) -> None:
    es = Translator("es", tiny_catalogs(tmp_path))
    us, spain = placeholders(content, "US", es), placeholders(content, "ES", es)
    assert (us["emergency_number"], us["acetaminophen"]) == ("911", "acetaminofén")
    assert (spain["emergency_number"], spain["acetaminophen"]) == ("112", "paracetamol")
    assert placeholders(content, "GB", Translator("en"))["acetaminophen"] == "paracetamol"
    assert placeholders(content, "US", Translator("en"))["max_daily"] == "4 g"


def test_negotiation_and_own_names() -> None:
    assert negotiate(["es-MX", "en"]) == "es"
    assert negotiate(["zh-CN"]) == "zh_Hans"
    assert negotiate(["pt-PT"]) == "pt_BR"
    assert negotiate(["de-DE", "fr-CA"]) == "fr"
    assert negotiate(["xx"]) == "en"
    assert display_name("es") == "Español" and display_name("ar") == "العربية"


def test_content_placeholders_are_all_known(content) -> None:
    import string

    known = {
        "emergency_number", "acetaminophen", "ibuprofen", "naproxen", "diclofenac_gel", "max_daily", "lower_max_daily"
    }
    texts = []
    for a in content.advice.advice:
        texts += [a.title.self_, a.title.caregiver, a.text.self_, a.text.caregiver]
        texts += [s.text.self_ for s in a.steps] + [s.text.caregiver for s in a.steps]
    for g in content.medicines.guidance:
        texts += [g.text.self_, g.text.caregiver]
    for li in content.advice.levels:
        texts += [li.action.self_, li.action.caregiver, li.title.self_]
    for t in texts:
        names = {f for _, f, _, _ in string.Formatter().parse(t) if f}
        assert names <= known, (t, names - known)


def test_hindi_and_arabic_doses_spell_the_unit_out() -> None:
    """Issue 20: "4 ग्रा॰" is an abbreviation a lay reader may not know; the dose reads "4 ग्राम"."""
    assert Translator("hi").dose_mg(4000) == "4 ग्राम"
    assert Translator("hi").dose_mg(3000) == "3 ग्राम"
    assert "مغم" not in Translator("ar").dose_mg(500)
    assert Translator("en").dose_mg(4000) == "4 g"
