"""The main window: a sidebar of screens, a profile switcher, menus, and every action.

Every change goes the same way: a job runs on the worker thread (desktop/ops.py) against
the open store, returns a fresh AppState, and the window hands it to the screens.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, cast

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
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
from skillpath.core.db.store import Store
from skillpath.core.errors import SkillpathError
from skillpath.core.models import Profile, Role
from skillpath.core.own_roles import with_own_roles
from skillpath.core.planner import PlanOptions, build_plan
from skillpath.core.tracking import Tracker, create_profile, replace_plan
from skillpath.desktop import dialogs, theme
from skillpath.desktop.ops import Ops, log_crash
from skillpath.desktop.screens.dashboard import DashboardScreen
from skillpath.desktop.screens.gaps import GapsScreen
from skillpath.desktop.screens.profile import ProfileScreen
from skillpath.desktop.screens.reports import ReportsScreen
from skillpath.desktop.screens.roadmap import RoadmapScreen
from skillpath.desktop.screens.roles import RolesScreen
from skillpath.desktop.screens.settings import SettingsScreen
from skillpath.desktop.screens.welcome import WelcomeScreen
from skillpath.desktop.settings import Settings
from skillpath.desktop.state import AppState, Details, load_details, load_state

_NEEDS_STORE = ("dashboard", "roadmap", "gaps", "profile", "reports")
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
<li>Demand: U.S. Bureau of Labor Statistics, Employment Projections 2024–34, as published in
the Occupational Outlook Handbook. Public domain.</li>
<li>Certification names, costs and validity: each vendor's published pages, with the source
and year of every figure in the catalog.</li>
<li>Skills, role requirements, growth areas and technology lists: editorial selection of the
Skillpath maintainers (2026).</li>
</ul>
<p><b>Software</b>: Qt and PySide6 (LGPLv3), pydantic (MIT), sqlite-utils (Apache 2.0),
reportlab (BSD), pypdf (BSD), python-docx (MIT), icalendar (BSD), platformdirs (MIT).
Fonts: DejaVu (Bitstream Vera licence), Droid Sans Fallback (Apache 2.0).</p>"""


class MainWindow(QMainWindow):
    """The app's one window. `state` is what the screens currently show."""

    def __init__(
        self,
        data_dir: Path,
        catalog: Catalog,
        settings: Settings,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.catalog = catalog
        self.settings = settings
        self._today = today
        self.state: AppState | None = None
        self.store_error: str | None = None
        self.ops = Ops(self)
        self.ops.error.connect(self.show_error)
        self.ops.crashed.connect(self.crashed)
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
        self.nav = QListWidget()
        self.nav.setAccessibleName("Screens")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        for key, label in SCREENS:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(item.sizeHint().expandedTo(item.sizeHint()))
            self.nav.addItem(item)
        side_layout.addWidget(self.nav, 1)
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
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.profile_box.activated.connect(self._profile_chosen)
        self.new_button.clicked.connect(self.new_profile)
        self._restore_geometry()
        self._apply_style()

    # ------------------------------------------------------------ screens

    _FACTORIES: ClassVar[dict[str, Callable[[MainWindow], QWidget]]] = {
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

    def screen(self, key: str) -> Any:
        """The screen called `key`, built (and brought up to date) on first use."""
        built = self.screens.get(key)
        if built is None:
            built = self._FACTORIES[key](self)
            self.screens[key] = built
            self.stack.addWidget(built)
            if key in self._SPLITTERS:
                saved = self.settings.bytes(f"splitter/{key}")
                if saved is not None:
                    built.splitter.restoreState(saved)
            if self.state is not None and hasattr(built, "set_state"):
                built.set_state(self.state)
            if self.store_error is not None and key in _NEEDS_STORE:
                built.setEnabled(False)
        return built

    @property
    def welcome(self) -> WelcomeScreen:
        return cast(WelcomeScreen, self.screen("welcome"))

    @property
    def dashboard(self) -> DashboardScreen:
        return cast(DashboardScreen, self.screen("dashboard"))

    @property
    def roadmap(self) -> RoadmapScreen:
        return cast(RoadmapScreen, self.screen("roadmap"))

    @property
    def gaps(self) -> GapsScreen:
        return cast(GapsScreen, self.screen("gaps"))

    @property
    def roles(self) -> RolesScreen:
        return cast(RolesScreen, self.screen("roles"))

    @property
    def profile(self) -> ProfileScreen:
        return cast(ProfileScreen, self.screen("profile"))

    @property
    def reports(self) -> ReportsScreen:
        return cast(ReportsScreen, self.screen("reports"))

    @property
    def settings_screen(self) -> SettingsScreen:
        return cast(SettingsScreen, self.screen("settings"))

    # ------------------------------------------------------------ start and stop

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def full_catalog(self) -> Catalog:
        """The shipped catalog with this data file's own roles, as last read."""
        if self.state is not None and self.state.catalog is not None:
            return self.state.catalog
        return self.catalog

    def start(self) -> None:
        """Open the store on the worker thread, then show the first screen."""

        def opened(_: object) -> None:
            self.refresh(first=True)

        def refused(exc: SkillpathError) -> None:
            self.store_error = str(exc)
            self.show_error(str(exc))
            self.go("settings")
            self._set_enabled(False)

        self.ops.set_context(lambda: Store.open(self.data_dir), opened, refused)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
        self.ops.shutdown()
        super().closeEvent(event)

    def _set_enabled(self, on: bool) -> None:
        for key, screen in self.screens.items():
            if key in _NEEDS_STORE:
                screen.setEnabled(on)
        self.new_button.setEnabled(on)

    # ------------------------------------------------------------ state in

    def _job(
        self,
        change: Callable[[Store], Any] | None,
        done: Callable[[AppState], None] | None = None,
        label: str | None = None,
        profile_id: int | None = None,
    ) -> None:
        """Run `change(store)` then reload the state, on the worker thread; apply it here."""
        wanted = profile_id if profile_id is not None else self._profile_id()
        today = self.today()
        catalog = self.catalog

        def job(store: Store) -> AppState:
            message = change(store) if change is not None else None
            chosen = wanted
            if isinstance(message, tuple):  # (message, new profile id)
                message, chosen = message
            return load_state(store, catalog, chosen, today, message or "")

        def applied(state: AppState) -> None:
            self.apply_state(state)
            if done is not None:
                done(state)

        self.ops.run(job, applied, label=label)

    def _profile_id(self) -> int | None:
        if self.state and self.state.profile:
            return self.state.profile.id
        return None

    def refresh(self, first: bool = False) -> None:
        def shown(state: AppState) -> None:
            if first:
                self._first_screen(state)

        self._job(None, shown)

    def apply_state(self, state: AppState) -> None:
        self.state = state
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        for row in state.profiles:
            self.profile_box.addItem(row.name, row.id)
        if state.profile:
            self.profile_box.setCurrentIndex(self.profile_box.findData(state.profile.id))
        self.profile_box.blockSignals(False)
        self.profile_box.setEnabled(bool(state.profiles))
        self.profile_box.setPlaceholderText("No profile yet")
        for screen in self.screens.values():
            if hasattr(screen, "set_state"):
                screen.set_state(state)
        self.undo_action.setEnabled(state.can_undo)
        self.redo_action.setEnabled(state.can_redo)
        self._update_banner(state)
        if state.message:
            self.statusBar().showMessage(state.message, 6000)
        title = APP_NAME
        if state.profile:
            title = f"{state.profile.name} – {APP_NAME}"
        self.setWindowTitle(title)

    def _first_screen(self, state: AppState) -> None:
        if not state.profiles:
            self.go("welcome")
        else:
            last = self.settings.text("last_screen", "dashboard")
            self.go(last if last in dict(SCREENS) else "dashboard")
        if os.environ.get("SKILLPATH_EXIT_AFTER_PAINT"):
            # benchmarks: paint the first real screen, say so, and leave
            self.repaint()
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)

    def _update_banner(self, state: AppState) -> None:
        st = state.status
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
            overdue = bool(self.state and self.state.status and self.state.status.overdue)
            self.roadmap.filter.setCurrentText("Overdue" if overdue else "Due this week")
        self.banner.hide()

    # ------------------------------------------------------------ navigation

    def go(self, key: str) -> None:
        if key == "welcome":
            self.stack.setCurrentWidget(self.welcome)
            self.nav.blockSignals(True)
            self.nav.clearSelection()
            self.nav.setCurrentRow(-1)
            self.nav.blockSignals(False)
            return
        keys = [k for k, _ in SCREENS]
        if key not in keys:
            key = "dashboard"
        if self.nav.currentRow() != keys.index(key):
            self.nav.setCurrentRow(keys.index(key))
        else:
            self._show_screen(key)

    def _nav_changed(self, item: QListWidgetItem | None, _: Any = None) -> None:
        if item is not None:
            self._show_screen(str(item.data(Qt.ItemDataRole.UserRole)))

    def _show_screen(self, key: str) -> None:
        has_profiles = bool(self.state and self.state.profiles)
        needs_profile = key in ("dashboard", "roadmap", "gaps", "reports") or (
            key == "profile" and not self.profile.creating
        )
        if needs_profile and not has_profiles and self.store_error is None:
            self.stack.setCurrentWidget(self.welcome)
            return
        if key == "roles" and self.roles.draft is None:
            self.roles.show_for_state()
        if key == "profile" and not self.profile.creating:
            self.profile.edit_current()
        if key == "settings":
            self.settings_screen.refresh()
        self.stack.setCurrentWidget(self.screen(key))
        self.settings.set_text("last_screen", key)

    def show_deliverable(self, key: str) -> None:
        self.roadmap.filter.setCurrentText("All")
        self.go("roadmap")
        self.roadmap.select(key)

    def _profile_chosen(self, index: int) -> None:
        profile_id = self.profile_box.itemData(index)
        if profile_id is not None:
            self.profile.creating = False
            self.roles.draft = None
            self._job(None, lambda s: self.go("dashboard"), profile_id=int(profile_id))

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

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show one of the app's own dialogs; tests replace this."""
        return bool(dialog.exec() == QDialog.DialogCode.Accepted)

    # ------------------------------------------------------------ profile actions

    def new_profile(self) -> None:
        self.roles.draft = None
        self.profile.start_new()
        self.go("profile")

    def start_from_cv(self) -> None:
        path = dialogs.current().open_file(
            self, "Start from my CV", "CVs (*.txt *.md *.pdf *.docx);;All files (*)"
        )
        if not path:
            return
        catalog, today = self.catalog, self.today()

        def job(_: Store) -> Any:
            from skillpath.core.cv import read_cv

            return read_cv(Path(path), catalog, today)

        def done(draft: Any) -> None:
            from skillpath.desktop.models import SkillLine

            lines = [SkillLine(s.skill, s.name, s.level, "cv", s.evidence) for s in draft.skills]
            profile = draft.to_profile(self.settings.default_hours)
            note = (
                f"Found {len(lines)} skills in {Path(path).name}. Untick any that are wrong, "
                "adjust the levels, then continue. Nothing is saved yet."
            )
            if draft.warnings:
                note += " " + " ".join(draft.warnings)
            self.roles.draft = None
            self.profile.start_new(profile, lines, note)
            self.go("profile")

        self.ops.run(job, done, label="Reading your CV…")

    def choose_role_for(self, draft: Profile) -> None:
        try:
            checked = Profile.model_validate(draft.model_dump())
        except ValueError as exc:
            from skillpath.core.profile_io import describe_validation

            message = describe_validation(exc) if hasattr(exc, "errors") else str(exc)
            self.show_error(f"The profile is not complete: {message}")
            return
        self.roles.show_for_draft(checked)
        self.go("roles")

    def create_profile(self, draft: Profile, role_id: str, options: PlanOptions) -> None:
        catalog, today = self.catalog, self.today()

        def change(store: Store) -> Any:
            profile = draft.model_copy(
                update={
                    "hours_per_week": options.hours_per_week or draft.hours_per_week,
                    "start_date": options.start,
                    "target_date": options.target,
                }
            )
            full = with_own_roles(store, catalog)
            plan = build_plan(profile, full.role(role_id), full, options, today)
            row = create_profile(store, profile, plan, full, today=today)
            return (f"Created {row.name}'s profile and plan", row.id)

        def done(_: AppState) -> None:
            self.roles.draft = None
            self.profile.creating = False
            self.go("dashboard")

        self._job(change, done, label="Creating your plan…")

    def open_demo(self) -> None:
        catalog, today = self.catalog, self.today()

        def change(store: Store) -> Any:
            from skillpath.core.demo import demo_profile
            from skillpath.core.tracking import find_profile, store_demo

            row = store_demo(store, catalog, today)
            if row is not None:
                return ("Created the demo profile, with four months of history", row.id)
            return ("Opened the demo profile", find_profile(store, demo_profile().name).id)

        self._job(change, lambda _: self.go("dashboard"), label="Opening the demo…")

    def update_profile(self, profile: Profile, done: Callable[[], None] | None = None) -> None:
        profile_id = self._profile_id()
        if profile_id is None:
            return
        catalog, today = self.catalog, self.today()

        def change(store: Store) -> str:
            return Tracker(store, profile_id, with_own_roles(store, catalog), today).update_profile(
                profile
            )

        self._job(change, (lambda _: done()) if done else None)

    def make_plan(self, role_id: str, options: PlanOptions) -> None:
        state = self.state
        if state is None or state.profile is None:
            return
        if state.has_plan and not dialogs.current().confirm(
            self,
            "New plan",
            "Make a new plan? Your current plan and its progress are kept in the history.",
        ):
            return
        profile, profile_id = state.profile.profile, state.profile.id
        catalog, today = self.catalog, self.today()

        def change(store: Store) -> str:
            full = with_own_roles(store, catalog)
            plan = build_plan(profile, full.role(role_id), full, options, today)
            replace_plan(store, profile_id, plan, today=today)
            return f"New plan for {plan.role.title}: {plan.total_hours} h, ends {plan.finish}"

        self._job(change, lambda _: self.go("roadmap"), label="Creating your plan…")

    # ------------------------------------------------------------ tracking actions

    def _track(self, act: Callable[[Tracker], str]) -> None:
        profile_id = self._profile_id()
        if profile_id is None:
            return
        catalog, today = self.catalog, self.today()

        def change(store: Store) -> str:
            return act(Tracker(store, profile_id, with_own_roles(store, catalog), today))

        self._job(change, lambda _: self._refresh_details())

    def _refresh_details(self) -> None:
        key = self.roadmap.current_key()
        if key:
            self.load_details(key, self.roadmap.show_details)

    def toggle(self, key: str, done: bool) -> None:
        self._track(lambda t: t.tick(key) if done else t.untick(key))

    def set_status(self, key: str, status: str) -> None:
        acts: dict[str, Callable[[Tracker], str]] = {
            "done": lambda t: t.tick(key),
            "in progress": lambda t: t.start(key),
            "skipped": lambda t: t.skip(key),
            "todo": lambda t: t.reopen(key),
        }
        self._track(acts[status])

    def log_hours(self, key: str, hours: float, on: dt.date) -> None:
        self._track(lambda t: t.log(key, hours, on=on))

    def add_note(self, key: str, text: str) -> None:
        self._track(lambda t: t.note(key, text))

    def add_evidence(self, key: str, text: str) -> None:
        self._track(lambda t: t.add_evidence(key, text))

    def add_deliverable(self, values: dict[str, Any], phase: int | None) -> None:
        self._track(lambda t: t.add(str(values.pop("title")), phase=phase, **values))

    def edit_deliverable(self, key: str, values: dict[str, Any]) -> None:
        self._track(lambda t: t.edit(key, **values))

    def remove_deliverable(self, key: str) -> None:
        if dialogs.current().confirm(
            self,
            "Remove deliverable",
            "Remove this deliverable with its notes and hours? You can undo it with Ctrl+Z.",
        ):
            self._track(lambda t: t.remove(key))

    def move_deliverable(self, key: str, index: int) -> None:
        self._track(lambda t: t.move(key, index))

    def undo(self) -> None:
        self._track(lambda t: t.undo())

    def redo(self) -> None:
        self._track(lambda t: t.redo())

    def load_details(self, key: str, show: Callable[[Details], None]) -> None:
        profile_id = self._profile_id()
        if profile_id is None:
            return
        catalog = self.catalog
        self.ops.run(lambda store: load_details(store, catalog, profile_id, key), show)

    def replan(self) -> None:
        """Show what a re-plan from today would move, and apply it when the person agrees."""
        state = self.state
        if state is None or state.profile is None or state.status is None:
            return
        profile_id = state.profile.id
        hours = state.profile.profile.hours_per_week
        rows = state.status.items
        catalog, today = self.catalog, self.today()
        from skillpath.core.progress import new_schedule

        dates = new_schedule(rows, today, hours)
        moves = [
            (r.title, r.due, dates[r.key][1])
            for r in rows
            if r.key in dates and dates[r.key][1] != r.due
        ]
        if not moves:
            self.show_message("Nothing to re-plan: every open deliverable is on schedule.")
            return
        lines = "\n".join(f"{title}: due {old} → {new}" for title, old, new in moves[:15])
        more = f"\n…and {len(moves) - 15} more" if len(moves) > 15 else ""
        if not dialogs.current().confirm(
            self,
            "Re-plan from today",
            f"Reschedule the open deliverables from today at {hours:g} h a week? "
            f"{len(moves)} due dates change:\n\n{lines}{more}\n\nYou can undo this.",
        ):
            return

        def change(store: Store) -> str:
            from skillpath.core.progress import replan

            tracker = Tracker(store, profile_id, with_own_roles(store, catalog), today)
            return replan(tracker, today=today)

        self._job(change)

    # ------------------------------------------------------------ own roles

    def _after_role_change(self, role_id: str | None) -> Callable[[AppState], None]:
        def done(_: AppState) -> None:
            if role_id:
                self.roles.select(role_id)

        return done

    def copy_role(self, role_id: str) -> None:
        """Copy a role into an own role, let the person change it, and save it."""
        from skillpath.core.own_roles import copy_role

        full = self.full_catalog()
        source = full.role(role_id)
        draft = copy_role(full, role_id, f"{source.title} (mine)", taken=set(full.roles))
        self.edit_own_role(draft)

    def edit_own_role(self, role: Role) -> None:
        from skillpath.desktop.screens.role_editor import RoleEditor

        editor = RoleEditor(self, role, self.catalog)
        if not self.run_dialog(editor):
            return
        changed = editor.role()
        catalog = self.catalog

        def change(store: Store) -> str:
            from skillpath.core.own_roles import save_own_role

            saved = save_own_role(store, catalog, changed)
            return f"Saved your role {saved.title}"

        self._job(change, self._after_role_change(changed.id))

    def delete_own_role(self, role: Role) -> None:
        if not dialogs.current().confirm(
            self,
            "Delete role",
            f"Delete your role {role.title}? Plans made for it keep their deliverables.",
        ):
            return

        def change(store: Store) -> str:
            from skillpath.core.own_roles import delete_own_role

            delete_own_role(store, role.id)
            return f"Deleted your role {role.title}"

        self._job(change, self._after_role_change(None))

    def import_role_file(self) -> None:
        path = dialogs.current().open_file(self, "Import a role", "Role files (*.toml)")
        if not path:
            return
        catalog = self.catalog

        def change(store: Store) -> str:
            from skillpath.core.own_roles import read_role_file, save_own_role

            role = save_own_role(store, catalog, read_role_file(Path(path), catalog))
            return f"Imported the role {role.title}"

        self._job(change)

    def export_role_file(self, role: Role) -> None:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in role.id)
        chosen = dialogs.current().save_file(
            self, "Export role", f"{safe}.toml", "Role files (*.toml)"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.exists() and not dialogs.current().confirm(
            self, "Replace file", f"{path.name} exists already. Replace it?"
        ):
            return

        def job(_: Store) -> Path:
            from skillpath.core.fileio import atomic_write_text
            from skillpath.core.own_roles import role_file_text

            atomic_write_text(path, role_file_text(role), True)
            return path

        self.ops.run(job, lambda p: self.show_message(f"Saved {p}"))

    # ------------------------------------------------------------ data actions

    def back_up(self) -> None:
        def job(store: Store) -> Path:
            return store.backup()

        def done(path: Path) -> None:
            self.show_message(f"Backed up to {path}")
            self.settings_screen.refresh()

        self.ops.run(job, done, label="Backing up…")

    def check_database(self) -> None:
        def job(store: Store) -> Any:
            return store.check()

        def done(report: Any) -> None:
            if report.ok:
                text = (
                    f"The database is healthy: {report.profiles} profiles, "
                    f"{report.deliverables} deliverables, schema version {report.schema}."
                )
            else:
                text = "The check found problems:\n" + "\n".join(report.problems)
            dialogs.current().info(self, "Check database", text)

        self.ops.run(job, done, label="Checking the database…")

    def export_profile(self) -> None:
        if self.state is None or self.state.profile is None:
            return
        name = self.state.profile.name
        path = dialogs.current().save_file(
            self, "Export profile", f"{name}.json", "Skillpath profile (*.json)"
        )
        if not path:
            return
        profile_id = self.state.profile.id

        def job(store: Store) -> str:
            from skillpath.core.transfer import export_to_file

            export_to_file(store, profile_id, Path(path))
            return path

        self.ops.run(
            job, lambda p: self.show_message(f"Exported to {p}"), label="Exporting your profile…"
        )

    def import_profile(self) -> None:
        path = dialogs.current().open_file(self, "Import profile", "Skillpath profile (*.json)")
        if not path:
            return

        catalog = self.catalog

        def change(store: Store) -> Any:
            from skillpath.core.transfer import import_profile, read_export

            row = import_profile(store, read_export(Path(path), catalog))
            return (f"Imported {row.name}", row.id)

        self._job(change, lambda _: self.go("dashboard"), label="Importing…")

    def export(
        self,
        kind: str,
        fmt: str,
        paper: str,
        suggested: str,
        filters: str,
        done: Callable[[Path], None],
    ) -> None:
        """Ask where, confirm replacing an existing file, then write it off the UI thread."""
        if self.state is None or self.state.profile is None:
            return
        chosen = dialogs.current().save_file(self, "Export", suggested, filters)
        if not chosen:
            return
        path = Path(chosen)
        force = False
        if path.exists():
            if not dialogs.current().confirm(
                self, "Replace file", f"{path.name} exists already. Replace it?"
            ):
                return
            force = True
        profile_id = self.state.profile.id
        catalog, today = self.catalog, self.today()

        def job(store: Store) -> Path:
            from skillpath.desktop.exports import write_export

            write_export(store, catalog, profile_id, kind, fmt, paper, path, force, today)
            return path

        def written(out: Path) -> None:
            self.show_message(f"Saved {out}")
            done(out)

        self.ops.run(job, written, label="Writing the file…")

    def set_theme(self, name: str) -> None:
        self.settings.theme = name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, name)
        self._apply_style()
        if self.state:
            self.apply_state(self.state)

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
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New profile…", self.new_profile, QKeySequence.StandardKey.New)
        self._action(file_menu, "Start from a &CV…", self.start_from_cv)
        self._action(file_menu, "Open the &demo", self.open_demo)
        file_menu.addSeparator()
        self._action(
            file_menu, "&Import profile…", self.import_profile, QKeySequence.StandardKey.Open
        )
        self._action(file_menu, "&Export profile…", self.export_profile)
        self._action(file_menu, "&Back up now", self.back_up)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, "&Redo", self.redo, QKeySequence("Ctrl+Shift+Z"))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        view = bar.addMenu("&View")
        for number, (key, label) in enumerate(SCREENS, start=1):
            self._action(view, label, lambda k=key: self.go(k), QKeySequence(f"Ctrl+{number}"))
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Skillpath", self.about)

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

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def later(self, ms: int, fn: Callable[[], None]) -> None:
        QTimer.singleShot(ms, fn)
