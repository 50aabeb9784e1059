"""The menu interpreter on its own (no Flask, no database): screens, paging, history."""

from __future__ import annotations

import pytest

from sandbox.channels import gsm
from sandbox.channels.ussd import engine
from sandbox.channels.ussd.engine import (
    MAX_SCREEN,
    Conversation,
    Receipt,
    Tracked,
    advance,
    new_inputs,
    normalise_reference,
    render,
    short_name,
)
from sandbox.channels.ussd.menus import ENDINGS, ERRORS, SCREENS, screens_for
from sandbox.channels.ussd.text import SHORT_NAME
from sandbox.workflow import BASE_RULES, Overlay, Status, Toggle, WorkspaceRules

LONG = "Halmashauri ya Manispaa ya Mtwara Mikindani na Vitongoji Vyake Vyote"


class FakePort:
    """Institutions with long names; one trackable item; submissions recorded."""

    def __init__(self, count: int = 40):
        self.names = [(i, f"{LONG} {i:02d}") for i in range(1, count + 1)]
        self.submitted: list[dict] = []

    def search_institutions(self, query, lang):
        return [m for m in self.names if query.lower() in m[1].lower()]

    def track(self, reference, lang):
        if reference != "MRJ-T-2026-000007":
            return None
        return Tracked(reference, Status.RESPONDED, LONG, "Jibu refu sana " * 30)

    def submit(self, answers, lang):
        self.submitted.append(answers)
        return Receipt("MRJ-T-2026-000099", "K7PM3Q")


def protocol(reply) -> str:
    text = reply.render()
    assert len(text) <= MAX_SCREEN
    assert gsm.is_gsm(text) and gsm.septets(text) <= MAX_SCREEN
    return text


@pytest.mark.parametrize("lang", ["sw", "en"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("error", [None, *ERRORS])
def test_every_screen_with_every_error_fits(screen, lang, error):
    conv = Conversation(screen=screen, lang=lang, error=error)
    conv.answers = {"type": "compliment", "identity": "anonymous", "institution": "x" * 28}
    conv.matches = [[i, short_name(n)] for i, n in FakePort().names]
    text = protocol(render(conv))
    assert not text.endswith("..")  # nothing had to be clipped


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_endings_fit_with_the_longest_values(lang):
    for ending in ENDINGS.values():
        body = ending[lang].format(
            reference="MRJ-T-2026-000123456",
            status="x" * 30,
            institution="y" * 28,
            reply="z" * 400,
            secret="K7PM3Q",
        )
        assert len(engine.Reply(body, is_end=True).render()) <= MAX_SCREEN


def test_a_long_list_is_paged_and_every_page_fits():
    port = FakePort(40)
    conv = Conversation(screen="institution")
    advance(conv, "halmashauri", False, port)
    seen = []
    for _ in range(40):
        text = protocol(render(conv))
        seen += [line for line in text.splitlines()[1:] if not line.startswith(("98.", "0."))]
        if "98." not in text:
            break
        engine.answer(conv, "98", port)
    assert len(seen) == 40


def test_tracking_result_is_clipped_to_fit():
    conv = Conversation(screen="track")
    reply = engine.answer(conv, "MRJ-T-2026-000007", FakePort())
    text = protocol(reply)
    assert text.startswith("END MRJ-T-2026-000007\nHali: Imejibiwa") and text.endswith("..")


def test_submit_hands_over_the_answers_and_forgets_them():
    port = FakePort()
    conv = Conversation(screen="institution")
    for value in ("halmashauri", "2", "Maelezo * na nyota", "2", "1"):
        reply = engine.answer(conv, value, port)
    assert reply.is_end and "MRJ-T-2026-000099" in reply.body
    assert port.submitted == [
        {
            "institution_id": 2,
            "institution": short_name(f"{LONG} 02"),
            "description": "Maelezo * na nyota",
            "identity": "anonymous",
        }
    ]
    assert conv.answers == {} and conv.is_over


@pytest.mark.parametrize(
    ("stored", "text", "is_new", "expected"),
    [
        ("", "", True, []),
        ("", "9*2", True, ["9", "2"]),
        ("", "9", False, ["9"]),
        ("9*2", "9*2", False, []),
        ("9*2", "9*2*1", False, ["1"]),
        ("9*2*1*tan", "9*2*1*tan*a * b", False, ["a * b"]),
        ("9*2", "5*6*7", False, ["7"]),
        ("9", "9*", False, [""]),
    ],
)
def test_new_inputs_follow_the_stored_history(stored, text, is_new, expected):
    assert new_inputs(Conversation(text=stored), text, is_new) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("MRJ-T-2026-000123", "MRJ-T-2026-000123"),
        ("mrj-t-2026-123", "MRJ-T-2026-000123"),
        ("2026 123", "MRJ-T-2026-000123"),
        ("2026000123", "MRJ-T-2026-000123"),
        ("123", None),
        ("", None),
        ("2026-0", None),
        ("abc", None),
    ],
)
def test_normalise_reference(typed, expected):
    assert normalise_reference(typed) == expected


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Shirika la Umeme Tanzania (TANESCO)", "TANESCO"),
        ("Halmashauri ya Wilaya ya Muleba", "H/W Muleba"),
        ("Wizara ya Maji", "Wizara ya Maji"),
        ("Ofisi ya Rais – Ikulu na Utawala Bora Kabisa", "Ofisi ya Rais - Ikulu na U.."),
    ],
)
def test_short_names(name, short):
    assert short_name(name) == short
    assert len(short_name(name)) <= SHORT_NAME


def test_unreadable_state_starts_afresh():
    assert Conversation.from_dict({"screen": "nowhere"}).screen == "gateway"
    assert Conversation.from_dict(["junk"], lang="en").lang == "en"
    assert Conversation.from_dict({"screen": "type", "bogus": 1}).screen == "type"


def test_a_toggle_can_replace_a_screen_in_its_workspace_only():
    shorter = {
        **SCREENS["emrejesho"],
        "text": {"sw": "e-Mrejesho\n1. Fuatilia\n2. Wasilisha", "en": "e-Mrejesho\n1. Track"},
        "options": {"1": {"go": "track"}, "2": {"go": "pick"}},
    }
    overlay = Overlay(ussd_screens={"emrejesho": shorter})
    on = WorkspaceRules(overlays={Toggle.AUTO_ESCALATION: overlay})
    off = WorkspaceRules(toggles=frozenset(), overlays={Toggle.AUTO_ESCALATION: overlay})
    assert screens_for(BASE_RULES) is SCREENS and screens_for(off) is SCREENS
    screens = screens_for(on)
    conv = Conversation()
    reply = protocol(advance(conv, "9", True, FakePort(), screens))
    assert reply == "CON e-Mrejesho\n1. Fuatilia\n2. Wasilisha"
    assert "Lugha" in protocol(advance(Conversation(), "9", True, FakePort()))
    assert SCREENS["emrejesho"]["options"]["2"] == {"go": "type"}  # the base is untouched
