"""Every USSD screen that can show free text stays in the GSM alphabet and within 182 septets."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.channels import gsm
from sandbox.channels.ussd import engine
from sandbox.channels.ussd.engine import MAX_SCREEN, Conversation, Tracked, render, short_name
from sandbox.channels.ussd.menus import ERRORS, SCREENS
from sandbox.channels.ussd.text import SHORT_NAME
from sandbox.extensions import db
from sandbox.models import Institution
from sandbox.services.feedback.lifecycle import Submission, apply_action, submit_feedback
from sandbox.workflow import Action, Channel, Command, ComplainantType, FeedbackType, Status
from tests.channels.hostile import HOSTILE
from tests.ussd.test_protocol import reach

REFERENCE = "MRJ-T-2026-000007"
HOSTILE_NAMES = [
    "Ofisi ya Rais – Utumishi wa Umma na Utawala Bora (UTUMISHI)",
    "Mamlaka ya “Maji” ‘Safi’ {Dar} [es] Salaam €€€ ~ | ^ \\ 🚰",
    "Wizara ya Afya 🏥🏥🏥 naïve – " * 4,
]


class HostilePort:
    """Institutions with hostile names; one item whose latest public reply is hostile."""

    def __init__(self, reply: str | None = None, names=HOSTILE_NAMES) -> None:
        self.reply, self.names = reply, list(enumerate(names * 10, 1))

    def search_institutions(self, query, lang):
        return self.names

    def track(self, reference, lang):
        if reference != REFERENCE:
            return None
        return Tracked(reference, Status.RESPONDED, HOSTILE_NAMES[1], self.reply)

    def submit(self, answers, lang):
        return "MRJ-T-2026-000099"


def on_the_air(reply: engine.Reply) -> str:
    """What the gateway sends; fails unless it is GSM and within the screen."""
    text = reply.render()
    assert gsm.is_gsm(text), text
    assert gsm.septets(text) <= MAX_SCREEN, (gsm.septets(text), text)
    return text


@pytest.mark.parametrize("lang", ["sw", "en"])
@pytest.mark.parametrize("reply", HOSTILE, ids=range(len(HOSTILE)))
def test_tracking_screen_with_a_hostile_officer_reply(reply: str, lang: str) -> None:
    conv = Conversation(screen="track", lang=lang)
    text = on_the_air(engine.answer(conv, REFERENCE, HostilePort(reply)))
    assert text.startswith(f"END {REFERENCE}\n")
    last_line = text.splitlines()[3]  # the reply, flattened to one line
    shown = last_line.split(": ", 1)[1].removesuffix("..")
    assert gsm.to_gsm(reply, single_line=True).startswith(shown.rstrip())


def test_a_reply_of_extension_characters_is_cut_by_septets_not_characters() -> None:
    text = on_the_air(
        engine.answer(Conversation(screen="track"), REFERENCE, HostilePort("€" * 200))
    )
    assert gsm.septets(text) >= MAX_SCREEN - 2  # full, yet ...
    assert text.count("€") > 40  # each € costs two septets: far fewer characters than 182
    assert len(text) == gsm.septets(text) - text.count("€")


def test_the_reply_is_transliterated_not_dropped() -> None:
    reply = "Tumeshughulikia – “asante” ‘sana’… 🙏"
    text = on_the_air(engine.answer(Conversation(screen="track"), REFERENCE, HostilePort(reply)))
    assert text.endswith("Jibu: Tumeshughulikia - \"asante\" 'sana'...")


@pytest.mark.parametrize("lang", ["sw", "en"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("error", [None, *ERRORS])
@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_every_screen_with_a_hostile_institution_name(screen, lang, error, name) -> None:
    conv = Conversation(screen=screen, lang=lang, error=error)
    conv.answers = {"type": "complaint", "identity": "phone", "institution": short_name(name)}
    conv.matches = [[i, short_name(n)] for i, n in HostilePort().names]
    on_the_air(render(conv))


def test_every_page_of_a_list_of_hostile_names_fits() -> None:
    port, conv = HostilePort(), Conversation(screen="institution")
    engine.advance(conv, "wizara", False, port)
    shown = []
    for _ in range(len(port.names)):
        text = on_the_air(render(conv))
        shown += [line for line in text.splitlines()[1:] if not line.startswith(("98.", "0."))]
        if "98." not in text:
            break
        engine.answer(conv, "98", port)
    assert len(shown) == len(port.names)


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_short_names_are_gsm_and_short(name: str) -> None:
    short = short_name(name)
    assert gsm.is_gsm(short) and gsm.septets(short) <= SHORT_NAME


@pytest.mark.parametrize("reply", HOSTILE, ids=range(len(HOSTILE)))
def test_tracking_a_real_item_answered_with_hostile_text(dialler, demo, reply: str) -> None:
    tanesco = db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))
    submission = Submission(
        type=FeedbackType.INQUIRY,
        complainant_type=ComplainantType.CITIZEN,
        channel=Channel.WEB,
        institution_id=tanesco.id,
        description="Swali kuhusu LUKU",
    )
    item = submit_feedback(demo, submission)
    apply_action(demo, item.id, Command(Action.ACKNOWLEDGE))
    apply_action(demo, item.id, Command(Action.RESPOND, public_reply=reply))
    d = reach(dialler, ["9", "1"])
    text = d.send(item.reference)  # the Dialler checks GSM and 182 septets
    assert text.startswith(f"END {item.reference}\nHali: Imejibiwa")
