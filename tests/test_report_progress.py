"""The progress report and the `report` verb, from a stored profile with history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from pathlib import Path

import pytest
from reportlab.graphics import renderPDF  # type: ignore[import-untyped]

from skillpath.core import queries
from skillpath.core.actions import tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.catalog import shipped_catalog
from skillpath.core.cli import main
from skillpath.core.db.store import Store
from skillpath.core.records import Note
from skillpath.core.report_charts import date_ticks, line_chart
from skillpath.core.report_load import load_progress, load_summary
from skillpath.core.report_pdf import ACCENT
from skillpath.core.report_pdf_progress import progress_pdf
from skillpath.core.report_progress import build_progress
from skillpath.core.report_summary import SECTIONS
from skillpath.core.session import Session
from tests.test_report_pdf import HOSTILE, LONG_WORD, fonts_of, squash, text_of, uris_of, words

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo_store(data_dir: Path) -> Path:
    with Store.open(data_dir, daily_backup=False) as store:
        open_demo(Session(store, shipped_catalog(), day=TODAY))
    return data_dir


def report_for(folder: Path, today: dt.date = TODAY) -> bytes:
    catalog = shipped_catalog()
    with Store.open(folder, daily_backup=False) as store:
        s = Session(store, catalog, day=today)
        data = load_progress(s, s.find_profile(None).id)
    return progress_pdf(build_progress(data, catalog), "a4")


def test_progress_report_shows_every_section(demo_store: Path) -> None:
    text = squash(text_of(report_for(demo_store)))
    for piece in (
        "Progress report",
        "Santana Mena",
        "Progress by Phase",
        "Burn-up",
        "Readiness over Time",
        "Skill Levels Then and Now",
        "Completed Deliverables",
        "Evidence",
        "Overdue",
        "Next Up",
        "Hours Worked per Week",
        "How These Figures Are Computed",
        "26 November 2026",
        "behind",
    ):
        assert squash(piece) in text, piece


def test_progress_agrees_with_status(demo_store: Path) -> None:
    catalog = shipped_catalog()
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        pid = s.find_profile(None).id
        st = queries.progress(s, pid)
        report = build_progress(load_progress(s, pid), catalog)
    assert report.figures[0].value == f"{st.overall.percent}%"
    assert report.figures[1].value == f"{st.schedule.days} days {st.schedule.state}"
    assert len(report.completed) == st.overall.done
    assert [r.title for r in report.overdue] == [i.title for i in st.items if i.key in st.overdue]


def test_hostile_notes_and_evidence(demo_store: Path) -> None:
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, shipped_catalog(), day=TODAY)
        pid = s.find_profile(None).id
        tracking.tick(s, pid, "learn-statistics", on=TODAY, evidence=HOSTILE + "W" * 150,
                      note=HOSTILE + LONG_WORD)  # fmt: skip
        tracking.add_note(s, pid, "learn-statistics", "https://example.org/a?b=1&c=<2>", on=TODAY)
        tracking.add_evidence(s, pid, "learn-statistics", "javascript:alert(1)", on=TODAY)
    pdf = report_for(demo_store)
    text = squash(text_of(pdf))
    for piece in ("<b>Ann&Co</b>", "<script>alert(1)</script>", "中文测试", "[grinningface]",
                  "https://example.org/a?b=1&c=<2>", "javascript:alert(1)", "W" * 100):  # fmt: skip
        assert piece in text, piece
    assert all(fonts_of(pdf).values())
    assert not [u for u in uris_of(pdf) if not u.startswith(("http://", "https://", "mailto:"))]


def test_empty_history(data_dir: Path) -> None:
    assert main(["profile", "create", "Fresh", "--role", "senior-ai-engineer",
                 "--start", "2026-11-01", "--data-dir", str(data_dir)]) == 0  # fmt: skip
    text = squash(text_of(report_for(data_dir)))
    assert squash("Nothing is ticked off yet") in text


def test_month_labels_on_a_date_axis_are_never_repeated(demo_store: Path) -> None:
    """The demo's burn-up once read 'Aug 2026, Sep 2026, Oct 2026, Oct 2026' (30-day steps)."""
    catalog = shipped_catalog()
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        report = build_progress(load_progress(s, s.find_profile(None).id), catalog)
    chart = line_chart([("Planned", report.planned_recent, ACCENT, True)], 480, 190, y_label="h")
    drawn = text_of(renderPDF.drawToString(chart))
    labels = Counter(w for w in drawn.split("\n") if w[:3] in ("Jul", "Aug", "Sep", "Oct", "Nov"))
    assert labels and all(n == 1 for n in labels.values()), labels
    day = dt.date(2026, 8, 2)
    for span in range(1, 3000, 7):
        shown = [label for _, label in date_ticks(day, day + dt.timedelta(days=span))]
        assert len(shown) == len(set(shown)) and len(shown) <= 9, (span, shown)


@pytest.mark.slow
def test_long_notes_lay_out_in_linear_time(demo_store: Path) -> None:
    """50 notes of 10,000 characters on one deliverable took 80 s; 100,000 each, over 17 min."""
    catalog = shipped_catalog()
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        data = load_progress(s, s.find_profile(None).id)
    done = next(d for d in data.progress.items if d.done_on)
    timings = []
    for size in (10_000, 100_000):
        prose = ("a few words of a long note, " * (size // 28 + 1))[:size]
        notes = [Note(TODAY, "W" * size if n % 2 else prose) for n in range(50)]
        big = dataclasses.replace(data, notes={**data.notes, done.id: notes})
        start = time.perf_counter()
        pdf = progress_pdf(build_progress(big, catalog))
        timings.append(time.perf_counter() - start)
        assert squash(prose[:200]) in squash(text_of(pdf, 3, 6))
    # ten times the text takes about ten times as long, not a hundred
    assert timings[1] < 20 * max(timings[0], 1.0), timings
    assert timings[1] < 240, timings


def test_cli_report_kinds_and_force(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.pdf"
    base = ["report", "--data-dir", str(demo_store), "--profile", "Santana Mena"]
    assert main([*base, "--out", str(out)]) == 0
    first = text_of(out.read_bytes(), 1, 2)  # the demo as `skillpath demo` stores it
    assert all(heading in first for heading in SECTIONS)
    assert words(first) < 600, words(first)
    capsys.readouterr()
    # an existing file is kept without --force, with one plain line
    out.write_bytes(b"keep me")
    assert main([*base, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists; use --force" in err and err.count("\n") == 1
    assert out.read_bytes() == b"keep me"
    assert main([*base, "--out", str(out), "--force", "--paper", "letter"]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"

    md = tmp_path / "summary.md"
    assert main([*base, "--format", "md", "--out", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# Executive Summary: Santana Mena")

    progress = tmp_path / "progress.pdf"
    assert main([*base, "--kind", "progress", "--out", str(progress)]) == 0
    assert "PROGRESS REPORT" in text_of(progress.read_bytes())
    assert (
        main([*base, "--kind", "progress", "--format", "md", "--out", str(tmp_path / "p.md")]) == 2
    )
    assert not (tmp_path / "p.md").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_cli_unknown_profile(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", "--data-dir", str(demo_store), "--profile", "Nobody",
                 "--out", str(tmp_path / "x.pdf")])  # fmt: skip
    assert code == 2
    assert "no profile called 'Nobody'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_stored_summary_marks_status_and_earned_evidence(demo_store: Path) -> None:
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, shipped_catalog(), day=TODAY)
        summary = load_summary(s, s.find_profile("santana mena").id)
    rows = {r.skill: r for r in summary.appendix.gap_rows}
    assert rows["Linear algebra"].evidence.startswith("Earned by Linear algebra")
    statuses = {d.status for p in summary.appendix.phases for d in p.deliverables}
    assert {"done", "in progress", "to do"} <= statuses
    assert "deliverables are done" in summary.overview  # progress so far, with its forecast


def test_skill_levels_list_what_moved_and_what_is_under_way(demo_store: Path) -> None:
    """A plan of 25 skills once listed a page of unchanged zeros; now the table holds the
    skills that moved and those of the phase under way, and the note counts the rest."""
    catalog = shipped_catalog()
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        data = load_progress(s, s.find_profile(None).id)
    report = build_progress(data, catalog)
    open_items = [i for i in data.progress.items if i.is_open]
    phase = min(i.phase for i in open_items)
    under_way = {catalog.skill_name(k) for i in open_items if i.phase == phase for k in i.targets}
    moved = [r for r in report.levels if r.now != r.then]
    assert moved and all(r.now != r.then or r.skill in under_way for r in report.levels)
    shown = {r.skill for r in report.levels}
    left = [k for k in data.required if catalog.skill_name(k) not in shown]
    assert left and f"the other {len(left)} skills the role requires are unchanged" in (
        report.levels_note
    )
