"""The reports' charts (reportlab graphics): skill levels, lines over dates, weekly bars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.charts.lineplots import LinePlot  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]

from skillpath.core.report_fonts import SANS, register_fonts
from skillpath.core.report_pdf import ACCENT, ACCENT_LIGHT, INK, MUTED, RULE
from skillpath.core.report_text import plain
from skillpath.core.report_words import month_label

MAX_TICKS = 8
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000)
Line = tuple[
    str, Sequence[tuple[dt.date, float]], colors.Color, bool
]  # name, points, colour, dashed


def _axis_label(value: float) -> str:
    return f"{value:g}"


def _quiet_axis(axis: Any, font_size: float, grid: bool = False) -> None:
    """The house style of a chart axis: small muted labels, a light rule, an optional grid."""
    axis.labels.fontName = SANS
    axis.labels.fontSize = font_size
    axis.labels.fillColor = MUTED
    axis.strokeColor = RULE
    if grid:
        axis.visibleGrid = 1
        axis.gridStrokeColor = RULE
        axis.gridStrokeWidth = 0.3


def _legend(x: float, y: float, pairs: list[tuple[Any, str]], spacing: float) -> Legend:
    legend = Legend()
    legend.x = x
    legend.y = y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = spacing
    legend.dxTextSpace = 4
    legend.fontName = SANS
    legend.fontSize = 7.5
    legend.boxAnchor = "nw"
    legend.strokeColor = None
    legend.colorNamePairs = pairs
    return legend


def short_label(text: str, width: int) -> str:
    text = plain(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def level_chart(
    names: Sequence[str], current: Sequence[int], required: Sequence[int], width: float
) -> Drawing:
    """Horizontal bars: current and required level of each skill, in table order."""
    register_fonts()
    plot_height = 17.0 * len(names)
    label_width = min(190.0, width * 0.42)
    height = plot_height + 48
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 22
    chart.width = width - label_width - 10
    chart.height = plot_height
    # reportlab draws the first category at the bottom; reverse so the table order reads down
    chart.data = [list(reversed(required)), list(reversed(current))]
    chart.categoryAxis.categoryNames = [short_label(n, 34) for n in reversed(names)]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 5
    chart.valueAxis.valueStep = 1
    _quiet_axis(chart.valueAxis, 7.5, grid=True)
    chart.valueAxis.labelTextFormat = _axis_label
    chart.barWidth = 5
    chart.groupSpacing = 5
    chart.barSpacing = 1
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT_LIGHT
    chart.bars[1].fillColor = ACCENT
    drawing.add(chart)
    pairs = [(ACCENT, "Current level"), (ACCENT_LIGHT, "Required level")]
    drawing.add(_legend(label_width, height - 8, pairs, 90))
    drawing.add(
        String(
            label_width + chart.width / 2,
            4,
            "Level (0 none – 5 expert)",
            fontName=SANS,
            fontSize=7.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return drawing


def date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """At most MAX_TICKS dated ticks from `first` to `last`, each label different: weekly
    ("3 Aug") over short spans, else on the first of every 1, 2, 3, 6 or 12... months
    ("Aug 2026"), or of every few years ("2031")."""
    span = (last - first).days
    if span <= 7 * MAX_TICKS:
        step = 1 if span < MAX_TICKS else 7
        days = [first + dt.timedelta(days=step * n) for n in range(span // step + 1)]
        return [(d, f"{d.day} {month_label(d)[:3]}") for d in days]
    months = (last.year - first.year) * 12 + last.month - first.month
    every = next((m for m in _MONTH_STEPS if months / m < MAX_TICKS), _MONTH_STEPS[-1])
    index = first.year * 12 + first.month - 1 + (first.day > 1)  # the first 1st of a month
    if every >= 12:  # whole years, on round numbers
        index += -index % 12
        years = every // 12
        index += (-(index // 12) % years) * 12
    else:
        index += -index % every
    ticks: list[tuple[dt.date, str]] = []
    while index // 12 <= min(last.year, dt.MAXYEAR):
        day = dt.date(index // 12, index % 12 + 1, 1)
        if day > last:
            break
        ticks.append((day, str(day.year) if every >= 12 else month_label(day)))
        index += every
    return ticks


def line_chart(
    series: Sequence[Line],
    width: float,
    height: float,
    *,
    y_label: str,
    y_max: float | None = None,
) -> Drawing:
    """Lines over dates. Each series: (legend name, points, colour, dashed)."""
    register_fonts()
    drawing = Drawing(width, height)
    usable = [(n, pts, c, d) for n, pts, c, d in series if pts]
    if not usable:
        return drawing
    origin = min(p[0] for _, pts, _, _ in usable for p in pts)
    end = max(p[0] for _, pts, _, _ in usable for p in pts)
    span = max((end - origin).days, 1)
    plot = LinePlot()
    plot.x = 44
    plot.y = 30
    plot.width = width - 54
    plot.height = height - 58
    plot.data = [[((d - origin).days, v) for d, v in pts] for _, pts, _, _ in usable]
    for i, (_, _, colour, dashed) in enumerate(usable):
        plot.lines[i].strokeColor = colour
        plot.lines[i].strokeWidth = 1.1 if dashed else 1.6
        if dashed:
            plot.lines[i].strokeDashArray = [3, 2]
    ticks = {(d - origin).days: label for d, label in date_ticks(origin, end)}
    plot.xValueAxis.valueMin = 0
    plot.xValueAxis.valueMax = span
    plot.xValueAxis.valueSteps = sorted(ticks)
    plot.xValueAxis.labelTextFormat = lambda v: ticks.get(round(v), "")
    _quiet_axis(plot.xValueAxis, 7)
    top = y_max if y_max is not None else max(v for _, pts, _, _ in usable for _, v in pts)
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(top, 1) * (1 if y_max is not None else 1.05)
    _quiet_axis(plot.yValueAxis, 7, grid=True)
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    drawing.add(plot)
    drawing.add(_legend(plot.x, height - 6, [(c, n) for n, _, c, _ in usable], 120))
    drawing.add(
        String(
            plot.x, plot.y + plot.height + 4, y_label, fontName=SANS, fontSize=7, fillColor=MUTED
        )
    )
    return drawing


def bar_chart(
    labels: Sequence[str], values: Sequence[float], width: float, height: float, y_label: str
) -> Drawing:
    """Vertical bars, one per label (weeks)."""
    register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x = 44
    chart.y = 30
    chart.width = width - 54
    chart.height = height - 48
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(labels)
    _quiet_axis(chart.categoryAxis, 6.5)
    chart.categoryAxis.labels.angle = 45 if len(labels) > 10 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 10 else "n"
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin = 0
    _quiet_axis(chart.valueAxis, 7, grid=True)
    chart.valueAxis.labelTextFormat = _axis_label
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT
    chart.barWidth = 6
    drawing.add(chart)
    drawing.add(
        String(
            chart.x, chart.y + chart.height + 6, y_label, fontName=SANS, fontSize=7, fillColor=MUTED
        )
    )
    return drawing
