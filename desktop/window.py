"""The main window: a sidebar of screens, a profile switcher, the menus and the status bar.

It holds navigation only. Data actions live in desktop/operations/ and run through
`Operations`; screens subscribe to the state and refresh what each change touched.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skillpath.core import APP_NAME
from skillpath.core.errors import SkillpathError
from skillpath.desktop import dialogs, theme
from skillpath.desktop.commands import DeliverableCommands, DeliverableTarget, shortcut_rows
from skillpath.desktop.context import AppContext, Navigator, NewProfile
from skillpath.desktop.file_ways import FILE_WAYS
from skillpath.desktop.operations import BrokenCatalog, Operations
from skillpath.desktop.settings import Settings
from skillpath.desktop.state import StateStore, View
from skillpath.desktop.worker import log_crash

if TYPE_CHECKING:
    # Screens (and the data actions) are imported when first used: start-up imports only
    # the screen it shows, once the window has painted and the data has come.
    from skillpath.core.catalog import Catalog
    from skillpath.core.changes import Changes
    from skillpath.desktop.screens.dashboard import DashboardScreen
    from skillpath.desktop.screens.gaps import GapsScreen
    from skillpath.desktop.screens.profile import ProfileScreen
    from skillpath.desktop.screens.reports import ReportsScreen
    from skillpath.desktop.screens.roadmap import RoadmapScreen
    from skillpath.desktop.screens.roles import RolesScreen
    from skillpath.desktop.screens.settings import SettingsScreen
    from skillpath.desktop.screens.today import TodayScreen
    from skillpath.desktop.screens.welcome import WelcomeScreen

_NEEDS_STORE = ("today", "dashboard", "roadmap", "gaps", "compare", "profile", "reports")
_NEEDS_PROFILE = ("today", "dashboard", "roadmap", "gaps", "compare", "reports")
SCREENS = (
    ("today", "Today"),
    ("dashboard", "Dashboard"),
    ("roadmap", "Roadmap"),
    ("gaps", "Skills and gaps"),
    ("roles", "Target role"),
    ("compare", "Compare"),
    ("profile", "Profile"),
    ("reports", "Reports"),
    ("settings", "Settings"),
)


class MainWindow(QMainWindow):
    """The app's one window."""

    def __init__(
        self,
        data_dir: Path,
        catalog: Catalog | None,
        settings: Settings,
        today: dt.date | None = None,
    ) -> None:
        """A window on `data_dir`; with `catalog` None, the shipped catalog is loaded on the
        worker when `start` opens the store (the window paints without waiting for it)."""
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings
        self.store_error: str | None = None
        self.state = StateStore()
        self.ops = Operations(catalog, self.state, today, self)
        self.nav = Navigator(self)
        self.ctx = AppContext(
            data_dir, settings, self.ops, self.state, self.nav, self, NewProfile()
        )
        # with the shipped catalog broken, the app is told (it says so and quits)
        self.catalog_broken: Callable[[str], None] | None = None
        self.ops.error.connect(self.show_error)
        self.ops.crashed.connect(self.crashed)
        self.ops.message.connect(self.show_message)
        self.nav.go.connect(self.go)
        self.nav.show_deliverable.connect(self.show_deliverable)
        self.nav.show_role.connect(self.show_role)
        self.nav.message.connect(self.show_message)
        self.nav.set_theme.connect(self.set_theme)
        self.state.changed.connect(self._state_changed)
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(QIcon.fromTheme("skillpath", QApplication.windowIcon()))
        self.setMinimumSize(760, 520)

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        side = QWidget()
        side.setObjectName("sidebar")
        side.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 10, 8, 10)
        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName("Profile")
        self.profile_box.setToolTip("Switch profile")
        self.profile_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile_box.setMinimumContentsLength(12)
        side_layout.addWidget(self.profile_box)
        self.nav_list = QListWidget()
        self.nav_list.setAccessibleName("Screens")
        self.nav_list.setFrameShape(QListWidget.Shape.NoFrame)
        for number, (key, label) in enumerate(SCREENS, start=1):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{label} (Ctrl+{number})")
            self.nav_list.addItem(item)
        widest = max(self.nav_list.fontMetrics().horizontalAdvance(label) for _, label in SCREENS)
        self.nav_list.setMinimumWidth(widest + 36)
        self.nav_list.setMaximumWidth(widest + 80)
        side_layout.addWidget(self.nav_list, 1)
        self.new_button = QPushButton("New profile…")
        side_layout.addWidget(self.new_button)
        outer.addWidget(side)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(14, 8, 14, 6)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(10, 4, 6, 4)
        self.banner_text = QLabel("")
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_show = QPushButton("Show them")
        self.banner_hide = QPushButton("Hide")
        for button in (self.banner_show, self.banner_hide):
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.banner_show.setAccessibleName("Show the deliverables that are due")
        self.banner_hide.setAccessibleName("Hide this notice")
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_show)
        banner_row.addWidget(self.banner_hide)
        self.banner.setAccessibleName("Notice")
        self.banner_show.clicked.connect(self._banner_show)
        self.banner_hide.clicked.connect(self._banner_dismiss)
        self._banner_hidden_for = ""
        self.banner.hide()
        main_layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        main_layout.addWidget(self.stack, 1)
        outer.addWidget(main, 1)
        self.setCentralWidget(central)

        # screens are built when first shown: start-up builds only the one it shows
        self.screens: dict[str, QWidget] = {}

        self.commands = DeliverableCommands(self, self.current_list, self.show_message)
        self.menu_actions: list[QAction] = []
        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        self.nav_list.currentItemChanged.connect(self._nav_changed)
        self.profile_box.activated.connect(self._profile_chosen)
        self.new_button.clicked.connect(self._op("profiles", "start_new"))
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._restore_geometry()
        self._apply_style()

    # ------------------------------------------------------------ screens

    # key: (module under desktop/screens/, class), imported when the screen is first shown
    # (a screen class itself works too, imported with the window)
    _FACTORIES: ClassVar[dict[str, tuple[str, str] | Callable[[AppContext], QWidget]]] = {
        "welcome": ("welcome", "WelcomeScreen"),
        "today": ("today", "TodayScreen"),
        "dashboard": ("dashboard", "DashboardScreen"),
        "roadmap": ("roadmap", "RoadmapScreen"),
        "gaps": ("gaps", "GapsScreen"),
        "roles": ("roles", "RolesScreen"),
        "compare": ("compare", "CompareScreen"),
        "profile": ("profile", "ProfileScreen"),
        "reports": ("reports", "ReportsScreen"),
        "settings": ("settings", "SettingsScreen"),
    }
    _SPLITTERS = ("today", "roadmap", "roles", "compare", "gaps")

    def screen_for(self, key: str) -> Any:
        """The screen called `key`, built (and brought up to date) on first use."""
        built = self.screens.get(key)
        if built is None:
            factory = self._FACTORIES[key]
            if isinstance(factory, tuple):
                module, name = factory
                screens = importlib.import_module(f"skillpath.desktop.screens.{module}")
                factory = getattr(screens, name)
            built = cast(QWidget, factory(self.ctx))
            self.screens[key] = built
            self.stack.addWidget(built)
            if _lists_deliverables(built):
                self.commands.attach(built.tree)  # type: ignore[attr-defined]
            if key in self._SPLITTERS:
                saved = self.settings.bytes(f"splitter/{key}")
                if saved is not None:
                    built.splitter.restoreState(saved)  # type: ignore[attr-defined]
            if self.store_error is not None and key in _NEEDS_STORE:
                built.setEnabled(False)
        return built

    @property
    def welcome(self) -> WelcomeScreen:
        return cast("WelcomeScreen", self.screen_for("welcome"))

    @property
    def today_screen(self) -> TodayScreen:
        return cast("TodayScreen", self.screen_for("today"))

    @property
    def dashboard(self) -> DashboardScreen:
        return cast("DashboardScreen", self.screen_for("dashboard"))

    @property
    def roadmap(self) -> RoadmapScreen:
        return cast("RoadmapScreen", self.screen_for("roadmap"))

    @property
    def gaps(self) -> GapsScreen:
        return cast("GapsScreen", self.screen_for("gaps"))

    @property
    def roles(self) -> RolesScreen:
        return cast("RolesScreen", self.screen_for("roles"))

    @property
    def profile(self) -> ProfileScreen:
        return cast("ProfileScreen", self.screen_for("profile"))

    @property
    def reports(self) -> ReportsScreen:
        return cast("ReportsScreen", self.screen_for("reports"))

    @property
    def settings_screen(self) -> SettingsScreen:
        return cast("SettingsScreen", self.screen_for("settings"))

    @property
    def view(self) -> View | None:
        return self.state.view

    def current_list(self) -> DeliverableTarget | None:
        """The screen in front when it lists deliverables (the Deliverable menu acts on it)."""
        screen = self.stack.currentWidget()
        return cast(DeliverableTarget, screen) if _lists_deliverables(screen) else None

    # ------------------------------------------------------------ start and stop

    def today(self) -> dt.date:
        return self.ops.today()

    def start(self) -> None:
        """Open the store on the worker thread, then show the first screen."""

        def refused(exc: SkillpathError) -> None:
            if isinstance(exc, BrokenCatalog) and self.catalog_broken is not None:
                self.catalog_broken(str(exc))
                return
            self.store_error = str(exc)
            self.show_error(str(exc))
            self.go("settings")
            self._set_enabled(False)

        self.ops.open(self.data_dir, self._first_screen, refused)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
        self.ops.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # back in the window after working elsewhere (the CLI, say): read what changed
        active = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if active and self.state.view is not None and not self.ops.busy:
            self.ops.reload_if_changed_elsewhere()
        super().changeEvent(event)

    def _set_enabled(self, on: bool) -> None:
        for key, screen in self.screens.items():
            if key in _NEEDS_STORE:
                screen.setEnabled(on)
        self.new_button.setEnabled(on)

    def _first_screen(self, view: View) -> None:
        if not view.profiles:
            self.go("welcome")
        else:
            last = self.settings.text("last_screen", "today")
            self.go(last if last in dict(SCREENS) else "today")
            screen = self.current_list()
            if screen is not None:
                screen.focus_list()  # the keyboard starts where the work is
        if os.environ.get("SKILLPATH_EXIT_AFTER_PAINT"):
            # benchmarks: paint the first real screen, say so, and leave
            self.repaint()
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)

    # ------------------------------------------------------------ state in

    def _state_changed(self, changes: Changes) -> None:
        view = self.state.view
        if view is None:
            return
        if changes.profiles or changes.profile or self.state.switched:
            self.profile_box.blockSignals(True)
            self.profile_box.clear()
            for row in view.profiles:
                self.profile_box.addItem(row.name, row.id)
            if view.profile:
                self.profile_box.setCurrentIndex(self.profile_box.findData(view.profile.id))
            self.profile_box.blockSignals(False)
            self.profile_box.setEnabled(bool(view.profiles))
            self.profile_box.setPlaceholderText("No profile yet")
            self.setWindowTitle(f"{view.profile.name} – {APP_NAME}" if view.profile else APP_NAME)
        self.undo_action.setEnabled(view.can_undo)
        self.redo_action.setEnabled(view.can_redo)
        self._update_banner(view)
        if not view.profiles and self.stack.currentWidget() is not self.screens.get("profile"):
            self.go("welcome")

    def _update_banner(self, view: View) -> None:
        st = view.progress
        if st is None or (not st.overdue and not st.due_soon):
            self.banner.hide()
            return
        parts = []
        if st.overdue:
            parts.append(f"{len(st.overdue)} overdue")
        if st.due_soon:
            parts.append(f"{len(st.due_soon)} due this week")
        text = f"{' and '.join(parts).capitalize()}."
        self.banner_text.setText(text)
        self.banner.setVisible(text != self._banner_hidden_for)

    def _banner_show(self) -> None:
        view = self.state.view
        overdue = bool(view and view.progress and view.progress.overdue)
        self.go("roadmap")
        self.roadmap.search.clear()
        self.roadmap.filter.setCurrentText("Overdue" if overdue else "Due this week")
        self.roadmap.focus_list()

    def _banner_dismiss(self) -> None:
        """Hidden until what it says changes."""
        self._banner_hidden_for = self.banner_text.text()
        self.banner.hide()
        screen = self.current_list()
        if screen is not None:
            screen.focus_list()

    # ------------------------------------------------------------ navigation

    def go(self, key: str) -> None:
        if key == "welcome":
            self.stack.setCurrentWidget(self.welcome)
            self.nav_list.blockSignals(True)
            self.nav_list.clearSelection()
            self.nav_list.setCurrentRow(-1)
            self.nav_list.blockSignals(False)
            return
        keys = [k for k, _ in SCREENS]
        if key not in keys:
            key = "today"
        if self.nav_list.currentRow() != keys.index(key):
            self.nav_list.setCurrentRow(keys.index(key))
        else:
            self._show_screen(key)

    def _nav_changed(self, item: QListWidgetItem | None, _: Any = None) -> None:
        if item is not None:
            self._show_screen(str(item.data(Qt.ItemDataRole.UserRole)))

    def _show_screen(self, key: str) -> None:
        view = self.state.view
        has_profiles = bool(view and view.profiles)
        creating = self.ctx.new_profile.active
        needs_profile = key in _NEEDS_PROFILE or (key == "profile" and not creating)
        if needs_profile and not has_profiles and self.store_error is None:
            self.stack.setCurrentWidget(self.welcome)
            return
        screen = self.screen_for(key)
        if hasattr(screen, "shown"):
            screen.shown()
        self.stack.setCurrentWidget(screen)
        self.settings.set_text("last_screen", key)

    def show_deliverable(self, key: str) -> None:
        self.roadmap.show_all()
        self.go("roadmap")
        self.roadmap.select(key)
        self.roadmap.focus_list()

    def show_role(self, role_id: str) -> None:
        self.go("roles")
        self.roles.search.clear()
        self.roles.select(role_id)

    def _profile_chosen(self, index: int) -> None:
        profile_id = self.profile_box.itemData(index)
        if profile_id is not None:
            self.ctx.new_profile.end()
            self.ops.switch_profile(int(profile_id))
            self.go("today")

    # ------------------------------------------------------------ messages

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_error(self, text: str) -> None:
        """An error the person can act on: one line, in the window, no traceback."""
        self.statusBar().showMessage(text, 15000)
        dialogs.current().error(self, APP_NAME, text)

    def crashed(self, trace: str) -> None:
        try:
            path: Path | str = log_crash(self.data_dir, trace)
        except OSError:
            path = "(the log could not be written)"
        dialogs.current().error(
            self,
            APP_NAME,
            "Something went wrong inside Skillpath. Your data is safe; the last change may "
            f"not have been saved. The details are in {path}.",
        )

    # ------------------------------------------------------------ theme

    def set_theme(self, name: str) -> None:
        self.settings.theme = name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, name)
        self._apply_style()
        self.nav.theme_changed.emit()

    def _system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The system went light or dark: follow it unless the person chose a theme."""
        theme.follow_system(scheme)
        if self.settings.theme == "system":
            self.set_theme("system")

    def _apply_style(self) -> None:
        c = {name: theme.color(name).name() for name in ("sidebar", "banner", "border", "card")}
        self.setStyleSheet(
            f"QWidget#sidebar {{ background: {c['sidebar']}; }}"
            f"QFrame#banner {{ background: {c['banner']}; border-radius: 6px; }}"
            f"QFrame#card {{ background: {c['card']}; border: 1px solid {c['border']};"
            " border-radius: 6px; }"
            "QWidget#sidebar QListWidget { background: transparent; outline: 0; }"
            "QWidget#sidebar QListWidget::item { padding: 6px 8px; border-radius: 5px; }"
            "QWidget#sidebar QListWidget::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
            "QWidget#sidebar QListWidget::item:hover:!selected { background: palette(midlight); }"
            "QWidget#sidebar QListWidget:focus { border: 2px solid palette(highlight);"
            " border-radius: 5px; }"
        )

    # ------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(
            file_menu,
            "&New profile…",
            self._op("profiles", "start_new"),
            QKeySequence.StandardKey.New,
        )
        for way in FILE_WAYS:
            self._action(file_menu, way.menu, self._op("profiles", "start_from", way.key))
        self._action(file_menu, "Open the &demo", self._op("profiles", "open_demo"))
        file_menu.addSeparator()
        self._action(
            file_menu,
            "&Import profile…",
            self._op("data", "import_profile"),
            QKeySequence.StandardKey.Open,
        )
        self._action(file_menu, "&Export profile…", self._op("data", "export_profile"))
        self._action(file_menu, "&Back up now", self._op("data", "back_up"))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(
            edit, "&Undo", self._op("tracking", "undo"), QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit, "&Redo", self._op("tracking", "redo"), QKeySequence("Ctrl+Shift+Z")
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.commands.fill(bar.addMenu("&Deliverable"))
        view = bar.addMenu("&View")
        self.screen_actions = [
            self._action(view, label, partial(self.go, key), QKeySequence(f"Ctrl+{number}"))
            for number, (key, label) in enumerate(SCREENS, start=1)
        ]
        view.addSeparator()
        self._action(view, "Re-plan from &today…", self._op("profiles", "replan"))
        self._action(view, "&Plan and target date…", self._op("planning", "open_target"))
        help_menu = bar.addMenu("&Help")
        self.shortcuts_action = self._action(
            help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence("F1")
        )
        self._action(help_menu, "&About Skillpath", self.about)

    def show_shortcuts(self) -> None:
        from skillpath.desktop.dialogs.shortcuts import ShortcutsDialog

        self.shortcuts = ShortcutsDialog(
            self, shortcut_rows(self.commands.actions, self.menu_actions)
        )
        self.shortcuts.open()

    def _op(self, module: str, name: str, *args: Any) -> Callable[[], None]:
        """The action `name` of desktop/operations/`module`, imported when first used."""
        path = f"skillpath.desktop.operations.{module}"
        return lambda: getattr(importlib.import_module(path), name)(self.ctx, *args)

    def _action(
        self,
        menu: Any,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        self.menu_actions.append(action)
        return action

    def about(self) -> None:
        from skillpath.desktop.dialogs.about import show_about

        show_about(self, self.data_dir)

    # ------------------------------------------------------------ geometry

    def _restore_geometry(self) -> None:
        geometry = self.settings.bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)

    def _save_geometry(self) -> None:
        self.settings.set_bytes("geometry", QByteArray(self.saveGeometry()))
        for name in self._SPLITTERS:
            built = self.screens.get(name)
            if built is not None:
                state = built.splitter.saveState()  # type: ignore[attr-defined]
                self.settings.set_bytes(f"splitter/{name}", QByteArray(state))
        self.settings.sync()


def _lists_deliverables(screen: QWidget | None) -> bool:
    """Whether `screen` lists deliverables (Today, the roadmap): the Deliverable menu acts
    on it. Checked without importing the screens' module before one is shown."""
    if screen is None or not hasattr(screen, "tree"):
        return False
    from skillpath.desktop.screens.listing import DeliverableList

    return isinstance(screen, DeliverableList)
