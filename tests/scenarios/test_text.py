"""Free-text matching ignores case, spacing, punctuation and diacritics, and accepts synonyms."""

from __future__ import annotations

import pytest

from sandbox.scenarios.text import contains, contains_any, normal, shows_phone, similarity


def test_normal_form():
    assert normal("  Tumeshughulikia\tLALAMIKO!! ") == "tumeshughulikia lalamiko"
    assert normal("Café  naïve") == "cafe naive"


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("Tumeshughulikia LALAMIKO lako.", "lalamiko lako", True),
        ("tumeshughulikia   lalamiko,lako", "Lalamiko Lako", True),
        ("Réponse reçue", "reponse recue", True),
        ("malalamiko", "lalamiko", False),  # whole words only
        ("Asante", "", False),
    ],
)
def test_contains(text, phrase, found):
    assert contains(text, phrase) is found


def test_synonyms_in_both_languages():
    phrases = ["uchunguzi", "investigation"]
    assert contains_any("An INVESTIGATION is open.", phrases) == "investigation"
    assert contains_any("Uchunguzi unaendelea.", phrases) == "uchunguzi"
    assert contains_any("Asante.", phrases) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tutakupigia 0754 321 987", True),
        ("piga +255-754-321-987 leo", True),
        ("namba (0754) 321.987", True),
        ("namba 0754 321 988", False),
        ("kumbukumbu MRJ-T-2026-000123", False),
    ],
)
def test_shows_phone(text, found):
    assert shows_phone(text, "+255754321987") is found


def test_similarity():
    assert similarity("Asante kwa pongezi", "asante KWA pongezi!") == 1.0
    assert 0 < similarity("Asante kwa pongezi zako", "Asante sana") < 1
    assert similarity("", "Asante") == 0.0
