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


def feedback(workspace, anonymous: bool, phone: str = "+255712000111"):
    tanesco = db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))
    return submit_feedback(
        workspace,
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.ANONYMOUS if anonymous else ComplainantType.CITIZEN,
            channel=Channel.USSD,
            institution_id=tanesco.id,
            description="Hakuna umeme",
            phone=phone,
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


def test_other_roles_get_404(client, demo, login_as):
    login_as("kiongozi.dodoma")
    assert get(client, "/sms/outbox").status_code == 404


def test_a_stakeholder_outside_their_preview_worlds_reads_no_sms(client, demo, login_as):
    """Stakeholders read the log of their own preview worlds only (tests/preview/
    test_sms_log.py); in the shared demo world their scope holds no item, so no SMS."""
    item = feedback(demo, anonymous=False)
    sms.queue_sms(demo.id, "+255700000001", "ujumbe-wa-demo", item.id, demo.clock_base)
    db.session.commit()
    login_as("mkuu.tanesco")
    assert "ujumbe-wa-demo" in get(client, "/sms/outbox").get_data(as_text=True)
    login_as("mdau")
    response = get(client, "/sms/outbox")
    assert response.status_code == 200
    assert "ujumbe-wa-demo" not in response.get_data(as_text=True)


def test_users_of_another_workspace_get_404(client, demo, login_as, make_workspace):
    other = make_workspace(code="ws2")
    login_as("afisa.dodoma")
    assert get(client, f"/w/{other.code}/sms/outbox").status_code == 404


def test_newest_first_paginated_and_filtered_by_phone(client, demo, login_as):
    base = demo.clock_base
    # Messages of a TANESCO item, read by TANESCO's head (the only gateway role that may
    # filter by phone since issue 8; an officer sees only their institution's messages).
    item = feedback(demo, anonymous=False).id
    for n in range(OUTBOX_PER_PAGE + 2):
        sms.queue_sms(
            demo.id, "+255700000001", f"ujumbe-namba-{n:02d}", item, base + timedelta(minutes=n)
        )
    sms.queue_sms(demo.id, "+255700000002", "kwa mwingine", item, base)
    db.session.commit()
    login_as("mkuu.tanesco")
    first = get(client, "/sms/outbox").get_data(as_text=True)
    newest = f"ujumbe-namba-{OUTBOX_PER_PAGE + 1:02d}"
    assert newest in first and "ujumbe-namba-00" not in first
    assert first.index(newest) < first.index(f"ujumbe-namba-{OUTBOX_PER_PAGE:02d}")
    second = get(client, "/sms/outbox?page=2").get_data(as_text=True)
    assert "ujumbe-namba-00" in second
    ignored = get(client, "/sms/outbox?phone=0700000002").get_data(as_text=True)
    assert "ujumbe-namba" in ignored  # no search by number, even for a head: it is a lookup


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
    client.post("/logout")
    login_as("mkuu.tanesco")  # no role may look a number up: a reveal is one message, audited
    filtered = get(client, "/sms/outbox?phone=%2B255712000111").get_data(as_text=True)
    assert 'name="phone"' not in filtered and "Imefichwa (bila kujulikana)" in filtered


def test_inbound_and_outbound_show_with_direction_and_linked_reference(client, demo, login_as):
    forget_workspace()
    client.post("/sms/inbound", data={"from": "+255754000222", "text": "TANESCO hakuna umeme"})
    login_as("afisa.tanesco")
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert "Uliopokelewa" in html and "Uliotumwa" in html
    # Issue 8: the officer used to see the sender's number here; it is masked as on the desk.
    assert "+255754000222" not in html and "TANESCO hakuna umeme" in html
    assert "Utambulisho umefichwa" in html


def _log_numbers(html: str) -> set[str]:
    """Every Tanzanian number written in a page, as its 9 national digits."""
    from sandbox.services.desk.confidentiality import PHONE_LIKE, national_number

    return {n for n in map(national_number, PHONE_LIKE.findall(html)) if n}


@pytest.mark.parametrize(
    "username", ["afisa.dodoma", "afisa.tanesco", "mkuu.tanesco", "tehama.dodoma", "mwezeshaji"]
)
def test_no_role_sees_a_number_without_revealing(client, demo, login_as, username):
    feedback(demo, anonymous=False, phone="+255787654321")  # not the form's example number
    client.post("/sms/inbound", data={"from": "+255754000222", "text": "TANESCO hakuna umeme"})
    login_as(username)
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert _log_numbers(html) & {"787654321", "754000222"} == set()


def test_an_officer_sees_only_their_institutions_messages(client, demo, login_as):
    tanesco = feedback(demo, anonymous=False)
    forget_workspace()
    client.post("/sms/inbound", data={"from": "+255754000222", "text": "habari"})  # help reply
    login_as("afisa.dodoma")
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert tanesco.reference not in html and "habari" not in html
    client.post("/logout")
    login_as("afisa.tanesco")
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert tanesco.reference in html and "habari" not in html
    client.post("/logout")
    login_as("mwezeshaji")  # whole-workspace roles see the messages about no item too
    assert "habari" in get(client, "/sms/outbox").get_data(as_text=True)


def test_the_log_is_no_lookup_by_number_for_any_role(client, demo, login_as):
    item = feedback(demo, anonymous=False)
    sms.queue_sms(demo.id, "+255700000009", "mwingine kabisa", item.id, demo.clock_base)
    db.session.commit()
    for username in ("afisa.tanesco", "mkuu.tanesco", "mwezeshaji", "msimamizi"):
        login_as(username)
        html = get(client, "/sms/outbox?phone=0700000009").get_data(as_text=True)
        assert item.reference in html and "mwingine kabisa" in html  # filter ignored
        assert 'name="phone"' not in html
        client.post("/logout")


def test_the_citizens_secret_is_never_shown_in_the_log(client, demo, login_as):
    item = feedback(demo, anonymous=False)
    login_as("mkuu.tanesco")
    html = get(client, "/sms/outbox").get_data(as_text=True)
    assert item.reference in html and "Siri yako: ••••••" in html
    assert item.issued_secret not in html


def test_a_head_reveals_one_number_with_a_reason_and_it_is_audited(client, demo, login_as):
    from sandbox.models import SmsMessage
    from sandbox.models.desk import IdentityReveal

    item = feedback(demo, anonymous=False, phone="+255787654321")
    message = db.session.scalars(sa.select(SmsMessage)).one()
    login_as("afisa.tanesco")
    forget_workspace()
    refused = client.post(f"/sms/outbox/{message.id}/reveal", data={"reason": "Sababu ndefu ya"})
    assert refused.status_code == 403
    client.post("/logout")
    login_as("mkuu.tanesco")
    forget_workspace()
    short = client.post(f"/sms/outbox/{message.id}/reveal", data={"reason": "fupi"})
    assert short.status_code == 422 and "+255787654321" not in short.text
    assert db.session.scalar(sa.select(sa.func.count(IdentityReveal.id))) == 0
    forget_workspace()
    shown = client.post(
        f"/sms/outbox/{message.id}/reveal", data={"reason": "Kumpigia kuhusu mita yake"}
    )
    assert shown.status_code == 200 and "+255787654321" in shown.text
    assert shown.headers["Cache-Control"] == "no-store"
    [entry] = db.session.scalars(sa.select(IdentityReveal)).all()
    assert (entry.feedback_id, entry.reason) == (item.id, "Kumpigia kuhusu mita yake")
    assert "+255787654321" not in get(client, "/sms/outbox").get_data(as_text=True)


def test_another_institutions_message_cannot_be_revealed(client, demo, login_as):
    from sandbox.models import SmsMessage

    feedback(demo, anonymous=False)
    message = db.session.scalars(sa.select(SmsMessage)).one()
    login_as("mkuu.dodoma")
    forget_workspace()
    response = client.post(
        f"/sms/outbox/{message.id}/reveal", data={"reason": "Kumpigia kuhusu mita yake"}
    )
    assert response.status_code == 404


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
        issued_secret="ABC234",
    )
    assert swahili in sms.notice_text(Action.SUBMIT, item)
    item.language = "en"
    assert english in sms.notice_text(Action.SUBMIT, item)
