"""Response templates: the YAML set, the idempotent loader, placeholders, own templates."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.desk import ResponseTemplate, Situation
from sandbox.services.desk.templates import (
    SITUATIONS_FOR,
    InvalidTemplate,
    TemplateDraft,
    TemplateNotFound,
    add_template,
    check_template,
    delete_template,
    fill,
    filled_text,
    load_response_templates,
    own_template,
    read_template_file,
    template_problem,
    templates_for,
    update_template,
)
from sandbox.workflow import Action, FeedbackType, Role
from tests.desk.factories import NAME, make_item, make_user


def draft(**overrides) -> TemplateDraft:
    """A safe own template, with overrides."""
    fields = {
        "situation": Situation.ANSWER,
        "feedback_type": None,
        "title_sw": "Umeme umerejeshwa",
        "title_en": "Power restored",
        "text_sw": "Umeme umerejeshwa ({reference}).",
        "text_en": "Power has been restored ({reference}).",
    }
    return TemplateDraft(**(fields | overrides))


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
    own = add_template(workspace, officer, draft())
    assert own in templates_for(workspace, officer.institution_id)
    assert own not in templates_for(workspace, officer.institution_id + 1)
    assert own not in templates_for(other, officer.institution_id)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Piga simu 0712 345 678 kwa msaada.", "namba ya simu"),
        ("Andika kwa mlalamikaji@example.com.", "barua pepe"),
        ("Bi. Zawadi atakupigia.", "jina la mtu"),
        ("Tutakujibu {unknown} kabla ya {deadline}.", "{unknown}"),
        ("Habari {name}, {citizen}", "{citizen}, {name}"),
    ],
)
def test_unsafe_template_texts_are_refused_and_say_why(text, says):
    problem = template_problem(text)
    assert problem is not None and says in problem[0]
    with pytest.raises(InvalidTemplate) as refused:
        check_template(draft(text_en=text))
    assert refused.value.field == "text_en"


def test_known_placeholders_and_every_standard_template_pass():
    assert template_problem("Namba {reference} ya {institution} kabla ya {deadline}.") is None
    for entry in read_template_file():
        assert template_problem(entry["sw"]) is None, entry["code"]
        assert template_problem(entry["en"]) is None, entry["code"]


def test_a_title_may_hold_braces_but_not_personal_data():
    assert template_problem("Jibu {kwa ufupi}", is_title=True) is None
    assert template_problem("Kwa Bw. Juma", is_title=True) is not None


def test_an_unsafe_template_is_never_stored(make_workspace):
    workspace = make_workspace()
    officer = make_user(workspace, "afisa", Role.OFFICER, "TANESCO")
    with pytest.raises(InvalidTemplate):
        add_template(workspace, officer, draft(text_sw="Piga 0712345678 {unknown}"))
    assert templates_for(workspace, officer.institution_id) == templates_for(workspace, None)


def test_own_templates_are_edited_and_deleted_standard_ones_never(make_workspace):
    workspace = make_workspace()
    officer = make_user(workspace, "afisa", Role.OFFICER, "TANESCO")
    other = make_user(workspace, "mwingine", Role.OFFICER, "DODOMA_CC")
    own = add_template(workspace, officer, draft())
    update_template(workspace, officer, own.id, draft(title_en="Power is back"))
    assert own_template(workspace, officer, own.id).title_en == "Power is back"
    with pytest.raises(InvalidTemplate):
        update_template(workspace, officer, own.id, draft(text_en="Call 0712 345 678"))
    db.session.rollback()
    assert own_template(workspace, officer, own.id).text_en.startswith("Power has been")
    standard = templates_for(workspace, None)[0]
    for user, template_id in ((officer, standard.id), (other, own.id)):
        with pytest.raises(TemplateNotFound):
            delete_template(workspace, user, template_id)
    delete_template(workspace, officer, own.id)
    assert own not in templates_for(workspace, officer.institution_id)


def test_each_reply_action_is_offered_only_the_situations_that_fit(make_workspace):
    workspace = make_workspace()
    asking = templates_for(workspace, None, FeedbackType.COMPLAINT, Action.REQUEST_INFO)
    answering = templates_for(workspace, None, FeedbackType.COMPLAINT, Action.RESPOND)
    assert asking and {t.situation for t in asking} == {Situation.REQUEST_INFO}
    assert answering and Situation.ANSWER in {t.situation for t in answering}
    assert {t.situation for t in answering} <= SITUATIONS_FOR[Action.RESPOND]
    assert not {t.id for t in asking} & {t.id for t in answering}
    assert templates_for(workspace, None, None, Action.CLOSE) == []
