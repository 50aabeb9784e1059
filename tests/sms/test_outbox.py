"""GET /sms/outbox: the gateway log, for officers, heads, ICT officers, facilitators, admins."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Institution
from sandbox.services.channels import sms
from sandbox.services.channels.sms_log import OUTBOX_PER_PAGE
from sandbox.services.feedback.lifecycle import Submission, submit_feedback
from sandbox.services.people.users import ensure_demo_users
from sandbox.workflow import Action, Channel, ComplainantType, FeedbackType
from tests.ussd.conftest import forget_workspace


@pytest.fixture
def demo(demo):
    """The (empty) demo workspace with the demo personas."""
    ensure_demo_users(demo)
    return demo


def get(client, url):
    forget_workspace()
    return client.get(url)


def feedback(workspace, anonymous: bool):
    tanesco = db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))
    return submit_feedback(
        workspace,
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.ANONYMOUS if anonymous else ComplainantType.CITIZEN,
            channel=Channel.USSD,
            institution_id=tanesco.id,
            description="Hakuna umeme",
            phone="+255712000111",
        ),
    )


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    response = get(client, "/sms/outbox")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "username", ["afisa.dodoma", "mkuu.tanesco", "tehama.dodoma", "mwezeshaji", "msimamizi"]
)
def test_gateway_roles_see_the_simulated_log(client, demo, login_as, username):
    login_as(username)
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert "Ni uigaji — hakuna kinachotumwa kweli." in html
    assert "Kumbukumbu hii inaonyesha namba za simu za wananchi" in html


@pytest.mark.parametrize("username", ["kiongozi.dodoma", "mdau"])
def test_other_roles_get_404(client, demo, login_as, username):
    login_as(username)
    assert get(client, "/sms/outbox").status_code == 404


def test_users_of_another_workspace_get_404(client, demo, login_as, make_workspace):
    other = make_workspace(code="ws2")
    login_as("afisa.dodoma")
    assert get(client, f"/w/{other.code}/sms/outbox").status_code == 404


def test_newest_first_paginated_and_filtered_by_phone(client, demo, login_as):
    base = demo.clock_base
    for n in range(OUTBOX_PER_PAGE + 2):
        sms.queue_sms(
            demo.id, "+255700000001", f"ujumbe-namba-{n:02d}", None, base + timedelta(minutes=n)
        )
    sms.queue_sms(demo.id, "+255700000002", "kwa mwingine", None, base)
    db.session.commit()
    login_as("afisa.tanesco")
    first = get(client, "/sms/outbox").get_data(as_text=True)
    newest = f"ujumbe-namba-{OUTBOX_PER_PAGE + 1:02d}"
    assert newest in first and "ujumbe-namba-00" not in first
    assert first.index(newest) < first.index(f"ujumbe-namba-{OUTBOX_PER_PAGE:02d}")
    second = get(client, "/sms/outbox?page=2").get_data(as_text=True)
    assert "ujumbe-namba-00" in second
    only = get(client, "/sms/outbox?phone=0700000002").get_data(as_text=True)
    assert "kwa mwingine" in only and "ujumbe-namba" not in only


def test_a_bad_phone_filter_shows_an_error_and_keeps_the_input(client, demo, login_as):
    login_as("afisa.tanesco")
    html = get(client, "/sms/outbox?phone=abc").get_data(as_text=True)
    assert "Andika namba ya simu kama +255712000111." in html
    assert 'value="abc"' in html


def test_phones_of_anonymous_items_are_hidden_and_not_filterable(client, demo, login_as):
    identified = feedback(demo, anonymous=False)
    anonymous = feedback(demo, anonymous=True)
    sms.queue_sms(
        demo.id, "+255712000111", f"Namba {anonymous.reference}", anonymous.id, demo.clock_base
    )
    db.session.commit()
    login_as("afisa.tanesco")
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert "Imefichwa (bila kujulikana)" in html
    assert identified.reference in html and anonymous.reference in html
    filtered = get(client, "/sms/outbox?phone=%2B255712000111").get_data(as_text=True)
    assert identified.reference in filtered and anonymous.reference not in filtered


def test_inbound_and_outbound_show_with_direction_and_linked_reference(client, demo, login_as):
    forget_workspace()
    client.post("/sms/inbound", data={"from": "+255754000222", "text": "TANESCO hakuna umeme"})
    login_as("afisa.tanesco")
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert "Uliopokelewa" in html and "Uliotumwa" in html
    assert "+255754000222" in html and "TANESCO hakuna umeme" in html


@pytest.mark.parametrize(
    ("feedback_type", "swahili", "english"),
    [
        (FeedbackType.COMPLAINT, "lalamiko lako limepokelewa na", "your complaint was received"),
        (FeedbackType.SUGGESTION, "pendekezo lako limepokelewa na", "your suggestion was"),
        (FeedbackType.INQUIRY, "swali lako limepokelewa na", "your inquiry was received"),
        (FeedbackType.COMPLIMENT, "pongezi zako zimepokelewa na", "your compliment was"),
    ],
)
def test_the_receipt_sms_agrees_with_each_type_in_both_languages(
    demo_world, feedback_type, swahili, english
):
    item = SimpleNamespace(
        type=feedback_type,
        language="sw",
        institution_id=db.session.scalar(sa.select(Institution.id).limit(1)),
        reference="MRJ-T-2026-000009",
    )
    assert swahili in sms.notice_text(Action.SUBMIT, item)
    item.language = "en"
    assert english in sms.notice_text(Action.SUBMIT, item)
