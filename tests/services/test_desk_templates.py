"""Response templates: the YAML set, the idempotent loader, placeholders, own templates."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.desk import ResponseTemplate, Situation
from sandbox.services.desk.templates import (
    add_template,
    fill,
    filled_text,
    load_response_templates,
    read_template_file,
    templates_for,
)
from sandbox.workflow import FeedbackType, Role
from tests.desk.factories import NAME, make_item, make_user


def test_yaml_has_at_least_fifteen_bilingual_templates_without_identity():
    entries = read_template_file()
    assert len(entries) >= 15
    assert len({e["code"] for e in entries}) == len(entries)
    for entry in entries:
        assert entry["sw"].strip() and entry["en"].strip() and entry["sw"] != entry["en"]
        for text in (entry["sw"], entry["en"]):
            assert "{citizen}" not in text and "{name}" not in text and "{phone}" not in text
    situations = {Situation(e["situation"]) for e in entries}
    assert {Situation.ACKNOWLEDGEMENT, Situation.INTERIM, Situation.REQUEST_INFO} <= situations
    assert {Situation.ANSWER, Situation.TRANSFER_NOTICE, Situation.THANKS} <= situations


def test_loader_is_idempotent(app_ctx):
    added = load_response_templates()
    assert added == len(read_template_file())
    assert load_response_templates() == 0
    count = db.session.scalar(sa.select(sa.func.count(ResponseTemplate.id)))
    assert count == added


def test_fill_replaces_known_placeholders_only():
    text = "Namba {reference} ya {institution} kabla ya {deadline}; {citizen} {0} {"
    assert fill(text, "MRJ-T-2026-000001", "TANESCO", "20/11/2026") == (
        "Namba MRJ-T-2026-000001 ya TANESCO kabla ya 20/11/2026; {citizen} {0} {"
    )


def test_filled_text_uses_the_item_and_never_the_identity(make_workspace):
    workspace = make_workspace()
    item = make_item(workspace, "TANESCO")
    template = next(t for t in templates_for(workspace, None) if t.code == "ack_general")
    text = filled_text(template, item, "sw")
    assert item.reference in text and item.institution.name_sw in text
    assert f"{item.respond_due:%d/%m/%Y}" in text
    assert "{" not in text and NAME.split()[0] not in text
    assert item.institution.name_en in filled_text(template, item, "en")


def test_templates_for_a_type_include_generic_ones(make_workspace):
    workspace = make_workspace()
    listed = templates_for(workspace, None, FeedbackType.COMPLIMENT)
    kinds = {t.feedback_type for t in listed}
    assert kinds == {None, FeedbackType.COMPLIMENT}


def test_an_institution_adds_its_own_template_seen_only_there(make_workspace):
    workspace, other = make_workspace("ws1"), make_workspace("ws2")
    officer = make_user(workspace, "afisa", Role.OFFICER, "TANESCO")
    own = add_template(
        workspace,
        officer,
        situation=Situation.ANSWER,
        feedback_type=None,
        title_sw="Umeme umerejeshwa",
        title_en="Power restored",
        text_sw="Umeme umerejeshwa ({reference}).",
        text_en="Power has been restored ({reference}).",
    )
    assert own in templates_for(workspace, officer.institution_id)
    assert own not in templates_for(workspace, officer.institution_id + 1)
    assert own not in templates_for(other, officer.institution_id)
