"""The workflow package stays pure: no web or database imports, no wall clock."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import sandbox.workflow

PACKAGE_DIR = Path(sandbox.workflow.__file__).parent
MODULES = sorted(PACKAGE_DIR.glob("*.py"))
ALLOWED_THIRD_PARTY = {"holidays", "sandbox"}
CLOCK_OWNERS = {"datetime", "date", "time", "datetime.datetime", "datetime.date"}
WALL_CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter", "time_ns"}


def _imported_roots(tree: ast.AST) -> set[str]:
    """Top-level names of every absolute import in ``tree``."""
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_imports_only_stdlib_holidays_and_itself(path: Path) -> None:
    tree = ast.parse(path.read_text())
    outside = _imported_roots(tree) - sys.stdlib_module_names - ALLOWED_THIRD_PARTY
    assert not outside
    imports_of_sandbox = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sandbox")
    ]
    assert all(name.startswith("sandbox.workflow") for name in imports_of_sandbox)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_never_reads_the_wall_clock(path: Path) -> None:
    calls = {
        ast.unparse(node.func)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WALL_CLOCK_CALLS
        and ast.unparse(node.func.value) in CLOCK_OWNERS
    }
    assert not calls
