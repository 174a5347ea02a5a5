"""Small widgets the screens share: headings, a card frame, a key-value grid, a split that
turns from side by side to one above the other on narrow windows, a row that wraps."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.models import Skill

AnyIndex = QModelIndex | QPersistentModelIndex


def heading(text: str, size: float = 1.6, wraps: bool = True) -> QLabel:
    """A bold title; it wraps rather than widen the window (titles carry typed text)."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles carry typed text: never markup
    label.setWordWrap(wraps)
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def wrap(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Card(QFrame):
    """A framed box with a title, for dashboard tiles and detail panes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.title = heading(title, 1.1)
        self.setAccessibleName(title)
        self.body.addWidget(self.title)


class Facts(QWidget):
    """A two-column grid of names and values, rebuilt on `set_rows`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        """Show `rows` of (name, value); each value is HTML, with typed text escaped."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        for r, (name, value) in enumerate(rows):
            key = muted(name)
            key.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            val = wrap(value)
            val.setTextFormat(Qt.TextFormat.RichText)  # callers pass escaped HTML
            val.setOpenExternalLinks(True)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self.grid.addWidget(key, r, 0)
            self.grid.addWidget(val, r, 1)


def hours_spin(name: str, low: float = 0.5, high: float = 80) -> QDoubleSpinBox:
    """A spin box for hours per week."""
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSuffix(" h a week")
    spin.setAccessibleName(name)
    return spin


def date_edit(name: str) -> QDateEdit:
    """A date field with a calendar pop-up, shown as YYYY-MM-DD."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class SkillPicker(QWidget):
    """A search field over the catalog's skills (with completion), Add and Remove buttons."""

    def __init__(
        self, skills: list[Skill], placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(placeholder)
        self._by_name = {s.name.lower(): s.id for s in skills}
        completer = QCompleter(sorted(s.name for s in skills), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(completer)
        self.add = QPushButton("Add")
        self.add.setAccessibleName(f"Add: {placeholder}")
        self.remove = QPushButton("Remove selected")
        row.addWidget(self.search, 1)
        row.addWidget(self.add)
        row.addWidget(self.remove)

    def chosen(self) -> str | None:
        """The skill id typed: an exact name, or the only name containing the text."""
        text = self.search.text().strip().lower()
        if not text:
            return None
        skill_id = self._by_name.get(text)
        if skill_id is None:
            matches = [sid for name, sid in self._by_name.items() if text in name]
            skill_id = matches[0] if len(matches) == 1 else None
        return skill_id


class AdaptiveSplit(QSplitter):
    """A list and its details side by side, or the details below when the window is narrow
    (under `narrow` pixels wide), so that neither is squeezed. The list gets `share` of the
    room at first; after that the person's sizes are kept."""

    def __init__(
        self,
        narrow: int = 820,
        share: float = 0.6,
        share_below: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.narrow = narrow
        self.share = share
        self.share_below = share if share_below is None else share_below
        self._placed = False
        self.setChildrenCollapsible(False)

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        self._placed = super().restoreState(state)
        return self._placed

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        wanted = (
            Qt.Orientation.Vertical if size.width() < self.narrow else Qt.Orientation.Horizontal
        )
        if wanted != self.orientation() or not self._placed:
            self.setOrientation(wanted)
            across = wanted == Qt.Orientation.Horizontal
            total = size.width() if across else size.height()
            first = int(total * (self.share if across else self.share_below))
            self.setSizes([first, total - first])
            self._placed = True
        super().resizeEvent(event)


class FlowLayout(QLayout):
    """Lays its widgets out in a row and wraps them onto the next line when the row is too
    narrow (buttons never get cut to 'and cha')."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one row (what it takes when there is room)."""
        shown = [item.sizeHint() for item in self._items if not item.isEmpty()]
        m = self.contentsMargins()
        width = sum(h.width() for h in shown) + self._gap * max(0, len(shown) - 1)
        height = max((h.height() for h in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m: QMargins = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


def flow(*widgets: QWidget) -> QWidget:
    """A widget holding `widgets` in a row that wraps."""
    holder = QWidget()
    layout = FlowLayout(holder)
    for widget in widgets:
        layout.addWidget(widget)
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return holder


class EnterSpin(QDoubleSpinBox):
    """A spin box that says when Return is pressed in it (to act at once, like a line edit).

    Signals:
        entered(): Return or Enter was pressed.
        left(): Escape was pressed (give the focus back to the list).
    """

    entered = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.entered.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class EscapeLine(QLineEdit):
    """A line edit that gives the focus back (signal `left`) when Escape is pressed."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


def text_width(widget: QWidget, chars: int) -> int:
    """The width of `chars` average characters in the widget's font."""
    return widget.fontMetrics().averageCharWidth() * chars + 2 * widget.style().pixelMetric(
        QStyle.PixelMetric.PM_DefaultFrameWidth
    )


class CardGrid(QWidget):
    """Cards in as many columns as fit (at most three, each at least `min_card` wide), so a
    narrow window gets fewer, wider cards instead of squeezed ones."""

    def __init__(self, min_card: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_card = min_card
        self.cards: list[QWidget] = []
        self.columns = 0
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)

    def add(self, card: QWidget) -> None:
        self.cards.append(card)
        self._place(max(self.columns, 1))

    def _place(self, columns: int) -> None:
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for n, card in enumerate(self.cards):
            self.grid.addWidget(card, n // columns, n % columns)
        for col in range(3):
            self.grid.setColumnStretch(col, 1 if col < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        spacing = self.grid.spacing()
        fit = max(1, min(3, (event.size().width() + spacing) // (self.min_card + spacing)))
        if fit != self.columns:
            self._place(fit)
        super().resizeEvent(event)


class LevelDelegate(QStyledItemDelegate):
    """Edits a skill level by name: a list of the levels (from `lowest` to 5), each with its
    one-line description, instead of a bare number box."""

    def __init__(self, parent: QWidget, lowest: int = 0) -> None:
        super().__init__(parent)
        self.lowest = lowest

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> QWidget:
        from skillpath.desktop.models import level_label

        box = QComboBox(parent)
        box.setAccessibleName("Level")
        for level in range(self.lowest, 6):
            box.addItem(level_label(level, long=True), level)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> None:
        rect = option.rect
        editor.setGeometry(
            rect.x(), rect.y(), max(rect.width(), editor.sizeHint().width()), rect.height()
        )
