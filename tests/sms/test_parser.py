"""Reading inbound texts (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.channels.phones import normalise_phone
from sandbox.channels.sms import Help, Submit, Track, institution_code, parse_sms
from sandbox.workflow import FeedbackType


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TANESCO umeme umekatika Mbagala tangu jana",
            Submit(FeedbackType.COMPLAINT, "TANESCO", "umeme umekatika Mbagala tangu jana", "sw"),
        ),
        ("tanesco: hakuna umeme", Submit(FeedbackType.COMPLAINT, "TANESCO", "hakuna umeme", "sw")),
        (
            "PENDEKEZO nida ofisi zaidi",
            Submit(FeedbackType.SUGGESTION, "NIDA", "ofisi zaidi", "sw"),
        ),
        ("swali TRA kodi?", Submit(FeedbackType.INQUIRY, "TRA", "kodi?", "sw")),
        ("PONGEZI RUWASA asanteni", Submit(FeedbackType.COMPLIMENT, "RUWASA", "asanteni", "sw")),
        ("COMPLIMENT nhif good", Submit(FeedbackType.COMPLIMENT, "NHIF", "good", "en")),
        ("FUATILIA MRJ-T-2026-000001", Track("MRJ-T-2026-000001", "sw")),
        ("track 2026 1", Track("2026 1", "en")),
        ("", Help("empty")),
        ("   ", Help("empty")),
        ("PENDEKEZO", Help("no_institution")),
        ("TANESCO", Help("no_description")),
        ("PONGEZI ... asante", Help("no_institution")),
    ],
)
def test_parse_sms(text, expected):
    assert parse_sms(text) == expected


def test_keywords_stand_for_institution_codes():
    assert institution_code("UMEME") == "TANESCO"
    assert institution_code("NIDA") == "NIDA"


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_parses_to_something(text):
    assert isinstance(parse_sms(text), Submit | Track | Help)


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("+255 712 000 111", "+255712000111"),
        ("0712000111", "+255712000111"),
        ("255712000111", "+255712000111"),
        ("00255712000111", "+255712000111"),
        ("(0712) 000-111", "+255712000111"),
        ("abc", None),
        ("", None),
        ("+٣٣٣٣٣٣٣٣", None),
        ("+1234567890123456", None),
    ],
)
def test_normalise_phone(raw, phone):
    assert normalise_phone(raw) == phone
