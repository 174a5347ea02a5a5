"""The files a new profile can start from (a CV, a JSON Resume, LinkedIn's data export).

Plain data, cheap to import: the window's File menu lists them before any action loads.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileWay:
    """A file a new profile can start from; each goes through the same review as a CV."""

    key: str
    button: str  # the welcome screen's button
    menu: str  # the File menu's entry
    tip: str
    filters: str
    reading: str  # the progress dialog's text
    what: str  # how the review names where each skill came from


FILE_WAYS = (
    FileWay(
        "cv",
        "Start from my CV…",
        "Start from a &CV…",
        "Read skills and experience from a .txt, .md, .pdf or .docx CV",
        "CVs (*.txt *.md *.pdf *.docx);;All files (*)",
        "Reading your CV…",
        "each on the line it was found on",
    ),
    FileWay(
        "resume",
        "Start from my JSON Resume…",
        "Start from a JSON &Resume…",
        "Read a resume.json in the JSON Resume format (jsonresume.org)",
        "JSON Resume (*.json);;All files (*)",
        "Reading your JSON Resume…",
        "each with the entry it came from",
    ),
    FileWay(
        "linkedin",
        "Start from my LinkedIn export…",
        "Start from &LinkedIn's data export…",
        "Read the .zip LinkedIn sends from 'Get a copy of your data'",
        "LinkedIn data export (*.zip);;All files (*)",
        "Reading your LinkedIn export…",
        "each with the entry it came from",
    ),
)
