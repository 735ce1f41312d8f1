"""The served Material icon font is a subset (decision 39): every icon the app names, and those Flutter's own widgets
draw, must look exactly as with flet-web's whole font. A page showing all of them is drawn twice, once as served and
once with the whole font put in its place, and the two screenshots must be the same pixels (an icon left out of the
subset is drawn blank)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from tests.e2e.e2e_support import REPO, free_port, launch_phone, python_command, running_server

sys.path.insert(0, str(REPO / "tools"))
from subset_fonts import FRAMEWORK_ICONS, ICON_STYLES, MATERIAL_ICONS_SOURCE, app_icon_names

pytestmark = pytest.mark.e2e

_STYLE_SUFFIX = {"baseline": "", "outlined": "_OUTLINED", "rounded": "_ROUNDED", "sharp": "_SHARP"}
ICONS = sorted(app_icon_names() | {f"{i.upper()}{_STYLE_SUFFIX[s]}" for i in FRAMEWORK_ICONS for s in ICON_STYLES})
PER_PAGE = 160  # 40 px cells, 8 to a row: one 412 x 915 phone screen each

_PAGE = """
import os
import flet as ft
from mobile_app.server import serve

NAMES = {names!r}

def main(page: ft.Page) -> None:
    page.padding = 0
    page.bgcolor = ft.Colors.WHITE

    def show(route: str) -> None:
        start = int(route.strip("/") or 0) * {per_page}
        icons = []
        for name in NAMES[start:start + {per_page}]:
            try:
                icon = getattr(ft.Icons, name)
            except (AttributeError, KeyError):
                continue
            icons.append(ft.Container(ft.Icon(icon, size=32, color=ft.Colors.BLACK), width=40, height=40))
        page.controls[:] = [ft.Row(icons, wrap=True, spacing=0, run_spacing=0, width=320)]
        page.update()

    page.on_route_change = lambda e: show(e.route)
    show(page.route)

serve(os.environ["HOST"], int(os.environ["PORT"]), main=main)
"""


@pytest.fixture(scope="module")
def icon_page_url(tmp_path_factory: pytest.TempPathFactory, chromium: Path) -> Iterator[str]:
    work = tmp_path_factory.mktemp("icons")
    script = work / "icons.py"
    script.write_text(_PAGE.format(names=ICONS, per_page=PER_PAGE), encoding="utf-8")
    with running_server(python_command(str(script)), free_port(), work / "server.log") as url:
        yield url


def _draw(playwright: Playwright, url: str, profile: Path, *, whole_font: bool) -> list[bytes]:
    context = launch_phone(playwright, profile)
    try:
        if whole_font:
            body = MATERIAL_ICONS_SOURCE.read_bytes()
            context.route("**/fonts/MaterialIcons-Regular.otf", lambda r: r.fulfill(body=body, content_type="font/otf"))
        page = context.pages[0] if context.pages else context.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url) if "MaterialIcons" in r.url else None)
        shots = []
        for number in range((len(ICONS) + PER_PAGE - 1) // PER_PAGE):
            page.goto(f"{url}{number}")
            page.wait_for_function("document.querySelector('flutter-view') !== null", timeout=60_000)
            page.wait_for_timeout(3000)  # the session's screen and the icon font drawn
            shots.append(page.screenshot())
        assert requested and all(u.endswith("/fonts/MaterialIcons-Regular.otf") for u in requested), requested
        return shots
    finally:
        context.close()


def test_every_icon_looks_as_with_the_whole_font(playwright_session: Playwright, icon_page_url: str, tmp_path: Path):
    served = _draw(playwright_session, icon_page_url, tmp_path / "served", whole_font=False)
    whole = _draw(playwright_session, icon_page_url, tmp_path / "whole", whole_font=True)
    differ = [i for i, (a, b) in enumerate(zip(served, whole, strict=True)) if a != b]
    if differ:
        out = REPO / "test-artifacts" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        for i in differ:
            (out / f"icons-{i}-served.png").write_bytes(served[i])
            (out / f"icons-{i}-whole.png").write_bytes(whole[i])
    assert not differ, f"icon pages {differ} differ from the whole font's (test-artifacts/screenshots/icons-*.png)"
