"""WCAG contrast of every text and meaningful icon colour pair in the theme, light and dark."""

from __future__ import annotations

import pytest

from mobile_app.ui.theme import DARK, LEVEL_ICONS, LIGHT, Palette, make_theme, non_text_pairs, text_pairs


def luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour "#RRGGBB"."""
    h = hex_color.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_text_contrast_is_at_least_4_5(palette: Palette) -> None:
    low = [(n, fg, bg, round(contrast(fg, bg), 2)) for n, fg, bg in text_pairs(palette) if contrast(fg, bg) < 4.5]
    assert not low, low


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_icons_and_borders_contrast_is_at_least_3(palette: Palette) -> None:
    low = [(n, fg, bg, round(contrast(fg, bg), 2)) for n, fg, bg in non_text_pairs(palette) if contrast(fg, bg) < 3]
    assert not low, low


def test_every_level_has_colours_and_an_icon_in_both_themes() -> None:
    for palette in (LIGHT, DARK):
        assert set(palette.levels) == set(LEVEL_ICONS) == {"emergency", "urgent", "soon", "self_care"}


def test_primary_is_the_calm_teal() -> None:
    assert LIGHT.primary == "#0F6E7A"
    theme = make_theme(False, "NotoSans")
    assert theme.color_scheme.primary == "#0F6E7A" and theme.font_family == "NotoSans"
