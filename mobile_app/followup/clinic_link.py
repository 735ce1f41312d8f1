"""Clinic links: a URL that opens the app with the language, country and clinic preset; strict parsing.

Every parameter is validated. Hostile or malformed values are refused with a stable code and a clear
message; a refused value is never shown as markup and never used as a phone number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from mobile_app.core.loader import Content
from mobile_app.core.models import LANGUAGES

PARAMS = ("lang", "country", "clinic", "phone")
MAX_QUERY = 600
MAX_CLINIC = 60
MAX_MARKS = 3
"""Combining marks in a row on one letter (Devanagari and Arabic use up to 2 or 3; none needs more)."""
_PHONE_SEPARATORS = re.compile(r"[ \-().]")
_PHONE = re.compile(r"^\+?[0-9]{3,15}$")
# Letters, marks and digits of any script, spaces, and a little punctuation that names use.
_NAME_PUNCT = set(" .,'’&-/()")


class LinkError(ValueError):
    """A link the app will not use. `code` is stable, `param` names the bad parameter."""

    def __init__(self, code: str, param: str, message: str) -> None:
        self.code = code
        self.param = param
        self.message = message
        super().__init__(f"{code}: {param}: {message}")


@dataclass(frozen=True)
class ClinicPreset:
    lang: str | None = None
    country: str | None = None
    clinic: str | None = None
    phone: str | None = None
    """Digits with an optional leading +, ready for a tel: link."""


def clean_contact(clinic: str | None, phone: str | None) -> tuple[str | None, str | None]:
    """A clinic's name and phone as a link carries them, each cleaned (LinkError when it cannot be used); None when
    not given. Links, the stored clinic and the clinic tools' form all go through here."""
    return (
        clean_clinic_name(clinic) if clinic is not None else None,
        clean_phone(phone) if phone is not None else None,
    )


def clean_clinic_name(value: str) -> str:
    name = unicodedata.normalize("NFC", value).strip()
    if not name or len(name) > MAX_CLINIC:
        raise LinkError("LINK_BAD_CLINIC", "clinic", f"a clinic name has 1 to {MAX_CLINIC} characters")
    marks = 0  # combining marks in a row, after a letter
    for i, ch in enumerate(name):
        cat = unicodedata.category(ch)
        if not (cat[0] in "LMN" or ch in _NAME_PUNCT):
            raise LinkError("LINK_BAD_CLINIC", "clinic", f"a clinic name may not contain {ch!r}")
        marks = marks + 1 if cat[0] == "M" else 0
        # A mark belongs to a letter (an accent, a vowel sign, Arabic vowels): a name of stacked marks ("Zalgo"
        # text, 60 accents on nothing) would be drawn over the lines around it (issue 17).
        if marks and (i == marks - 1 or marks > MAX_MARKS):
            raise LinkError("LINK_BAD_CLINIC", "clinic", "a clinic name has accents only on letters")
    if not any(unicodedata.category(ch)[0] == "L" for ch in name):
        raise LinkError("LINK_BAD_CLINIC", "clinic", "a clinic name has letters")
    return re.sub(r"\s+", " ", name)


def clean_phone(value: str) -> str:
    digits = _PHONE_SEPARATORS.sub("", value.strip())
    if not _PHONE.match(digits):
        raise LinkError("LINK_BAD_PHONE", "phone", "a phone number has 3 to 15 digits, optionally after a +")
    return digits


def parse_query(query: str | Mapping[str, Sequence[str]], content: Content) -> ClinicPreset:
    """Validate a clinic link's query ("lang=es&country=MX&clinic=...&phone=...") or its parsed form."""
    if isinstance(query, str):
        q = query[1:] if query.startswith("?") else query
        if len(q) > MAX_QUERY:
            raise LinkError("LINK_TOO_LONG", "", f"a link's settings have at most {MAX_QUERY} characters")
        try:
            parsed = parse_qs(q, keep_blank_values=True, strict_parsing=bool(q), max_num_fields=10)
        except ValueError:
            raise LinkError("LINK_MALFORMED", "", "the link's settings cannot be read") from None
    else:
        parsed = {k: list(v) for k, v in query.items()}
    for key, values in parsed.items():
        if key not in PARAMS:
            raise LinkError("LINK_UNKNOWN_PARAM", key, "this setting is not known")
        if len(values) != 1:
            raise LinkError("LINK_REPEATED_PARAM", key, "a setting may appear only once")
    get = {k: v[0] for k, v in parsed.items()}
    lang = get.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise LinkError("LINK_BAD_LANGUAGE", "lang", f"the language must be one of {', '.join(LANGUAGES)}")
    country = get.get("country")
    if country is not None and country not in content.country_by_code:
        raise LinkError("LINK_BAD_COUNTRY", "country", "this country has no profile in the app")
    clinic, phone = clean_contact(get.get("clinic"), get.get("phone"))
    return ClinicPreset(lang=lang, country=country, clinic=clinic, phone=phone)


def parse_link(url: str, content: Content) -> ClinicPreset:
    return parse_query(urlsplit(url).query, content)


def app_address(page_url: str | None) -> str | None:
    """The address people open the app at, from the address the app itself was reached at.

    Flet's web server reports its websocket ("ws://host:port/path"); a static web build reports the page
    ("https://host/path/?x=1#/y"). Anything else (a phone app) has no web address: None.
    """
    if not page_url:
        return None
    parts = urlsplit(page_url.strip())
    scheme = {"ws": "http", "wss": "https", "http": "http", "https": "https"}.get(parts.scheme.lower())
    if scheme is None or not parts.netloc:
        return None
    path = parts.path if parts.scheme.lower() in ("ws", "wss") else parts.path.rsplit("/", 1)[0]
    return f"{scheme}://{parts.netloc}{path.rstrip('/')}"


def clean_base_url(value: str) -> str:
    """The app address a clinic typed: http(s), a host, no query, fragment, spaces or user name."""
    text = value.strip()
    parts = urlsplit(text)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username
        or any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in text)
        or len(text) > 200
    ):
        raise LinkError("LINK_BAD_ADDRESS", "address", "the app address starts with http:// or https://")
    return text.rstrip("/")


def build_link(base_url: str, preset: ClinicPreset, content: Content) -> str:
    """The link a clinic hands out. It is validated the same way it will be read."""
    params = {
        k: v
        for k, v in (
            ("lang", preset.lang),
            ("country", preset.country),
            ("clinic", preset.clinic),
            ("phone", preset.phone),
        )
        if v
    }
    query = urlencode(params)
    parse_query(query, content)
    return f"{base_url.rstrip('/')}/?{query}" if query else base_url
