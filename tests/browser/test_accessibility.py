"""axe-core (bundled by axe-playwright-python) on every page type, in Swahili and English, as
the persona who meets it: no serious or critical violation.

A rule is never switched off for the whole site. A violation that cannot be fixed well goes
into EXCEPTIONS below with its page type, its rule and the reason, and is reviewed like code;
the list is empty. Axe's moderate and minor findings do not block; the last ones (the
training banner outside every landmark, repeated landmark names on the reports dashboard,
results sheet, charts and /training/me, an h4 after an h2 on the desk item with errors) were
fixed on 2026-12-01, when every page type showed no violation of any impact. Each page is
loaded once per language for this test and the page-weight test together
(`page_types.measured`).
"""

from __future__ import annotations

import pytest

from tests.browser.page_types import LANGUAGES, PAGE_TYPES, PageType

BLOCKING = {"serious", "critical"}
EXCEPTIONS: dict[tuple[str, str], str] = {}  # (page type, axe rule id) -> why it stays


def blocking(violations: list[dict], page_type: str) -> list[str]:
    """The serious and critical violations not excepted, one readable line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in BLOCKING and (page_type, v["id"]) not in EXCEPTIONS
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_no_serious_or_critical_violation(measured, page_type: PageType, lang):
    seen = measured(page_type, lang)
    assert (seen.status, seen.lang) == (page_type.status, lang)
    assert blocking(seen.violations, page_type.name) == []


def test_only_serious_and_critical_violations_block_and_exceptions_name_real_pages():
    found = [
        {"id": rule, "impact": impact, "help": rule, "nodes": [{"target": ["p"]}]}
        for rule, impact in [("a", "minor"), ("b", "moderate"), ("c", "serious"), ("d", "critical")]
    ]
    assert [line.split()[0] for line in blocking(found, "home")] == ["c", "d"]
    names = {p.name for p in PAGE_TYPES}
    assert all(page in names for page, _rule in EXCEPTIONS)
