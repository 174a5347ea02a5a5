"""The progress report and the `report` verb, from a stored profile with history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from skillpath.core import queries
from skillpath.core.actions import tracking
from skillpath.core.actions.demo import open_demo
from skillpath.core.catalog import shipped_catalog
from skillpath.core.cli import main
from skillpath.core.db.store import Store
from skillpath.core.report_data import build_progress
from skillpath.core.report_load import load_progress, load_stored
from skillpath.core.report_pdf import progress_pdf
from skillpath.core.session import Session
from tests.test_report_pdf import HOSTILE, LONG_WORD, fonts_of, squash, text_of

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
    for words in (
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
        "Hours Logged per Week",
        "26 November 2026",
        "behind",
    ):
        assert squash(words) in text, words


def test_progress_agrees_with_status(demo_store: Path) -> None:
    catalog = shipped_catalog()
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        pid = s.find_profile(None).id
        st = queries.progress(s, pid)
        data = load_progress(s, pid)
    report = build_progress(data, catalog)
    assert report.figures[0].value == f"{st.overall.percent}%"
    assert len(report.completed) == st.overall.done
    assert [r.title for r in report.overdue] == [i.title for i in st.items if i.key in st.overdue]


def test_hostile_notes_and_evidence(demo_store: Path) -> None:
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, shipped_catalog(), day=TODAY)
        pid = s.find_profile(None).id
        tracking.tick(
            s, pid, "learn-statistics", on=TODAY, evidence=HOSTILE + "W" * 300,
            note=HOSTILE + LONG_WORD,
        )  # fmt: skip
        tracking.add_note(s, pid, "learn-statistics", "https://example.org/a?b=1&c=<2>", on=TODAY)
    pdf = report_for(demo_store)
    text = squash(text_of(pdf))
    for piece in ("<b>Ann&Co</b>", "<script>alert(1)</script>", "中文测试", "[grinningface]"):
        assert piece in text, piece
    assert "https://example.org/a?b=1&c=<2>" in text
    assert all(fonts_of(pdf).values())


def test_empty_history(data_dir: Path) -> None:
    assert main(["profile", "create", "Fresh", "--role", "senior-ai-engineer",
                 "--start", "2026-11-01", "--data-dir", str(data_dir)]) == 0  # fmt: skip
    text = squash(text_of(report_for(data_dir)))
    assert "Nothingisticked" in text or "Nothing is ticked".replace(" ", "") in text


def test_cli_report_kinds_and_force(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.pdf"
    base = ["report", "--data-dir", str(demo_store), "--profile", "Santana Mena"]
    assert main([*base, "--out", str(out)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
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
    assert "Progress report" in text_of(progress.read_bytes()).replace(
        "PROGRESS REPORT", "Progress report"
    )
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
    from skillpath.core.gap import analyze
    from skillpath.core.report_data import build_summary

    catalog = shipped_catalog()
    with Store.open(demo_store, daily_backup=False) as store:
        s = Session(store, catalog, day=TODAY)
        stored = load_stored(s, s.find_profile("santana mena").id)
    summary = build_summary(
        stored.profile, analyze(stored.profile, catalog.role(stored.plan.role.id), catalog),
        stored.plan, catalog, today=TODAY, evidence=stored.evidence, status=stored.status,
    )  # fmt: skip
    rows = {r.skill: r for r in summary.gap_rows}
    assert rows["Linear algebra"].evidence.startswith("Earned: Linear algebra")
    statuses = [d.status for p in summary.phases for d in p.deliverables]
    assert "done" in statuses and "in progress" in statuses
    assert None in statuses  # a deliverable still to do carries no label
