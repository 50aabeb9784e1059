"""The phone emulator in Chromium: a whole USSD submission and tracking, then the SMS inbox."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from sandbox.models import Feedback
from sandbox.workflow import Channel, ComplainantType

PHONE = "+255713555777"


class FeaturePhone:
    """The emulator page, driven by its accessible names (Swahili page)."""

    def __init__(self, page: Page):
        self.page = page
        self.screen = page.get_by_role("log", name="Skrini ya simu")
        self.entry = page.get_by_label("Namba au jibu")

    def key(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    def dial_with_keypad(self) -> None:
        for name in ["Nyota (*)", "1", "5", "2", "Nyota (*)", "0", "0", "Reli (#)"]:
            self.key(name)
        expect(self.entry).to_have_value("*152*00#")
        self.key("Piga")

    def answer(self, text: str, expected: str) -> None:
        self.entry.fill(text)
        self.entry.press("Enter")
        expect(self.screen).to_contain_text(expected)


def test_submit_and_track_through_the_phone_emulator(page: Page, db_session):
    page.goto("/ussd/phone")
    phone = FeaturePhone(page)
    page.get_by_label("Namba ya simu hii").fill(PHONE)
    phone.dial_with_keypad()
    expect(phone.screen).to_contain_text("Huduma za Serikali")
    phone.answer("9", "e-Mrejesho (MAFUNZO)")
    phone.key("2")
    phone.key("Tuma")
    expect(phone.screen).to_contain_text("Aina ya mrejesho")
    phone.answer("1", "Andika sehemu ya jina la taasisi")
    phone.answer("tanesco", "1. TANESCO")
    phone.answer("1", "Eleza mrejesho wako kwa TANESCO")
    phone.answer("Umeme umekatika Mbagala tangu jana", "Utambulisho")
    phone.answer("1", "Thibitisha: Lalamiko kwa TANESCO")
    phone.answer("1", "Asante!")
    reference = re.search(r"MRJ-T[A-Z]*-\d{4}-\d{6}", phone.screen.inner_text()).group(0)
    expect(page.get_by_role("button", name="Piga")).to_be_visible()  # the call ended

    inbox = page.get_by_role("list", name="Ujumbe")
    expect(inbox.get_by_role("listitem").filter(has_text=reference)).to_have_count(1)
    item = db_session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.channel is Channel.USSD
    assert item.complainant_type is ComplainantType.CITIZEN
    assert item.complainant_phone == PHONE
    assert item.description == "Umeme umekatika Mbagala tangu jana"

    phone.entry.fill("*152*00#")
    phone.key("Piga")
    expect(phone.screen).to_contain_text("Huduma za Serikali")
    phone.answer("9", "Fuatilia")
    phone.answer("1", "Andika namba ya kumbukumbu")
    phone.answer(reference, f"{reference}\nHali: Imepokelewa")
    expect(phone.screen).to_contain_text("Taasisi: TANESCO")


def test_a_wrong_code_is_refused_and_hang_up_ends_the_call(page: Page):
    page.goto("/ussd/phone")
    phone = FeaturePhone(page)
    phone.entry.fill("*100#")
    phone.key("Piga")
    expect(phone.screen).to_have_text("Msimbo haujulikani. Piga *152*00#.")
    phone.entry.fill("*152*00#")
    phone.key("Piga")
    expect(phone.screen).to_contain_text("Huduma za Serikali")
    phone.key("Kata simu")
    expect(phone.screen).to_have_text("Simu imekatwa.")
    expect(page.get_by_role("button", name="Piga")).to_be_visible()


def test_text_feedback_then_track_it_by_sms_from_the_emulator(page: Page, db_session):
    page.goto("/ussd/phone")
    page.get_by_label("Namba ya simu hii").fill(PHONE)
    message = page.get_by_label("Andika SMS kwenda 15200 (bure)")
    message.fill("TANESCO umeme umekatika Chamwino siku ya tatu")
    page.get_by_role("button", name="Tuma SMS").click()
    inbox = page.get_by_role("list", name="Ujumbe")
    answer = inbox.get_by_role("listitem").filter(has_text=re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}"))
    expect(answer).to_have_count(1)
    reference = re.search(r"MRJ-T[A-Z]*-\d{4}-\d{6}", answer.inner_text()).group(0)
    item = db_session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.channel is Channel.SMS and item.complainant_phone == PHONE

    message.fill(f"FUATILIA {reference}")
    page.get_by_role("button", name="Tuma SMS").click()
    expect(inbox.get_by_role("listitem").filter(has_text="Hali: Imepokelewa")).to_have_count(1)
