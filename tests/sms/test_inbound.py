"""POST /sms/inbound in the Africa's Talking callback shape: feedback, tracking, help."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models import Feedback, SmsDirection, SmsMessage
from sandbox.workflow import Channel, ComplainantType, FeedbackType
from tests.fuzzing import fuzz, fuzz_settings
from tests.sms.conftest import SENDER

REFERENCE = re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}")  # T + the workspace tag


def replies_to(phone: str = SENDER) -> list[str]:
    """The outbox texts to one phone, oldest first."""
    return list(
        db.session.scalars(
            sa.select(SmsMessage.text)
            .where(SmsMessage.phone == phone, SmsMessage.direction == SmsDirection.OUTBOUND)
            .order_by(SmsMessage.id)
        )
    )


def test_a_text_naming_an_institution_creates_a_complaint_and_texts_the_reference(text_in):
    response = text_in("TANESCO umeme umekatika Mbagala tangu jana")
    assert response.status_code == 200
    assert response.get_json() == {"status": "received", "action": "submitted"}
    item = db.session.scalar(sa.select(Feedback))
    assert (item.channel, item.type) == (Channel.SMS, FeedbackType.COMPLAINT)
    assert item.institution.code == "TANESCO"
    assert item.complainant_type is ComplainantType.CITIZEN
    assert item.complainant_phone == SENDER
    assert item.description == "umeme umekatika Mbagala tangu jana"
    assert item.reference in replies_to()[-1]
    inbound = db.session.scalar(
        sa.select(SmsMessage).where(SmsMessage.direction == SmsDirection.INBOUND)
    )
    assert inbound.text == "TANESCO umeme umekatika Mbagala tangu jana"
    assert inbound.feedback_id == item.id and inbound.gateway_id.startswith("ATXid_")


@pytest.mark.parametrize(
    ("text", "kind", "code", "lang"),
    [
        ("PENDEKEZO nida fungueni ofisi Jumamosi", FeedbackType.SUGGESTION, "NIDA", "sw"),
        ("SWALI TRA kodi ya majengo ni lini?", FeedbackType.INQUIRY, "TRA", "sw"),
        ("PONGEZI umeme umerudi haraka", FeedbackType.COMPLIMENT, "TANESCO", "sw"),
        ("COMPLIMENT ruwasa clean water at last", FeedbackType.COMPLIMENT, "RUWASA", "en"),
    ],
)
def test_type_keywords_and_institution_keywords(text_in, text, kind, code, lang):
    text_in(text)
    item = db.session.scalar(sa.select(Feedback))
    assert (item.type, item.institution.code, item.language) == (kind, code, lang)


def test_track_by_sms_answers_the_status(text_in):
    text_in("TANESCO hakuna umeme")
    reference = db.session.scalar(sa.select(Feedback.reference))
    response = text_in(f"FUATILIA {reference}", sender="+255765000333")
    assert response.get_json()["action"] == "tracked"
    assert replies_to("+255765000333") == [
        f"e-Mrejesho (MAFUNZO): {reference} - Hali: Imepokelewa. Jibu la mwisho: bado hakuna"
    ]
    text_in(f"TRACK {reference.lower()}", sender="+255765000333")
    assert replies_to("+255765000333")[-1].startswith(f"e-Mrejesho (TRAINING): {reference} - ")


def test_track_unknown_reference_says_so(text_in):
    text_in("FUATILIA MRJ-T-2026-999999")
    assert "haijapatikana" in replies_to()[-1]


@pytest.mark.parametrize(
    "text", ["", "habari", "TANESCO", "PENDEKEZO", "XYZCORP umeme umekatika", "FUATILIA"]
)
def test_unparseable_texts_get_a_bilingual_help_reply(text_in, text):
    response = text_in(text)
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0
    reply = replies_to()[-1]
    assert "Andika" in reply and "Write" in reply  # both languages, saying how to write it


def test_the_same_gateway_message_is_handled_once(text_in):
    text_in("TANESCO umeme umekatika", id="ATXid_same")
    again = text_in("TANESCO umeme umekatika", id="ATXid_same")
    assert again.get_json()["action"] == "duplicate"
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 1


@pytest.mark.parametrize("sender", ["", "not-a-phone", "+12"])
def test_a_callback_without_a_usable_sender_is_refused(text_in, sender):
    response = text_in("TANESCO umeme", sender=sender)
    assert response.status_code == 400 and response.get_json()["status"] == "rejected"
    assert db.session.scalar(sa.select(sa.func.count(SmsMessage.id))) == 0


def test_a_workspace_gets_its_own_texts(text_in, make_workspace):
    other = make_workspace(code="ws2")
    text_in("TANESCO umeme umekatika", path=f"/w/{other.code}/sms/inbound")
    item = db.session.scalar(sa.select(Feedback))
    assert item.workspace_id == other.id


@fuzz
@fuzz_settings(80)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000),
    sender=st.one_of(st.just(SENDER), st.text(max_size=30)),
)
def test_any_inbound_text_is_answered_without_a_server_error(text_in, text, sender):
    response = text_in(text, sender=sender)
    assert response.status_code in (200, 400)
    assert response.is_json
