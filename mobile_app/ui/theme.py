"""Every colour the UI uses, light and dark, the level styles, and the Material 3 themes built from them."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

PRIMARY = "#0F6E7A"
"""The calm teal of the app (also the web manifest's theme colour)."""


@dataclass(frozen=True)
class LevelColors:
    """One result level: a tinted card (container + text on it) and a strong accent (+ text on it)."""

    container: str
    on_container: str
    accent: str
    on_accent: str


@dataclass(frozen=True)
class Palette:
    primary: str
    on_primary: str
    primary_container: str
    on_primary_container: str
    surface: str
    on_surface: str
    on_surface_variant: str
    """Muted text (hints, captions): still at least 4.5:1 on every surface."""
    surface_container: str
    """Cards and panels."""
    outline: str
    error: str
    on_error: str
    levels: dict[str, LevelColors]


LIGHT = Palette(
    primary=PRIMARY,
    on_primary="#FFFFFF",
    primary_container="#CDEBEE",
    on_primary_container="#00363D",
    surface="#F8FAFA",
    on_surface="#161D1E",
    on_surface_variant="#3F4949",
    surface_container="#EAF1F1",
    outline="#5F6B6C",
    error="#B3261E",
    on_error="#FFFFFF",
    levels={
        "emergency": LevelColors("#FCE8E6", "#7A1410", "#B3261E", "#FFFFFF"),
        "urgent": LevelColors("#FDEBDC", "#6B2C00", "#9C4100", "#FFFFFF"),
        "soon": LevelColors("#E3EDFA", "#0B3A70", "#1F5FA8", "#FFFFFF"),
        "self_care": LevelColors("#E4F3E5", "#114B16", "#2E7D32", "#FFFFFF"),
    },
)

DARK = Palette(
    primary="#7FD3DD",
    on_primary="#00363D",
    primary_container="#004F58",
    on_primary_container="#CDEBEE",
    surface="#101415",
    on_surface="#E0E3E3",
    on_surface_variant="#BFC8C9",
    surface_container="#1C2223",
    outline="#899394",
    error="#FFB4AB",
    on_error="#690005",
    levels={
        "emergency": LevelColors("#5C1A14", "#FFDAD5", "#FFB4AB", "#690005"),
        "urgent": LevelColors("#5A2C06", "#FFDCC2", "#FFB77C", "#4A2000"),
        "soon": LevelColors("#0F3560", "#D6E3FF", "#A6C8FF", "#00315E"),
        "self_care": LevelColors("#153D19", "#C8EFC9", "#8FD694", "#00390B"),
    },
)

LEVEL_ICONS: dict[str, ft.IconData] = {
    "emergency": ft.Icons.EMERGENCY,
    "urgent": ft.Icons.LOCAL_HOSPITAL,
    "soon": ft.Icons.EVENT,
    "self_care": ft.Icons.HOME,
}
"""Every level has its own icon: colour is never the only signal."""

GUIDANCE_ICONS: dict[str, ft.IconData] = {
    "may_help": ft.Icons.CHECK_CIRCLE,
    "avoid": ft.Icons.BLOCK,
    "caution": ft.Icons.WARNING_AMBER,
    "info": ft.Icons.INFO_OUTLINE,
}


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def text_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """(name, text colour, background colour) for every text the UI draws on a background."""
    pairs = [
        ("body on surface", p.on_surface, p.surface),
        ("muted on surface", p.on_surface_variant, p.surface),
        ("body on card", p.on_surface, p.surface_container),
        ("muted on card", p.on_surface_variant, p.surface_container),
        ("link or outlined button", p.primary, p.surface),
        ("link on card", p.primary, p.surface_container),
        ("filled button", p.on_primary, p.primary),
        ("selected chip", p.on_primary_container, p.primary_container),
        ("error text", p.error, p.surface),
        ("error button", p.on_error, p.error),
    ]
    for level, c in p.levels.items():
        pairs.append((f"{level} card", c.on_container, c.container))
        pairs.append((f"{level} button", c.on_accent, c.accent))
    return pairs


def non_text_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """Icons and borders that carry meaning (WCAG 1.4.11 asks 3:1)."""
    pairs = [("outline on surface", p.outline, p.surface)]
    for level, c in p.levels.items():
        pairs.append((f"{level} icon on its card", c.accent, c.container))
        pairs.append((f"{level} icon on surface", c.accent, p.surface))
        pairs.append((f"{level} icon on card", c.accent, p.surface_container))
    return pairs


def _scheme(p: Palette) -> ft.ColorScheme:
    return ft.ColorScheme(
        primary=p.primary,
        on_primary=p.on_primary,
        primary_container=p.primary_container,
        on_primary_container=p.on_primary_container,
        secondary=p.primary,
        on_secondary=p.on_primary,
        secondary_container=p.primary_container,
        on_secondary_container=p.on_primary_container,
        surface=p.surface,
        on_surface=p.on_surface,
        on_surface_variant=p.on_surface_variant,
        surface_container=p.surface_container,
        surface_container_low=p.surface,
        surface_container_high=p.surface_container,
        surface_container_highest=p.surface_container,
        outline=p.outline,
        error=p.error,
        on_error=p.on_error,
    )


def make_theme(dark: bool, font_family: str | None = None) -> ft.Theme:
    """A Material 3 theme from the palette; font_family comes from mobile_app.ui.fonts for the language."""
    p = palette(dark)
    return ft.Theme(
        color_scheme_seed=p.primary,
        color_scheme=_scheme(p),
        font_family=font_family,
        scaffold_bgcolor=p.surface,
        # Outlined buttons (the check's answers among them) get their look here once: an answer button then
        # carries a style of its own only while chosen, which keeps each screen of the check small to send.
        outlined_button_theme=ft.OutlinedButtonTheme(
            style=ft.ButtonStyle(
                padding=ft.Padding.symmetric(horizontal=12, vertical=14),
                bgcolor=p.surface,
                color=p.primary,
                side=ft.BorderSide(2, p.outline),
                shape=ft.RoundedRectangleBorder(radius=10),
            )
        ),
        # Screens change at once: a worried person taps Next and sees the next question without waiting
        # for an animation (tap -> next screen within 150 ms is a target, see benchmarks/bench_taps.py).
        page_transitions=ft.PageTransitionsTheme(
            android=ft.PageTransitionTheme.NONE,
            ios=ft.PageTransitionTheme.NONE,
            linux=ft.PageTransitionTheme.NONE,
            macos=ft.PageTransitionTheme.NONE,
            windows=ft.PageTransitionTheme.NONE,
        ),
    )
