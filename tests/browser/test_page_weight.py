"""Page weight and zero outside requests, counted in Chromium's network log (a count, not a
timing): every page type, in both languages, fetches at most 100 KB of HTML + CSS + JS from a
cold cache and sends no request to any host but the server (no CDN, no font, no tracker).

For a page reached through a form (a form with its errors), the count is the page the form
led to: Chromium logs its CSS and JS again (served from its cache), so it is still the page's
cold weight. The figures are written in docs/PERFORMANCE.md ("Page weight").
"""

from __future__ import annotations

import pytest

from tests.browser.page_types import LANGUAGES, PAGE_TYPES, PageType

BUDGET_KB = 100


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_page_weight_and_no_outside_request(measured, page_type: PageType, lang):
    seen = measured(page_type, lang)
    assert seen.status == page_type.status
    assert seen.weights["document"] > 0 and seen.weights["stylesheet"] > 0  # it did count
    assert seen.kilobytes <= BUDGET_KB, seen.weights
    assert seen.outside == []
