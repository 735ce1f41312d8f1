"""The Flet entry point: one session per person, its language and country, theme, storage and routing."""

from __future__ import annotations

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import negotiate
from mobile_app.core.loader import Content, default_content

from .context import Ctx
from .controller import Controller
from .fonts import font_family_for, fonts_for
from .services import PageServices
from .state import AppState
from .store import RecordsStore, Store
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
        self._fonts: tuple[str, ...] = ()

    async def push_route(self, route: str) -> None:
        await self.page.push_route(route)

    def present(self, route: str, views: list[ft.View], ctx: Ctx) -> None:
        page = self.page
        lang = ctx.tr.lang
        fonts = (lang, *ctx.extra_langs)
        if fonts != self._fonts:
            # The summary for a doctor can show a second language: its script's font is registered too.
            self._fonts = fonts
            page.fonts = {k: v for code in fonts for k, v in fonts_for(code).items()}
        if lang != self._lang:
            self._lang = lang
            family = font_family_for(lang)
            page.theme = make_theme(False, family)
            page.dark_theme = make_theme(True, family)
            page.locale_configuration = ft.LocaleConfiguration(
                supported_locales=list(MATERIAL_LOCALES.values()), current_locale=MATERIAL_LOCALES[lang]
            )
        page.rtl = ctx.tr.rtl
        if [v.route for v in page.views] == [v.route for v in views]:
            # The same screens again (after saving, deleting, choosing): keep the View objects so the
            # screen keeps its scroll position, and give them the new content.
            for old, new in zip(page.views, views, strict=True):
                for name in ("appbar", "controls", "bottom_appbar", "bgcolor", "padding", "scroll"):
                    setattr(old, name, getattr(new, name))
        else:
            page.views.clear()
            page.views.extend(views)
        # Send the new screen now rather than when the event handler ends (after saving to the device). Also
        # needed after a dialog: an event handler updates the page by itself only when nothing called update()
        # during it, and opening or closing a dialog does (a confirmed delete would otherwise not show).
        page.update()


async def main(page: ft.Page) -> None:
    """Start a session: restore a check in progress, or guess language and country from the device."""
    page.title = APP_TITLE
    page.theme_mode = ft.ThemeMode.SYSTEM
    prefs = ft.SharedPreferences()
    store = Store(prefs)
    records_store = RecordsStore(prefs)
    records = await records_store.load()
    state, restore_failed = await store.load(engine())
    if state is None:
        state = AppState(engine())
        try:
            tags = device_tags(await page.get_device_info())
        except Exception:  # no device info: fall back to English and the US
            tags = []
        state.lang, state.country = guess_settings(tags, state.content)
    host = PageHost(page)

    async def on_picked(data: bytes | None) -> None:
        await ctl.import_bytes(data)

    ctl = Controller(
        state,
        store,
        host.push_route,
        host.present,
        records=records,
        records_store=records_store,
        services=PageServices(page, on_picked),
    )
    if "?" in page.route:  # a clinic link: /?lang=es&country=MX&clinic=...&phone=...
        await ctl.apply_link(page.route.split("?", 1)[1])
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
