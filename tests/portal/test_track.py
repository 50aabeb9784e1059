"""Tracking by reference, and the citizen's reply, rating and appeal."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    Feedback,
    FeedbackEvent,
    Institution,
    SmsMessage,
    StatusLookup,
    User,
)
from sandbox.services.feedback.lifecycle import apply_action
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Action, Command, ReopenNotAllowed, Role, Status, apply
from sandbox.workflow.citizen_secret import ALPHABET, LENGTH, is_valid_secret, seeded_secret
from tests.portal.conftest import only_item


@pytest.fixture
def institution(app_ctx) -> Institution:
    """Dodoma City Council (the demo officer afisa.dodoma works there)."""
    return db.session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))


@pytest.fixture
def officer(demo, institution):
    """An officer of Dodoma City Council in the demo workspace (no login needed here)."""
    user = User(
        username="afisa.mtihani",
        display_name="Neema Afisa",
        password_hash="-",
        role=Role.OFFICER,
        institution_id=institution.id,
        workspace_id=demo.id,
        created_at=datetime(2026, 11, 2),
    )
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def submitted(client, demo, post_feedback, form_data):
    """An identified complaint submitted on the portal."""
    post_feedback(form_data())
    return only_item()


def secret_of(client) -> str:
    """The secret this browser was shown on its confirmation page (a dummy when none)."""
    with client.session_transaction() as session:
        issued = session.get("issued_secrets", {})
    return next(iter(issued.values()), "XXXXXX")


def act(demo, item, officer, *commands: Command) -> None:
    """The officer applies commands to the item, in order."""
    for command in commands:
        apply_action(demo, item.id, command, actor=officer)


def ask_citizen(demo, item, officer, question: str = "Ni mtaa gani?") -> None:
    """Acknowledge, assign and ask the citizen a question: the clock waits for the answer."""
    act(
        demo,
        item,
        officer,
        Command(Action.ACKNOWLEDGE),
        Command(Action.ASSIGN, assignee_id=officer.id),
        Command(Action.REQUEST_INFO, public_reply=question),
    )


@pytest.fixture
def responded(demo, submitted, officer):
    """The complaint acknowledged, assigned, noted internally and answered."""
    act(
        demo,
        submitted,
        officer,
        Command(Action.ACKNOWLEDGE),
        Command(Action.ASSIGN, assignee_id=officer.id),
        Command(Action.NOTE, note="SIRI: mlalamikaji ni ndugu wa diwani"),
        Command(Action.RESPOND, public_reply="Bomba limerekebishwa tarehe 5."),
    )
    return submitted


def track_page(client, reference: str, prefix: str = "") -> str:
    """The tracking page's text (entities decoded)."""
    return html.unescape(client.get(f"{prefix}/portal/track?reference={reference}").text)


def test_tracking_shows_status_deadlines_and_public_replies_only(client, responded, officer):
    page = track_page(client, responded.reference)
    assert "Imejibiwa" in page
    assert "Bomba limerekebishwa tarehe 5." in page
    assert "SIRI" not in page
    for secret in ("Asha", "712345678", "asha@example.com", officer.display_name):
        assert secret not in page
    assert responded.institution.name_sw in page


def test_each_tracking_page_shown_is_a_recorded_lookup(client, responded):
    track_page(client, responded.reference)
    track_page(client, "MRJ-T-2026-999999")
    lookups = db.session.scalars(sa.select(StatusLookup)).all()
    assert [(x.feedback_id, x.channel.value) for x in lookups] == [(responded.id, "web")]


@pytest.mark.parametrize("typed", ["{ref}", " {ref} ", "{lower}", "MRJ - T - {tail}"])
def test_reference_is_tolerant_of_case_and_spaces(client, submitted, typed):
    ref = submitted.reference
    typed = typed.format(ref=ref, lower=ref.lower(), tail=ref[6:].replace("-", " - "))
    page = track_page(client, typed.replace(" ", "+"))
    assert 'data-testid="status"' in page


@pytest.mark.parametrize("typed", ["MRJ-T-2026-999999", "hello", "'; drop table feedback;--"])
def test_unknown_reference_is_a_clear_message(client, submitted, typed):
    response = client.get("/portal/track", query_string={"reference": typed})
    assert response.status_code == 200
    assert 'data-testid="not-found"' in response.text


def test_overdue_is_shown(client, demo, submitted):
    move_clock(demo, to=workspace_now(demo) + timedelta(days=30))
    assert "Imechelewa" in track_page(client, submitted.reference)


def test_citizen_answers_a_question(client, demo, submitted, officer):
    ask_citizen(demo, submitted, officer)
    page = track_page(client, submitted.reference)
    assert "Ni mtaa gani?" in page and 'name="answer"' in page
    response = client.post(
        f"/portal/track/{submitted.reference}/reply",
        data={
            "secret": secret_of(client),
            "answer": "Mtaa wa Uhuru",
            "version": str(submitted.version),
        },
    )
    assert response.status_code == 302
    db.session.refresh(submitted)
    assert submitted.status is Status.IN_PROGRESS
    last = submitted.events[-1]
    assert (last.action, last.text, last.actor_label) == (
        Action.CITIZEN_REPLIED,
        "Mtaa wa Uhuru",
        "Mwananchi",
    )


def test_empty_answer_is_refused_and_nothing_changes(client, demo, submitted, officer):
    ask_citizen(demo, submitted, officer)
    response = client.post(
        f"/portal/track/{submitted.reference}/reply",
        data={"secret": secret_of(client), "answer": " "},
    )
    assert response.status_code == 422
    assert 'id="answer-error"' in response.text
    db.session.refresh(submitted)
    assert submitted.status is Status.AWAITING_CITIZEN


def test_no_rating_or_appeal_before_a_response(client, submitted):
    page = track_page(client, submitted.reference)
    assert 'name="rating"' not in page and 'name="reason"' not in page
    response = client.post(
        f"/portal/track/{submitted.reference}/rate",
        data={"secret": secret_of(client), "rating": "5"},
    )
    assert response.status_code == 409
    assert 'data-testid="refusal"' in response.text
    db.session.refresh(submitted)
    assert submitted.rating is None


def test_citizen_rates_the_reply(client, responded):
    page = track_page(client, responded.reference)
    assert 'name="rating"' in page
    response = client.post(
        f"/portal/track/{responded.reference}/rate",
        data={"secret": secret_of(client), "rating": "4", "version": str(responded.version)},
    )
    assert response.status_code == 302
    db.session.refresh(responded)
    assert responded.rating == 4
    event = db.session.scalar(
        sa.select(FeedbackEvent).where(
            FeedbackEvent.feedback_id == responded.id, FeedbackEvent.action == Action.RATE
        )
    )
    assert event.actor_label == "Mwananchi" and event.actor_id is None


@pytest.mark.parametrize("rating", ["", "0", "6", "tano", "4.5"])
def test_bad_rating_is_refused(client, responded, rating):
    response = client.post(
        f"/portal/track/{responded.reference}/rate",
        data={"secret": secret_of(client), "rating": rating},
    )
    assert response.status_code == 422
    assert 'id="rating-error"' in response.text
    db.session.refresh(responded)
    assert responded.rating is None


def test_citizen_appeals(client, responded):
    response = client.post(
        f"/portal/track/{responded.reference}/appeal",
        data={
            "secret": secret_of(client),
            "reason": "Bomba bado linavuja.",
            "version": str(responded.version),
        },
    )
    assert response.status_code == 302
    db.session.refresh(responded)
    assert responded.status is Status.IN_PROGRESS
    assert responded.reopen_count == 1
    assert "Bomba bado linavuja." in track_page(client, responded.reference)


def test_appeal_needs_a_reason(client, responded):
    response = client.post(
        f"/portal/track/{responded.reference}/appeal",
        data={"secret": secret_of(client), "reason": ""},
    )
    assert response.status_code == 422
    assert 'id="reason-error"' in response.text
    db.session.refresh(responded)
    assert responded.status is Status.RESPONDED


def test_appeal_after_the_window_is_refused_with_the_domain_reason(client, demo, responded):
    move_clock(demo, to=workspace_now(demo) + timedelta(days=31))
    with pytest.raises(ReopenNotAllowed) as refused:
        apply(state_of(responded), Command(Action.REOPEN), now=workspace_now(demo))
    assert 'name="reason"' not in track_page(client, responded.reference)
    response = client.post(
        f"/portal/track/{responded.reference}/appeal",
        data={"secret": secret_of(client), "reason": "Bado halijatatuliwa."},
    )
    assert response.status_code == 409
    assert refused.value.message("sw") in html.unescape(response.text)
    assert "Bado halijatatuliwa." in html.unescape(response.text)
    db.session.refresh(responded)
    assert responded.status is Status.RESPONDED


def test_a_stale_page_is_a_version_conflict(client, responded):
    stale = str(responded.version - 1)
    response = client.post(
        f"/portal/track/{responded.reference}/rate",
        data={"secret": secret_of(client), "rating": "3", "version": stale},
    )
    assert response.status_code == 409
    db.session.refresh(responded)
    assert responded.rating is None


def test_low_rating_then_appeal_outside_the_window(client, demo, responded):
    move_clock(demo, to=workspace_now(demo) + timedelta(days=31))
    client.post(
        f"/portal/track/{responded.reference}/rate",
        data={"secret": secret_of(client), "rating": "1"},
    )
    assert 'name="reason"' in track_page(client, responded.reference)
    client.post(
        f"/portal/track/{responded.reference}/appeal",
        data={"secret": secret_of(client), "reason": "Si kweli."},
    )
    db.session.refresh(responded)
    assert responded.status is Status.IN_PROGRESS


def test_acting_on_an_unknown_reference_is_404(client, demo):
    response = client.post(
        "/portal/track/MRJ-T-2026-999999/rate", data={"secret": secret_of(client), "rating": "5"}
    )
    assert response.status_code == 404


def test_switching_language_after_a_refused_rating_returns_to_the_tracking_page(client, responded):
    refused = client.post(f"/portal/track/{responded.reference}/rate", data={"rating": "9"})
    page = refused.get_data(as_text=True)
    switch = re.search(r'href="(/lang/en\?next=[^"]+)"', page).group(1).replace("&amp;", "&")
    back = client.get(switch)
    assert back.headers["Location"] == f"/portal/track?reference={responded.reference}"
    assert responded.reference in client.get(back.headers["Location"]).get_data(as_text=True)


def test_reference_lookups_are_rate_limited_with_a_bilingual_page(app, client, submitted):
    app.config["RATE_LIMIT_REFERENCE"] = "3 per minute"
    try:
        for _ in range(3):
            assert (
                client.get("/portal/track", query_string={"reference": "MRJ-X"}).status_code == 200
            )
        assert client.get("/portal/track").status_code == 200  # the empty form is not counted
        blocked = client.get("/portal/track", query_string={"reference": submitted.reference})
        acting = [client.post(f"/portal/track/{submitted.reference}/rate") for _ in range(4)]
    finally:
        app.config["RATE_LIMIT_REFERENCE"] = "30 per minute"
    assert blocked.status_code == 429
    assert "Majaribio mengi mno" in blocked.get_data(as_text=True)
    assert acting[-1].status_code == 429


# -- the citizen's secret (issue 8): tracking stays open, acting needs the secret -----------


def test_seeded_items_carry_their_seed_derived_secret(demo_world):
    item = db.session.scalars(sa.select(Feedback).order_by(Feedback.id)).first()
    assert is_valid_secret(
        item.reference, seeded_secret(11, item.reference), item.citizen_secret_digest
    )


def test_confirmation_shows_the_secret_only_to_the_submitting_browser(client, app, submitted):
    secret = secret_of(client)
    assert re.fullmatch(f"[{ALPHABET}]{{{LENGTH}}}", secret)
    mine = client.get(f"/portal/submitted/{submitted.reference}")
    assert secret in mine.text and mine.headers["Cache-Control"] == "no-store"
    stranger = app.test_client()
    other = stranger.get(f"/portal/submitted/{submitted.reference}")
    assert other.status_code == 200 and secret not in other.text
    assert 'data-testid="secret"' not in other.text


def test_the_reference_sms_carries_the_secret(client, submitted):
    [message] = db.session.scalars(sa.select(SmsMessage)).all()
    assert submitted.reference in message.text and secret_of(client) in message.text


@pytest.mark.parametrize(
    ("action", "data"),
    [("rate", {"rating": "1"}), ("appeal", {"reason": "Si kweli hata kidogo."})],
)
def test_a_stranger_without_the_secret_cannot_act(client, responded, action, data):
    version = str(responded.version)
    wrong = "".join(reversed(secret_of(client)))
    response = client.post(
        f"/portal/track/{responded.reference}/{action}",
        data={**data, "version": version, "secret": wrong},
    )
    assert response.status_code == 403
    assert "Siri uliyoandika si sahihi" in response.text
    db.session.expire_all()
    item = only_item()
    assert item.status is Status.RESPONDED and item.rating is None
    missing = client.post(
        f"/portal/track/{responded.reference}/{action}", data={**data, "version": version}
    )
    assert missing.status_code == 422
    assert "Andika siri uliyopewa." in missing.text


def test_the_right_secret_in_any_case_lets_the_citizen_rate(client, responded):
    response = client.post(
        f"/portal/track/{responded.reference}/rate",
        data={
            "rating": "4",
            "version": str(responded.version),
            "secret": secret_of(client).lower(),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert only_item().rating == 4


def test_tracking_stays_open_without_the_secret(app, responded):
    page = app.test_client().get(f"/portal/track?reference={responded.reference}")
    assert page.status_code == 200 and responded.reference in page.text


def _deadline_states(page: str) -> dict[str, str]:
    """The state written beside each deadline ({"acknowledge": "(…)"}), where one is."""
    found = re.findall(r'data-testid="deadline-(\w+)">(\([^<]*\))', page)
    return dict(found)


def test_days_left_sit_beside_the_deadline_that_counts(client, submitted, demo, officer):
    page = client.get(f"/portal/track?reference={submitted.reference}").text
    assert _deadline_states(page) == {"acknowledge": "(Zimebaki siku 7 za kazi)"}
    act(demo, submitted, officer, Command(Action.ACKNOWLEDGE))
    page = client.get(f"/portal/track?reference={submitted.reference}").text
    assert list(_deadline_states(page)) == ["respond"]


def test_a_paused_clock_says_so_instead_of_counting_down(client, submitted, demo, officer):
    ask_citizen(demo, submitted, officer, "Tafadhali taja mtaa.")
    move_clock(demo, working_days=10)
    page = client.get(f"/portal/track?reference={submitted.reference}").text
    assert _deadline_states(page) == {"respond": "(Muda umesimama — inasubiri jibu la mwananchi)"}
    client.get("/lang/en")
    page = client.get(f"/portal/track?reference={submitted.reference}").text
    assert _deadline_states(html.unescape(page)) == {
        "respond": "(clock paused — waiting for the citizen's answer)"
    }


def test_references_are_unique_and_tracking_says_where_to_look(
    client, demo, make_workspace, post_feedback, form_data
):
    other = make_workspace("kata")
    assert post_feedback(form_data(), prefix=f"/w/{other.code}").status_code == 302
    theirs = db.session.scalar(sa.select(Feedback).where(Feedback.workspace_id == other.id))
    assert theirs.reference == f"MRJ-{other.reference_tag}-2026-000001" != "MRJ-T-2026-000001"
    plain = client.get(f"/portal/track?reference={theirs.reference}").text
    assert 'data-testid="elsewhere"' in plain
    assert f"/w/{other.code}/portal/track?reference={theirs.reference}" in html.unescape(plain)
    own = client.get(f"/w/{other.code}/portal/track?reference=MRJ-T-2026-000001").text
    assert theirs.reference in own and 'data-testid="not-found"' not in own


def test_the_question_is_quoted_above_the_answer_box(client, demo, submitted, officer):
    ask_citizen(demo, submitted, officer)
    turn = track_page(client, submitted.reference).split('aria-labelledby="reply-heading"')[1]
    quoted = turn.index('data-testid="question"')
    assert quoted < turn.index("Ni mtaa gani?") < turn.index('name="answer"')
    assert "Taasisi inauliza:" in turn


def test_no_question_is_quoted_when_none_is_waiting(client, responded):
    assert 'data-testid="question"' not in track_page(client, responded.reference)


def test_timeline_says_what_happened_and_shows_the_rating(client, demo, responded):
    act(demo, responded, None, Command(Action.RATE, rating=2))
    timeline = track_page(client, responded.reference).split('class="timeline"')[1]
    for said in ("Imewasilishwa", "Imethibitishwa kupokelewa", "Imejibiwa", "Tathmini: 2/5"):
        assert said in timeline
    assert "<strong>Wasilisha</strong>" not in timeline
    assert "<strong>Thibitisha kupokea</strong>" not in timeline
