"""Screens and walkthrough steps are named in words in both languages, never by their ids."""

from __future__ import annotations

import csv
import io

import pytest

from sandbox.proposals.enums import JobRole, Side
from sandbox.proposals.schema import SCREEN_LABELS, SCREENS, screen_label
from sandbox.services.preview.labels import choice_labels, shortened
from tests.preview.feedback_support import add_answer, add_step, make_stakeholder, sign_in

KEY = "auto-escalation"
STEP_SW = "Fungua lalamiko la dawa Nkuhungu na hakikisha limefika kwa mkuu wa taasisi"
STEP_EN = "Open the Nkuhungu medicine complaint and make sure it has reached the head"


def test_every_screen_has_a_label_in_both_languages():
    assert set(SCREEN_LABELS) == set(SCREENS)
    assert all(sw and en and sw != en for sw, en in SCREEN_LABELS.values())
    assert screen_label("close_form", "en") == "What closing requires"
    assert screen_label("close_form", "sw") == "Kinachohitajika kufunga"
    assert screen_label("no_such", "sw") == "no_such"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open it. Then close it.", "Open it"),
        ("Short one.", "Short one"),
        ("word " * 30, ("word " * 14).strip() + "…"),
    ],
)
def test_shortened_keeps_the_first_sentence_within_the_limit(text, expected):
    assert shortened(text) == expected
    assert len(shortened(text)) <= 71


def test_steps_read_as_their_own_instruction(proposals):
    auto, _ = proposals
    assert choice_labels(auto, "sw")["reach-head"] == STEP_SW[:70].rsplit(" ", 1)[0] + "…"
    assert choice_labels(auto, "en")["reach-head"].startswith("Open the Nkuhungu medicine")
    assert choice_labels(auto, "en")["desk_item"] == "The item at the desk"


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_the_feedback_form_offers_words_not_ids(client, proposals, lang):
    make_stakeholder("mdau.maneno", JobRole.HEAD)
    sign_in(client, "mdau.maneno")
    client.get(f"/lang/{lang}")
    page = client.get(f"/preview/proposals/{KEY}/feedback").get_data(as_text=True)
    assert 'value="reach-head"' in page  # the id is what the form sends
    assert ">reach-head<" not in page and ">desk_item<" not in page
    assert (STEP_EN if lang == "en" else STEP_SW)[:30] in page


def test_the_report_and_its_csv_name_steps_and_screens_in_words(client, login_as, proposals):
    auto, _ = proposals
    user = make_stakeholder("mdau.ripoti2", JobRole.HEAD)
    add_answer(auto, user, screen="desk_item", comment="Nzuri")
    add_step(auto, user, "reach-head", Side.BEFORE, 30)
    login_as("mwezeshaji")
    client.get("/lang/en")
    page = client.get(f"/preview/proposals/{KEY}/report").get_data(as_text=True)
    assert "· The item at the desk" in page and "· desk_item" not in page
    assert STEP_EN[:30] in page and "<code>reach-head</code>" not in page
    text = client.get(f"/preview/proposals/{KEY}/report.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    (answer,) = [row for row in rows if "Nzuri" in row]
    assert answer[12:14] == ["The item at the desk", "desk_item"]
    steps = [row for row in rows if "reach-head" in row]
    assert steps and steps[0][0].startswith("Open the Nkuhungu") and steps[0][1] == "reach-head"
    printed = client.get(f"/preview/proposals/{KEY}/report/print").get_data(as_text=True)
    assert STEP_SW[:30] in printed and STEP_EN[:30] in printed
