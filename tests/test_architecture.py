"""The shape the code promises (docs/ARCHITECTURE.md): core/ never imports Qt; only the data
layer holds SQL; no import circles; no module over 600 lines; statuses only through the enum;
no widget attribute hides a Qt method."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"
DESKTOP = ROOT / "desktop"
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
MAX_LINES = 600
SQL = re.compile(
    r"^\s*(SELECT\s|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|UNIQUE)"
    r"|PRAGMA\s|BEGIN\b|COMMIT\b|ROLLBACK\b|DROP\s+TABLE)",
)  # case-sensitive: SQL here is written in capitals, and "Select a role" is not SQL
STATUSES = {"todo", "in progress", "done", "skipped"}


def sources() -> Iterator[tuple[str, Path]]:
    """(module name, path) of every module of the two packages."""
    for folder, package in ((CORE, "skillpath.core"), (DESKTOP, "skillpath.desktop")):
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join((package, *parts)), path


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_core_module_imports_qt_or_the_desktop_package() -> None:
    offenders = []
    for name, path in sources():
        if not name.startswith("skillpath.core"):
            continue
        for node in ast.walk(tree(path)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for imported in names:
                top = imported.split(".")[0]
                if top in FORBIDDEN or imported.startswith("skillpath.desktop"):
                    offenders.append(f"{path.name}:{node.lineno} imports {imported}")
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [name for name, _ in sources() if name.startswith("skillpath.core")]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr


def test_only_the_data_layer_holds_sql() -> None:
    offenders = []
    for name, path in sources():
        if name.startswith("skillpath.core.db"):
            continue
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if SQL.search(node.value):
                    offenders.append(f"{name}:{node.lineno}: {node.value.strip()[:50]!r}")
            elif isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if SQL.search(text):
                    offenders.append(f"{name}:{node.lineno}: {text.strip()[:50]!r}")
    assert offenders == []


def _imports(name: str, path: Path) -> set[str]:
    """Project modules `name` imports, at the top or inside functions."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("skillpath.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module.startswith("skillpath."):
                found.add(module)
                found |= {f"{module}.{a.name}" for a in node.names}
    return found


def test_no_import_circles() -> None:
    modules = dict(sources())
    graph = {
        name: {m for m in _imports(name, path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # a package's __init__ importing its own submodules is how packages are made, not a
    # circle between rooms: only edges that leave the importing module's package count
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == [], "\n".join(" -> ".join(c) for c in cycles[:10])


def test_no_module_is_over_600_lines() -> None:
    long = {
        name: n
        for name, path in sources()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_status_string_outside_the_enum() -> None:
    offenders = []
    for name, path in sources():
        if name == "skillpath.core.rules":
            continue
        module = tree(path)
        keys = {
            id(k)
            for node in ast.walk(module)
            if isinstance(node, ast.Dict)
            for k in node.keys
            if k is not None
        }
        for node in ast.walk(module):
            if isinstance(node, ast.Constant) and node.value in STATUSES and id(node) not in keys:
                offenders.append(f"{name}:{node.lineno}: {node.value!r}")
    assert offenders == []


@pytest.mark.gui
def test_no_widget_attribute_hides_a_qt_method() -> None:
    """`self.metric = QLineEdit()` on a dialog hides QWidget.metric(); Qt then calls the line
    edit and the app dies. Every attribute a desktop class sets must not be a Qt name."""
    import importlib

    from PySide6.QtCore import QObject

    offenders = []
    for name, path in sources():
        if not name.startswith("skillpath.desktop"):
            continue
        module = importlib.import_module(name)
        for node in ast.walk(tree(path)):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            if not (isinstance(cls, type) and issubclass(cls, QObject)):
                continue
            qt_bases = [b for b in cls.__mro__ if b.__module__.startswith(("PySide6", "Shiboken"))]
            for sub in ast.walk(node):
                if not isinstance(sub, ast.Attribute) or not isinstance(sub.ctx, ast.Store):
                    continue
                mine = isinstance(sub.value, ast.Name) and sub.value.id == "self"
                if mine and any(hasattr(base, sub.attr) for base in qt_bases):
                    offenders.append(f"{name}.{node.name}.{sub.attr} (line {sub.lineno})")
    assert offenders == []
