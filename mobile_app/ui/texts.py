"""Session translator with an English fallback, and names of languages and countries in the chosen language."""

from __future__ import annotations

from babel import Locale

from mobile_app.core.i18n import SOURCE_LANGUAGE, Translator, display_name
from mobile_app.core.loader import Content
from mobile_app.core.models import LANGUAGES


def open_translator(lang: str) -> tuple[Translator, bool]:
    """The session's translator, and whether the language's catalog is missing (then English is shown)."""
    try:
        return Translator(lang), False
    except (OSError, ValueError):
        return Translator(SOURCE_LANGUAGE), lang != SOURCE_LANGUAGE


def language_names() -> list[tuple[str, str]]:
    """(code, the language's own name) for every app language, in the app's order."""
    return [(code, display_name(code)) for code in LANGUAGES]


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
