"""Check that a change of speed changed no output: the same commands, run by this checkout and
by another git revision of it, must print the same bytes (stdout and exit status).

Run: .venv/bin/python benchmarks/same_output.py [--old REV] [--cvs N]

The old revision is extracted into a temporary folder and run with this virtual
environment's packages. Commands compared, each with its own empty data and cache folders:
`demo --json` (twice: the first run stores the demo, the second finds it), `demo`,
`plan --profile FILE --role ID --json` for every role, `plan --cv FILE --role ID --json`,
`cv FILE --json`, `cv FILE --role ID --json` and `cv FILE` for every test CV, `roles --json`,
`skills --json`, `analyze --json`, `job FILE --json` for every test ad, `catalog --json`,
`status` and `status --json` of the stored demo, and `compare` of five roles. Dates are
fixed (--start, --today) where a command takes one, so that a run across midnight compares
the same day.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CVS = ROOT / "tests" / "cv" / "files"
ADS = ROOT / "tests" / "jobs" / "files"
START = "2026-03-02"
TODAY = "2026-03-02"
PROFILE = {
    "name": "Ada Check",
    "years_experience": 4,
    "focus": "backend",
    "skills": {"python": 3, "sql": 3, "git": 3, "linux": 2, "docker": 1},
    "hours_per_week": 10,
}


def extract(rev: str, into: Path) -> Path:
    """The tree of `rev`, laid out as an importable `skillpath` package; returns the folder
    to put on PYTHONPATH."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into / "src", filter="data")
    pkg = into / "pkg" / "skillpath"
    pkg.mkdir(parents=True)
    for name, folder in (("core", "core"), ("desktop", "desktop"), ("resources", "resources")):
        (pkg / name).symlink_to(into / "src" / folder)
    return into / "pkg"


def commands(roles: list[str], profile: Path, cvs: list[Path]) -> list[list[str]]:
    out = [
        ["demo", "--json", "--start", START],
        ["demo", "--json", "--start", START],
        ["demo", "--start", START],
        ["roles", "--json"],
        ["skills", "--json"],
        ["analyze", "--profile", str(profile), "--role", roles[0], "--json"],
    ]
    for role in roles:
        out.append(["plan", "--profile", str(profile), "--role", role, "--start", START, "--json"])
    for cv in cvs:
        out.append(["cv", str(cv), "--today", TODAY, "--json"])
        out.append(["cv", str(cv), "--today", TODAY, "--role", roles[0], "--json"])
        out.append(["cv", str(cv), "--today", TODAY])
        out.append(["plan", "--cv", str(cv), "--role", roles[0], "--start", START, "--json"])
    for ad in sorted(p for p in ADS.iterdir() if p.is_file()):
        out.append(["job", str(ad), "--json"])
    out.append(["catalog", "--json"])
    # the stored demo (today's date on both sides): its progress, and its readiness elsewhere
    out.append(["status", "--json"])
    out.append(["status"])
    out.append(["compare", *roles[:5], "--json"])
    # without fixed dates too (today's date on both sides)
    out.append(["plan", "--cv", str(cvs[0]), "--role", roles[0], "--json"])
    out.append(["demo", "--json"])
    return out


def run_all(
    python: str, pythonpath: str | None, cmds: list[list[str]], home: Path
) -> list[tuple[int, bytes]]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pythonpath is None:
        env.pop("PYTHONPATH", None)
    else:
        env["PYTHONPATH"] = pythonpath
    env["SKILLPATH_DATA_DIR"] = str(home / "data")
    env["SKILLPATH_CACHE_DIR"] = str(home / "cache")
    env["HOME"] = str(home)
    results = []
    for cmd in cmds:
        proc = subprocess.run(
            [python, "-m", "skillpath.desktop.main", *cmd], env=env, capture_output=True,
            cwd=home,
        )  # fmt: skip
        results.append((proc.returncode, proc.stdout))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", default="HEAD", help="the git revision to compare with")
    parser.add_argument("--cvs", type=int, default=0, help="only the first N test CVs")
    args = parser.parse_args()
    python = sys.executable
    cvs = sorted(p for p in CVS.iterdir() if p.is_file())
    if args.cvs:
        cvs = cvs[: args.cvs]
    with tempfile.TemporaryDirectory(prefix="skillpath-same-") as tmp:
        base = Path(tmp)
        old_path = extract(args.old, base / "old")
        profile = base / "profile.json"
        profile.write_text(json.dumps(PROFILE), encoding="utf-8")
        probe = subprocess.run(
            [python, "-m", "skillpath.desktop.main", "roles", "--json"],
            check=True, capture_output=True, env={**os.environ, "HOME": tmp},
        )  # fmt: skip
        roles = [r["id"] for r in json.loads(probe.stdout)]
        cmds = commands(roles, profile, cvs)
        for side in ("old-home", "new-home"):
            (base / side).mkdir()
        old = run_all(python, str(old_path), cmds, base / "old-home")
        new = run_all(python, None, cmds, base / "new-home")
    differ = 0
    for cmd, (old_rc, old_out), (new_rc, new_out) in zip(cmds, old, new, strict=True):
        if (old_rc, old_out) != (new_rc, new_out):
            differ += 1
            print(f"DIFFERENT: skillpath {' '.join(cmd)} (exit {old_rc} -> {new_rc})")
    print(
        f"{len(cmds)} commands, {len(cmds) - differ} with the same output byte for byte "
        f"as {args.old}, {differ} different"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
