"""A trainee never reads or changes another trainee's world: every route that names an
object of a workspace (an item, an SMS, a reply template, a scenario attempt) answers 404
when the object is another trainee's, by id and under ``/w/<code>/`` — for GET and POST
alike, so a refusal never tells whether the object exists. The same requests by the owner
succeed, so the 404s are about the owner, not about a broken route.

(Another facilitator's cohort is a 404 on every cohort route: tests/facilitator.)
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.models.desk import ResponseTemplate, Situation
from sandbox.services.channels.sms import queue_sms
from sandbox.services.people.trainees import create_trainee
from sandbox.services.training.library import scenario_library
from sandbox.services.training.runner import begin_scenario
from sandbox.services.workspace.now import workspace_now

OBJECT_ARGUMENTS = {"feedback_id", "message_id", "template_id", "attempt_id"}
ARGUMENT = re.compile(r"<(?:[^:>]+:)?(\w+)>")
PASSWORD = "siri-ya-mafunzo-2026"


def _login(client, username):
    client.post("/logout")
    client.delete_cookie("session")
    client.post("/login", data={"username": username, "password": PASSWORD})


@pytest.fixture
def worlds(app, demo_world):
    """Trainees ``a`` and ``b`` in their own worlds, ``b`` with one of each object."""
    create_trainee("mwanafunzi.a", password=PASSWORD, items=20, seed=2)
    b = create_trainee("mwanafunzi.b", password=PASSWORD, items=20, seed=3)
    ws = b.workspace
    item = db.session.scalar(
        sa.select(Feedback).where(Feedback.workspace_id == ws.id).order_by(Feedback.id)
    )
    sms = queue_sms(
        ws.id, "+255712000999", "e-Mrejesho (MAFUNZO): ujumbe", item.id, workspace_now(ws)
    )
    template = ResponseTemplate(
        workspace_id=ws.id,
        institution_id=b.user.institution_id,
        code="own-1",
        situation=Situation.ACKNOWLEDGEMENT,
        title_sw="Jibu",
        title_en="Reply",
        text_sw="Asante {reference}",
        text_en="Thank you {reference}",
    )
    db.session.add_all([sms, template])
    db.session.commit()
    scenario = scenario_library().in_order()[0]
    attempt = begin_scenario(ws, b.user, scenario_library(), scenario.id)
    return {
        "feedback_id": item.id,
        "message_id": sms.id,
        "template_id": template.id,
        "attempt_id": attempt.id,
        "ws_code": ws.code,
        "action_name": "acknowledge",
        "step_id": scenario.steps[0].id,
    }


def _object_routes(app):
    return sorted(
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if OBJECT_ARGUMENTS & set(rule.arguments)
        for method in sorted(rule.methods & {"GET", "POST"})
    )


def _url(rule: str, values) -> str:
    return ARGUMENT.sub(lambda m: str(values[m.group(1)]), rule)


def test_every_object_route_is_checked(app):
    rules = {rule for rule, _method in _object_routes(app)}
    assert len(rules) >= 10  # items, actions, reveal, SMS reveal, templates, attempts


def test_another_trainee_s_objects_are_not_found_on_any_route(app, client, worlds):
    _login(client, "mwanafunzi.a")
    answers = {
        (rule, method): client.open(_url(rule, worlds), method=method, data={}).status_code
        for rule, method in _object_routes(app)
    }
    assert {key: code for key, code in answers.items() if code != 404} == {}


def test_the_owner_reaches_the_same_objects(client, worlds):
    _login(client, "mwanafunzi.b")
    assert client.get(f"/desk/feedback/{worlds['feedback_id']}").status_code == 200
    assert client.get(f"/desk/templates/{worlds['template_id']}/edit").status_code == 200
    check = client.post(f"/training/attempts/{worlds['attempt_id']}/check")
    assert check.status_code in (200, 302)


def test_a_trainee_s_channel_logs_stay_theirs(client, worlds):
    """The citizen portal of any workspace is public (a citizen's view), its gateway log not."""
    _login(client, "mwanafunzi.a")
    assert client.get(f"/w/{worlds['ws_code']}/sms/outbox").status_code == 404
    assert client.get(f"/w/{worlds['ws_code']}/portal/").status_code == 200
