"""Storage (round trip, corrupt data cleared and told) and routing (app Back, browser Back and Forward, reload)."""

from __future__ import annotations

import asyncio

from mobile_app.core.diary import load_set_aside
from mobile_app.core.engine import Engine
from mobile_app.ui import routes
from mobile_app.ui.state import AppState
from mobile_app.ui.store import KEY, SET_ASIDE_KEY, RecordsStore, Store, open_storage

from .conftest import FakePrefs, Harness, all_text, has_id


def finish_screen(h: Harness, value: object = False) -> None:
    for f in h.state.current.findings:
        q = h.state.content.question_by_id[f]
        v = 45 if q.type == "int" else q.options[0].value if q.type == "choice" else value
        h.run(h.ctl.answer(f, v))


def test_every_change_is_saved_under_one_key(app: Harness) -> None:
    app.run(app.ctl.start_check())
    app.run(app.ctl.choose_who("caregiver"))
    app.run(app.ctl.answer("chest_pain", False))
    assert list(app.prefs.data) == [KEY]
    restored, failed = asyncio.run(Store(app.prefs).load(app.state.engine))
    assert not failed and restored is not None
    assert restored.who == "caregiver" and restored.answers == {"chest_pain": False}


def test_a_check_survives_a_restart_of_the_app(engine: Engine, app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    finish_screen(app)
    app.run(app.ctl.next())
    state, failed = asyncio.run(Store(app.prefs).load(engine))
    assert state is not None and not failed
    again = Harness(state, app.prefs)
    again.run(again.ctl.open_route("/check/2"))
    assert again.top.route == "/check/2"
    assert has_id(again.top, f"answer-{state.steps[1].findings[0]}-yes")


def test_corrupt_stored_data_is_cleared_and_the_person_told(engine: Engine) -> None:
    prefs = FakePrefs()
    bad = '{"schema": 1, "lang": "en", "answers": {"chest_pain": "maybe"}}'
    prefs.data[KEY] = bad
    opened = asyncio.run(open_storage(Store(prefs), RecordsStore(prefs), engine))
    assert opened.state is None and opened.restore_failed and KEY not in prefs.data
    assert load_set_aside(prefs.data[SET_ASIDE_KEY]) == [bad], "kept aside before it was cleared (issue 17)"
    h = Harness(AppState(engine), prefs)
    h.ctl.session.notice = "restore_failed"
    h.run(h.ctl.open_route("/"))
    assert has_id(h.top, "restore-failed-note")
    assert "could not restore" in all_text(h.top)


def test_storage_failure_never_stops_the_check(engine: Engine) -> None:
    class Broken(FakePrefs):
        async def get(self, key: str) -> object:
            raise RuntimeError("storage is gone")

        async def set(self, key: str, value: str) -> bool:
            raise RuntimeError("storage is gone")

    prefs = Broken()
    assert asyncio.run(Store(prefs).load(engine)) == (None, False)
    h = Harness(AppState(engine), prefs)
    h.run(h.ctl.choose_who("self"))
    assert h.top.route == "/check/1"


def test_clear_my_answers_removes_the_stored_check(app: Harness) -> None:
    app.run(app.ctl.choose_who("self"))
    app.run(app.ctl.answer("chest_pain", True))
    app.run(app.ctl.go("/"))
    app.click("clear-answers")
    assert KEY not in app.prefs.data
    assert app.state.answers == {} and not app.state.in_progress
    assert has_id(app.top, "cleared-note") and has_id(app.top, "start-button")


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
