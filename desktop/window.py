"""The main window: a sidebar of screens, a profile switcher, the menus and the status bar.

It holds navigation only. Data actions live in desktop/operations/ and run through
`Operations`; screens subscribe to the state and refresh what each change touched.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, cast

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from skillpath.core import APP_NAME, __version__
from skillpath.core.catalog import Catalog
from skillpath.core.changes import Changes
from skillpath.core.errors import SkillpathError
from skillpath.desktop import dialogs, theme
from skillpath.desktop.context import AppContext, Navigator, NewProfile
from skillpath.desktop.operations import Operations
from skillpath.desktop.operations import data as data_ops
from skillpath.desktop.operations import profiles as profile_ops
from skillpath.desktop.operations import tracking as tracking_ops
from skillpath.desktop.screens.dashboard import DashboardScreen
from skillpath.desktop.screens.gaps import GapsScreen
from skillpath.desktop.screens.profile import ProfileScreen
from skillpath.desktop.screens.reports import ReportsScreen
from skillpath.desktop.screens.roadmap import RoadmapScreen
from skillpath.desktop.screens.roles import RolesScreen
from skillpath.desktop.screens.settings import SettingsScreen
from skillpath.desktop.screens.welcome import WelcomeScreen
from skillpath.desktop.settings import Settings
from skillpath.desktop.state import StateStore, View
from skillpath.desktop.worker import log_crash

_NEEDS_STORE = ("dashboard", "roadmap", "gaps", "profile", "reports")
_NEEDS_PROFILE = ("dashboard", "roadmap", "gaps", "reports")
SCREENS = (
    ("dashboard", "Dashboard"),
    ("roadmap", "Roadmap"),
    ("gaps", "Skills and gaps"),
    ("roles", "Target role"),
    ("profile", "Profile"),
    ("reports", "Reports"),
    ("settings", "Settings"),
)
ABOUT = """<h3>{name} {version}</h3>
<p>Plan and track your own move into a new role. Offline: your data stays in
<code>{folder}</code>.</p>
<p><b>Data sources</b></p>
<ul>
<li>Wages: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics
(OEWS), May 2025 national estimates. Public domain (U.S. government work).</li>
<li>Demand: U.S. Bureau of Labor Statistics, Employment Projections, as published in the
Occupational Outlook Handbook. Public domain.</li>
<li>Certification names, costs and validity: each entry names its source and year.</li>
<li>Skills, role requirements, growth areas and technology lists: editorial selection of the
Skillpath maintainers (2026).</li>
</ul>
<p><b>Software</b>: Qt and PySide6 (LGPLv3), pydantic (MIT), sqlite-utils (Apache 2.0),
reportlab (BSD), pypdf (BSD), python-docx (MIT), icalendar (BSD), platformdirs (MIT).
Fonts: DejaVu (Bitstream Vera licence), Droid Sans Fallback (Apache 2.0).</p>"""


class MainWindow(QMainWindow):
    """The app's one window."""

    def __init__(
        self,
        data_dir: Path,
        catalog: Catalog,
        settings: Settings,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings
        self.store_error: str | None = None
        self.state = StateStore()
        self.ops = Operations(catalog, self.state, today, self)
        self.nav = Navigator(self)
        self.ctx = AppContext(
            data_dir, catalog, settings, self.ops, self.state, self.nav, self, NewProfile()
        )
        self.ops.error.connect(self.show_error)
        self.ops.crashed.connect(self.crashed)
        self.ops.message.connect(self.show_message)
        self.nav.go.connect(self.go)
        self.nav.show_deliverable.connect(self.show_deliverable)
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
        side.setFixedWidth(210)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(10, 12, 10, 12)
        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName("Profile")
        self.profile_box.setToolTip("Switch profile")
        side_layout.addWidget(self.profile_box)
        self.nav_list = QListWidget()
        self.nav_list.setAccessibleName("Screens")
        self.nav_list.setFrameShape(QListWidget.Shape.NoFrame)
        for key, label in SCREENS:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav_list.addItem(item)
        side_layout.addWidget(self.nav_list, 1)
        self.new_button = QPushButton("New profile…")
        side_layout.addWidget(self.new_button)
        outer.addWidget(side)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(16, 10, 16, 10)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleName("Notice")
        self.banner.linkActivated.connect(self._banner_link)
        self.banner.hide()
        main_layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        main_layout.addWidget(self.stack, 1)
        outer.addWidget(main, 1)
        self.setCentralWidget(central)

        # screens are built when first shown: start-up builds only the one it shows
        self.screens: dict[str, QWidget] = {}

        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        self.nav_list.currentItemChanged.connect(self._nav_changed)
        self.profile_box.activated.connect(self._profile_chosen)
        self.new_button.clicked.connect(lambda: profile_ops.start_new(self.ctx))
        self._restore_geometry()
        self._apply_style()

    # ------------------------------------------------------------ screens

    _FACTORIES: ClassVar[dict[str, Callable[[AppContext], QWidget]]] = {
        "welcome": WelcomeScreen,
        "dashboard": DashboardScreen,
        "roadmap": RoadmapScreen,
        "gaps": GapsScreen,
        "roles": RolesScreen,
        "profile": ProfileScreen,
        "reports": ReportsScreen,
        "settings": SettingsScreen,
    }
    _SPLITTERS = ("roadmap", "roles", "gaps")

    def screen_for(self, key: str) -> Any:
        """The screen called `key`, built (and brought up to date) on first use."""
        built = self.screens.get(key)
        if built is None:
            built = self._FACTORIES[key](self.ctx)
            self.screens[key] = built
            self.stack.addWidget(built)
            if key in self._SPLITTERS:
                saved = self.settings.bytes(f"splitter/{key}")
                if saved is not None:
                    built.splitter.restoreState(saved)  # type: ignore[attr-defined]
            if self.store_error is not None and key in _NEEDS_STORE:
                built.setEnabled(False)
        return built

    @property
    def welcome(self) -> WelcomeScreen:
        return cast(WelcomeScreen, self.screen_for("welcome"))

    @property
    def dashboard(self) -> DashboardScreen:
        return cast(DashboardScreen, self.screen_for("dashboard"))

    @property
    def roadmap(self) -> RoadmapScreen:
        return cast(RoadmapScreen, self.screen_for("roadmap"))

    @property
    def gaps(self) -> GapsScreen:
        return cast(GapsScreen, self.screen_for("gaps"))

    @property
    def roles(self) -> RolesScreen:
        return cast(RolesScreen, self.screen_for("roles"))

    @property
    def profile(self) -> ProfileScreen:
        return cast(ProfileScreen, self.screen_for("profile"))

    @property
    def reports(self) -> ReportsScreen:
        return cast(ReportsScreen, self.screen_for("reports"))

    @property
    def settings_screen(self) -> SettingsScreen:
        return cast(SettingsScreen, self.screen_for("settings"))

    @property
    def view(self) -> View | None:
        return self.state.view

    # ------------------------------------------------------------ start and stop

    def today(self) -> dt.date:
        return self.ops.today()

    def start(self) -> None:
        """Open the store on the worker thread, then show the first screen."""

        def refused(exc: SkillpathError) -> None:
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
            last = self.settings.text("last_screen", "dashboard")
            self.go(last if last in dict(SCREENS) else "dashboard")
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
        if changes.profiles or changes.profile_id is not None or changes.profile:
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
        self.banner.setText(
            f"{' and '.join(parts).capitalize()}. <a href='roadmap'>Show them</a>"
            "&nbsp;&nbsp;<a href='hide'>Hide</a>"
        )
        self.banner.show()

    def _banner_link(self, link: str) -> None:
        if link == "roadmap":
            self.go("roadmap")
            view = self.state.view
            overdue = bool(view and view.progress and view.progress.overdue)
            self.roadmap.filter.setCurrentText("Overdue" if overdue else "Due this week")
        self.banner.hide()

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
            key = "dashboard"
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
        self.roadmap.filter.setCurrentText("All")
        self.go("roadmap")
        self.roadmap.select(key)

    def _profile_chosen(self, index: int) -> None:
        profile_id = self.profile_box.itemData(index)
        if profile_id is not None:
            self.ctx.new_profile.end()
            self.ops.switch_profile(int(profile_id))
            self.go("dashboard")

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

    def _apply_style(self) -> None:
        dark = theme.is_dark(self.settings.theme)
        banner = theme.color("banner").name()
        side = "#25272b" if dark else "#eceef1"
        self.setStyleSheet(
            f"QWidget#sidebar {{ background: {side}; }}"
            f"QLabel#banner {{ background: {banner}; padding: 8px 12px; border-radius: 6px; }}"
            "QListWidget { outline: 0; }"
            "QWidget#sidebar QListWidget { background: transparent; }"
            "QWidget#sidebar QListWidget::item { padding: 7px 8px; border-radius: 5px; }"
            "QWidget#sidebar QListWidget::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
            "QWidget#sidebar QListWidget::item:hover:!selected { background: palette(midlight); }"
        )

    # ------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        ctx = self.ctx
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(
            file_menu,
            "&New profile…",
            lambda: profile_ops.start_new(ctx),
            QKeySequence.StandardKey.New,
        )
        self._action(file_menu, "Start from a &CV…", lambda: profile_ops.start_from_cv(ctx))
        self._action(file_menu, "Open the &demo", lambda: profile_ops.open_demo(ctx))
        file_menu.addSeparator()
        self._action(
            file_menu,
            "&Import profile…",
            lambda: data_ops.import_profile(ctx),
            QKeySequence.StandardKey.Open,
        )
        self._action(file_menu, "&Export profile…", lambda: data_ops.export_profile(ctx))
        self._action(file_menu, "&Back up now", lambda: data_ops.back_up(ctx))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(
            edit, "&Undo", lambda: tracking_ops.undo(ctx), QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit, "&Redo", lambda: tracking_ops.redo(ctx), QKeySequence("Ctrl+Shift+Z")
        )
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        view = bar.addMenu("&View")
        for number, (key, label) in enumerate(SCREENS, start=1):
            self._action(view, label, self._goer(key), QKeySequence(f"Ctrl+{number}"))
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Skillpath", self.about)

    def _goer(self, key: str) -> Callable[[], None]:
        return lambda: self.go(key)

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
        return action

    def about(self) -> None:
        dialogs.current().info(
            self,
            f"About {APP_NAME}",
            ABOUT.format(name=APP_NAME, version=__version__, folder=self.data_dir),
        )

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
