"""Every size and theme: every screen at 800 x 600 with nothing cut (each widget at least as
big as its size hint says its text needs), the roadmap's titles given the width, the theme
following the system's light or dark setting, both palettes complete, focus visible, every
control named for screen readers and reachable by the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from skillpath.desktop import theme
from skillpath.desktop.window import SCREENS as WINDOW_SCREENS
from tests.gui.conftest import open_demo, settle

SCREENS = tuple(key for key, _ in WINDOW_SCREENS)  # every screen the window has
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)


def shown(root: QWidget) -> list[QWidget]:
    """The widgets a person can see in `root` (visible, not in another window), leaving out
    the parts of compound widgets (a spin box's line edit and arrows)."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.window() is root.window()
        and w.width() > 0
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]


def cut(root: QWidget) -> list[str]:
    """Widgets smaller than their text needs: a button reading 'and cha', a field squeezed
    to half its height, a label cut off."""
    out = []
    for w in shown(root):
        if isinstance(w, (QLineEdit, QComboBox, QAbstractSpinBox)):
            need = w.minimumSizeHint()
        elif isinstance(w, QAbstractButton) and w.text():
            need = w.sizeHint()
        elif isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            need = w.minimumSizeHint()
        elif isinstance(w, QLabel) and w.text() and w.wordWrap():
            if w.height() + 1 < w.heightForWidth(w.width()):
                out.append(f"{type(w).__name__} {w.text()[:30]!r}: too short to wrap in")
            continue
        else:
            continue
        if w.width() + 1 < need.width() or w.height() + 1 < need.height():
            name = w.accessibleName() or getattr(w, "text", lambda: "")() or w.objectName()
            out.append(
                f"{type(w).__name__} {name!r}: {w.width()}x{w.height()}, "
                f"needs {need.width()}x{need.height()}"
            )
    return out


def outside(root: QWidget) -> list[str]:
    """Controls that stick out of a parent (so part of them, or all, is not drawn): the
    welcome screen's second and third buttons wrapped below a row one button high. Scroll
    areas are the exception: what they hold is meant to be scrolled to."""
    out = []
    for w in shown(root):
        if not isinstance(w, (*CONTROLS, QLabel)) or isinstance(w, QHeaderView):
            continue
        child: QWidget = w
        parent = w.parentWidget()
        while parent is not None and child is not root:
            if isinstance(parent.parentWidget(), QAbstractScrollArea):
                break  # a scroll area's viewport: scrolling shows the rest
            inner = parent.rect()
            if not inner.contains(child.geometry().adjusted(1, 1, -1, -1)):
                name = _label_of(w) if not isinstance(w, QLabel) else w.text()[:30]
                out.append(f"{type(w).__name__} {name!r} sticks out of {type(parent).__name__}")
                break
            child, parent = parent, parent.parentWidget()
    return out


def visit(qtbot: Any, window: Any, name: str) -> QWidget:
    window.go(name)
    settle(qtbot, window)
    qtbot.wait(30)  # let the layouts settle
    return window.stack.currentWidget()


@pytest.mark.parametrize("size", [(800, 600), (1200, 780), (1920, 1080)])
def test_every_screen_fits_with_nothing_cut(
    qtbot: Any, make_window: Any, size: tuple[int, int]
) -> None:
    window = make_window(size=size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    problems = {"welcome": cut(window) + outside(window.welcome)}
    open_demo(qtbot, window)
    for name in SCREENS:
        screen = visit(qtbot, window, name)
        problems[name] = cut(screen) + cut(window.banner) + outside(screen)
    problems = {k: v for k, v in problems.items() if v}
    assert problems == {}
    # nothing is squeezed below what its layout needs
    central = window.centralWidget()
    assert central.minimumSizeHint().height() <= central.height()
    assert central.minimumSizeHint().width() <= central.width()


def test_the_new_profile_flow_fits_at_800_by_600(qtbot: Any, make_window: Any) -> None:
    window = make_window(size=(800, 600))
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.wait(30)
    assert cut(window.profile) + outside(window.profile) == []
    qtbot.keyClicks(window.profile.name, "Ana")
    qtbot.mouseClick(window.profile.next, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.roles
    qtbot.wait(30)  # let the layouts settle
    assert cut(window.roles) + outside(window.roles) == []


def test_roadmap_titles_get_the_width(qtbot: Any, make_window: Any) -> None:
    window = make_window(size=(800, 600))
    open_demo(qtbot, window)
    for size in ((800, 600), (1200, 780), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: (window.width(), window.height()) == s)
        tree = visit(qtbot, window, "roadmap").tree
        chars = tree.fontMetrics().averageCharWidth()
        title = tree.header().sectionSize(0)
        assert title >= 40 * chars, size  # "Probability and statistics: Statistics…"
        assert not tree.header().isSectionHidden(1)  # the due date stays
    # with room to spare, every column shows (status, hours, kind)
    assert not any(tree.header().isSectionHidden(c) for c in range(1, 5))


@pytest.fixture
def system_scheme() -> Any:
    """Tell the app, as the system would, that it went dark or light."""
    hints = QGuiApplication.styleHints()

    def announce(scheme: Qt.ColorScheme) -> None:
        hints.colorSchemeChanged.emit(scheme)

    yield announce
    theme.follow_system(Qt.ColorScheme.Unknown)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, "light")


def window_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def test_the_theme_follows_the_system_unless_one_is_chosen(
    qtbot: Any, make_window: Any, system_scheme: Any
) -> None:
    window = make_window()
    open_demo(qtbot, window)
    assert window.settings.theme == "system"
    system_scheme(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: window_colour().lightness() < 80)
    assert theme.dark_now()
    system_scheme(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: window_colour().lightness() > 200)
    window.go("settings")
    window.settings_screen.theme.setCurrentText("Dark")  # the person's choice wins
    assert window.settings.theme == "dark" and theme.dark_now()
    system_scheme(Qt.ColorScheme.Light)
    qtbot.wait(50)
    assert theme.dark_now() and window_colour().lightness() < 80


def _luminance(c: QColor) -> float:
    def part(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * part(c.redF()) + 0.7152 * part(c.greenF()) + 0.0722 * part(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_both_palettes_are_complete_and_readable(qapp: QApplication, name: str) -> None:
    """WCAG: text 4.5:1; field borders, checkboxes and focus rings 3:1 against what they sit
    on (the unchecked checkbox was nearly invisible in the dark)."""
    theme.apply(qapp, name)
    try:
        p = qapp.palette()
        role = QPalette.ColorRole
        for text, ground in (
            (role.Text, role.Base),
            (role.WindowText, role.Window),
            (role.ButtonText, role.Button),
            (role.PlaceholderText, role.Base),
            (role.HighlightedText, role.Highlight),
            (role.Link, role.Base),
        ):
            assert contrast(p.color(text), p.color(ground)) >= 4.5, (name, text, ground)
        for colour in ("border", "accent"):
            for ground in (role.Base, role.Window):
                assert contrast(theme.color(colour), p.color(ground)) >= 3, (name, colour, ground)
        assert contrast(theme.color("muted"), p.color(role.Window)) >= 4.5
    finally:
        theme.apply(qapp, "light")


@pytest.mark.parametrize("name", ["light", "dark"])
def test_checkboxes_and_focus_are_drawn_visibly(qtbot: Any, qapp: QApplication, name: str) -> None:
    """Pixels, not promises: an unchecked checkbox shows its border colour; a focused field
    shows the accent."""
    theme.apply(qapp, name)
    try:
        box = QCheckBox("Prefer free resources")
        field = QLineEdit()
        other = QLineEdit()
        holder = QWidget()
        from PySide6.QtWidgets import QVBoxLayout

        layout = QVBoxLayout(holder)
        for w in (box, field, other):
            layout.addWidget(w)
        qtbot.addWidget(holder)
        holder.show()
        qtbot.waitExposed(holder)
        image = box.grab().toImage()
        border = theme.color("border")
        assert any(
            contrast(QColor(image.pixel(x, y)), border) < 1.3
            for x in range(image.width())
            for y in range(image.height())
        ), "no pixel of the unchecked box is in the border colour"
        holder.activateWindow()
        qtbot.waitUntil(holder.isActiveWindow)
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        image = field.grab().toImage()
        accent = theme.color("accent")
        edge = [QColor(image.pixel(x, 1)) for x in range(4, image.width() - 4)]
        assert sum(contrast(c, accent) < 1.3 for c in edge) > len(edge) // 2
    finally:
        theme.apply(qapp, "light")


def _label_of(w: QWidget) -> str:
    if w.accessibleName():
        return w.accessibleName()
    if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
        return w.text()
    buddies = [lab for lab in w.window().findChildren(QLabel) if lab.buddy() is w and lab.text()]
    return buddies[0].text() if buddies else ""


def test_every_control_is_named_and_reachable_by_keyboard(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    unnamed = [
        f"welcome: {type(w).__name__}"
        for w in shown(window)
        if isinstance(w, CONTROLS) and not _label_of(w)
    ]
    open_demo(qtbot, window)
    unreachable = []
    for name in SCREENS:
        screen = visit(qtbot, window, name)
        for w in shown(screen) + shown(window.banner):
            if not isinstance(w, (*CONTROLS, QPlainTextEdit)) or not w.isEnabled():
                continue
            if isinstance(w, QHeaderView):  # part of its table
                continue
            if (
                isinstance(w, QAbstractButton)
                and w.parent()
                and isinstance(w.parent(), QAbstractSpinBox)
            ):
                continue
            if not _label_of(w):
                unnamed.append(f"{name}: {type(w).__name__} {w.objectName()}")
            if not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                unreachable.append(f"{name}: {type(w).__name__} {_label_of(w)}")
    assert unnamed == []
    assert unreachable == []


def test_tab_reaches_every_control_on_every_screen(qtbot: Any, make_window: Any) -> None:
    """Pressing Tab, and only Tab, visits every enabled control a screen shows (a table that
    kept Tab for its cells, or a field left out of the chain, would trap or lose it)."""
    window = make_window()
    open_demo(qtbot, window)
    missed = {}
    for name in SCREENS:
        screen = visit(qtbot, window, name)
        controls = [
            w
            for w in shown(screen) + shown(window.banner)
            if isinstance(w, (*CONTROLS, QPlainTextEdit))
            and not isinstance(w, QHeaderView)
            and w.isEnabled()
        ]
        window.nav_list.setFocus(Qt.FocusReason.TabFocusReason)
        seen: set[int] = set()
        for _ in range(3 * len(controls) + 20):
            focus = QApplication.focusWidget()
            assert focus is not None
            seen.add(id(focus))
            QTest.keyClick(focus, Qt.Key.Key_Tab)
        left = [_label_of(w) or type(w).__name__ for w in controls if id(w) not in seen]
        if left:
            missed[name] = left
    assert missed == {}


def test_the_own_dialogs_fit_and_name_their_controls(qtbot: Any, make_window: Any) -> None:
    from skillpath.desktop.dialogs.deliverable import DeliverableDialog
    from skillpath.desktop.dialogs.hours import HoursSpentDialog
    from skillpath.desktop.dialogs.role_editor import RoleEditor
    from skillpath.desktop.dialogs.shortcuts import ShortcutsDialog

    window = make_window(size=(800, 600))
    open_demo(qtbot, window)
    view = window.view
    item = next(i for i in view.items if i.is_open)
    made = [
        HoursSpentDialog(window, item),
        DeliverableDialog(window, "Edit deliverable", view.today, item),
        RoleEditor(window, view.catalog.role("data-scientist"), window.ctx.catalog),
        ShortcutsDialog(window, [("Log hours", "Ctrl+L")]),
    ]
    problems = {}
    for dialog in made:
        dialog.open()
        qtbot.waitExposed(dialog)
        qtbot.wait(30)
        found = cut(dialog) + outside(dialog)
        found += [
            f"unnamed {type(w).__name__}"
            for w in shown(dialog)
            if isinstance(w, CONTROLS) and not isinstance(w, QHeaderView) and not _label_of(w)
        ]
        if found:
            problems[type(dialog).__name__] = found
        dialog.reject()
    assert problems == {}
