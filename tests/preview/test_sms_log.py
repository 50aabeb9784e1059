"""A stakeholder reads the SMS log of their own preview worlds only, numbers masked."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, ScenarioAttempt, SmsMessage
from sandbox.models.proposal import PreviewPair
from sandbox.scenarios.text import national_number
from sandbox.services.channels.sms import queue_sms
from sandbox.services.preview import pairs
from sandbox.services.preview.joining import join_preview
from sandbox.services.training.attempts import placed_of
from tests.preview.test_views import post


def messages_of(workspace_id: int) -> list[SmsMessage]:
    query = sa.select(SmsMessage).where(SmsMessage.workspace_id == workspace_id)
    return list(db.session.scalars(query))


def test_a_stakeholder_reads_the_log_of_their_own_side_numbers_masked(client, form_joined):
    post(client, "/preview/proposals/status-sms/walkthrough/after")  # places its complaint
    pair = db.session.scalar(sa.select(PreviewPair))
    attempt = db.session.scalar(sa.select(ScenarioAttempt))
    item = db.session.get(Feedback, placed_of(attempt).items["A"])
    queue_sms(pair.after_id, "+255754123456", "Lalamiko limepokelewa.", item.id, item.updated_at)
    db.session.commit()
    desk = client.get("/desk/feedback").get_data(as_text=True)
    assert 'href="/w/' + pair.after.code + '/sms/outbox"' in desk  # the menu offers it
    sent = [m for m in messages_of(pair.after_id) if m.feedback_id and m.phone]
    assert sent, "the preview world has status SMS to read"
    own = f"/w/{pair.after.code}/sms/outbox"
    assert client.get("/sms/outbox").location.endswith(own)  # the address without a world
    for url in (own, f"{own}?page=1"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and 'data-testid="result-count"' in page
        assert sent[0].feedback.reference in page
        assert not any(national_number(m.phone) in page for m in sent)


def test_no_other_world_s_log(client, form_joined, join_request, proposals, login_as, demo_world):
    auto, _ = proposals
    other = pairs.ensure_pair(join_preview(join_request(name="Mwingine")).user, auto)
    post(client, "/preview/proposals/status-sms/sides/before")
    assert client.get(f"/w/{other.before.code}/sms/outbox").status_code == 404
    assert client.get("/w/demo/sms/outbox").status_code == 404
    item = db.session.scalar(sa.select(Feedback).where(Feedback.workspace_id == demo_world.id))
    queue_sms(demo_world.id, "+255754123456", "Lalamiko limepokelewa.", item.id, item.updated_at)
    db.session.commit()
    login_as("mdau")  # the persona in the shared demo world: the log shows none of its SMS
    response = client.get("/sms/outbox")
    page = response.get_data(as_text=True)
    references = {m.feedback.reference for m in messages_of(demo_world.id) if m.feedback}
    assert response.status_code == 200 and references
    assert not any(ref in page for ref in references)
