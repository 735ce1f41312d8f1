"""Bundled fonts (assets/fonts/, OFL) and which family each UI language uses."""

from __future__ import annotations

__all__ = [
    "DEFAULT_FAMILY",
    "FONTS",
    "LANGUAGE_NAME_FALLBACK",
    "font_family_for",
    "fonts_for",
]

#: Flet `page.fonts` entries: family name -> path relative to the assets directory.
FONTS: dict[str, str] = {
    # Latin, Vietnamese included (subset), plus the glyphs of "العربية", "हिन्दी", "中文 (简体)" and of those
    # languages' words for "Language" (tools/subset_fonts.py), so that a language picker shows every language in
    # its own name whatever the current language's font is.
    "NotoSans": "fonts/NotoSans-Regular.ttf",
    "NotoSansArabic": "fonts/NotoSansArabic-Regular.ttf",
    "NotoSansDevanagari": "fonts/NotoSansDevanagari-Regular.ttf",
    "NotoSansSC": "fonts/NotoSansSC-Regular.otf",  # Simplified Chinese (subset: tools/subset_fonts.py)
}
DEFAULT_FAMILY = "NotoSans"

#: Pass as `font_family_fallback=` to a Text showing language names: Flutter does not fall back to a
#: registered font by itself (a missing glyph shows as a box), only to the families listed there.
LANGUAGE_NAME_FALLBACK: list[str] = [DEFAULT_FAMILY]

_FAMILY_BY_LANGUAGE = {"ar": "NotoSansArabic", "hi": "NotoSansDevanagari", "zh": "NotoSansSC"}


def font_family_for(language_code: str) -> str:
    """The font family for a language tag: ar -> Arabic, hi -> Devanagari, zh* -> Chinese, else Latin."""
    primary = language_code.strip().replace("_", "-").split("-", 1)[0].lower()
    return _FAMILY_BY_LANGUAGE.get(primary, DEFAULT_FAMILY)


def fonts_for(language_code: str) -> dict[str, str]:
    """The `page.fonts` to register for a language: Latin (with the language names) and that language's own.

    Flutter's web client downloads every registered font as soon as it is registered, used or not, so register
    only these (the Chinese subset is by far the biggest: decision 31); and each font, as it arrives, makes the
    phone lay out the whole screen again, so one file is better than several small ones."""
    family = font_family_for(language_code)
    return {name: FONTS[name] for name in dict.fromkeys((DEFAULT_FAMILY, family))}
