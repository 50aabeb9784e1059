"""Hypothesis: whatever the gateway (or an attacker) posts, the answer is a USSD screen."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import fuzz, fuzz_settings
from tests.ussd.conftest import PHONE, Dialler, check_protocol, forget_workspace

FUZZ = fuzz_settings(120)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=600)
ANSWER = st.one_of(
    st.sampled_from(["", "0", "1", "2", "3", "4", "9", "98", "77", "tanesco", "maji", "*", "**"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
)
_ids = itertools.count()


@fuzz
@FUZZ
@given(text=TEXT, session_id=TEXT, phone=st.one_of(st.just(PHONE), TEXT))
def test_any_fields_give_a_protocol_answer(client, demo, text, session_id, phone):
    forget_workspace()
    data = {"sessionId": session_id, "phoneNumber": phone, "text": text, "serviceCode": text}
    check_protocol(client.post("/ussd", data=data))


@fuzz
@FUZZ
@given(answers=st.lists(ANSWER, max_size=14))
def test_any_sequence_of_answers_keeps_the_protocol(client, demo, answers):
    d = Dialler(client, session_id=f"fuzz-{next(_ids)}")
    d.dial()
    for value in answers:
        d.send(value)  # Dialler checks 200, text/plain, CON/END and <= 182 characters
