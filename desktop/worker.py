"""The one worker thread: every piece of work on the data runs here, one job at a time.

The worker owns the session (its SQLite connection is opened on that thread), runs jobs in
the order they were asked for, and sends each result back to the UI thread by a queued
signal. The UI then calls the job's `done` with the result, or shows the error: errors the
person or the environment caused (a SkillpathError) in plain words, anything else through
the crash handler. A progress dialog appears only when a job takes longer than
PROGRESS_DELAY_MS. Screens never use this directly: they go through desktop/operations.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from skillpath.core.errors import SkillpathError

PROGRESS_DELAY_MS = 500

Job = Callable[[Any], Any]  # receives the worker's context (the open Session, or None)


@dataclass
class _Pending:
    done: Callable[[Any], None] | None
    failed: Callable[[SkillpathError], None] | None
    label: str | None
    timer: QTimer | None = None
    dialog: QProgressDialog | None = None


class _Thread(QObject):
    """Lives on the worker thread; holds the context the jobs run against."""

    finished = Signal(int, object)
    failed = Signal(int, object, str)

    def __init__(self) -> None:
        super().__init__()
        self.context: Any = None

    @Slot(int, object)
    def run(self, job_id: int, job: Job) -> None:
        try:
            result = job(self)
        except SkillpathError as exc:
            self.failed.emit(job_id, exc, "")
        except Exception as exc:  # a bug: carry the traceback to the crash handler
            self.failed.emit(job_id, exc, traceback.format_exc())
        else:
            self.finished.emit(job_id, result)


class Worker(QObject):
    """Submit work to the worker thread; hear back on the UI thread.

    Signals:
        error(str): a SkillpathError with no handler of its own; the window shows it.
        crashed(str): the traceback of a bug; the crash handler logs it.
        idle(): no job is waiting any more.
    """

    _submit = Signal(int, object)
    error = Signal(str)
    crashed = Signal(str)
    idle = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._thread = QThread()
        self._thread.setObjectName("skillpath-worker")
        self._worker = _Thread()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def set_parent_widget(self, widget: QWidget | None) -> None:
        self._parent_widget = widget

    def run(
        self,
        job: Callable[[Any], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[SkillpathError], None] | None = None,
        label: str | None = None,
    ) -> int:
        """Run `job(context)` on the worker thread.

        Args:
            job: called with the worker's context (the open store) on the worker thread;
                must not touch widgets.
            done: called with the job's result on the UI thread.
            failed: called with a SkillpathError on the UI thread; by default the `error`
                signal carries its message to the window.
            label: for long work: the text of the progress dialog shown after 500 ms.

        Returns:
            The job's id.
        """
        job_id = next(self._ids)
        pending = _Pending(done, failed, label)
        if label:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._show_progress(job_id))
            timer.start(PROGRESS_DELAY_MS)
            pending.timer = timer
        self._pending[job_id] = pending
        self._submit.emit(job_id, lambda worker: job(worker.context))
        return job_id

    def set_context(
        self,
        make: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[SkillpathError], None] | None = None,
    ) -> None:
        """Replace the worker's context with `make()`, built on the worker thread."""

        def job(worker: _Thread) -> Any:
            old = worker.context
            worker.context = None
            if old is not None and hasattr(old, "close"):
                old.close()
            worker.context = make()
            return worker.context

        job_id = next(self._ids)
        self._pending[job_id] = _Pending(done, failed, None)
        self._submit.emit(job_id, job)

    def _show_progress(self, job_id: int) -> None:
        pending = self._pending.get(job_id)
        if pending is None or pending.dialog is not None:
            return
        dialog = QProgressDialog(pending.label or "Working…", "", 0, 0, self._parent_widget)
        dialog.setCancelButton(None)
        dialog.setWindowTitle("Skillpath")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        pending.dialog = dialog

    def _settle(self, job_id: int) -> _Pending | None:
        pending = self._pending.pop(job_id, None)
        if pending is not None:
            if pending.timer is not None:
                pending.timer.stop()
                pending.timer.deleteLater()
            if pending.dialog is not None:
                pending.dialog.close()
                pending.dialog.deleteLater()
        return pending

    @Slot(int, object)
    def _finished(self, job_id: int, result: object) -> None:
        pending = self._settle(job_id)
        try:
            if pending is not None and pending.done is not None:
                pending.done(result)
        finally:
            if not self._pending:
                self.idle.emit()

    @Slot(int, object, str)
    def _failed(self, job_id: int, exc: object, trace: str) -> None:
        pending = self._settle(job_id)
        try:
            if trace:
                self.crashed.emit(trace)
            elif (
                pending is not None
                and pending.failed is not None
                and isinstance(exc, SkillpathError)
            ):
                pending.failed(exc)
            else:
                self.error.emit(str(exc))
        finally:
            if not self._pending:
                self.idle.emit()

    def shutdown(self) -> None:
        """Close the context on the worker thread and stop it (once; later calls do nothing)."""
        if not self._thread.isRunning():
            return

        def close(worker: _Thread) -> None:
            if worker.context is not None and hasattr(worker.context, "close"):
                worker.context.close()
            worker.context = None

        self._submit.emit(0, close)
        self._thread.quit()
        self._thread.wait(5000)


def log_crash(folder: Path, trace: str) -> Path:
    """Write a traceback to `folder/logs/crash-<time>.txt` and return its path."""
    import datetime as dt
    import logging

    logging.getLogger("skillpath").error("crash:\n%s", trace)
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"crash-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S-%f}.txt"
    path.write_text(trace, encoding="utf-8")
    return path
