"""Packaging without a build: build.spec's names and Qt filter, the desktop entry and its
installer, `skillpath --version`, and `skillpath --self-test` run from source."""

from __future__ import annotations

import configparser
import importlib.metadata
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
CV_PDF = ROOT / "tests" / "cv" / "files" / "01-backend-one-column.pdf"
SPEC = ROOT / "build.spec"
DESKTOP = ROOT / "resources" / "skillpath.desktop"
INSTALL = ROOT / "scripts" / "install-desktop-entry.sh"
VERSION = importlib.metadata.version("skillpath")

# What the PySide6 hook collects, as (path in the bundle, source, kind); build.spec must keep
# the first group and leave out the second.
QT = "PySide6/Qt/"
KEPT = [
    QT + "plugins/platforms/libqxcb.so",
    QT + "plugins/platforms/libqoffscreen.so",
    QT + "plugins/imageformats/libqsvg.so",
    QT + "plugins/iconengines/libqsvgicon.so",
    QT + "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    QT + "lib/libQt6Core.so.6",
    QT + "lib/libQt6Gui.so.6",
    QT + "lib/libQt6Widgets.so.6",
    QT + "lib/libQt6Svg.so.6",
    QT + "lib/libQt6XcbQpa.so.6",
    QT + "lib/libQt6DBus.so.6",
]
LEFT_OUT = [
    QT + "plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    QT + "lib/libQt6VirtualKeyboard.so.6",
    QT + "lib/libQt6Qml.so.6",
    QT + "lib/libQt6Quick.so.6",
    QT + "qml/QtQuick/Controls/qmldir",
    QT + "plugins/imageformats/libqpdf.so",
    QT + "lib/libQt6Pdf.so.6",
    QT + "plugins/platforms/libqwayland.so",
    QT + "plugins/wayland-shell-integration/libxdg-shell.so",
    QT + "lib/libQt6WaylandClient.so.6",
    QT + "translations/qtbase_de.qm",
]


class _Target:
    """Stands in for PyInstaller's Analysis, PYZ, EXE and COLLECT: records its arguments."""

    made: ClassVar[list[_Target]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.binaries = [(dest, "/nowhere/" + dest, "BINARY") for dest in KEPT + LEFT_OUT]
        self.datas = [*kwargs.get("datas", [])]
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        _Target.made.append(self)


def run_spec(monkeypatch: pytest.MonkeyPatch, *options: str) -> dict[str, Any]:
    """Execute build.spec as PyInstaller would, with its build steps replaced."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda name: [(f"/site/{name}-{VERSION}.dist-info", ".")]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda filename, search_paths=None: set()
    for name, module in {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.depend": types.ModuleType("PyInstaller.depend"),
        "PyInstaller.depend.bindepend": bindepend,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "argv", ["pyinstaller", *options])
    _Target.made = []
    namespace: dict[str, Any] = {"SPECPATH": str(ROOT), "__file__": str(SPEC)}
    for step in ("Analysis", "PYZ", "EXE", "COLLECT"):
        namespace[step] = type(step, (_Target,), {})
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


def made(kind: str) -> list[_Target]:
    return [t for t in _Target.made if type(t).__name__ == kind]


def test_spec_names_the_folder_bundle_from_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    run_spec(monkeypatch)
    (exe,) = made("EXE")
    (coll,) = made("COLLECT")
    assert exe.kwargs["name"] == "skillpath"
    assert coll.kwargs["name"] == "skillpath"
    (analysis,) = made("Analysis")
    datas = analysis.kwargs["datas"]
    assert (str(ROOT / "resources"), "resources") in datas  # catalog, fonts, icon
    assert any("skillpath-" in src and "dist-info" in src for src, _ in datas)


def test_spec_onefile_switch_names_the_file_with_the_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_spec(monkeypatch, "--onefile")
    (exe,) = made("EXE")
    assert exe.kwargs["name"] == f"skillpath-{VERSION}"
    assert made("COLLECT") == []


def test_spec_leaves_unused_qt_pieces_out_and_keeps_x11_and_offscreen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_spec(monkeypatch)
    (analysis,) = made("Analysis")
    kept = {dest for dest, _, _ in analysis.binaries}
    assert kept == set(KEPT)


def test_desktop_entry_is_valid() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    group = entry["Desktop Entry"]
    assert group["Type"] == "Application"
    assert group["Name"] == "Skillpath"
    assert group["Exec"].split()[0] == "skillpath"
    assert (ROOT / "resources" / "icons" / f"{group['Icon']}.svg").is_file()
    assert group["Categories"].endswith(";")
    # the app says it is "skillpath" (setDesktopFileName), so the entry must be named so
    assert DESKTOP.stem == "skillpath"


@pytest.mark.skipif(not shutil.which("sh"), reason="needs a POSIX shell")
def test_install_script_points_exec_at_the_program_and_uninstalls(tmp_path: Path) -> None:
    program = tmp_path / "my apps" / "skillpath"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run(
        ["sh", str(INSTALL), str(program)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "share" / "applications" / "skillpath.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "skillpath.svg"
    text = entry.read_text(encoding="utf-8")
    assert f'Exec="{program}"' in text.splitlines()
    assert f"TryExec={program}" in text.splitlines()
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "skillpath.svg").read_bytes()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True)
        assert check.returncode == 0, check.stdout

    done = subprocess.run(
        ["sh", str(INSTALL), "--uninstall"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert not entry.exists()
    assert not icon.exists()


def test_install_script_refuses_a_missing_program(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run(
        ["sh", str(INSTALL), str(tmp_path / "nothing")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "not an executable file" in done.stderr
    assert not (tmp_path / "share" / "applications" / "skillpath.desktop").exists()


def skillpath(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skillpath.desktop.main", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version_prints_the_package_version() -> None:
    done = skillpath("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"skillpath {VERSION}"


@pytest.mark.gui
def test_self_test_from_source_passes() -> None:
    done = skillpath("--self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    assert any("executive summary PDF" in line for line in lines)
    assert any("progress report PDF" in line for line in lines)


@pytest.mark.gui
def test_self_test_fails_with_one_line_when_the_resources_are_missing(tmp_path: Path) -> None:
    env = {**os.environ, "SKILLPATH_RESOURCES": str(tmp_path / "missing")}
    done = skillpath("--self-test", env=env)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("self-test failed: ")
    assert "catalog" in done.stderr


# ------------------------------------------------------------------ what `pip install .` gives


def _declared_packages() -> set[str]:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_source_package_is_declared_for_the_wheel() -> None:
    """A folder with an __init__.py that pyproject.toml does not list would be missing from
    every wheel and bundle."""
    found = set()
    for folder, name in (
        (ROOT / "core", "skillpath.core"),
        (ROOT / "desktop", "skillpath.desktop"),
    ):
        for init in folder.rglob("__init__.py"):
            parts = init.parent.relative_to(folder).parts
            found.add(".".join((name, *parts)))
    assert found <= _declared_packages()


@pytest.mark.slow
def test_the_wheel_works_from_another_folder_and_installs_no_core_package(tmp_path: Path) -> None:
    """Build the wheel as `pip install .` would, install it into a fresh environment (its
    dependencies borrowed from this one), and use it from a folder far from the checkout."""
    import sysconfig
    import zipfile

    wheels = tmp_path / "wheels"
    # built from a copy, so that setuptools' build/ folder does not land in the checkout
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", ".links", "build", "dist", "tests", "__pycache__", "*.egg-info"
        ),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(wheels), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    wheel = next(wheels.glob("skillpath-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"skillpath"}  # nothing called core or desktop in site-packages
    assert "skillpath/resources/catalog/roles.toml" in names
    assert any(n.startswith("skillpath/resources/fonts/") for n in names)
    assert "skillpath/resources/icons/skillpath.svg" in names
    env_dir = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120
    )
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", site, str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    # the dependencies come from this environment's site-packages, read as a plain path: its
    # .pth files (among them the editable install of this checkout) are not run
    (Path(site) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "SKILLPATH_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    where = subprocess.run(
        [str(python), "-c", "import skillpath.core, sys; print(skillpath.core.__file__)"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert where.startswith(site)
    demo = subprocess.run(
        [str(python), "-m", "skillpath.core.cli", "demo", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert '"name": "Santana Mena"' in demo.stdout
    cv = subprocess.run(
        [str(python), "-m", "skillpath.core.cli", "cv", str(CV_PDF), "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert cv.returncode == 0, cv.stderr
    for old in ("core", "desktop"):
        refused = subprocess.run(
            [str(python), "-c", f"import {old}"], cwd=elsewhere, env=env, capture_output=True
        )
        assert refused.returncode != 0
