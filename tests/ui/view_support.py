"""Helpers for building screens from plain data in tests: a context whose actions must not be called, a check
answered up to a point or to its result."""

from __future__ import annotations

from mobile_app.core.engine import Engine
from mobile_app.core.i18n import Translator
from mobile_app.ui.context import Ctx
from mobile_app.ui.session import Session
from mobile_app.ui.state import AppState


class NoActions:
    """Views must build without calling anything."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"a view called {name} while being built")


def make_ctx(engine: Engine, *, who: str = "self", country: str = "US", answers: dict | None = None) -> Ctx:
    state = AppState(engine)
    state.choose_country(country)
    state.choose_who(who)
    state.begin()
    for f, v in (answers or {}).items():
        while state.current is not None and f not in state.current.findings:
            for g in state.current.findings:
                q = state.content.question_by_id[g]
                state.answers.setdefault(
                    g, 45 if q.type == "int" else q.options[0].value if q.type == "choice" else False
                )
            state.next()
        if state.current is not None:
            state.answer(f, v)
    return Ctx(state=state, session=Session(Translator("en")), app=NoActions())  # type: ignore[arg-type]


def finish(ctx: Ctx) -> None:
    while ctx.state.result is None:
        for f in ctx.state.current.findings:
            q = ctx.content.question_by_id[f]
            ctx.state.answers.setdefault(
                f, 45 if q.type == "int" else q.options[0].value if q.type == "choice" else False
            )
        ctx.state.next()
