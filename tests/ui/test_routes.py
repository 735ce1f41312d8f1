"""Routing without a browser (routes.py, screens.py, the controller): the route table, app Back, browser Back and
Forward, reloads, deep links, late confirmations."""

from __future__ import annotations

from mobile_app.core.engine import Engine
from mobile_app.ui import routes
from mobile_app.ui.state import AppState

from .conftest import FakePrefs, Harness, finish_screen, has_id
from .followup_support import diary_app, finish_check


def test_route_parsing() -> None:
    assert routes.parse("/check/3") == routes.Route(routes.CHECK, 3)
    assert routes.parse("/check/3").url == "/check/3" and routes.parse("/check/3").exact
    assert routes.parse("/when-to-see-doctor/") == routes.Route(routes.DOCTOR, 0)
    assert not routes.parse("/when-to-see-doctor/").exact
    assert routes.parse("/check/0") == routes.Route(routes.START, 0)
    assert routes.parse("/nowhere") == routes.Route(routes.START, 0)
    assert routes.parse(None) == routes.Route(routes.START, 0)
    assert routes.parse("/?lang=es") == routes.Route(routes.START) and not routes.parse("/?lang=es").exact


def test_every_path_has_one_screen() -> None:
    from mobile_app.ui import screens

    assert set(screens.SCREENS) == {*routes.PLAIN, routes.CHECK}


def test_app_back_and_browser_back_agree(app: Harness) -> None:
    app.click("start-button")
    app.click("who-self")
    finish_screen(app)
    app.click("next-button")
    finish_screen(app)
    app.click("next-button")
    assert app.top.route == "/check/3"
    # The app's Back button.
    app.click("back-button")
    assert app.top.route == "/check/2" and len(app.state.steps) == 2
    # The browser's Back: the route changes on its own.
    app.run(app.ctl.open_route("/check/1"))
    assert len(app.state.steps) == 1 and app.top.route == "/check/1"
    # The browser's Forward over a finished screen is Next.
    app.run(app.ctl.open_route("/check/2"))
    assert len(app.state.steps) == 2 and app.top.route == "/check/2"
    # Forward to a screen that does not exist yet goes to the current one.
    app.run(app.ctl.open_route("/check/7"))
    assert app.top.route == "/check/2"
    # Back from the first screen goes to "who", forgetting the check.
    app.run(app.ctl.open_route("/check/1"))
    app.click("back-step")
    assert app.top.route == "/who" and app.state.steps == []


def test_result_back_and_change_answer(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    app.run(app.ctl.answer("chest_pain", True))
    assert app.top.route == "/result", "an emergency answer shows the emergency result at once (no Next)"
    app.click("back-button")
    assert app.top.route == "/check/1" and app.state.result is None
    app.run(app.ctl.next())
    app.click("change-answer-1")
    assert app.top.route == "/check/1" and app.state.answers["chest_pain"] is True


def test_deep_links_without_a_check_go_somewhere_sensible(app: Harness) -> None:
    app.run(app.ctl.open_route("/result"))
    assert app.top.route == "/"
    app.run(app.ctl.open_route("/check/4"))
    assert app.top.route == "/who"
    app.run(app.ctl.open_route("/medicines"))
    assert app.top.route == "/medicines"


def test_every_screen_but_start_has_a_screen_below_it(app: Harness) -> None:
    app.run(app.ctl.go("/about"))
    assert [v.route for v in app.views] == ["/", "/about"]
    app.run(app.ctl.go("/"))
    assert [v.route for v in app.views] == ["/"]


def test_start_again_forgets_the_check(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    app.run(app.ctl.answer("chest_pain", True))
    app.run(app.ctl.next())
    app.click("start-again")
    assert app.top.route == "/" and not app.state.in_progress and has_id(app.top, "start-button")


def test_late_confirmations_from_the_browser_never_step_back(engine: Engine) -> None:
    """Taps faster than the device: the browser confirms /about after the person has already gone on to /clinic.
    The late confirmation must not show /about again (the person would type into the wrong screen)."""

    class Slow(Harness):
        async def _push(self, route: str) -> None:
            self.pushed.append(route)  # the route change comes back later (see below)

    h = Slow(AppState(engine), FakePrefs())
    h.run(h.ctl.open_route(routes.START))
    h.run(h.ctl.go(routes.ABOUT))
    h.run(h.ctl.go(routes.CLINIC))
    assert h.pushed == [routes.ABOUT, routes.CLINIC] and h.top.route == routes.CLINIC
    for route in h.pushed:
        h.run(h.ctl.open_route(route))
        assert h.top.route == routes.CLINIC, f"the confirmation of {route} changed the screen"
    h.run(h.ctl.open_route(routes.ABOUT))  # now a real browser Back
    assert h.top.route == routes.ABOUT
    h.run(h.ctl.go(routes.ABOUT))
    assert h.pushed == [routes.ABOUT, routes.CLINIC], "the browser is already there: nothing to push"


def test_new_screens_are_reachable_from_start_and_result_and_back_works(engine: Engine) -> None:
    h = diary_app(engine)
    for route, button in ((routes.DIARY, "open-diary"), (routes.SUMMARY, "open-summary")):
        h.run(h.ctl.go(routes.START))
        h.click(button)
        assert h.top.route == route
        h.click("back-button")
        assert h.top.route == routes.START
    finish_check(h, {"relieved_by_stretching": True})
    for route, button in ((routes.DIARY, "open-diary"), (routes.SUMMARY, "open-summary")):
        h.click(button)
        assert h.top.route == route
        h.click("back-button")
        assert h.top.route == routes.RESULT
    # The summary opened from the diary goes back to the diary, and the diary back to where it came from.
    h.click("open-diary")
    h.click("open-summary")
    assert [v.route for v in h.views] == [routes.DIARY, routes.SUMMARY]
    h.click("back-button")
    assert h.top.route == routes.DIARY
    h.click("back-button")
    assert h.top.route == routes.RESULT
