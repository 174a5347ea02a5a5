"""The app's style: Fusion, with checkboxes, radio buttons, field borders and focus rings
drawn so that they show in the dark as well as in the light (Fusion derives them from the
window colour, which makes them all but vanish on a dark palette)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from skillpath.desktop import colours

_FIELDS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)


class SkillpathStyle(QProxyStyle):
    """Fusion with visible checkboxes, field outlines and focus rings in both palettes."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:  # fmt: skip
        if metric in (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight):
            return 16
        return super().pixelMetric(metric, option, widget)

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:  # fmt: skip
        e = QStyle.PrimitiveElement
        if element in (e.PE_IndicatorCheckBox, e.PE_IndicatorItemViewItemCheck):
            self._check_box(option, painter)
            return
        if element == e.PE_IndicatorRadioButton:
            self._radio(option, painter)
            return
        if element == e.PE_FrameFocusRect:
            self._focus_ring(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), painter)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == e.PE_FrameLineEdit or (element == e.PE_PanelLineEdit and widget is None):
            self._outline(option, painter)

    def drawComplexControl(
        self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().drawComplexControl(control, option, painter, widget)
        if control in _FIELDS and getattr(option, "frame", True):
            self._outline(option, painter)

    # ------------------------------------------------------------ drawing

    def _outline(self, option: QStyleOption, painter: QPainter) -> None:
        """A field's border: visible in both palettes, the accent when it has the focus."""
        state = option.state
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        colour = colours.color("accent" if focused else "border")
        if not enabled:
            colour.setAlphaF(0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        width = 2.0 if focused else 1.0
        painter.setPen(QPen(colour, width))
        inset = width / 2
        painter.drawRoundedRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset), 3, 3)
        painter.restore()

    def _focus_ring(self, rect: QRectF, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colours.color("accent"), 2))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.restore()

    def _radio(self, option: QStyleOption, painter: QPainter) -> None:
        """A radio button's circle, drawn like the checkboxes: a visible ring, an accent dot
        when chosen."""
        state = option.state
        on = bool(state & QStyle.StateFlag.State_On)
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        size = min(option.rect.width(), option.rect.height(), 18)
        ring = QRectF(0, 0, size, size)
        ring.moveCenter(QRectF(option.rect).center())
        ring.adjust(1, 1, -1, -1)
        accent = colours.color("accent" if on else "border")
        if not enabled:
            accent.setAlphaF(0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(colours.color("base"))
        painter.drawEllipse(ring)
        if on:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            dot = ring.width() * 0.28
            painter.drawEllipse(ring.center(), dot, dot)
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colours.color("accent"), 2))
            painter.drawEllipse(ring.adjusted(-2, -2, 2, 2))
        painter.restore()

    def _check_box(self, option: QStyleOption, painter: QPainter) -> None:
        state = option.state
        on = bool(state & QStyle.StateFlag.State_On)
        partly = bool(state & QStyle.StateFlag.State_NoChange)
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        size = min(option.rect.width(), option.rect.height(), 18)
        box = QRectF(0, 0, size, size)
        box.moveCenter(QRectF(option.rect).center())
        box.adjust(1, 1, -1, -1)
        accent = colours.color("accent")
        border = colours.color("border")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if on or partly:
            fill = QColor(accent)
            if not enabled:
                fill.setAlphaF(0.5)
            painter.setPen(QPen(fill, 1))
            painter.setBrush(fill)
        else:
            if not enabled:
                border.setAlphaF(0.5)
            painter.setPen(QPen(border, 1.5))
            painter.setBrush(colours.color("base"))
        painter.drawRoundedRect(box, 3, 3)
        mark = QPen(colours.color("on-accent"), max(1.6, size / 8))
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        w, h, x, y = box.width(), box.height(), box.left(), box.top()
        if on:
            path = QPainterPath(QPointF(x + w * 0.24, y + h * 0.52))
            path.lineTo(QPointF(x + w * 0.43, y + h * 0.71))
            path.lineTo(QPointF(x + w * 0.77, y + h * 0.31))
            painter.drawPath(path)
        elif partly:
            painter.drawLine(QPointF(x + w * 0.27, y + h / 2), QPointF(x + w * 0.73, y + h / 2))
        if state & QStyle.StateFlag.State_HasFocus:
            self._focus_ring(box.adjusted(-2, -2, 2, 2), painter)
        painter.restore()
