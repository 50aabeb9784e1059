"""Every string a user sees exists in Swahili and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[1] / "sandbox" / "translations"


def test_swahili_catalog_translates_every_message():
    with open(TRANSLATIONS / "messages.pot", "rb") as fh:
        template = read_po(fh)
    with open(TRANSLATIONS / "sw" / "LC_MESSAGES" / "messages.po", "rb") as fh:
        swahili = read_po(fh, locale="sw")
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = swahili.get(message.id)
        strings = translated.string if translated else ""
        if isinstance(strings, tuple):
            strings = all(strings) and strings[0]
        if not strings or (translated and translated.fuzzy):
            missing.append(message.id)
    assert missing == []


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_catalogs_are_compiled(lang):
    mo = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo"
    assert mo.exists(), "run `make translations` (make run / make test do it)"
    with open(mo, "rb") as fh:
        catalog = read_mo(fh)
    assert lang != "sw" or catalog.get("Log in").string == "Ingia"
