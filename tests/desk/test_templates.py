"""The institution's own templates at the desk: safe to send, editable, deletable, fitting."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models.desk import ResponseTemplate, Situation
from sandbox.services.desk.templates import templates_for
from sandbox.workflow import Action
from tests.desk.factories import act, make_item

SAFE = {
    "situation": "answer",
    "feedback_type": "",
    "title_sw": "Maji yamerudi",
    "title_en": "Water is back",
    "text_sw": "Maji yamerudi ({reference}).",
    "text_en": "Water is back ({reference}).",
}


def own_templates() -> list[ResponseTemplate]:
    return list(
        db.session.scalars(
            sa.select(ResponseTemplate).where(ResponseTemplate.workspace_id.is_not(None))
        )
    )


@pytest.fixture
def own(client, desk):
    """An own template of Dodoma City Council, added by its officer (who stays logged in)."""
    desk[2]("afisa")
    assert client.post("/desk/templates", data=SAFE).status_code == 302
    return own_templates()[0]


def test_a_template_with_a_phone_and_an_unknown_placeholder_is_refused(client, desk):
    desk[2]("afisa")
    data = SAFE | {"text_sw": "Piga 0712 345 678 kabla ya {unknown}."}
    response = client.post("/desk/templates", data=data)
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "{unknown}" in page and 'id="text_sw-error"' in response.text
    assert own_templates() == []
    client.get("/lang/en")
    page = html.unescape(
        client.post("/desk/templates", data=SAFE | {"text_en": "Call 0712345678"}).text
    )
    assert "The template contains a phone number" in page


def test_the_officer_edits_an_own_template(client, own):
    page = client.get(f"/desk/templates/{own.id}/edit")
    assert page.status_code == 200 and 'value="Maji yamerudi"' in page.text
    saved = client.post(f"/desk/templates/{own.id}/edit", data=SAFE | {"title_sw": "Maji yapo"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(ResponseTemplate, own.id).title_sw == "Maji yapo"


def test_an_unsafe_edit_is_refused_and_nothing_changes(client, own):
    data = SAFE | {"text_en": "Ask Bw. Hamisi on asha@example.com {unknown}"}
    response = client.post(f"/desk/templates/{own.id}/edit", data=data)
    assert response.status_code == 422 and 'id="text_en-error"' in response.text
    db.session.expire_all()
    assert db.session.get(ResponseTemplate, own.id).text_en == SAFE["text_en"]


def test_delete_asks_first_then_deletes(client, own):
    confirm = client.get(f"/desk/templates/{own.id}/delete")
    assert confirm.status_code == 200 and "Ufute kiolezo hiki?" in confirm.text
    assert 'method="post"' in confirm.text and own_templates() == [own]
    assert client.post(f"/desk/templates/{own.id}/delete").status_code == 302
    assert own_templates() == []


def test_delete_needs_the_csrf_token(app, client, own):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(f"/desk/templates/{own.id}/delete").status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert own_templates() == [own]


def test_templates_page_links_edit_and_delete_for_own_templates_only(client, own):
    page = client.get("/desk/templates").text
    assert re.findall(r'href="/desk/templates/(\d+)/edit"', page) == [str(own.id)]
    assert re.findall(r'href="/desk/templates/(\d+)/delete"', page) == [str(own.id)]


def test_standard_and_other_institutions_templates_are_not_found(client, desk, own):
    ws, _users, login = desk
    standard = templates_for(ws, None)[0]
    for path in ("edit", "delete"):
        assert client.get(f"/desk/templates/{standard.id}/{path}").status_code == 404
        assert client.post(f"/desk/templates/{standard.id}/{path}", data=SAFE).status_code == 404
    login("tanesco")
    for path in ("edit", "delete"):
        assert client.post(f"/desk/templates/{own.id}/{path}", data=SAFE).status_code == 404
    assert own_templates() == [own]


def test_roles_without_template_management_are_forbidden(client, desk, own):
    desk[2]("kiongozi")
    assert client.get(f"/desk/templates/{own.id}/edit").status_code == 403
    assert client.post(f"/desk/templates/{own.id}/delete").status_code == 403
    assert own_templates() == [own]


def picker_options(page: str, action: Action) -> list[str]:
    """The option labels of one action form's template picker."""
    form = page.split(f'id="act-{action.value}"', 1)[1].split("</form>", 1)[0]
    select = form.split("<select", 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="\d+">([^<]*)</option>', select)


def test_each_reply_action_offers_only_the_templates_that_fit(client, desk):
    ws, users, login = desk
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE, users["afisa"])
    act(ws, item, Action.ASSIGN, users["afisa"], assignee_id=users["afisa"].id)
    login("afisa")
    page = html.unescape(client.get(f"/desk/feedback/{item.id}").text)
    asking, answering = (
        picker_options(page, Action.REQUEST_INFO),
        picker_options(page, Action.RESPOND),
    )
    ask = Situation.REQUEST_INFO.label_sw
    assert asking and all(o.startswith(ask + ":") for o in asking)
    assert answering and not any(o.startswith(ask + ":") for o in answering)
    assert any(o.startswith(Situation.ANSWER.label_sw + ":") for o in answering)
    assert not any(o.startswith(Situation.ANSWER.label_sw + ":") for o in asking)


def reply_box_after_using(client, item, template) -> str:
    """What the no-script "Use this template" puts into the question box."""
    data = {
        "request_info-version": str(item.version),
        "request_info-template": str(template.id),
        "request_info-use_template": "1",
        "request_info-text": "",
    }
    page = client.post(f"/desk/feedback/{item.id}/actions/request_info", data=data).text
    box = re.search(r'<textarea[^>]*id="request_info-text"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(box.group(1)).strip()


def test_the_no_script_path_fills_only_a_template_that_fits(client, desk):
    ws, users, login = desk
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE, users["afisa"])
    item = act(ws, item, Action.ASSIGN, users["afisa"], assignee_id=users["afisa"].id)
    listed = templates_for(ws, None)
    question = next(t for t in listed if t.situation is Situation.REQUEST_INFO)
    answer = next(t for t in listed if t.situation is Situation.ANSWER)
    login("afisa")
    assert item.reference in reply_box_after_using(client, item, question)
    assert reply_box_after_using(client, item, answer) == ""
