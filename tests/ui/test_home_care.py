"""Home care shows what fits the answers first (issue 14): after ordinary night cramps, the stretches come first
and heat cramps or a pulled muscle wait behind "Other situations"; without a result, everything is shown."""

from __future__ import annotations

import flet as ft

from mobile_app.core.engine import Engine
from mobile_app.ui import routes
from mobile_app.ui.screens import build_view
from mobile_app.ui.views.home_care import HOME_CARE_IDS, fitting_first, home_care_items

from .conftest import by_id, has_id, walk
from .view_support import finish, make_ctx

NIGHT_CRAMPS = {"relieved_by_stretching": True, "cramps_at_night_or_rest": True}


def test_night_cramps_put_the_stretches_first_and_the_rest_behind_other_situations(engine: Engine) -> None:
    ctx = make_ctx(engine, answers=NIGHT_CRAMPS)
    finish(ctx)
    result = ctx.state.result
    assert result is not None and result.level == "self_care"
    fits, others = fitting_first(home_care_items(ctx), result)
    assert fits[0].id == "calf_stretch"
    assert "heat_cramp_care" in [a.id for a in others] and "strain_care" in [a.id for a in others]
    view = build_view(ctx, routes.HOME_CARE)
    behind = by_id(view, "other-situations")
    tile = next(c for c in walk(behind) if isinstance(c, ft.ExpansionTile))
    assert not tile.expanded
    assert has_id(behind, "advice-heat_cramp_care") and not has_id(behind, "advice-calf_stretch")
    ids = [
        c.identifier for c in walk(view) if isinstance(c, ft.Semantics) and (c.identifier or "").startswith("advice-")
    ]
    assert ids.index("advice-calf_stretch") < ids.index("advice-heat_cramp_care")


def test_heat_cramps_come_first_when_the_answers_point_to_them(engine: Engine) -> None:
    answers = {"hot_weather_heavy_sweating": True, "cramps_with_exercise": True}
    ctx = make_ctx(engine, answers=answers)
    finish(ctx)
    result = ctx.state.result
    assert result is not None
    assert result.level == "self_care"
    fits, others = fitting_first(home_care_items(ctx), result)
    assert "heat_cramp_care" in [a.id for a in fits] and "strain_care" in [a.id for a in others]


def test_without_a_result_every_home_care_item_is_shown_in_order(engine: Engine) -> None:
    ctx = make_ctx(engine)
    view = build_view(ctx, routes.HOME_CARE)
    assert not has_id(view, "other-situations")
    for advice_id in HOME_CARE_IDS:
        assert has_id(view, f"advice-{advice_id}")
