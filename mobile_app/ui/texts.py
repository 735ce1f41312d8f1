"""Session translator with an English fallback, and names of languages and countries in the chosen language."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale
from babel.dates import format_skeleton, format_time

from mobile_app.core.i18n import SOURCE_LANGUAGE, Translator, catalog_path, display_name
from mobile_app.core.loader import Content
from mobile_app.core.models import LANGUAGES
from mobile_app.followup.clinic_link import LinkError


def open_translator(lang: str) -> tuple[Translator, bool]:
    """The session's translator, and whether the language's catalog is missing (then English is shown)."""
    try:
        return Translator(lang), False
    except (OSError, ValueError):
        return Translator(SOURCE_LANGUAGE), lang != SOURCE_LANGUAGE


def language_names() -> list[tuple[str, str]]:
    """(code, the language's own name) for every app language, in the app's order."""
    return [(code, display_name(code)) for code in LANGUAGES]


_LANGUAGE_ENTRY = re.compile(r'^msgid "Language"\nmsgstr "([^"\\]+)"$', re.MULTILINE)


@cache
def word_for_language(code: str) -> str:
    """The word "Language" in that language, from its catalog (the Latin font also holds its glyphs:
    tools/subset_fonts.py merges them in).

    Read straight from the catalog file: parsing the seven other catalogs whole was slow (decision 31 has the figure),
    on the first screen of every launch of the app (tests/ui/test_views.py checks the result against babel's parse)."""
    if code == SOURCE_LANGUAGE:
        return "Language"
    try:
        found = _LANGUAGE_ENTRY.search(catalog_path(code).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    return found.group(1) if found else "Language"


@cache
def languages_label() -> str:
    """ "Language" in every app language, once each ("Language · Idioma · Langue · اللغة · …"): the way to the
    language list that a person who cannot read the current language still recognises."""
    # Each word is a bidi isolate (FSI ... PDI), so that in a right-to-left layout the Arabic word does not carry
    # its neighbours and the dots with it.
    return " · ".join(f"\u2068{word}\u2069" for word in dict.fromkeys(word_for_language(code) for code in LANGUAGES))


def language_label(code: str, own_name: str, ui_lang: str) -> str:
    """The language's own name, and its name in the current language when that differs ("العربية · Arabic").

    The second name stays readable when the device lacks a font for the first one's script.
    """
    local = Locale.parse(ui_lang).languages.get(code.split("_")[0], "")
    if not local or local.casefold() in own_name.casefold():
        return own_name
    return f"{own_name} · {local[:1].upper()}{local[1:]}"


def review_text(tr: Translator, content: Content, code: str) -> str:
    """A translation's review status in words."""
    review = review_status(content, code)
    if review == "source":
        return tr.t("original text")
    if review == "clinician_reviewed":
        return tr.t("checked by a clinician")
    return tr.t("not yet checked by a clinician")


def country_name(code: str, lang: str) -> str:
    """A country's name in the app language (babel's CLDR data), or its code if babel has none."""
    return Locale.parse(lang).territories.get(code) or code


def countries_sorted(content: Content, lang: str) -> list[tuple[str, str]]:
    """(code, name) of every country with a profile, sorted by name in the app language."""
    rows = [(c.code, country_name(c.code, lang)) for c in content.countries.countries]
    return sorted(rows, key=lambda row: row[1].casefold())


def review_status(content: Content, lang: str) -> str:
    """The language's review status in meta.yaml ("source", "drafted", "clinician_reviewed")."""
    return next((x.review for x in content.meta.languages if x.code == lang), "drafted")


def short_day(tr: Translator, day: dt.date) -> str:
    """A day in the fewest characters ("11/3", "3/11"): chart labels at phone width."""
    return format_skeleton("Md", day, locale=tr.locale)


def day_month(tr: Translator, day: dt.date) -> str:
    """ "Nov 3", "3 nov", "11月3日"."""
    return format_skeleton("MMMd", day, locale=tr.locale)


def when_text(tr: Translator, when: dt.datetime) -> str:
    """A date and time in the language's own order ("Nov 3, 2026, 2:30 AM", "3 nov 2026, 2:30")."""
    date = format_skeleton("yMMMd", when, locale=tr.locale)
    time = format_time(when, format="short", locale=tr.locale)
    return str(tr.locale.datetime_formats["medium"]).replace("{1}", date).replace("{0}", time)


def time_text(tr: Translator, when: dt.time) -> str:
    return format_time(when, format="short", locale=tr.locale)


def link_error_text(tr: Translator, error: LinkError) -> str:
    """Which setting of a refused clinic link was wrong, in words (never its value: it may be hostile)."""
    by_param = {
        "lang": tr.t("The language in this link is not one the app offers, so the link was not used."),
        "country": tr.t("The country in this link is not one the app knows, so the link was not used."),
        "clinic": tr.t("The clinic name in this link is not valid, so the link was not used."),
        "phone": tr.t("The phone number in this link is not valid, so the link was not used."),
    }
    if error.code in ("LINK_BAD_LANGUAGE", "LINK_BAD_COUNTRY", "LINK_BAD_CLINIC", "LINK_BAD_PHONE"):
        return by_param[error.param]
    return tr.t("This link has settings the app cannot read, so the link was not used.")
