"""The diary's two charts (flet_charts): cramps (and exercise sessions) per week and pain over time, readable from
320 px wide.

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


def session_color(ctx: Ctx) -> str:
    """Exercise sessions' bars: the muted text colour (grey), apart from the cramps' teal by lightness as well as
    hue, in light and dark; the legend and the text summary say which is which."""
    return ctx.colors.on_surface_variant


def weekly_chart(
    ctx: Ctx, weekly: list[tuple[dt.date, int]], summary: str, sessions: list[int] | None = None
) -> ft.Control:
    """Bars of cramps per calendar week (oldest on the left); with `sessions` (exercise sessions in the same weeks,
    issue 21), a second, narrower bar beside each week's cramps. Every other week is labelled with its Monday, the
    current week included: eight labels do not fit side by side at 320 px."""
    import flet_charts as fch  # here, not at the top: it slows every start of the browser build (decision 26)

    c = ctx.colors
    both = sessions is not None and len(sessions) == len(weekly)
    top = max([n for _, n in weekly] + (list(sessions or []) if both else []) + [3])

    def rods(i: int, n: int) -> list[fch.BarChartRod]:
        cramps = fch.BarChartRod(
            from_y=0, to_y=n, width=12 if both else 16, color=c.primary, border_radius=4, tooltip=ctx.tr.number(n)
        )
        if not both or sessions is None:
            return [cramps]
        m = sessions[i]
        return [
            cramps,
            fch.BarChartRod(
                from_y=0, to_y=m, width=12, color=session_color(ctx), border_radius=4, tooltip=ctx.tr.number(m)
            ),
        ]

    groups = [fch.BarChartGroup(x=i, rods=rods(i, n), spacing=2) for i, (_, n) in enumerate(weekly)]
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


def chart_legend(ctx: Ctx) -> ft.Control:
    """Which bar is which, under the weekly chart when exercise sessions are drawn (the chart's label says it all
    to a screen reader, so this is not read twice)."""

    def key(color: str, text: str) -> ft.Control:
        swatch = ft.Container(width=14, height=14, bgcolor=color, border_radius=3)
        return ft.Row(controls=[swatch, ft.Text(text, size=LABEL_SIZE + 2)], spacing=6, tight=True)

    row = ft.Row(
        controls=[key(ctx.colors.primary, ctx.tr.t("Cramps")), key(session_color(ctx), ctx.tr.t("Exercise sessions"))],
        wrap=True,
        spacing=16,
        run_spacing=4,
    )
    return ft.Semantics(identifier="diary-chart-legend", content=row, exclude_semantics=True)


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
