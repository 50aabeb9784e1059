"""Two trainees of one cohort: neither sees nor changes the other's world or data."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback
from sandbox.workflow import Action, Status
from tests.training.conftest import sign_in

ASHA_PHONE = "+255712345678"
JUMA_PIN = "135790"


@pytest.fixture
def pair(make_trainee):
    """Asha (with her institution and phone) and Juma, both of one cohort."""
    asha = make_trainee("Asha Mushi", home_institution="Halmashauri ya Bahi", phone="0712345678")
    juma = make_trainee("Juma Said", pin=JUMA_PIN)
    return asha, juma


def first_item(enrolment, status=Status.RECEIVED) -> Feedback:
    return db.session.scalars(
        sa.select(Feedback)
        .where(Feedback.workspace_id == enrolment.workspace_id, Feedback.status == status)
        .order_by(Feedback.id)
    ).first()


def test_a_trainee_cannot_open_or_act_on_another_trainee_s_item_by_id(client, pair):
    asha, juma = pair
    hers = first_item(asha)
    sign_in(client, juma, JUMA_PIN)
    assert client.get(f"/desk/feedback/{hers.id}").status_code == 404
    action = Action.ACKNOWLEDGE.value
    response = client.post(
        f"/desk/feedback/{hers.id}/actions/{action}", data={f"{action}-version": hers.version}
    )
    assert response.status_code == 404
    reveal = client.post(f"/desk/feedback/{hers.id}/reveal", data={"reason": "x" * 20})
    assert reveal.status_code == 404
    db.session.expire_all()
    assert db.session.get(Feedback, hers.id).status is Status.RECEIVED
    # and the proof can fail: Juma's own item of the same kind opens
    assert client.get(f"/desk/feedback/{first_item(juma).id}").status_code == 200


def test_a_trainee_s_inbox_lists_only_their_own_world(client, pair):
    asha, juma = pair
    sign_in(client, juma, JUMA_PIN)
    page = client.get("/desk/feedback?per_page=100").get_data(as_text=True)
    assert f"MRJ-{juma.workspace.reference_tag}-" in page
    assert f"MRJ-{asha.workspace.reference_tag}-" not in page


def test_another_trainee_s_workspace_urls_show_nothing_of_theirs(client, pair):
    asha, juma = pair
    sign_in(client, juma, JUMA_PIN)
    theirs = f"/w/{asha.workspace.code}"
    assert client.get(f"{theirs}/sms/outbox").status_code == 404
    assert client.get(f"/w/{juma.workspace.code}/sms/outbox").status_code == 200
    # the portal is a citizen channel, open to anyone, but its strip is not Juma's
    portal = client.get(f"{theirs}/portal/").get_data(as_text=True)
    assert 'data-testid="bar-personal-code"' not in portal
    assert "Asha" not in portal and ASHA_PHONE not in portal


def test_a_trainee_s_personal_data_is_shown_to_them_only(client, pair):
    asha, juma = pair
    sign_in(client, asha)
    assert ASHA_PHONE in client.get("/training/me").get_data(as_text=True)
    sign_in(client, juma, JUMA_PIN)
    for path in ("/", "/training/me", "/desk/feedback", "/reports/", "/sms/outbox"):
        page = client.get(path).get_data(as_text=True)
        for secret in (ASHA_PHONE, "0712345678", "Halmashauri ya Bahi", asha.personal_code):
            assert secret not in page, (path, secret)


def test_joining_logs_no_personal_data(client, cohort, caplog):
    from tests.training.conftest import join_form

    caplog.set_level(logging.DEBUG)
    client.post("/join", data=join_form(cohort))
    logged = caplog.text
    assert "0712 345 678" not in logged and "+255712345678" not in logged
    assert "Halmashauri ya Bahi" not in logged
