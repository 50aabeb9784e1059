"""The final confirm counts once: a repeated or doubled last request, one item, one END.

A repeat gets the same END but for the secret, which only the first answer and the reference
SMS carry (only its digest is stored): the repeat says where it went.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage
from tests.concurrency import no_errors, race
from tests.ussd.conftest import PHONE, Dialler, check_protocol
from tests.ussd.test_protocol import REFERENCE, submit_walk

SECRET = re.compile(r"Siri yako: (\w+)")


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("identity", ["1", "2"], ids=["identified", "anonymous"])
def test_a_repeated_final_request_answers_the_same_end_screen(dialler, identity):
    d = dialler()
    submit_walk(d, identity=identity)
    final = "*".join([*d.inputs, "1"])
    first, again = d.post(final), d.post(final)
    assert first.startswith("END ") and REFERENCE.search(first)
    reference = REFERENCE.search(first).group(0)
    secret = SECRET.search(first).group(1)
    assert again.startswith("END ") and reference in again
    assert secret not in again and "ilitolewa kwenye jibu la kwanza na kwa SMS" in again
    assert _count(Feedback) == 1
    assert _count(SmsMessage) == 1  # one reference SMS, which carries the secret
    assert secret in db.session.scalar(sa.select(SmsMessage.text))


def test_after_the_end_a_new_input_is_still_session_over(dialler):
    d = dialler()
    submit_walk(d)
    d.send("1")
    assert "Kipindi kimekwisha" in d.send("1")
    assert _count(Feedback) == 1


def test_another_phone_repeating_the_final_request_gets_no_reference(dialler, client):
    d = dialler()
    submit_walk(d)
    final = "*".join([*d.inputs, "1"])
    d.post(final)
    stranger = Dialler(client, phone="+255754999888", session_id=d.session_id)
    reply = stranger.post(final)
    assert "Kipindi kimekwisha" in reply and not REFERENCE.search(reply)


@pytest.mark.parametrize("path", ["/ussd", "/w/ws-ussd/ussd"])
def test_a_final_confirm_sent_four_times_at_once_makes_one_item(
    app, client, demo, make_workspace, path
):
    make_workspace("ws-ussd")
    d = Dialler(client, path=path)
    submit_walk(d)
    data = {"sessionId": d.session_id, "phoneNumber": PHONE, "text": "*".join([*d.inputs, "1"])}
    responses = no_errors(race(app, 4, lambda c, i: c.post(path, data=data)))
    screens = [check_protocol(r) for r in responses]
    assert all(screen.startswith("END ") for screen in screens)
    assert len({REFERENCE.search(screen).group(0) for screen in screens}) == 1  # one reference
    assert len([screen for screen in screens if SECRET.search(screen)]) == 1  # one secret
    assert _count(Feedback) == 1
