"""Choose a target role: a searchable list with market facts and readiness, and plan options."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from skillpath.core.changes import Changes
from skillpath.core.gap import analyze
from skillpath.core.models import Profile, Role
from skillpath.core.planner import PlanOptions
from skillpath.desktop.context import AppContext
from skillpath.desktop.dialogs.deliverable import pydate, qdate
from skillpath.desktop.models import KEY_ROLE, SORT_ROLE, RolesModel
from skillpath.desktop.operations import jobs as job_ops
from skillpath.desktop.operations import profiles as profile_ops
from skillpath.desktop.operations import roles as role_ops
from skillpath.desktop.screens.common import (
    AdaptiveSplit,
    Card,
    Facts,
    date_edit,
    flow,
    heading,
    hours_spin,
    muted,
)


def market_rows(role: Role) -> list[tuple[str, str]]:
    """Name/value lines about a role's market, each fact with its source and year."""
    rows: list[tuple[str, str]] = []
    market = role.market
    if market is None:
        return rows
    outlook = market.outlook
    if outlook:
        rows.append(
            (
                "Demand",
                f"{market.demand}: employment of {escape(outlook.title.lower())} projected to "
                f"change {outlook.growth_percent:+g}% over {outlook.period} "
                f"(<a href='{escape(outlook.source_url)}'>BLS</a>, {outlook.year})",
            )
        )
    else:
        rows.append(("Demand", "not stated: no verified projection for this occupation"))
    s = market.salary
    if s:
        rows.append(
            (
                "Pay (US)",
                f"${s.p10:,} – ${s.p90:,} a year (10th–90th percentile), median ${s.median:,}; "
                f"<a href='{escape(s.source_url)}'>BLS OEWS</a>, {escape(s.release)}",
            )
        )
    rows.append(("Proxy", escape(market.proxy_note)))
    rows.append(
        (
            "Growing",
            escape(", ".join(market.growth_areas))
            + f" <i>({escape(market.growth_source)}, {market.growth_year})</i>",
        )
    )
    pop = role.popularity
    rows.append(("Languages", escape(", ".join(pop.languages))))
    rows.append(("Frameworks, tools", escape(", ".join(pop.frameworks_tools))))
    rows.append(("Technologies", escape(", ".join(pop.technologies))))
    return rows


def readiness_words(profile: Profile, role: Role, ctx: AppContext) -> str:
    """'45% ready: 6 skills to raise, 2 of them critical (Python, SQL)'."""
    analysis = analyze(profile, role, ctx.full_catalog())
    gaps = analysis.gaps
    if not gaps:
        return f"{analysis.readiness}% ready: nothing to raise"
    critical = [g.name for g in gaps if g.priority == "critical"]
    text = f"{analysis.readiness}% ready: {len(gaps)} skill{'s' * (len(gaps) != 1)} to raise"
    if critical:
        named = ", ".join(critical[:3]) + (", …" if len(critical) > 3 else "")
        text += f", {len(critical)} of them critical ({named})"
    return text


class RolesScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.draft: Profile | None = None
        self._filled: object = object()
        layout = QVBoxLayout(self)
        self.title = heading("Target role")
        layout.addWidget(self.title)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search roles (e.g. data, security, senior)")
        self.search.setAccessibleName("Search roles")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)

        split = AdaptiveSplit(narrow=900, share=0.6, share_below=0.42)
        split.setObjectName("roles-split")
        self.model = RolesModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Roles")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        self.aim_at_job = QPushButton("Aim at a job ad…")
        self.aim_at_job.setToolTip(
            "Open or paste a job ad, check the skills read from it, and keep it as your role"
        )
        self.copy = QPushButton("Copy and change…")
        self.copy.setToolTip("Make your own role from this one; the catalog stays as it is")
        self.edit_own = QPushButton("Edit…")
        self.edit_own.setAccessibleName("Edit your role")
        self.delete_own = QPushButton("Delete")
        self.delete_own.setAccessibleName("Delete your role")
        self.import_role = QPushButton("Import role file…")
        self.export_role = QPushButton("Export role file…")
        left_layout.addWidget(
            flow(
                self.aim_at_job,
                self.copy,
                self.edit_own,
                self.delete_own,
                self.import_role,
                self.export_role,
            )
        )
        split.addWidget(left)

        # the plan's options first (what the screen is for), then the role's facts; one
        # scroll for both, so a short window scrolls instead of squeezing the form
        right = QScrollArea()
        right.setWidgetResizable(True)
        right.setFrameShape(QFrame.Shape.NoFrame)
        right.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right.setAccessibleName("The role and your plan")
        column = QWidget()
        right_layout = QVBoxLayout(column)
        right_layout.setContentsMargins(8, 0, 4, 0)
        self.card = Card("")
        self.summary = muted("")
        self.card.body.addWidget(self.summary)
        self.facts = Facts()
        self.card.body.addWidget(self.facts)

        options = Card("Your plan")
        form = QFormLayout()
        self.hours = hours_spin("Hours per week")
        self.start = date_edit("Start date")
        target_row = QHBoxLayout()
        self.has_target = QCheckBox("by")
        self.has_target.setAccessibleName("Set a target date")
        self.target = date_edit("Target date")
        self.target.setEnabled(False)
        self.has_target.toggled.connect(self.target.setEnabled)
        target_row.addWidget(self.has_target)
        target_row.addWidget(self.target)
        target_row.addStretch(1)
        self.phases = QSpinBox()
        self.phases.setRange(1, 6)
        self.phases.setValue(3)
        self.phases.setAccessibleName("Number of phases")
        self.free = QCheckBox("Prefer free resources")
        self.certs = QCheckBox("Include certifications")
        self.certs.setChecked(True)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Time", self.hours)
        form.addRow("&Start", self.start)
        form.addRow("Target date", target_row)
        form.addRow("&Phases", self.phases)
        form.addRow("", self.free)
        form.addRow("", self.certs)
        options.body.addLayout(form)
        self.generate = QPushButton("Create my plan")
        self.generate.setDefault(True)
        options.body.addWidget(self.generate)
        right_layout.addWidget(options)
        right_layout.addWidget(self.card)
        right_layout.addStretch(1)
        right.setWidget(column)
        split.addWidget(right)
        self.splitter = split
        layout.addWidget(split, 1)

        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.generate.clicked.connect(self._generate)
        self.aim_at_job.clicked.connect(lambda: job_ops.aim_at_job(ctx))
        self.copy.clicked.connect(self._copy)
        self.edit_own.clicked.connect(self._edit_own)
        self.delete_own.clicked.connect(self._delete_own)
        self.import_role.clicked.connect(lambda: role_ops.import_role_file(ctx))
        self.export_role.clicked.connect(self._export)
        ctx.state.changed.connect(self._changed)
        self._fill_roles(None)

    # ------------------------------------------------------------ filling

    def _profile(self) -> Profile | None:
        if self.draft is not None:
            return self.draft
        state = self.ctx.view
        return state.profile.profile if state and state.profile else None

    def _fill_roles(self, profile: Profile | None) -> None:
        catalog = self.ctx.full_catalog()
        # every change (a tick, a note) refreshes the screens; the table only changes when
        # the skills or the roles do, so the 36+ analyses are not redone on the UI thread
        key = (profile.skills if profile else None, list(catalog.roles.values()))
        if key == self._filled:
            return
        self._filled = key
        readiness = (
            {r.id: analyze(profile, r, catalog).readiness for r in catalog.roles.values()}
            if profile
            else {}
        )
        current = self.current_role()
        self.model.set_roles(list(catalog.roles.values()), readiness)
        self.select(current.id if current else None)

    def select(self, role_id: str | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if role_id is None or index.data(KEY_ROLE) == role_id:
                self.table.selectRow(row)
                return

    def current_role(self) -> Role | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.ctx.full_catalog().roles.get(index.data(KEY_ROLE))

    def _show_current(self) -> None:
        role = self.current_role()
        own = role is not None and role.id.startswith("own-")
        self.edit_own.setEnabled(own)
        self.delete_own.setEnabled(own)
        if role is None:
            return
        self.card.title.setText(role.title)
        self.summary.setText(role.summary)
        rows = market_rows(role)
        certs = [self.ctx.catalog.certifications[c].name for c in role.certifications]
        rows.append(("Certifications", escape(", ".join(certs)) if certs else "none recommended"))
        critical = sum(1 for r in role.required if r.priority == "critical")
        rows.append(("Requires", f"{len(role.required)} skills, {critical} of them critical"))
        profile = self._profile()
        if profile is not None:
            rows.insert(0, ("You", escape(readiness_words(profile, role, self.ctx))))
        self.facts.set_rows(rows)

    def shown(self) -> None:
        """Brought to the front: for the new profile being made, or for the stored one."""
        flow = self.ctx.new_profile
        if flow.active and flow.ready and flow.profile is not None:
            self.show_for_draft(flow.profile)
        else:
            self.show_for_state()

    def show_for_state(self) -> None:
        """Entering from the sidebar: the stored profile, its current role selected."""
        self.draft = None
        state = self.ctx.view
        profile = self._profile()
        today = self.ctx.today()
        self.title.setText("Target role")
        self.generate.setText("Make this my plan" if state and state.has_plan else "Create my plan")
        hours = profile.hours_per_week if profile else self.ctx.settings.default_hours
        self.hours.setValue(hours)
        self.start.setDate(qdate(today))
        target = profile.target_date if profile else None
        self.has_target.setChecked(target is not None)
        self.target.setDate(qdate(target or today + dt.timedelta(days=365)))
        self._fill_roles(profile)
        if state and state.role:
            self.select(state.role.id)

    def show_for_draft(self, draft: Profile) -> None:
        """Entering from a new profile: nothing is saved until the plan is created. The
        role chosen before the profile was begun, or else the best match, is selected."""
        self.draft = draft
        self.title.setText(f"Target role for {draft.name}")
        self.generate.setText("Create my profile and plan")
        self.hours.setValue(draft.hours_per_week)
        start = draft.start_date or self.ctx.today()
        self.start.setDate(qdate(start))
        self.has_target.setChecked(draft.target_date is not None)
        self.target.setDate(qdate(draft.target_date or start + dt.timedelta(days=365)))
        self._fill_roles(draft)
        self.search.clear()
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.select(self.ctx.new_profile.role_id)  # None: the first row, the best match
        self.table.scrollTo(self.table.currentIndex())

    def options(self) -> PlanOptions:
        return PlanOptions(
            hours_per_week=self.hours.value(),
            start=pydate(self.start.date()),
            target=pydate(self.target.date()) if self.has_target.isChecked() else None,
            phases=self.phases.value(),
            certifications=self.certs.isChecked(),
            prefer_free=self.free.isChecked(),
        )

    def _generate(self) -> None:
        role = self.current_role()
        if role is None:
            self.ctx.nav.message.emit("Choose a role first.")
            return
        view = self.ctx.view
        if self.draft is None and (view is None or view.profile is None):
            # no one to plan for yet: tell Skillpath about you first, keeping this role
            profile_ops.start_new(self.ctx)
            self.ctx.new_profile.role_id = role.id
            self.ctx.nav.message.emit(
                f"First tell Skillpath about yourself; then your plan for {role.title}."
            )
            return
        if self.draft is not None:
            profile_ops.create(self.ctx, self.draft, role.id, self.options())
        else:
            profile_ops.make_plan(self.ctx, role.id, self.options())

    def _changed(self, changes: Changes) -> None:
        """Own roles or the profile's skills may have changed: refresh the list."""
        if self.draft is None and (changes.roles or changes.profile or changes.profiles):
            self._fill_roles(self._profile())

    def _copy(self) -> None:
        role = self.current_role()
        if role is not None:
            role_ops.copy_role(self.ctx, role.id)

    def _edit_own(self) -> None:
        role = self.current_role()
        if role is not None and role.id.startswith("own-"):
            role_ops.edit_own_role(self.ctx, role)

    def _delete_own(self) -> None:
        role = self.current_role()
        if role is not None and role.id.startswith("own-"):
            role_ops.delete_own_role(self.ctx, role)

    def _export(self) -> None:
        role = self.current_role()
        if role is not None:
            role_ops.export_role_file(self.ctx, role)
