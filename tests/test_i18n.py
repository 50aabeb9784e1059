"""Every string a user sees exists in Swahili and English, in every catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import session
from wtforms import StringField
from wtforms.i18n import messages_path
from wtforms.validators import DataRequired, Length

from sandbox import translation_directories
from sandbox.forms import Form

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = [Path(d) for d in translation_directories()]
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def extracted_ids(catalog: Path) -> set:
    """Message ids in the code right now (not the possibly stale .pot), as pybabel finds them."""
    shared = catalog.parent.name == "sandbox"
    cfg, where = ("babel.cfg", ROOT) if shared else ("babel-area.cfg", catalog.parent)
    with open(ROOT / cfg) as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    return {
        msgid
        for _file, _line, msgid, _comments, _context in extract_from_dir(
            str(where), method_map, options_map, keywords=KEYWORDS
        )
    }


def untranslated(ids: set, po: Path) -> list:
    """Message ids with no (or only a fuzzy) Swahili translation."""
    with open(po, "rb") as fh:
        swahili = read_po(fh, locale="sw")
    missing = []
    for msgid in sorted(ids, key=str):
        translated = swahili.get(msgid if isinstance(msgid, str) else msgid[0])
        strings = translated.string if translated else ""
        if isinstance(strings, tuple):
            strings = all(strings) and strings[0]
        if not strings or translated.fuzzy:
            missing.append(msgid)
    return missing


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.name)
def test_swahili_catalog_translates_every_message(catalog):
    po = catalog / "sw" / "LC_MESSAGES" / "messages.po"
    ids = extracted_ids(catalog)
    assert ids, "no strings found: is the extraction config right?"
    assert untranslated(ids, po) == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["sw", "en"])
def test_catalogs_are_compiled(catalog, lang):
    mo = catalog / lang / "LC_MESSAGES" / "messages.mo"
    assert mo.exists(), "run `make translations` (make run and make test do it)"
    with open(mo, "rb") as fh:
        read_mo(fh)


def test_shared_catalog_is_swahili():
    with open(CATALOGS[0] / "sw" / "LC_MESSAGES" / "messages.mo", "rb") as fh:
        assert read_mo(fh).get("Log in").string == "Ingia"


def wtforms_ids() -> set:
    """Every message id WTForms itself can show (its own template catalog)."""
    with open(Path(messages_path()) / "wtforms.pot", "rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def test_every_wtforms_message_has_swahili():
    po = CATALOGS[0] / "sw" / "LC_MESSAGES" / "wtforms.po"
    assert untranslated(wtforms_ids(), po) == []


def test_validator_messages_follow_the_user_language(app):
    class Probe(Form):
        class Meta:
            csrf = False

        name = StringField(validators=[DataRequired(), Length(min=10, max=20)])

    errors = {}
    for lang in ("sw", "en"):
        with app.test_request_context("/", method="POST", data={"name": "abc"}):
            session["lang"] = lang
            form = Probe()
            form.validate()
            errors[lang] = form.name.errors
    assert errors["sw"] == ["Sehemu hii lazima iwe na herufi kati ya 10 na 20."]
    assert errors["en"] == ["Field must be between 10 and 20 characters long."]
