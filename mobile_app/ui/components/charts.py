"""The diary's two charts (flet_charts): cramps per week and pain over time, readable from 320 px wide.

Each chart carries the diary's text summary as its screen-reader label; the same text is shown beside it.
"""

from __future__ import annotations

import datetime as dt

import flet as ft

from ..context import Ctx
from ..texts import day_month, short_day

CHART_HEIGHT = 190
LABEL_SIZE = 12


def _label(ctx: Ctx, text: str) -> ft.Text:
    return ft.Text(
        text, size=LABEL_SIZE, color=ctx.colors.on_surface_variant, no_wrap=True, text_align=ft.TextAlign.CENTER
    )


def _count_ticks(top: int) -> list[int]:
    step = 1 if top <= 5 else 2 if top <= 10 else max(1, round(top / 5))
    return list(range(0, top + 1, step))


def weekly_chart(ctx: Ctx, weekly: list[tuple[dt.date, int]], summary: str) -> ft.Control:
    """Bars of cramps per calendar week (oldest on the left). Every other week is labelled with its Monday, the
    current week included: eight labels do not fit side by side at 320 px."""
    import flet_charts as fch  # here, not at the top: it slows every start of the browser build (decision 26)

    c = ctx.colors
    top = max([n for _, n in weekly] + [3])
    groups = [
        fch.BarChartGroup(
            x=i,
            rods=[
                fch.BarChartRod(
                    from_y=0,
                    to_y=n,
                    width=16,
                    color=c.primary,
                    border_radius=4,
                    tooltip=ctx.tr.number(n),
                )
            ],
        )
        for i, (_, n) in enumerate(weekly)
    ]
    chart = fch.BarChart(
        groups=groups,
        min_y=0,
        max_y=top,
        interactive=False,
        left_axis=fch.ChartAxis(
            label_size=28,
            label_spacing=_count_ticks(top)[1],
            labels=[fch.ChartAxisLabel(value=v, label=_label(ctx, ctx.tr.number(v))) for v in _count_ticks(top)],
        ),
        bottom_axis=fch.ChartAxis(
            label_size=26,
            label_spacing=1,
            labels=[
                fch.ChartAxisLabel(value=i, label=_label(ctx, short_day(ctx.tr, d)))
                for i, (d, _) in enumerate(weekly)
                if (len(weekly) - 1 - i) % 2 == 0
            ],
        ),
        horizontal_grid_lines=fch.ChartGridLines(interval=_count_ticks(top)[1], color=c.outline, width=0.5),
        border=ft.Border.only(bottom=ft.BorderSide(1, c.outline), left=ft.BorderSide(1, c.outline)),
        height=CHART_HEIGHT,
        rtl=False,
    )
    return ft.Semantics(
        identifier="diary-chart-weekly", label=summary, content=chart, container=True, exclude_semantics=True
    )


def pain_chart(ctx: Ctx, points: list[tuple[dt.datetime, int]], start: dt.date, summary: str) -> ft.Control:
    """Pain (0 to 10) of every cramp over the same 8 weeks, day by day from `start`."""
    import flet_charts as fch  # here, not at the top: it slows every start of the browser build (decision 26)

    c = ctx.colors
    days = 7 * 8
    data = [
        fch.LineChartDataPoint(x=round((w - dt.datetime.combine(start, dt.time())).total_seconds() / 86400, 2), y=p)
        for w, p in points
    ]
    series = fch.LineChartData(
        points=data,
        color=c.primary,
        stroke_width=3,
        point=fch.ChartCirclePoint(radius=5, color=c.primary, stroke_width=0),
        curved=False,
    )
    ticks = [0, 14, 28, 42]  # two-week steps; a label at the right edge would be cut off
    chart = fch.LineChart(
        data_series=[series],
        min_x=0,
        max_x=days,
        min_y=0,
        max_y=10,
        interactive=False,
        left_axis=fch.ChartAxis(
            label_size=28,
            label_spacing=5,
            labels=[fch.ChartAxisLabel(value=v, label=_label(ctx, ctx.tr.number(v))) for v in (0, 5, 10)],
        ),
        bottom_axis=fch.ChartAxis(
            label_size=26,
            label_spacing=14,
            labels=[
                fch.ChartAxisLabel(value=x, label=_label(ctx, day_month(ctx.tr, start + dt.timedelta(days=x))))
                for x in ticks
            ],
        ),
        horizontal_grid_lines=fch.ChartGridLines(interval=5, color=c.outline, width=0.5),
        border=ft.Border.only(bottom=ft.BorderSide(1, c.outline), left=ft.BorderSide(1, c.outline)),
        height=CHART_HEIGHT,
        rtl=False,
    )
    return ft.Semantics(
        identifier="diary-chart-pain", label=summary, content=chart, container=True, exclude_semantics=True
    )
