"""Every outbound SMS is GSM 7-bit and at most three parts, whatever officers or citizens typed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.channels import gsm
from sandbox.extensions import db
from sandbox.models import Institution, SmsDirection, SmsMessage
from sandbox.services.channels import sms
from sandbox.services.feedback.lifecycle import Submission, apply_action, submit_feedback
from sandbox.workflow import Action, Channel, Command, ComplainantType, FeedbackType
from tests.channels.hostile import HOSTILE
from tests.sms.conftest import SENDER

PHONE = "+255754000111"


def outbox_texts(phone: str | None = None) -> list[str]:
    """Every outbound text (to one phone when given), oldest first."""
    query = sa.select(SmsMessage.text).where(SmsMessage.direction == SmsDirection.OUTBOUND)
    if phone is not None:
        query = query.where(SmsMessage.phone == phone)
    return list(db.session.scalars(query.order_by(SmsMessage.id)))


def assert_carriable(texts: list[str]) -> None:
    """Each text is GSM 7-bit and fits the product's maximum of parts."""
    assert texts
    for text in texts:
        assert gsm.is_gsm(text), text
        assert gsm.sms_parts(text) <= gsm.MAX_SMS_PARTS, (gsm.septets(text), text)


@pytest.fixture
def inquiry(demo):
    """An identified inquiry to TANESCO, in the given language."""

    def make(language: str = "sw"):
        tanesco = db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))
        submission = Submission(
            type=FeedbackType.INQUIRY,
            complainant_type=ComplainantType.CITIZEN,
            channel=Channel.WEB,
            institution_id=tanesco.id,
            description="Swali kuhusu LUKU",
            language=language,
            phone=PHONE,
        )
        return submit_feedback(demo, submission)

    return make


@pytest.mark.parametrize("lang", ["sw", "en"])
@pytest.mark.parametrize("action", list(sms.NOTICES), ids=str)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_notice_with_hostile_free_text(inquiry, action, text, lang):
    item = inquiry(lang)
    sms.notify_complainant(item, action, text)
    db.session.flush()
    assert_carriable(outbox_texts(PHONE))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_reply_reaches_the_citizen_transliterated_and_cut(demo, inquiry, text):
    item = inquiry()
    apply_action(demo, item.id, Command(Action.ACKNOWLEDGE))
    apply_action(demo, item.id, Command(Action.RESPOND, public_reply=text))
    notice = outbox_texts(PHONE)[-1]
    assert_carriable([notice])
    assert notice.startswith(f"e-Mrejesho (MAFUNZO): Jibu la {item.reference} kutoka ")
    sent = gsm.to_gsm(text)
    assert sent[:40].rstrip() in notice


def test_a_long_reply_is_cut_to_three_parts_and_marked(demo, inquiry):
    item = inquiry()
    apply_action(demo, item.id, Command(Action.ACKNOWLEDGE))
    apply_action(demo, item.id, Command(Action.RESPOND, public_reply=HOSTILE[1]))  # 500 chars
    notice = outbox_texts(PHONE)[-1]
    assert gsm.sms_parts(notice) == 3 and notice.endswith("..")


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_tracking_by_sms_an_item_answered_with_hostile_text(demo, inquiry, text_in, text):
    item = inquiry()
    apply_action(demo, item.id, Command(Action.ACKNOWLEDGE))
    apply_action(demo, item.id, Command(Action.RESPOND, public_reply=text))
    text_in(f"FUATILIA {item.reference}")
    reply = outbox_texts(SENDER)[-1]
    assert reply.startswith(f"e-Mrejesho (MAFUNZO): {item.reference} - Hali: Imejibiwa.")
    assert_carriable([reply])


@pytest.mark.parametrize(
    "typed", ["T–N€SCO 🙏 umeme", "FUATILIA “MRJ–2026” 😀", "{ZZZ}" * 20 + " maelezo"]
)
def test_answers_echoing_what_a_citizen_typed(text_in, typed):
    text_in(typed)
    assert_carriable(outbox_texts(SENDER))


@pytest.mark.parametrize("word", ["X" * 40, "€" * 40, "ZZ–" * 13])
def test_the_help_after_an_unknown_institution_arrives_whole_in_three_parts(text_in, word):
    text_in(f"{word} umeme umekatika")
    (reply,) = outbox_texts(SENDER)
    assert_carriable([reply])
    assert reply.endswith("To track: TRACK <reference>.")  # not cut: only the echo is shortened


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=600))
def test_any_inbound_text_is_answered_in_gsm(text_in, text):
    text_in(text)
    assert_carriable(outbox_texts(SENDER)[-1:])
