"""Search ignores case, spacing, punctuation and diacritics; title matches come first."""

from __future__ import annotations

import pytest

from sandbox.guidebook.library import parse_guide
from sandbox.guidebook.search import search


def guide(slug, title, body, order=10):
    source = f"---\norder: {order}\naudience: trainee\n---\n# {title}\n\n{body}\n"
    return parse_guide(slug, "sw", source)


GUIDES = [
    guide("desk", "Dawati la mrejesho", "Kila mrejesho wa e-Mrejesho unafika hapa.", 1),
    guide(
        "deadlines",
        "Muda wa kushughulikia",
        "Siku za kazi ni Jumatatu hadi Ijumaa.\n\nSaa inasimama.",
        2,
    ),
    guide("transfer", "Kuhamisha", "Uhamisho mara tatu tu. Café ya ofisi.", 3),
]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("siku za kazi", ["deadlines"]),
        ("SIKU   ZA\tKAZI", ["deadlines"]),
        ("sikuza kazi", ["deadlines"]),
        ("e mrejesho", ["desk"]),
        ("emrejesho", ["desk"]),
        ("cafe", ["transfer"]),
        ("CAFÉ", ["transfer"]),
        ("jumatatu ijumaa", ["deadlines"]),
        ("mrejesho", ["desk"]),
        ("ijumaa hamisha", []),
        ("", []),
        ("  ¿!  ", []),
    ],
)
def test_search_is_insensitive_to_case_spacing_and_diacritics(query, slugs):
    assert [hit.guide.slug for hit in search(GUIDES, query)] == slugs


def test_title_matches_come_first_and_the_snippet_is_the_matching_block():
    hits = search(GUIDES, "hamisha")
    assert [h.guide.slug for h in hits] == ["transfer"]
    assert hits[0].in_title
    saa = search(GUIDES, "saa")
    assert saa[0].snippet == "Saa inasimama."


def test_a_long_block_is_cut_at_a_word():
    long = guide("long", "Ndefu", "neno " * 100 + "mwisho")
    assert search([long], "neno")[0].snippet.endswith("neno …")
    around = search([long], "mwisho")[0].snippet
    assert around.startswith("… neno") and around.endswith("mwisho")
    assert len(around) <= 182


def test_a_whole_phrase_ranks_before_scattered_words_and_short_words_are_whole():
    scattered = guide("a", "Mwanzo", "Sikukuu zinahesabiwa.\n\nKazi ni Python.", 1)
    phrase = guide("b", "Mwisho", "Siku za kazi ni tano.", 2)
    assert [h.guide.slug for h in search([scattered, phrase], "siku za kazi")] == ["b"]
    zaidi = guide("c", "Mwingine", "Sikukuu zaidi, kazi nyingi.", 3)
    assert search([zaidi], "siku za kazi") == []  # "za" is not "zaidi"
    both = guide("d", "Pia", "Sikukuu za mwaka. Kazi nyingi.", 4)
    assert [h.guide.slug for h in search([both, phrase], "siku za kazi")] == ["b", "d"]


def test_a_short_ending_on_the_query_word_still_finds_the_word():
    limit = guide("e", "Limit", "Intro.\n\nThe three-transfer limit.", 5)
    hit = search([limit], "three transfers")[0]
    assert hit.snippet == "The three-transfer limit."
    assert search([limit], "threes transferring") == []
