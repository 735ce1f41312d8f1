"""The Flet entry point: one session per person, its language and country, theme, storage and routing."""

from __future__ import annotations

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import negotiate
from mobile_app.core.loader import Content, default_content

from .context import Ctx
from .controller import Controller
from .fonts import font_family_for, fonts_for
from .state import AppState
from .store import Store
from .theme import make_theme

APP_TITLE = "Calf Check"
FALLBACK_COUNTRY = "US"

MATERIAL_LOCALES = {
    "en": ft.Locale("en"),
    "es": ft.Locale("es"),
    "fr": ft.Locale("fr"),
    "pt_BR": ft.Locale("pt", "BR"),
    "ar": ft.Locale("ar"),
    "zh_Hans": ft.Locale("zh", script_code="Hans"),
    "hi": ft.Locale("hi"),
    "vi": ft.Locale("vi"),
}
"""Material's own strings (date pickers, tooltips) follow the app language."""

_engine: Engine | None = None


def engine() -> Engine:
    """The rules engine is stateless and shared by every session (translators are not)."""
    global _engine
    if _engine is None:
        _engine = Engine(default_content())
    return _engine


def device_tags(info: object) -> list[str]:
    """Preferred language tags from Flet's device info (browser languages on the web)."""
    tags: list[str] = []
    for attr in ("languages", "language", "locale"):
        value = getattr(info, attr, None)
        if isinstance(value, str):
            tags.append(value)
        elif isinstance(value, (list, tuple)):
            tags += [v for v in value if isinstance(v, str)]
    return tags


def guess_settings(tags: list[str], content: Content) -> tuple[str, str]:
    """(language, country) from the device's preferred tags; English and the US when nothing fits."""
    country = FALLBACK_COUNTRY
    for tag in tags:
        parts = tag.replace("_", "-").split("-")
        region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
        if region and region in content.country_by_code:
            country = region
            break
    return negotiate(tags), country


class PageHost:
    """Applies what the controller shows to the Flet page: views, direction, fonts, theme, locale."""

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self._lang: str | None = None

    async def push_route(self, route: str) -> None:
        await self.page.push_route(route)

    def present(self, route: str, views: list[ft.View], ctx: Ctx) -> None:
        page = self.page
        lang = ctx.tr.lang
        if lang != self._lang:
            self._lang = lang
            family = font_family_for(lang)
            page.fonts = fonts_for(lang)
            page.theme = make_theme(False, family)
            page.dark_theme = make_theme(True, family)
            page.locale_configuration = ft.LocaleConfiguration(
                supported_locales=list(MATERIAL_LOCALES.values()), current_locale=MATERIAL_LOCALES[lang]
            )
        page.rtl = ctx.tr.rtl
        page.views.clear()
        page.views.extend(views)
        # Send the new screen now rather than when the event handler ends (after saving to the device).
        page.update()


async def main(page: ft.Page) -> None:
    """Start a session: restore a check in progress, or guess language and country from the device."""
    page.title = APP_TITLE
    page.theme_mode = ft.ThemeMode.SYSTEM
    store = Store(ft.SharedPreferences())
    state, restore_failed = await store.load(engine())
    if state is None:
        state = AppState(engine())
        try:
            tags = device_tags(await page.get_device_info())
        except Exception:  # no device info: fall back to English and the US
            tags = []
        state.lang, state.country = guess_settings(tags, state.content)
    host = PageHost(page)
    ctl = Controller(state, store, host.push_route, host.present)
    if restore_failed:
        ctl.notice = "restore_failed"
    ctl.dark = page.platform_brightness == ft.Brightness.DARK

    async def on_route_change(e: ft.RouteChangeEvent) -> None:
        await ctl.open_route(e.route)

    async def on_view_pop(e: ft.ViewPopEvent) -> None:
        await ctl.back(e.route)

    def on_brightness(e: ft.PlatformBrightnessChangeEvent) -> None:
        ctl.dark = e.brightness == ft.Brightness.DARK
        ctl.render()

    page.on_route_change = on_route_change
    page.on_view_pop = on_view_pop
    page.on_platform_brightness_change = on_brightness
    await ctl.open_route(page.route)
    page.update()
