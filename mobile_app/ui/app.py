"""The Flet entry point: one session per person, its language and country, theme, storage and routing."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import flet as ft

from mobile_app.core.engine import Engine, default_engine
from mobile_app.core.i18n import negotiate
from mobile_app.core.loader import Content

from .components.layout import body_column
from .context import Ctx
from .controller import Controller
from .fallback import SafetyNet
from .fonts import font_family_for, fonts_for
from .services import PageServices
from .state import AppState
from .store import RecordsStore, Store, open_storage
from .theme import make_theme
from .work import release_memory_soon

APP_TITLE = "Calf Check"
VIEW_FIELDS = ("appbar", "controls", "bottom_appbar", "bgcolor", "padding", "scroll")
"""What a screen sets on its View besides its route (components.layout.screen)."""
FALLBACK_COUNTRY = "US"
SETTLE_S = 0.1
"""How long the browser's history and the device's storage wait after a screen is sent (benchmarks/bench_taps.py:
a frame takes a phone well under this; a tap on Next is drawn sooner when nothing else competes with it)."""

FIRST_PARTS = 4
"""A new screen goes out with its first parts (what a phone shows before any scrolling) and the rest follows
SETTLE_S later: a phone draws a long screen's first frame sooner (benchmarks/bench_web.py, bench_taps.py)."""

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

def engine() -> Engine:
    """The rules engine is stateless and shared by every session (translators are not): the core's one engine."""
    return default_engine()


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


async def _device_tags(page: ft.Page) -> list[str]:
    try:
        return device_tags(await page.get_device_info())
    except Exception:  # no device info: fall back to English and the US
        return []


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
        self._top: ft.View | None = None
        self._under = ft.View()
        self._scroll: asyncio.Task[None] | None = None
        self._held: _Held | None = None
        self._held_task: asyncio.Task[None] | None = None

    async def push_route(self, route: str) -> None:
        await self.page.push_route(route)

    def let_go(self) -> None:
        """The session is gone: nothing is shown any more."""
        self._release_held()
        self._top = None
        self._under = ft.View()

    def flush(self, controls: Sequence[ft.Control]) -> None:
        """Send these changed controls now, before waiting for anything else."""
        self.page.update(*controls)

    def present(self, route: str, views: list[ft.View], ctx: Ctx, changed: Sequence[ft.Control] | None = None) -> None:
        page = self.page
        lang = ctx.tr.lang
        fonts = (lang, *ctx.extra_langs)
        whole_page = fonts != self._fonts or lang != self._lang or page.rtl != ctx.tr.rtl
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
        released = self._release_held()
        top, under = views[-1], views[:-1]
        if self._top is not None and top is not self._top and top.route == self._top.route:
            # The same screen again (after saving, deleting, choosing): keep its View so that it keeps its scroll
            # position, and give it the new content.
            for name in VIEW_FIELDS:
                setattr(self._top, name, getattr(top, name))
        else:
            # Another screen is a new View (the phone builds it fresh: no focus or state carried over), except
            # the check's next step, which is the same View shown again (views.check).
            if top is not self._top:
                self._hold_back(top)
            self._top = top
        stack = [self._top]
        if under:
            # A plain view for the screen Back leads to (only its route matters).
            self._under.route, self._under.bgcolor = under[-1].route, under[-1].bgcolor
            stack.insert(0, self._under)
        if [id(v) for v in page.views] != [id(v) for v in stack]:
            page.views[:] = stack
            whole_page = True
        # Send the new screen now rather than when the event handler ends (after saving to the device). Also
        # needed after a dialog: an event handler updates the page by itself only when nothing called update()
        # during it, and opening or closing a dialog does (a confirmed delete would otherwise not show).
        # Only the views are compared when nothing else on the page changed (the themes are big to compare).
        if whole_page:
            page.update()
        elif changed is not None and stack[-1] is top and not released:
            # The check's next step on the screen already shown: only what it changed is compared and sent
            # (comparing the whole screen costs the server far more: decision 14; benchmarks/bench_taps.py).
            page.update(*changed)
        else:
            page.update(*stack)

    def _hold_back(self, view: ft.View) -> None:
        """Keep a new screen's parts after the first FIRST_PARTS back; they are sent SETTLE_S later."""
        column = body_column(view)
        if column is None or len(column.controls) <= FIRST_PARTS:
            return
        self._held = _Held(view, column, column.controls[:FIRST_PARTS], column.controls[FIRST_PARTS:])
        del column.controls[FIRST_PARTS:]
        self._held_task = asyncio.create_task(self._send_held())

    def _release_held(self) -> bool:
        """Give the held-back parts to their screen now (the next update sends them, if it is still shown).
        Nothing is given back to a column its screen has refilled meanwhile (the check's notes)."""
        held, self._held = self._held, None
        if self._held_task is not None:
            self._held_task.cancel()
            self._held_task = None
        if held is None or [id(c) for c in held.column.controls] != [id(c) for c in held.first]:
            return False
        held.column.controls.extend(held.rest)
        return True

    async def _send_held(self) -> None:
        await asyncio.sleep(SETTLE_S)
        self._held_task = None  # done: a present() from now on must not cancel this send
        held = self._held
        if self._release_held() and held is not None and any(v is held.view for v in self.page.views):
            self.page.update(held.column)

    async def settle(self) -> None:
        """Give the phone time to draw what was just sent before sending it more work."""
        await asyncio.sleep(SETTLE_S)

    async def to_top(self) -> None:
        """Scroll the shown screen to its top without waiting for the phone: the request goes out now, ahead of
        the next step's questions (a task started here runs up to sending it when this yields once)."""
        if self._top is not None and self._top.page is not None:
            self._scroll = asyncio.create_task(_scroll_to_top(self._top))
            await asyncio.sleep(0)


@dataclass
class _Held:
    """A screen's column sent with its `first` parts only; `rest` follows."""

    view: ft.View
    column: ft.Column
    first: list[ft.Control]
    rest: list[ft.Control]


async def _scroll_to_top(view: ft.View) -> None:
    with contextlib.suppress(Exception):  # a closed session: there is no screen left to scroll
        await view.scroll_to(offset=0)


async def main(page: ft.Page) -> None:
    """Start a session: restore a check in progress, or guess language and country from the device.

    Nothing the device holds can stop the start (issue 17): unreadable values are set aside and the start screen
    says so; and should anything still fail, here or later inside any screen, the person gets the fallback screen
    with the emergency number and a way home (fallback.SafetyNet), never Flet's error page."""
    net = SafetyNet(page)
    net.install()
    try:
        await _start(page, net)
    except Exception as exc:

        async def again() -> None:
            await _start(page, net)

        net.home = again
        net.fail(exc)


def let_go(page: ft.Page, host: PageHost | None = None, ctl: Controller | None = None) -> None:
    """The server has dropped this session: let go of its screens and of everything its handlers hold (the
    controller, the records), then of the memory (issue 17).

    Flet can keep a dropped session object a while longer (its eviction loop holds the last one it dropped), and
    the page keeps copies of its last sent lists for diffing (`__prev_lists`) and its services (whose handlers lead
    to the controller): whatever that object still reaches stays, and pins far more memory than its own size."""
    with contextlib.suppress(Exception):
        page.views.clear()
        for name in ("on_route_change", "on_view_pop", "on_platform_brightness_change", "on_close"):
            setattr(page, name, None)
        for name in ("__prev_lists", "__prev_dicts", "__prev_classes"):
            page.__dict__.pop(name, None)
        page._services._services.clear()
        page.session.error = _ignore  # type: ignore[method-assign]  # was the safety net (fallback.SafetyNet.install)
    if host is not None:
        host.let_go()
    if ctl is not None:
        ctl.let_go()
    release_memory_soon()


def _ignore(message: str) -> None:
    """A dropped session's last handlers may still fail (their calls to the device are cancelled): no one to tell."""


def _number(country: str) -> str | None:
    try:
        return engine().content.country_by_code[country].emergency_number
    except Exception:
        return None


async def _start(page: ft.Page, net: SafetyNet) -> None:
    page.title = APP_TITLE
    page.theme_mode = ft.ThemeMode.SYSTEM
    prefs = ft.SharedPreferences()
    store = Store(prefs)
    records_store = RecordsStore(prefs)
    # Everything the first screen needs is asked of the device at once (one wait instead of six in a row).
    opened, tags = await asyncio.gather(open_storage(store, records_store, engine()), _device_tags(page))
    state, restore_failed, records = opened.state, opened.restore_failed, opened.records
    if state is None:
        state = AppState(engine())
        state.lang, state.country = guess_settings(tags, state.content)
    host = PageHost(page)

    async def on_picked(data: bytes | None) -> None:
        await ctl.diary.import_bytes(data)

    ctl = Controller(
        state,
        store,
        host.push_route,
        host.present,
        records=records,
        records_store=records_store,
        services=PageServices(page, on_picked),
        flush=host.flush,
        to_top=host.to_top,
        settle=host.settle,
    )
    net.settings = lambda: (ctl.state.lang, _number(ctl.state.country))
    net.home = ctl.recover
    if "?" in page.route:  # a clinic link: /?lang=es&country=MX&clinic=...&phone=...
        await ctl.clinic.apply_link(page.route.split("?", 1)[1])
    if restore_failed:
        ctl.session.notice = "restore_failed"
    ctl.session.dark = page.platform_brightness == ft.Brightness.DARK

    async def on_route_change(e: ft.RouteChangeEvent) -> None:
        # The controller sends what it shows itself; the browser confirming a route the app has just shown
        # needs nothing sent (Flet would otherwise compare the whole page once more after the handler).
        ft.context.disable_auto_update()  # type: ignore[no-untyped-call]
        await ctl.open_route(e.route)

    async def on_view_pop(e: ft.ViewPopEvent) -> None:
        # Only the top screen can be popped, and it shows the controller's route (the check's steps do not send
        # their route to the View they share).
        await ctl.back(ctl.route)

    def on_brightness(e: ft.PlatformBrightnessChangeEvent) -> None:
        # Flet 1.0.5 can deliver this event without its `brightness`: the page's own value is then current.
        brightness = getattr(e, "brightness", None) or page.platform_brightness
        ctl.session.dark = brightness == ft.Brightness.DARK
        ctl.render()

    async def on_connect(_: object) -> None:
        # The same tab came back to this session (a reload within the session's timeout, or a connection that
        # dropped for a moment). The last answer's write to the device may have been lost with the old page (the
        # device's storage is written by the page, after the server asks): in about 1 reload in 4 right after a
        # tap, the screen came back with the answer (this session holds it) but the device did not have it, and
        # a new tab reopened the check without it. So the check is written to the device again.
        ft.context.disable_auto_update()  # type: ignore[no-untyped-call]
        await ctl.store.save(ctl.state)

    page.on_route_change = on_route_change
    page.on_view_pop = on_view_pop
    page.on_connect = on_connect
    page.on_platform_brightness_change = on_brightness
    page.on_close = lambda _: let_go(page, host, ctl)  # the server dropped this session (server.SESSION_TIMEOUT_S)
    await ctl.open_route(page.route)
    page.update()
