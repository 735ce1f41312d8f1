"""Bundled fonts (assets/fonts/, OFL) and which family each UI language uses."""

from __future__ import annotations

__all__ = [
    "DEFAULT_FAMILY",
    "FONTS",
    "LANGUAGE_NAME_FALLBACK",
    "LANGUAGE_NAME_FONTS",
    "font_family_for",
    "fonts_for",
]

#: Flet `page.fonts` entries: family name -> path relative to the assets directory.
FONTS: dict[str, str] = {
    "NotoSans": "fonts/NotoSans-Regular.ttf",  # Latin, Vietnamese included (subset)
    "NotoSansArabic": "fonts/NotoSansArabic-Regular.ttf",
    "NotoSansDevanagari": "fonts/NotoSansDevanagari-Regular.ttf",
    "NotoSansSC": "fonts/NotoSansSC-Regular.otf",  # Simplified Chinese (subset: tools/subset_fonts.py)
}
DEFAULT_FAMILY = "NotoSans"

#: Tiny fonts (about 4 KB each on the wire) holding only "العربية", "हिन्दी" and "中文 (简体)", so that a
#: language picker shows every language's own name whatever the current language's font is.
LANGUAGE_NAME_FONTS: dict[str, str] = {
    "NotoSansArabicLanguageName": "fonts/NotoSansArabic-LanguageName.ttf",
    "NotoSansDevanagariLanguageName": "fonts/NotoSansDevanagari-LanguageName.ttf",
    "NotoSansSCLanguageName": "fonts/NotoSansSC-LanguageName.otf",
}
#: Pass as `font_family_fallback=` to a Text showing language names: Flutter does not fall back to a
#: registered font by itself (a missing glyph shows as a box), only to the families listed there. Latin last.
LANGUAGE_NAME_FALLBACK: list[str] = [*LANGUAGE_NAME_FONTS, DEFAULT_FAMILY]

_FAMILY_BY_LANGUAGE = {"ar": "NotoSansArabic", "hi": "NotoSansDevanagari", "zh": "NotoSansSC"}


def font_family_for(language_code: str) -> str:
    """The font family for a language tag: ar -> Arabic, hi -> Devanagari, zh* -> Chinese, else Latin."""
    primary = language_code.strip().replace("_", "-").split("-", 1)[0].lower()
    return _FAMILY_BY_LANGUAGE.get(primary, DEFAULT_FAMILY)


def fonts_for(language_code: str) -> dict[str, str]:
    """The `page.fonts` to register for a language: Latin, that language's own, and the language names.

    Flutter's web client downloads every registered font as soon as it is registered, used or not,
    so register only these (the Chinese subset alone is about 1.3 MB on the wire).
    """
    family = font_family_for(language_code)
    names = dict.fromkeys((DEFAULT_FAMILY, family))
    return {**{name: FONTS[name] for name in names}, **LANGUAGE_NAME_FONTS}
