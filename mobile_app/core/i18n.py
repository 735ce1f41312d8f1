"""Per-session translation and locale formatting: gettext catalogs read with babel, never global state."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Literal

from babel import Locale, negotiate_locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

from .loader import Content
from .models import LANGUAGES, Wording

SOURCE_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"


class UnknownLanguage(ValueError):
    """A language code the app does not offer."""


class UnknownCountry(ValueError):
    """A country code without a profile."""


class MissingPlaceholder(KeyError):
    """A text refers to a placeholder the app did not provide (a broken catalog or content entry)."""


def catalog_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def load_catalog(lang: str, locales_dir: Path = LOCALES_DIR) -> Catalog:
    """The parsed catalog of one language, read once per process and shared read-only by all sessions."""
    with catalog_path(lang, locales_dir).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def display_name(lang: str) -> str:
    """The language's name in that language ("español", "العربية")."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


LANGUAGE_ALIASES = {"zh": "zh_Hans", "zh_CN": "zh_Hans", "zh_SG": "zh_Hans", "pt": "pt_BR", "pt_PT": "pt_BR"}
"""Device tags that mean an app language they do not name (Chinese in mainland China and Singapore is written in
simplified characters). Also read by the page's first paint (mobile_app/first_paint.py), which guesses the same way."""


def negotiate(preferred: Iterable[str], available: Iterable[str] = LANGUAGES) -> str:
    """Best app language for the device's preferred languages (BCP 47 or POSIX tags); English if none fits."""
    avail = list(available)
    prefs = [p.replace("-", "_") for p in preferred if p]
    aliases = LANGUAGE_ALIASES
    for p in prefs:
        hit = negotiate_locale([p], avail, sep="_")
        if hit:
            return hit
        if p in aliases and aliases[p] in avail:
            return aliases[p]
        base = p.split("_")[0]
        if base in avail:
            return base
        if base in aliases and aliases[base] in avail:
            return aliases[base]
    return SOURCE_LANGUAGE


class _Strict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        raise MissingPlaceholder(key)


SPELLED_OUT_UNITS = frozenset({"hi", "ar"})
"""Languages whose short unit names are abbreviations (issue 20: a reader may not know "ग्रा॰")."""

class Translator:
    """Translation and formatting for one user session. Each session makes its own."""

    def __init__(self, lang: str, locales_dir: Path = LOCALES_DIR) -> None:
        if lang not in LANGUAGES:
            raise UnknownLanguage(f"unknown language {lang!r}; offered: {', '.join(LANGUAGES)}")
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._catalog = None if lang == SOURCE_LANGUAGE else load_catalog(lang, locales_dir)
        self._plural = gettext.c2py(self._catalog.plural_expr) if self._catalog is not None else None
        self.missing: set[str] = set()
        """Texts shown in English because this catalog lacks them (the app says so on screen)."""

    @property
    def rtl(self) -> bool:
        return self.locale.text_direction == "rtl"

    def gettext(self, msgid: str) -> str:
        if self._catalog is None or not msgid:
            return msgid
        msg = self._catalog.get(msgid)
        if msg is None or not msg.string or msg.fuzzy:
            self.missing.add(msgid)
            return msgid
        string = msg.string
        return string if isinstance(string, str) else string[0]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self._catalog is None:
            return singular if n == 1 else plural
        msg = self._catalog.get(singular)
        forms = msg.string if msg is not None else None
        if not isinstance(forms, (tuple, list)) or not all(forms) or (msg is not None and msg.fuzzy):
            self.missing.add(singular)
            return singular if n == 1 else plural
        assert self._plural is not None
        index = self._plural(n)
        return str(forms[min(index, len(forms) - 1)])

    def t(self, msgid: str, values: Mapping[str, str] | None = None) -> str:
        """Translate, then fill {placeholders}; a missing value is an error, never a blank."""
        text = self.gettext(msgid)
        return text.format_map(_Strict(values or {})) if values is not None else text

    def wording(self, w: Wording, who: str, values: Mapping[str, str] | None = None) -> str:
        """A content sentence in self or caregiver wording, translated and filled in."""
        raw = w.for_who(who)
        text = self.t(raw, values if values is not None else {})
        # A sentence may open with a placeholder such as a medicine name: "Acetaminophen can ...".
        return text[:1].upper() + text[1:] if raw.startswith("{") else text

    # ------------------------------------------------------------ formatting

    def number(self, n: float) -> str:
        return format_decimal(n, locale=self.locale)

    def date(self, d: dt.date) -> str:
        return format_date(d, format="medium", locale=self.locale)

    def dose_mg(self, mg: int) -> str:
        """A dose that cannot be misread: whole grams as "4 g", small doses as "500 mg", never "4,000 mg".
        Where the short unit is an abbreviation lay readers may not know (Hindi "ग्रा॰", Arabic "مغم"), the unit
        is written out ("4 ग्राम")."""
        length: Literal["long", "short"] = "long" if self.lang in SPELLED_OUT_UNITS else "short"
        if mg % 1000 == 0:
            return format_unit(mg // 1000, "mass-gram", length=length, locale=self.locale)
        if mg < 1000:
            return format_unit(mg, "mass-milligram", length=length, locale=self.locale)
        return format_unit(mg / 1000, "mass-gram", length=length, locale=self.locale)


def placeholders(content: Content, country: str, tr: Translator) -> dict[str, str]:
    """Values for the content's placeholders in this country and language."""
    profile = content.country_by_code.get(country)
    if profile is None:
        raise UnknownCountry(f"unknown country {country!r}")
    meds = profile.medicines
    values = {
        "emergency_number": profile.emergency_number,
        "acetaminophen": meds.acetaminophen.name[tr.lang],
        "ibuprofen": meds.ibuprofen.name[tr.lang],
        "naproxen": meds.naproxen.name[tr.lang],
        "diclofenac_gel": meds.diclofenac_gel.name[tr.lang],
    }
    para = next(m for m in content.medicines.medicines if m.id == "acetaminophen")
    assert para.max_daily_mg is not None and para.lower_max_daily_mg is not None
    values["max_daily"] = tr.dose_mg(para.max_daily_mg)
    values["lower_max_daily"] = tr.dose_mg(para.lower_max_daily_mg)
    return values
