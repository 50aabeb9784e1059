"""How a history reads: event phrasing, what a text is, actors and ratings in both languages."""

from __future__ import annotations

import pytest

from sandbox.workflow import Action
from sandbox.workflow.history import (
    CITIZEN_ACTOR,
    EVENT_LABELS,
    EVENT_TEXT,
    REGIONAL_SECRETARY,
    SYSTEM_ACTOR,
    EventText,
    actor_name,
    event_label,
    rating_of,
    rating_text,
)
from sandbox.workflow.table import TEXT_FIELD


def test_every_action_has_an_event_label_in_both_languages():
    assert set(EVENT_LABELS) == set(Action)
    for sw, en in EVENT_LABELS.values():
        assert sw and en and sw != en


@pytest.mark.parametrize(
    ("action", "sw", "en"),
    [
        (Action.SUBMIT, "Imewasilishwa", "Submitted"),
        (Action.CLOSE, "Imefungwa", "Closed"),
        (Action.REJECT, "Imekataliwa", "Rejected"),
        (Action.RESPOND, "Imejibiwa", "Replied"),
    ],
)
def test_event_labels_say_what_happened_not_what_to_do(action, sw, en):
    assert (event_label(action), event_label(action, "en")) == (sw, en)
    assert event_label(action) != action.label_sw


def test_every_action_that_carries_text_says_what_the_text_is():
    assert set(TEXT_FIELD) <= set(EVENT_TEXT)
    assert all(kind.label_sw and kind.label_en for kind in EventText)


def test_the_citizens_words_are_not_called_a_reply_to_the_citizen():
    assert EVENT_TEXT[Action.CITIZEN_REPLIED] is EventText.CITIZEN_ANSWER
    assert EVENT_TEXT[Action.REOPEN] is EventText.APPEAL
    assert EVENT_TEXT[Action.RESPOND] is EventText.REPLY
    assert (
        len({EVENT_TEXT[a] for a in (Action.CITIZEN_REPLIED, Action.REOPEN, Action.RESPOND)}) == 3
    )


@pytest.mark.parametrize(
    ("stored", "sw", "en"),
    [
        (CITIZEN_ACTOR, "Mwananchi", "Citizen"),
        (SYSTEM_ACTOR, "Mfumo", "System"),
        ("Neema Mushi", "Neema Mushi", "Neema Mushi"),
        (
            REGIONAL_SECRETARY[0] + "Dodoma",
            "Katibu Tawala wa Mkoa wa Dodoma",
            "Regional Administrative Secretary, Dodoma",
        ),
    ],
)
def test_actor_in_the_readers_language(stored, sw, en):
    assert (actor_name(stored, "sw"), actor_name(stored, "en")) == (sw, en)


def test_rating_reads_as_a_score_out_of_five():
    assert rating_text(2) == "Tathmini: 2/5"
    assert rating_text(2, "en") == "Rating: 2/5"
    assert rating_of("rating:4") == 4
    assert rating_of("") is rating_of("institution:4") is rating_of("rating:x") is None
