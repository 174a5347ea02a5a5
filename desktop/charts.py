"""Small painted charts: skill levels against what a role requires, and lines over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from skillpath.desktop import theme


@dataclass(frozen=True)
class LevelBar:
    name: str
    current: int
    required: int


class LevelChart(QWidget):
    """Horizontal bars: the person's level (filled) against the required level (outline)."""

    @property
    def row(self) -> int:
        """A bar's height: the text's, with room around it."""
        return max(22, self.fontMetrics().height() + 8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[LevelBar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName("Chart of current against required skill levels")

    def set_bars(self, bars: list[LevelBar]) -> None:
        self._bars = bars
        self.setMinimumHeight(self.row * len(bars) + 40)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().averageCharWidth() * 60, self.row * max(1, len(self._bars)) + 40
        )

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        fm = p.fontMetrics()
        widest = max((fm.horizontalAdvance(b.name) for b in self._bars), default=80) + 12
        label_w = min(widest, int(self.width() * 0.4))  # the bars keep most of the room
        left = label_w
        right = self.width() - 16
        top = 8
        span = max(1, right - left)
        # grid: levels 0..5
        p.setPen(QPen(theme.color("grid"), 1))
        for level in range(6):
            x = left + span * level / 5
            p.drawLine(QPointF(x, top), QPointF(x, top + self.row * len(self._bars)))
        small = QFont(p.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.setPen(theme.color("muted"))
        for level in range(6):
            x = left + span * level / 5
            p.drawText(
                QRectF(x - 10, top + self.row * len(self._bars) + 2, 20, 16),
                Qt.AlignmentFlag.AlignCenter,
                str(level),
            )
        p.setFont(self.font())
        for i, bar in enumerate(self._bars):
            y = top + i * self.row
            p.setPen(text)
            p.drawText(
                QRectF(0, y, label_w - 8, self.row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(bar.name, Qt.TextElideMode.ElideRight, label_w - 10),
            )
            box = QRectF(left, y + 5, span * bar.required / 5, self.row - 10)
            p.setPen(QPen(theme.color("required"), 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(box, 3, 3)
            fill = QRectF(left, y + 5, span * min(bar.current, 5) / 5, self.row - 10)
            met = bar.current >= bar.required
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(theme.color("good") if met else theme.color("accent"))
            p.drawRoundedRect(fill, 3, 3)
        p.end()


@dataclass(frozen=True)
class Series:
    name: str
    points: list[tuple[dt.date, float]]
    color: str  # a theme colour name


class TrendChart(QWidget):
    """Lines over dates, with a light grid and a legend; empty state says so."""

    def __init__(self, empty_text: str, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: list[Series] = []
        self._empty = empty_text
        self._unit = unit
        self._ceiling: float | None = None
        self.setMinimumHeight(self.fontMetrics().height() * 9)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(empty_text if not unit else "Chart over time")

    def set_series(self, series: list[Series], ceiling: float | None = None) -> None:
        self._series = [s for s in series if s.points]
        self._ceiling = ceiling
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 50, self.fontMetrics().height() * 12)

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        muted = theme.color("muted")
        if not self._series:
            p.setPen(muted)
            p.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty
            )
            p.end()
            return
        dates = [d for s in self._series for d, _ in s.points]
        values = [v for s in self._series for _, v in s.points]
        d0, d1 = min(dates), max(dates)
        if d1 == d0:
            d1 = d0 + dt.timedelta(days=1)
        vmax = self._ceiling or max(values) or 1
        fm = p.fontMetrics()
        left = 8 + fm.horizontalAdvance(f"{vmax:,.0f}{self._unit}") + 6
        right = self.width() - 12
        top, bottom = fm.height() + 12, self.height() - fm.height() - 8
        w, h = max(1, right - left), max(1, bottom - top)

        def xy(day: dt.date, value: float) -> QPointF:
            return QPointF(left + w * (day - d0).days / (d1 - d0).days, bottom - h * value / vmax)

        # as many value lines as have room for their labels (at least the bottom and top)
        steps = 4 if h / 4 >= fm.height() + 2 else (2 if h / 2 >= fm.height() + 2 else 1)
        for i in range(steps + 1):
            y = bottom - h * i / steps
            p.setPen(QPen(theme.color("grid"), 1))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(muted)
            p.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{vmax * i / steps:,.0f}{self._unit}",
            )
        # the first and last dates, the last only when it does not run into the first
        p.setPen(muted)
        first, last = str(d0), str(d1)
        label_w = fm.horizontalAdvance(first) + 4
        row = QRectF(left, bottom + 4, label_w, fm.height())
        p.drawText(row, Qt.AlignmentFlag.AlignLeft, first)
        if w >= 2 * label_w + 12:
            p.drawText(
                QRectF(right - label_w, bottom + 4, label_w, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                last,
            )
        legend_x = left
        for series in self._series:
            colour = QColor(theme.color(series.color))
            path = QPainterPath(xy(*series.points[0]))
            for point in series.points[1:]:
                path.lineTo(xy(*point))
            p.setPen(QPen(colour, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            if len(series.points) == 1:
                p.setBrush(colour)
                p.drawEllipse(xy(*series.points[0]), 3, 3)
            p.fillRect(QRectF(legend_x, 4 + (fm.height() - 10) / 2, 10, 10), colour)
            p.setPen(self.palette().windowText().color())
            p.drawText(QPointF(legend_x + 14, 4 + fm.ascent()), series.name)
            legend_x += 14 + fm.horizontalAdvance(series.name) + 18
        p.end()
