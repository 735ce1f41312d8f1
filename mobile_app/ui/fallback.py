"""The safety net: whatever fails, the person sees a plain screen with the emergency number and a way home.

Flet shows an unhandled exception as "Error running app" with the Python message, and nothing else: no emergency
number, no way on (issue 17: a damaged stored value did that at every start). Here a failure while the session
starts, and a failure inside any screen's event handler, show the fallback screen instead. It is built from plain
controls only (no theme, no content, nothing that could be what failed) and its texts go through the translator
when one can be opened, else they are English.

Nothing about the failure is shown or logged beyond the exception's type and where it happened: an exception's
message can hold what the person entered.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import flet as ft

from mobile_app.core.i18n import Translator

from .components.call import tel
from .components.tap import tap_target
from .fonts import fonts_for

FALLBACK_NUMBER = "112"
"""Dialled when not even the country's number can be read (the content failed to load): 112 reaches the
emergency services from a mobile phone in most countries, the US and Canada included."""
EMERGENCY_RED = "#B3261E"


class Texts(Protocol):
    def t(self, msgid: str, values: Mapping[str, str] | None = None) -> str: ...


class _English:
    """The translator of last resort: the English source texts."""

    rtl = False

    def t(self, msgid: str, values: Mapping[str, str] | None = None) -> str:
        return msgid.format_map(dict(values)) if values is not None else msgid


def translator(lang: str) -> Any:
    """The language's translator, or English when it cannot be opened."""
    try:
        return Translator(lang)
    except Exception:
        return _English()


def describe(exc: BaseException | None) -> str:
    """The exception's type and the places it went through (file, line, function), without its message."""
    if exc is None:
        return "unknown failure"
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-6:]))
    return f"{type(exc).__name__} at {where or 'unknown place'}"


def fallback_view(tr: Texts, number: str, on_home: Callable[[ft.Event[ft.OutlinedButton]], Awaitable[None]]) -> ft.View:
    """A screen that cannot fail: what happened in plain words, the emergency call, and the way to the start."""
    call = ft.FilledButton(
        content=ft.Text(tr.t("Call {number} now", {"number": number}), size=22, weight=ft.FontWeight.BOLD),
        icon=ft.Icon(ft.Icons.PHONE, color="#FFFFFF", size=28),
        url=tel(number),
        style=ft.ButtonStyle(
            bgcolor=EMERGENCY_RED,
            color="#FFFFFF",
            padding=ft.Padding.symmetric(horizontal=20, vertical=22),
            shape=ft.RoundedRectangleBorder(radius=12),
        ),
    )
    home = ft.OutlinedButton(
        content=ft.Text(tr.t("Go to the start screen")),
        icon=ft.Icons.HOME,
        on_click=on_home,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=16, vertical=14)),
    )
    column = ft.Column(
        controls=[
            ft.Semantics(
                identifier="fallback-screen",
                content=ft.Text(
                    tr.t("Something went wrong on this screen."),
                    theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                    weight=ft.FontWeight.W_600,
                ),
                header=True,
                container=True,
                live_region=True,
            ),
            ft.Text(
                tr.t("Your check and your diary are still on this device."), theme_style=ft.TextThemeStyle.BODY_LARGE
            ),
            # Each button one node for screen readers, named by its words (components/tap.py).
            tap_target(identifier="call-emergency-now", button=call),
            tap_target("fallback-home", home),
        ],
        spacing=20,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    return ft.View(
        route="/",
        controls=[ft.SafeArea(content=column)],
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.symmetric(horizontal=16, vertical=24),
    )


class SafetyNet:
    """One per session. `settings()` gives the session's (language, country, emergency number) as far as they are
    known; `home()` takes the person back to the start screen (it may fail too: then this screen comes again)."""

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self.settings: Callable[[], tuple[str, str | None]] = lambda: ("en", None)
        self.home: Callable[[], Awaitable[None]] | None = None
        self.failures = 0
        self.last_failure = ""
        """The kind and code places of the last failure (describe()): never its message, never logged."""

    def install(self) -> None:
        """Route Flet's report of an unhandled exception in an event handler to the fallback screen (instead of the
        "Error running app" page with the Python message). Flet 1.0.5 reports them through `Session.error`
        (flet/messaging/session.py, dispatch_event); tests/ui/test_served_storage.py checks that it still does."""
        with contextlib.suppress(Exception):
            self.page.session.error = self._session_error  # type: ignore[method-assign]

    def _session_error(self, message: str) -> None:
        self.fail(None)

    def fail(self, exc: BaseException | None) -> None:
        """Show the fallback screen. Never raises."""
        self.failures += 1
        # Nothing is logged (tests/test_privacy.py): the failure's kind stays in self.last_failure for tests.
        self.last_failure = describe(exc)
        try:
            lang, number = self.settings()
        except Exception:
            lang, number = "en", None
        tr = translator(lang)
        try:
            page = self.page
            page.rtl = bool(getattr(tr, "rtl", False))
            with contextlib.suppress(Exception):
                page.fonts = fonts_for(lang)
            page.views[:] = [fallback_view(tr, number or FALLBACK_NUMBER, self._go_home)]
            page.update()
        except Exception as again:  # the connection is gone, or the page itself is broken: nothing more to do
            self.last_failure = describe(again)

    async def _go_home(self, _: ft.Event[ft.OutlinedButton]) -> None:
        if self.home is None:
            return
        try:
            await self.home()
        except Exception as exc:
            self.fail(exc)
