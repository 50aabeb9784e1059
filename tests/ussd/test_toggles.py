"""The USSD channel under the toggles: region first (``ussd_region_first``) and the response
date on the tracking answer (``tracking_deadline``), scripted through the gateway callback in
both languages; the demo workspace without the toggles keeps today's screens."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution
from sandbox.services.feedback.lifecycle import Submission, submit_feedback
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.workflow import Channel, ComplainantType, FeedbackType, Toggle

REFERENCE = re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}")
LANGUAGE = {"sw": [], "en": ["3", "2"]}  # the language menu, then back at e-Mrejesho
WORDS = {
    "sw": ("Chagua mkoa:", "Taasisi za kitaifa", "Chagua taasisi:", "Eleza", "END Asante!"),
    "en": ("Choose the region:", "National institutions", "Choose the institution:", "Describe",
           "END Thank you!"),
}  # fmt: skip


def pick(d, reply: str, wanted: str) -> str:
    """Page through a list (98) until a line holds ``wanted``; choose it; the next reply."""
    for _ in range(12):
        line = next((x for x in reply.splitlines() if wanted in x and ". " in x), None)
        if line is not None:
            return d.send(line.split(".", 1)[0])
        assert "98." in reply, reply
        reply = d.send("98")
    raise AssertionError(f"{wanted} not listed")


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_region_first_chooses_the_region_then_its_institution(dialler, demo, lang):
    set_flag(demo, Toggle.USSD_REGION_FIRST, True, source=FlagSource.ADMIN, note="test")
    region, national, institution, describe, thanks = WORDS[lang]
    d = dialler()
    d.dial()
    d.send("9", *LANGUAGE[lang], "2")
    reply = d.send("1")  # a complaint: the region list comes, nothing to type
    assert reply.startswith(f"CON {region}") and f"1. {national}" in reply
    reply = pick(d, reply, "Dodoma")
    assert reply.startswith(f"CON {institution}")
    reply = pick(d, reply, "Dodoma")  # the city council of the Dodoma region
    assert describe in reply
    reply = d.send("Barabara ya Area D imejaa mashimo", "1", "1")
    assert reply.startswith(thanks)
    item = db.session.scalar(
        sa.select(Feedback).where(Feedback.reference == REFERENCE.search(reply).group(0))
    )
    assert item.institution.region.name == "Dodoma"


def test_region_first_lists_national_institutions_and_goes_back_to_the_type(dialler, demo):
    set_flag(demo, Toggle.USSD_REGION_FIRST, True)
    d = dialler()
    d.dial()
    d.send("9", "2", "1")
    reply = d.send("1")  # national institutions
    assert reply.startswith("CON Chagua taasisi:")
    reply = pick(d, reply, "TANESCO")
    assert "Eleza mrejesho wako kwa TANESCO" in reply
    reply = d.send("0")  # back to the institutions (a page back each time, then the type)
    for _ in range(12):
        if not reply.startswith("CON Chagua taasisi:"):
            break
        reply = d.send("0")
    assert reply.startswith("CON Aina ya mrejesho")


def test_without_the_toggle_the_institution_is_typed_as_today(dialler, demo):
    d = dialler()
    d.dial()
    assert d.send("9", "2", "1").startswith("CON Andika sehemu ya jina la taasisi")


def tracked_answer(d, reference: str) -> str:
    """*152*00#, 9, 1 Track, the reference: the END answer."""
    d.dial()
    return d.send("9", "1", reference)


@pytest.mark.parametrize(("on", "said"), [(True, "Jibu linatarajiwa kabla ya"), (False, None)])
def test_the_tracking_answer_gives_the_response_date_only_where_it_is_on(dialler, demo, on, said):
    set_flag(demo, Toggle.TRACKING_DEADLINE, on)
    item = submit_feedback(
        demo,
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.ANONYMOUS,
            channel=Channel.WEB,
            institution_id=db.session.scalar(
                sa.select(Institution.id).where(Institution.code == "DODOMA_CC")
            ),
            description="Maji hayatoki Kikuyu wiki nzima",
        ),
    )
    reply = tracked_answer(dialler(), item.reference)
    due = item.respond_due.strftime("%d/%m/%Y")
    assert reply.startswith("END ") and item.reference in reply
    assert (due in reply) is on
    assert (said in reply) if said else ("kabla ya" not in reply)
