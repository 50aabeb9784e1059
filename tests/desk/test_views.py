"""The desk over HTTP: scope (404), policy (403), actions, conflicts, warnings, walk-in."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.desk.action_forms import FORMS
from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent
from sandbox.models.desk import IdentityReveal
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, Channel, ComplainantType, EscalationLevel, Status
from tests.desk.factories import NAME, PHONE, act, institution, make_item
from tests.fuzzing import fuzz, fuzz_settings


def refs(page: str) -> list[str]:
    """Reference numbers shown as links in a rendered page."""
    return re.findall(r">(MRJ-T[A-Z]*-\d{4}-\d{6})<", page)


def post(client, item, action, **fields):
    """POST one action form (prefixed field names) with the item's current version."""
    data = {f"{action.value}-version": str(fields.pop("version", item.version))}
    data.update({f"{action.value}-{k}": v for k, v in fields.items()})
    return client.post(f"/desk/feedback/{item.id}/actions/{action.value}", data=data)


def fresh(item) -> Feedback:
    db.session.expire_all()
    return db.session.get(Feedback, item.id)


def test_inbox_needs_login(client, desk):
    response = client.get("/desk/feedback")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_officer_of_a_gets_404_on_b_items_everywhere(client, desk):
    ws, _users, login = desk
    theirs = make_item(ws, "TANESCO")
    login("afisa")
    assert client.get(f"/desk/feedback/{theirs.id}").status_code == 404
    for action in FORMS:
        assert post(client, theirs, action).status_code == 404, action
    assert theirs.reference not in client.get("/desk/feedback?tab=new").text
    login("mkuu")
    reveal = client.post(f"/desk/feedback/{theirs.id}/reveal", data={"reason": "x" * 20})
    assert reveal.status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(IdentityReveal.id))) == 0


def test_leader_sees_only_their_area(client, desk):
    ws, _users, login = desk
    near = make_item(ws, "DODOMA_CC")
    far = make_item(ws, "TANESCO", region_id=institution("TANESCO").region_id)
    assert near.region_id != far.region_id
    login("kiongozi")
    shown = refs(client.get("/desk/feedback?tab=new").text)
    assert near.reference in shown and far.reference not in shown
    assert client.get(f"/desk/feedback/{far.id}").status_code == 404
    page = client.get(f"/desk/feedback/{near.id}").text
    assert "act-directive" in page and "act-acknowledge" not in page


def test_a_user_of_one_workspace_never_sees_another(client, desk, make_workspace):
    ws, _users, login = desk
    other = make_workspace("other")
    foreign = make_item(other, "DODOMA_CC")
    mine = make_item(ws, "DODOMA_CC")
    login("afisa")
    assert client.get(f"/desk/feedback/{foreign.id}").status_code == 404
    assert post(client, foreign, Action.ACKNOWLEDGE).status_code == 404
    shown = refs(client.get("/desk/feedback?tab=new").text)
    assert shown == [mine.reference]  # both are MRJ-T-…-000001: only ours is listed


def test_roles_without_an_action_get_403(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("ict")
    assert client.get(f"/desk/feedback/{item.id}").status_code == 200
    assert post(client, item, Action.ACKNOWLEDGE).status_code == 403
    login("afisa")
    assert post(client, item, Action.DIRECTIVE, text="Fanya haraka").status_code == 403
    assert (
        client.post(f"/desk/feedback/{item.id}/reveal", data={"reason": "x" * 20}).status_code
        == 403
    )
    assert fresh(item).version == 1


def test_unknown_action_is_404(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    assert client.post(f"/desk/feedback/{item.id}/actions/rate").status_code == 404
    assert client.post(f"/desk/feedback/{item.id}/actions/nonsense").status_code == 404


def test_the_page_offers_only_what_workflow_and_policy_allow(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    page = client.get(f"/desk/feedback/{item.id}").text
    offered = set(re.findall(r'id="act-([a-z_]+)"', page))
    assert offered == {"acknowledge", "transfer_request", "reject", "escalate", "note"}
    login("mkuu")
    offered = set(re.findall(r'id="act-([a-z_]+)"', client.get(f"/desk/feedback/{item.id}").text))
    assert "directive" not in offered and "acknowledge" in offered
    login("kiongozi")
    offered = set(re.findall(r'id="act-([a-z_]+)"', client.get(f"/desk/feedback/{item.id}").text))
    assert offered == {"directive"}


def test_acknowledge_assign_and_respond_write_events(client, desk):
    ws, users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    assert post(client, item, Action.ACKNOWLEDGE).status_code == 302
    item = fresh(item)
    assert item.status is Status.ACKNOWLEDGED and item.version == 2
    assert post(client, item, Action.ASSIGN, assignee=str(users["afisa2"].id)).status_code == 302
    assert fresh(item).assignee_id == users["afisa2"].id
    item = fresh(item)
    response = post(client, item, Action.RESPOND, text="Tatizo limetatuliwa.")
    assert response.status_code == 302
    events = [e.action for e in fresh(item).events]
    assert events == [Action.SUBMIT, Action.ACKNOWLEDGE, Action.ASSIGN, Action.RESPOND]
    assert fresh(item).events[1].actor_id == users["afisa"].id


def test_assigning_someone_from_another_institution_is_refused(client, desk):
    ws, users, login = desk
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    login("afisa")
    response = post(client, item, Action.ASSIGN, assignee=str(users["tanesco"].id))
    assert response.status_code == 422 and "Chagua afisa wa taasisi hii" in response.text
    assert fresh(item).assignee_id is None


def test_stale_version_is_a_conflict_that_keeps_the_typed_text(client, desk):
    ws, _users, login = desk
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    stale = item.version
    move_clock(
        ws, to=workspace_now(ws) + timedelta(minutes=5)
    )  # a frozen clock would leave the row unchanged
    act(ws, item, Action.NOTE, note="Dokezo la afisa mwingine")
    assert fresh(item).version == stale + 1
    login("afisa")
    response = post(client, item, Action.NOTE, version=stale, text="Maandishi yangu muhimu")
    assert response.status_code == 409
    assert "Mtu mwingine amebadilisha" in response.text
    assert "Maandishi yangu muhimu" in response.text
    assert f'value="{fresh(item).version}"' in response.text  # the fresh version, to resend
    assert [e.text for e in fresh(item).events if e.action is Action.NOTE] == [
        "Dokezo la afisa mwingine"
    ]


def test_not_our_institution_is_refused_with_the_advice_to_transfer(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    response = post(
        client,
        item,
        Action.REJECT,
        rejection_reason="not_our_institution",
        reason="Hili linahusu TANESCO kabisa",
    )
    assert response.status_code == 422
    assert "Omba kuhamisha" in response.text
    assert "Hili linahusu TANESCO kabisa" in response.text
    assert fresh(item).status is Status.RECEIVED


def test_a_reply_naming_the_complainant_needs_confirmation(client, desk):
    ws, _users, login = desk
    item = act(ws, make_item(ws, "DODOMA_CC", feedback_type=_compliment()), Action.ACKNOWLEDGE)
    text = "Asante sana Bi. Asha kwa pongezi zako."
    # Issue 8: the warning used to say "the complainant's name" (an identity oracle) and an
    # officer, who may not see identity, could then send it anyway. Now only the head can.
    login("afisa")
    warned = post(client, item, Action.RESPOND, text=text)
    assert warned.status_code == 422
    assert "jina la mtu" in warned.text and text in warned.text
    assert NAME not in warned.text and PHONE not in warned.text
    assert fresh(item).status is Status.ACKNOWLEDGED
    refused = post(client, item, Action.RESPOND, text=text, send_anyway="y")
    assert refused.status_code == 422 and "majina ya watu" in refused.text
    assert fresh(item).status is Status.ACKNOWLEDGED
    login("mkuu")
    warned = post(client, item, Action.RESPOND, text=text)
    assert warned.status_code == 422 and 'name="respond-send_anyway"' in warned.text
    sent = post(client, item, Action.RESPOND, text=text, send_anyway="y")
    assert sent.status_code == 302 and fresh(item).status is Status.RESPONDED


@pytest.mark.parametrize(
    ("complainants", "someone_elses"),
    [
        ("Bi. Asha", "Bi. Neema"),
        ("Ndugu Mrema", "Ndugu Kisanga"),  # Kisanga is in no name list
        ("0712 345 678", "0754 999 111"),
        ("+255712345678", "+255754999111"),
    ],
)
@pytest.mark.parametrize("who", ["afisa", "mkuu"])
def test_the_warning_answers_the_same_whoever_the_guess_belongs_to(
    client, desk, complainants, someone_elses, who
):
    ws, _users, login = desk
    item = act(ws, make_item(ws, "DODOMA_CC"), Action.ACKNOWLEDGE)
    login(who)
    client.get("/desk/feedback")  # the welcome message is shown once, before the comparison
    pages = []
    for guess in (complainants, someone_elses):
        for extra in ({}, {"send_anyway": "y"} if who == "afisa" else {}):
            answer = post(
                client, item, Action.RESPOND, text=f"Habari {guess}, tumemaliza.", **extra
            )
            assert answer.status_code == 422
            pages.append(answer.text.replace(guess, "GUESS"))
    assert pages[: len(pages) // 2] == pages[len(pages) // 2 :]
    assert fresh(item).status is Status.ACKNOWLEDGED
    assert "mlalamikaji" not in re.search(r'class="warning-box".*?</div>', pages[0], re.S).group(0)


def test_an_officer_cannot_put_personal_data_in_a_rejection_either(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    response = post(
        client,
        item,
        Action.REJECT,
        rejection_reason="duplicate",
        reason="Tayari Bi. Asha alilalamika, tupigie 0712 345 678",
    )
    assert response.status_code == 422 and "majina ya watu" in response.text
    assert fresh(item).status is Status.RECEIVED


def test_use_template_fills_the_reply_without_sending(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC", feedback_type=_compliment())
    login("afisa")
    page = client.get(f"/desk/feedback/{item.id}").text
    template_id = re.search(r'<option value="(\d+)">[^<]*Asante kwa pongezi', page).group(1)
    response = post(client, item, Action.RESPOND, template=template_id, use_template="1")
    assert response.status_code == 200
    assert f"Asante kwa pongezi zako {item.reference}" in response.text
    assert fresh(item).version == item.version


def test_reveal_shows_identity_once_and_the_head_reads_the_log(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    assert NAME not in client.get(f"/desk/feedback/{item.id}").text
    login("mkuu")
    short = client.post(f"/desk/feedback/{item.id}/reveal", data={"reason": "fupi"})
    assert short.status_code == 422 and NAME not in short.text
    shown = client.post(
        f"/desk/feedback/{item.id}/reveal", data={"reason": "Kumpigia simu kuhusu mita"}
    )
    assert shown.status_code == 200 and NAME in shown.text and PHONE in shown.text
    assert shown.headers["Cache-Control"] == "no-store"
    again = client.get(f"/desk/feedback/{item.id}").text
    assert NAME not in again and "Kumpigia simu kuhusu mita" in again  # the log, not the name


def test_anonymous_items_offer_nothing_to_reveal(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC", anonymous=True)
    login("mkuu")
    page = client.get(f"/desk/feedback/{item.id}").text
    assert "hakuna utambulisho wa kufunua" in page and "/reveal" not in page


def test_identity_never_appears_in_lists_or_the_log(client, desk, caplog):
    ws, _users, login = desk
    items = [make_item(ws, "DODOMA_CC") for _ in range(3)]
    caplog.set_level(logging.DEBUG)
    for who in ("afisa", "mkuu", "kiongozi"):
        login(who)
        for tab in ("open", "new", "closed"):
            page = client.get(f"/desk/feedback?tab={tab}").text
            assert NAME not in page and PHONE not in page and "712" not in page
        client.get(f"/desk/feedback?q={items[0].reference}")
    login("mkuu")
    client.post(f"/desk/feedback/{items[0].id}/reveal", data={"reason": "Kumpigia simu kuhusu"})
    post(client, items[1], Action.ACKNOWLEDGE)
    assert NAME not in caplog.text and "712 345" not in caplog.text


def test_transfer_handshake_and_the_three_transfer_limit(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    tanesco = institution("TANESCO")
    login("afisa")
    post(client, item, Action.TRANSFER_REQUEST, target=str(tanesco.id), reason="Hili ni la umeme")
    assert fresh(item).status is Status.TRANSFER_PENDING
    login("tanesco")
    assert refs(client.get("/desk/feedback?tab=transferred_in").text) == [item.reference]
    assert post(client, fresh(item), Action.TRANSFER_ACCEPT).status_code == 302
    item = fresh(item)
    assert item.institution_id == tanesco.id and item.transfer_count == 1
    item = fresh(item)
    item.transfer_count = 3  # as if transferred three times
    db.session.commit()
    page = client.get(f"/desk/feedback/{item.id}").text
    assert "act-transfer_request" not in page
    refused = post(
        client,
        item,
        Action.TRANSFER_REQUEST,
        target=str(item.institution_id - 1 or 2),
        reason="Jaribu tena kuhamisha",
    )
    assert refused.status_code == 422 and "kikomo" in refused.text


def test_walk_in_without_consent_stores_no_identity(client, desk):
    _ws, users, login = desk
    login("afisa")
    response = client.post(
        "/desk/walk-in",
        data={
            "type": "complaint",
            "description": "Foleni ndefu ofisini",
            "language": "sw",
            "consent": "no",
            "name": "Juma Hamisi",
            "phone": "0712 000 111",
        },
    )
    assert response.status_code == 302
    item = db.session.scalar(sa.select(Feedback).order_by(Feedback.id.desc()).limit(1))
    assert item.channel is Channel.WALK_IN and item.complainant_type is ComplainantType.ANONYMOUS
    assert item.complainant_name is None and item.complainant_phone is None
    assert item.institution_id == users["afisa"].institution_id
    assert item.events[0].actor_id == users["afisa"].id


def test_walk_in_with_consent_and_form_errors(client, desk):
    _ws, _users, login = desk
    login("afisa")
    bad = client.post("/desk/walk-in", data={"type": "complaint", "description": "Kero ya maji"})
    assert bad.status_code == 422 and "Kuna tatizo" in bad.text and "Kero ya maji" in bad.text
    client.post(
        "/desk/walk-in",
        data={
            "type": "inquiry",
            "description": "Nataka kujua ada",
            "language": "sw",
            "consent": "yes",
            "complainant_type": "citizen",
            "name": "Juma Hamisi",
        },
    )
    item = db.session.scalar(sa.select(Feedback).order_by(Feedback.id.desc()).limit(1))
    assert item.complainant_name == "Juma Hamisi"
    login("kiongozi")
    assert client.get("/desk/walk-in").status_code == 403


def test_officer_adds_an_own_template(client, desk):
    _ws, _users, login = desk
    login("afisa")
    response = client.post(
        "/desk/templates",
        data={
            "situation": "answer",
            "feedback_type": "",
            "title_sw": "Maji yamerudi",
            "title_en": "Water is back",
            "text_sw": "Maji yamerudi ({reference}).",
            "text_en": "Water is back ({reference}).",
        },
    )
    assert response.status_code == 302
    assert "Maji yamerudi" in client.get("/desk/templates").text
    login("kiongozi")
    assert "Maji yamerudi" not in client.get("/desk/templates").text
    assert client.post("/desk/templates", data={}).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "tab=nonsense",
        "type=x",
        "category=abc",
        "region=999999",
        "channel=fax",
        "page=-3",
        "page=x",
        "date_from=2026-13-45",
        "sort=up",
        "q=%00",
        "q=" + "a" * 500,
    ],
)
def test_bad_inbox_values_never_fail(client, desk, query):
    _ws, _users, login = desk
    login("afisa")
    assert client.get(f"/desk/feedback?{query}").status_code == 200


@fuzz
@fuzz_settings(40)
@given(
    st.dictionaries(
        st.sampled_from(["tab", "type", "category", "channel", "region", "date_from", "q", "sort"]),
        st.text(max_size=30),
    )
)
def test_inbox_fuzz(client, desk, params):
    _ws, _users, login = desk
    login("afisa")
    assert client.get("/desk/feedback", query_string=params).status_code == 200


@fuzz
@fuzz_settings(30)
@given(st.sampled_from(list(FORMS)), st.dictionaries(st.text(max_size=20), st.text(max_size=40)))
def test_action_fuzz_never_500(client, desk, action, data):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    response = client.post(f"/desk/feedback/{item.id}/actions/{action.value}", data=data)
    assert response.status_code in (302, 403, 409, 422)


def test_escalation_marker_and_directive_reach_the_officer(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    post(client, item, Action.ESCALATE)
    assert fresh(item).escalation_level is EscalationLevel.HEAD
    login("mkuu")  # a directive is the leader's tool, not the head's
    assert post(client, fresh(item), Action.DIRECTIVE, text="Fanya leo").status_code == 403
    login("kiongozi")
    post(client, fresh(item), Action.DIRECTIVE, text="Mpigie simu mhusika leo")
    event = db.session.scalar(
        sa.select(FeedbackEvent).where(FeedbackEvent.action == Action.DIRECTIVE)
    )
    assert event.detail == "escalation:leader"
    login("afisa")
    inbox = client.get("/desk/feedback?tab=escalated").text
    assert item.reference in inbox and "badge-directive" in inbox
    assert "Mpigie simu mhusika leo" in client.get(f"/desk/feedback/{item.id}").text


def _compliment():
    from sandbox.workflow import FeedbackType

    return FeedbackType.COMPLIMENT


def test_nul_characters_are_dropped_not_a_500(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    assert post(client, item, Action.NOTE, text="Dokezo\x00 safi").status_code == 302
    assert fresh(item).events[-1].text == "Dokezo safi"
    assert client.get("/desk/feedback", query_string={"q": "a\x00b"}).status_code == 200


FORM_FIELDS = {
    "/desk/walk-in": [
        "type",
        "category",
        "description",
        "language",
        "consent",
        "complainant_type",
        "name",
        "phone",
        "email",
    ],
    "/desk/templates": ["situation", "feedback_type", "title_sw", "title_en", "text_sw", "text_en"],
}


@fuzz
@fuzz_settings(40)
@given(
    st.sampled_from(sorted(FORM_FIELDS)),
    st.data(),
)
def test_walk_in_and_template_forms_fuzz_never_500(client, desk, path, data):
    _ws, _users, login = desk
    login("afisa")
    values = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                name: st.sampled_from(["", " ", "\r", "complaint", "yes", "answer", "x" * 3000])
                | st.text(max_size=20)
                for name in FORM_FIELDS[path]
            },
        )
    )
    assert client.post(path, data=values).status_code in (200, 302, 422)


def test_switching_language_after_a_failed_action_returns_to_the_item(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    failed = post(client, item, Action.RESPOND, text="")
    assert failed.status_code == 422
    switch = re.search(r'href="(/lang/en\?next=[^"]+)"', failed.get_data(as_text=True)).group(1)
    back = client.get(switch.replace("&amp;", "&"))
    assert back.headers["Location"] == f"/desk/feedback/{item.id}"
    assert client.get(back.headers["Location"]).status_code == 200


def test_each_role_gets_the_tabs_of_its_job(client, desk):
    ws, _users, login = desk
    make_item(ws, "DODOMA_CC")
    login("kiongozi")
    leader = client.get("/desk/feedback?tab=mine").text
    assert 'data-testid="tab-mine"' not in leader
    assert 'data-testid="tab-transferred_in"' not in leader
    assert re.search(r'data-testid="tab-open"\s+aria-current="page"', leader)
    login("afisa")
    officer = client.get("/desk/feedback").text
    assert 'data-testid="tab-mine"' in officer and 'data-testid="tab-transferred_in"' in officer


def test_date_filters_are_typed_as_the_hint_says_in_both_languages(client, desk):
    _ws, _users, login = desk
    login("afisa")
    page = client.get("/desk/feedback?date_from=30/11/2026").text
    assert 'placeholder="2026-11-30"' in page and 'type="date"' not in page
    assert "Andika tarehe kama 2026-11-30 (mwaka-mwezi-siku)." in page
    client.get("/lang/en")
    assert "Enter a date like 2026-11-30." in client.get("/desk/feedback?date_to=11/30/2026").text


def test_the_item_page_counts_the_deadline_that_counts_or_says_the_clock_waits(client, desk):
    ws, users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("afisa")
    page = client.get(f"/desk/feedback/{item.id}").text
    assert re.findall(r'data-testid="deadline-(\w+)"', page) == ["acknowledge"]
    item = act(ws, item, Action.ACKNOWLEDGE)
    item = act(ws, item, Action.ASSIGN, assignee_id=users["afisa"].id)
    act(ws, item, Action.REQUEST_INFO, public_reply="Tafadhali taja mtaa.")
    page = client.get(f"/desk/feedback/{item.id}").text
    assert 'data-testid="deadline-respond">(Muda umesimama — inasubiri jibu la mwananchi)' in page


def history_of(page: str) -> str:
    """The History section of an item page."""
    return page.split('id="history-heading"', 1)[1]


@pytest.fixture
def answered(desk):
    """An item where the citizen answered a question, rated the reply 2/5 and appealed."""
    ws, users, _login = desk
    item = make_item(ws, "DODOMA_CC")
    officer = users["afisa"]
    act(ws, item, Action.ACKNOWLEDGE, officer)
    act(ws, item, Action.ASSIGN, officer, assignee_id=officer.id)
    act(ws, item, Action.REQUEST_INFO, officer, public_reply="Ni mtaa gani?")
    act(ws, item, Action.CITIZEN_REPLIED, note="Mtaa wa Sokoni.")
    act(ws, item, Action.RESPOND, officer, public_reply="Bomba limerekebishwa.")
    act(ws, item, Action.RATE, rating=2)
    return act(ws, item, Action.REOPEN, reason="Maji bado hayatoki kabisa.")


def test_history_says_whose_words_each_text_is(client, desk, answered):
    desk[2]("afisa")
    history = history_of(client.get(f"/desk/feedback/{answered.id}").text)
    heading = r'<span class="tag tag-public">{}</span> {}'
    assert re.search(heading.format("Swali kwa mwananchi", "Ni mtaa gani"), history)
    assert re.search(heading.format("Jibu la mwananchi", "Mtaa wa Sokoni"), history)
    assert re.search(heading.format("Jibu kwa mwananchi", "Bomba"), history)
    assert re.search(heading.format("Sababu ya rufaa", "Maji bado"), history)
    assert history.count("Jibu kwa mwananchi") == 1


def test_history_uses_event_phrasing_and_shows_the_rating(client, desk, answered):
    desk[2]("afisa")
    history = history_of(client.get(f"/desk/feedback/{answered.id}").text)
    for said in ("Imewasilishwa", "Taarifa zaidi zimeombwa", "Imejibiwa", "Tathmini: 2/5"):
        assert said in history
    assert "<strong>Wasilisha</strong>" not in history and "<strong>Jibu</strong>" not in history


def test_history_in_english_names_the_citizen_in_english(client, desk, answered):
    desk[2]("afisa")
    client.get("/lang/en")
    history = history_of(client.get(f"/desk/feedback/{answered.id}").text)
    assert "· Citizen" in history and "Mwananchi" not in history
    assert "The citizen&#39;s answer" in history and "Rating: 2/5" in history
    assert "Submitted" in history and "Reason for the appeal" in history


def test_item_page_shows_no_internal_version_number(client, desk, answered):
    desk[2]("afisa")
    page = client.get(f"/desk/feedback/{answered.id}").text
    assert "Toleo" not in page and f"<dd>{answered.version}</dd>" not in page
    client.get("/lang/en")
    assert ">Version<" not in client.get(f"/desk/feedback/{answered.id}").text
