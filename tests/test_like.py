"""Every LIKE in the product searches literally: ``%`` and ``_`` typed are characters."""

from __future__ import annotations

import ast
from pathlib import Path

import sandbox
from sandbox.workflow import Role
from tests.desk.factories import make_item, make_user

ROOT = Path(sandbox.__file__).parent


def _like_calls() -> list[tuple[str, ast.Call]]:
    """Every ``….like(…)`` / ``….ilike(…)`` call in the package source."""
    calls = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            func = getattr(node, "func", None)
            if isinstance(func, ast.Attribute) and func.attr in ("like", "ilike"):
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return calls


def test_every_like_uses_the_one_escaping_helper():
    calls = _like_calls()
    assert len(calls) >= 6  # desk search, portal search, USSD search, staff lookup
    for where, call in calls:
        escape = {k.arg: k.value for k in call.keywords}.get("escape")
        assert isinstance(escape, ast.Name) and escape.id == "LIKE_ESCAPE", where
        pattern = call.args[0]
        built = isinstance(pattern, ast.Call) and getattr(pattern.func, "id", "") == "like_pattern"
        assert built or isinstance(pattern, ast.Name), where  # a like_pattern(...) result


def test_desk_search_treats_percent_and_underscore_literally(client, make_workspace):
    ws = make_workspace()
    make_user(ws, "afisa", Role.OFFICER, "DODOMA_CC")
    make_item(ws, "DODOMA_CC", description="Bei imepanda kwa 50% mwezi huu")
    make_item(ws, "DODOMA_CC", description="Maji hayatoki bombani kwa wiki mbili")
    client.post("/login", data={"username": "afisa", "password": "pw"})

    def found(q: str) -> int:
        page = client.get("/desk/feedback", query_string={"q": q, "tab": "all"}).text
        return page.count('href="/desk/feedback/')

    assert found("%") == 1
    assert found("50%") == 1
    assert found("_") == 0
    assert found("wiki") == 1
    assert found("") == 2
