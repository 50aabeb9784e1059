"""POST /ussd as the Africa's Talking gateway calls it: every screen, error, back and more."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, SmsMessage, StatusLookup
from sandbox.models.ussd import UssdSession
from sandbox.services.feedback.lifecycle import Submission, submit_feedback
from sandbox.workflow import Channel, ComplainantType, FeedbackType
from sandbox.workflow.citizen_secret import is_valid_secret
from tests.ussd.conftest import PHONE, check_protocol, forget_workspace

REFERENCE = re.compile(r"MRJ-T[A-Z]*-\d{4}-\d{6}")  # T + the workspace tag


def stored_session(d) -> UssdSession:
    """The database row of a dialler's session."""
    return db.session.scalar(sa.select(UssdSession).where(UssdSession.session_id == d.session_id))


def submit_walk(d, identity: str = "1", description: str = "Umeme umekatika Mbagala tangu jana"):
    """Gateway → e-Mrejesho → submit a complaint to TANESCO, up to the confirmation."""
    d.dial()
    d.send("9", "2", "1", "tanesco", "1", description, identity)


def test_first_screen_is_the_gateway_menu_with_e_mrejesho_at_9(dialler):
    reply = dialler().dial()
    assert reply.startswith("CON Huduma za Serikali *152*00#")
    assert "9. e-Mrejesho" in reply


def test_e_mrejesho_menu_offers_track_submit_language(dialler):
    d = dialler()
    d.dial()
    reply = d.send("9")
    for option in ("1. Fuatilia", "2. Wasilisha", "3. Lugha/Language", "0. Rudi"):
        assert option in reply


@pytest.mark.parametrize("choice", ["1", "2", "3", "4", "5", "6"])
def test_other_gateway_services_are_not_available_and_the_menu_returns(dialler, choice):
    d = dialler()
    d.dial()
    reply = d.send(choice)
    assert reply.startswith("CON Huduma hii haipo kwenye mafunzo.\nHuduma za Serikali")


def test_identified_submission_ends_with_the_reference_that_also_arrives_by_sms(dialler):
    d = dialler()
    submit_walk(d)
    assert "Thibitisha: Lalamiko kwa TANESCO, namba yako itaonekana." in d.replies[-1]
    reply = d.send("1")
    assert reply.startswith("END Asante!")
    reference = REFERENCE.search(reply).group(0)
    item = db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.channel is Channel.USSD
    assert item.type is FeedbackType.COMPLAINT
    assert item.institution.code == "TANESCO"
    assert item.complainant_type is ComplainantType.CITIZEN
    assert item.complainant_phone == PHONE
    assert item.description == "Umeme umekatika Mbagala tangu jana"
    texts = db.session.scalars(sa.select(SmsMessage.text).where(SmsMessage.phone == PHONE)).all()
    assert any(reference in text for text in texts)


def test_anonymous_submission_stores_no_phone_but_texts_the_reference(dialler):
    d = dialler()
    submit_walk(d, identity="2")
    assert "bila kujulikana" in d.replies[-1]
    reference = REFERENCE.search(d.send("1")).group(0)
    item = db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.complainant_type is ComplainantType.ANONYMOUS
    assert (item.complainant_name, item.complainant_phone, item.complainant_email) == (None,) * 3
    # Issue 8: the reference SMS row used to keep the phone with the item id (the fault).
    message = db.session.scalar(
        sa.select(SmsMessage).where(SmsMessage.ussd_session_id == d.session_id)
    )
    assert reference in message.text and (message.phone, message.feedback_id) == ("", None)
    session = stored_session(d)
    assert session.phone == ""
    assert reference not in session.state


def test_cancel_sends_nothing(dialler):
    d = dialler()
    submit_walk(d)
    assert d.send("2") == "END Umeghairi. Hakuna kilichotumwa."
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


def test_star_typed_inside_the_description_is_kept(dialler):
    d = dialler()
    submit_walk(d, description="Bili *2 zimekuja * mwezi huu")
    reference = REFERENCE.search(d.send("1")).group(0)
    item = db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.description == "Bili *2 zimekuja * mwezi huu"


# Every screen: (inputs from the gateway menu, start of that screen's prompt).
SCREENS = [
    ([], "Huduma za Serikali"),
    (["9"], "e-Mrejesho (MAFUNZO)"),
    (["9", "1"], "Andika namba ya kumbukumbu"),
    (["9", "3"], "Chagua lugha / Choose language"),
    (["9", "2"], "Aina ya mrejesho:"),
    (["9", "2", "1"], "Andika sehemu ya jina la taasisi"),
    (["9", "2", "1", "tanesco"], "Chagua taasisi:"),
    (["9", "2", "1", "tanesco", "1"], "Eleza mrejesho wako kwa TANESCO"),
    (["9", "2", "1", "tanesco", "1", "Maelezo"], "Utambulisho:"),
    (["9", "2", "1", "tanesco", "1", "Maelezo", "1"], "Thibitisha:"),
]


def reach(dialler, inputs):
    """A session standing on the screen reached by these inputs."""
    d = dialler()
    d.dial()
    if inputs:
        d.send(*inputs)
    return d


def test_an_empty_first_answer_cannot_be_told_from_a_repeat_and_reshows_the_menu(dialler):
    d = reach(dialler, [])
    assert d.send("") == d.replies[0]  # text is "" both times


@pytest.mark.parametrize(("inputs", "prompt"), SCREENS[1:])
def test_an_empty_answer_shows_the_same_screen_with_an_error(dialler, inputs, prompt):
    d = reach(dialler, inputs)
    reply = d.send("")
    assert reply.startswith("CON Jibu linahitajika.\n" + prompt)


@pytest.mark.parametrize(("inputs", "prompt"), [s for s in SCREENS if len(s[0]) in (0, 1, 2)])
def test_a_wrong_choice_shows_the_same_screen_with_an_error(dialler, inputs, prompt):
    d = reach(dialler, inputs)
    is_track = prompt.startswith("Andika namba")
    expected = "Namba haijapatikana." if is_track else "Chaguo si sahihi."
    assert d.send("77").startswith(f"CON {expected}\n{prompt}")


@pytest.mark.parametrize("index", range(1, len(SCREENS)))
def test_zero_goes_back_one_screen(dialler, index):
    inputs, _prompt = SCREENS[index]
    d = reach(dialler, inputs)
    previous = {2: 1, 3: 1, 4: 1}.get(index, index - 1)
    assert d.send("0").startswith("CON " + SCREENS[previous][1])


def test_over_long_description_is_refused_and_kept_out(dialler):
    d = reach(dialler, ["9", "2", "1", "tanesco", "1"])
    reply = d.send("x" * 501)
    assert reply.startswith("CON Maandishi ni marefu mno.\nEleza mrejesho wako")
    assert d.send("y" * 500).startswith("CON Utambulisho:")


def test_institution_search_needs_two_letters_and_a_match(dialler):
    d = reach(dialler, ["9", "2", "1"])
    assert d.send("t").startswith("CON Andika angalau herufi 2.")
    assert d.send("zzzzqq").startswith("CON Hakuna taasisi iliyopatikana.")
    assert d.send("Umeme").startswith("CON Chagua taasisi:")


def test_english_name_finds_the_institution_too(dialler):
    d = reach(dialler, ["9", "2", "1"])
    reply = d.send("Electric Supply")
    assert reply.splitlines()[:2] == ["CON Chagua taasisi:", "1. TANESCO"]


def test_98_pages_through_a_long_list_and_0_pages_back(dialler):
    d = reach(dialler, ["9", "2", "1"])
    first = d.send("halmashauri")
    assert "98. Zaidi" in first
    second = d.send("98")
    assert second.startswith("CON Chagua taasisi:\n1. ")
    assert first != second
    assert d.send("0") == first
    while "98. Zaidi" in d.replies[-1]:
        d.send("98")
    assert d.send("98").startswith("CON Hakuna zaidi.\nChagua taasisi:")


def test_picking_on_the_second_page_picks_that_pages_item(dialler):
    d = reach(dialler, ["9", "2", "1", "halmashauri", "98"])
    label = d.replies[-1].splitlines()[1].split(". ", 1)[1]
    assert d.send("1").startswith(f"CON Eleza mrejesho wako kwa {label}")


def test_language_switch_to_english_is_kept_for_the_session(dialler):
    d = reach(dialler, ["9", "3"])
    assert d.send("2").startswith("CON e-Mrejesho (TRAINING)\n1. Track")
    assert d.send("2").startswith("CON Type of feedback:")
    assert d.send("").startswith("CON An answer is needed.")
    session = stored_session(d)
    assert session.language == "en"
    d.send("1", "tanesco", "1", "No power since Monday", "2")
    assert d.send("1").startswith("END Thank you!")


def test_track_an_item_submitted_on_the_web(dialler, demo):
    tanesco = db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))
    item = submit_feedback(
        demo,
        Submission(
            type=FeedbackType.INQUIRY,
            complainant_type=ComplainantType.CITIZEN,
            channel=Channel.WEB,
            institution_id=tanesco.id,
            description="Swali kuhusu LUKU",
        ),
    )
    d = reach(dialler, ["9", "1"])
    reply = d.send(item.reference.lower())
    assert reply.startswith(f"END {item.reference}\nHali: Imepokelewa\nTaasisi: TANESCO")
    assert "bado hakuna jibu." in reply
    [lookup] = db.session.scalars(sa.select(StatusLookup)).all()
    assert (lookup.feedback_id, lookup.channel, lookup.workspace_id) == (
        item.id,
        Channel.USSD,
        demo.id,
    )


def test_an_unknown_reference_records_no_lookup(dialler, demo):
    d = reach(dialler, ["9", "1"])
    assert d.send("MRJ-T-2026-999999").startswith("CON")
    assert db.session.scalar(sa.select(sa.func.count(StatusLookup.id))) == 0


@pytest.mark.parametrize("typed", ["2026-000001", "2026000001", "MRJ T 2026 1", "2026*000001"])
def test_tracking_accepts_what_a_keypad_can_type(dialler, typed):
    d = reach(dialler, ["9", "2", "1", "tanesco", "1", "Maelezo", "1"])
    reference = REFERENCE.search(d.send("1")).group(0)
    assert reference.endswith("-2026-000001")
    t = reach(dialler, ["9", "1"])
    assert t.send(typed).startswith(f"END {reference}")


def test_a_repeated_request_shows_the_same_screen_again(dialler):
    d = reach(dialler, ["9", "2"])
    assert d.post("9*2") == d.replies[-2]


def test_a_dialled_shortcut_runs_every_step(dialler):
    d = dialler()
    assert d.post("9*2").startswith("CON Aina ya mrejesho:")


def test_after_end_the_session_is_over(dialler):
    d = reach(dialler, ["9", "2", "1", "tanesco", "1", "Maelezo", "1"])
    d.send("2")
    assert d.send("1") == "END Kipindi kimekwisha. Piga *152*00# tena."


def test_another_phone_cannot_continue_a_session(client, dialler):
    d = reach(dialler, ["9", "2"])
    intruder = type(d)(client, phone="+255799000000", session_id=d.session_id)
    assert intruder.post("9*2*1").startswith("END ")


@pytest.mark.parametrize(
    "data",
    [
        {"phoneNumber": PHONE, "text": ""},
        {"sessionId": "", "phoneNumber": PHONE},
        {"sessionId": "x" * 129, "phoneNumber": PHONE},
        {"sessionId": "s1"},
        {"sessionId": "s1", "phoneNumber": "not a phone"},
        {},
    ],
)
def test_missing_session_or_phone_ends_with_a_short_error(client, demo, data):
    forget_workspace()
    reply = check_protocol(client.post("/ussd", data=data))
    assert reply.startswith("END ") and "/" in reply


def test_unknown_workspace_answers_end_not_html(client, demo):
    forget_workspace()
    data = {"sessionId": "a", "phoneNumber": PHONE}
    reply = check_protocol(client.post("/w/nosuch/ussd", data=data))
    assert reply.startswith("END ")


def test_a_workspace_serves_its_own_items_only(client, dialler, demo, make_workspace):
    d = reach(dialler, ["9", "2", "1", "tanesco", "1", "Maelezo", "1"])
    reference = REFERENCE.search(d.send("1")).group(0)
    other = make_workspace(code="ws2")
    t = type(d)(client, path=f"/w/{other.code}/ussd")
    t.dial()
    assert t.send("9", "1", reference).startswith("CON Namba haijapatikana.")
    t.send("0", "2", "1", "tanesco", "1", "Kazi ya mafunzo", "1")
    theirs = REFERENCE.search(t.send("1")).group(0)  # its own numbering, its own tag
    assert theirs == f"MRJ-{other.reference_tag}-2026-000001" != reference
    items = db.session.execute(sa.select(Feedback.workspace_id, Feedback.reference)).all()
    assert sorted(items) == sorted([(demo.id, reference), (other.id, theirs)])


def _every_stored_value() -> list[tuple[str, str, str]]:
    """(table, column, text) for every non-empty value of every table, reference data aside."""
    skip = {"region", "district", "institution", "category", "institution_category"}
    found = []
    for table in db.metadata.sorted_tables:
        if table.name in skip:
            continue
        for row in db.session.execute(sa.select(table)).mappings():
            found += [(table.name, k, str(v)) for k, v in row.items() if v not in (None, "")]
    return found


def test_no_table_links_an_anonymous_ussd_item_to_the_number(dialler):
    d = dialler()
    submit_walk(d, identity="2")
    reference = REFERENCE.search(d.send("1")).group(0)
    national = PHONE[-9:]
    with_number = [
        (table, column) for table, column, text in _every_stored_value() if national in text
    ]
    assert with_number == []  # the number is nowhere: nothing can tie it to the item
    texts = [text for _t, _c, text in _every_stored_value() if reference in text]
    assert texts, "the reference SMS was queued"


def test_the_number_check_above_can_fail(dialler):
    """The scan finds an identified submission's number (so an empty result means something)."""
    d = dialler()
    submit_walk(d, identity="1")
    d.send("1")
    national = PHONE[-9:]
    tables = {table for table, _c, text in _every_stored_value() if national in text}
    assert {"feedback", "sms_message"} <= tables


def test_the_last_screen_and_the_sms_give_the_citizens_secret(dialler):
    d = dialler()
    submit_walk(d)
    last = d.send("1")
    reference = REFERENCE.search(last).group(0)
    secret = re.search(r"Siri yako: (\w+)", last).group(1)
    item = db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert is_valid_secret(reference, secret, item.citizen_secret_digest)
    texts = db.session.scalars(sa.select(SmsMessage.text).where(SmsMessage.phone == PHONE)).all()
    assert any(secret in text for text in texts)


@pytest.mark.parametrize("path", ["/ussd", "/w/ws2/ussd", "/w/nosuch/ussd"])
def test_a_get_of_the_callback_answers_an_end_screen_405_with_allow(
    client, demo, make_workspace, path
):
    make_workspace(code="ws2")
    response = client.get(path)
    assert response.status_code == 405
    assert response.mimetype == "text/plain" and response.text.startswith("END ")
    assert "POST" in response.headers["Allow"]


def test_a_wrong_method_on_a_page_stays_an_html_405_with_allow(client, demo):
    response = client.delete("/")
    assert response.status_code == 405 and response.mimetype == "text/html"
    assert "GET" in response.headers["Allow"]


def test_a_session_never_stores_the_dialling_number_itself(dialler):
    d = dialler()
    d.send("9")  # mid-conversation: the session exists and knows which phone may continue
    session = stored_session(d)
    assert session.phone and PHONE[-9:] not in session.phone and PHONE not in session.phone
    other = type(d)(d.client, phone="+255700000123", session_id=d.session_id)
    assert other.post("9*2").startswith("END")  # another phone cannot continue it
