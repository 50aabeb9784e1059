"""The layer rule, checked on the source (docs/ARCHITECTURE.md says it in one sentence).

- Packages named after nouns (``workflow``, ``channels``, ``seeding``) are pure: no Flask,
  no database, no services, models or blueprints.
- Services and models never import a blueprint folder (a folder with ``views.py``).
- No module imports another ``sandbox`` module inside a function (a late import is how an
  import circle hides), except the app factory and the command line, which load the app
  lazily on purpose; and module-level imports between ``sandbox`` modules form no circle.
"""

from __future__ import annotations

import ast
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import sandbox

ROOT = Path(sandbox.__file__).parent
PURE_PACKAGES = {
    "workflow": {"holidays"},
    "channels": set(),
    "seeding": {"faker", "yaml"},
    "scenarios": {"pydantic", "yaml"},
    "guidebook": {"markdown_it", "nh3", "yaml"},
    "progress": set(),
    "certificates": {"segno"},
    "charts": set(),
    "proposals": {"pydantic", "yaml"},
}
PURE_MODULES = {"text.py": set()}
BLUEPRINTS = sorted(p.parent.name for p in ROOT.glob("*/views.py"))
LAZY_BY_DESIGN = {ROOT / "__init__.py", ROOT / "cli.py"}


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def _name(path: Path) -> str:
    """The dotted module name of a file under sandbox/."""
    parts = ["sandbox", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST, *, top_level_only: bool = False) -> set[str]:
    """Absolute module names imported in ``tree`` (``from a import b`` gives ``a`` and ``a.b``)."""
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _function_imports(tree: ast.AST) -> set[str]:
    """Modules imported inside a function body."""
    found = set()
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found |= _imports(ast.Module(body=[node], type_ignores=[]))
    return found


PURE_FILES = [
    (path, allowed | {"sandbox"})
    for package, allowed in PURE_PACKAGES.items()
    for path in _modules(ROOT / package)
] + [(ROOT / name, allowed | {"sandbox"}) for name, allowed in PURE_MODULES.items()]


@pytest.mark.parametrize(("path", "allowed"), PURE_FILES, ids=lambda v: getattr(v, "name", ""))
def test_pure_modules_import_only_stdlib_their_libraries_and_pure_sandbox(path, allowed):
    imported = _imports(ast.parse(path.read_text()))
    roots = {name.split(".")[0] for name in imported}
    assert roots - sys.stdlib_module_names - allowed == set()
    pure_prefixes = (*tuple(f"sandbox.{p}" for p in PURE_PACKAGES), "sandbox.text")
    impure = {
        name
        for name in imported
        if name.startswith("sandbox.") and not name.startswith(pure_prefixes)
    }
    assert impure == set()


SERVICE_AND_MODEL_FILES = _modules(ROOT / "services") + _modules(ROOT / "models")


@pytest.mark.parametrize("path", SERVICE_AND_MODEL_FILES, ids=lambda p: _name(p))
def test_services_and_models_never_import_a_blueprint_folder(path):
    imported = _imports(ast.parse(path.read_text()))
    upward = {n for n in imported for bp in BLUEPRINTS if n.startswith(f"sandbox.{bp}.")}
    assert upward == set()


def test_blueprint_list_is_real():
    assert {"desk", "portal", "ussd", "sms", "open311", "reports", "accounts"} <= set(BLUEPRINTS)


ALL_FILES = _modules(ROOT)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: _name(p))
def test_no_late_import_of_sandbox_modules(path):
    if path in LAZY_BY_DESIGN:
        return
    late = {n for n in _function_imports(ast.parse(path.read_text())) if n.startswith("sandbox")}
    assert late == set()


def test_module_imports_form_no_circle():
    known = {_name(p) for p in ALL_FILES}
    graph: dict[str, set[str]] = {}
    for path in ALL_FILES:
        module = _name(path)
        targets = set(_imports(ast.parse(path.read_text()), top_level_only=True))
        # A package's __init__ re-exporting its own submodules is not a circle.
        graph[module] = {
            t for t in targets & known if t != module and not t.startswith(module + ".")
        }
    for module in graph:  # a package import means its __init__: keep edges as named
        graph[module] = {t for t in graph[module] if t in graph}
    assert _cycle(graph) is None


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` as a list of modules, or None (``graphlib`` finds it)."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        return list(error.args[1])
    return None
