"""Settings: default hours, theme, the data folder, backups and the database check."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from skillpath.desktop import theme
from skillpath.desktop.context import AppContext
from skillpath.desktop.operations import data as data_ops
from skillpath.desktop.screens.common import Card, flow, heading, hours_spin, muted, wrap

THEME_NAMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        window = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Settings"))

        general = Card("General")
        form = QFormLayout()
        self.hours = hours_spin("Default hours per week")
        self.hours.setValue(window.settings.default_hours)
        self.theme = QComboBox()
        self.theme.addItems([THEME_NAMES[t] for t in theme.THEMES])
        self.theme.setCurrentIndex(theme.THEMES.index(window.settings.theme))
        self.theme.setAccessibleName("Theme")
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Default &time for new plans", self.hours)
        form.addRow("T&heme", self.theme)
        general.body.addLayout(form)
        layout.addWidget(general)

        data = Card("Your data")
        self.folder = wrap(str(window.data_dir))
        data.body.addWidget(muted("Everything Skillpath knows about you is in this folder:"))
        data.body.addWidget(self.folder)
        self.open_folder = QPushButton("Open data folder")
        self.backup = QPushButton("Back up now")
        self.check = QPushButton("Check database")
        data.body.addWidget(flow(self.open_folder, self.backup, self.check))
        data.body.addWidget(
            muted(
                "A backup is taken automatically once a day when Skillpath starts and before "
                "every upgrade; the last 10 are kept. To move to another computer, copy the "
                "folder, or export your profile from the File menu."
            )
        )
        self.backups = QListWidget()
        self.backups.setAccessibleName("Backups")
        # room for the ten backups that are kept, no more
        self.backups.setMaximumHeight((self.fontMetrics().height() + 6) * 10 + 8)
        data.body.addWidget(self.backups)
        layout.addWidget(data)
        layout.addStretch(1)

        self.hours.editingFinished.connect(self._hours)
        self.theme.currentIndexChanged.connect(self._theme)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(window.data_dir)))
        )
        self.backup.clicked.connect(lambda: data_ops.back_up(ctx, lambda _: self.refresh()))
        self.check.clicked.connect(lambda: data_ops.check_database(ctx))

    def _hours(self) -> None:
        self.ctx.settings.default_hours = self.hours.value()

    def _theme(self, index: int) -> None:
        self.ctx.nav.set_theme.emit(theme.THEMES[index])

    def shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from skillpath.core.db.store import list_backups

        self.backups.clear()
        found = list_backups(self.ctx.data_dir)
        for path in reversed(found):
            self.backups.addItem(path.name)
        if not found:
            self.backups.addItem("No backups yet.")
