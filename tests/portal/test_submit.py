"""Submitting feedback on the portal: identified, anonymous, validation, workspaces."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.channels.phones import tanzanian_mobile
from sandbox.extensions import db
from sandbox.models import District, Feedback, FeedbackEvent, Region, SmsMessage
from sandbox.workflow import Action, Channel, ComplainantType, FeedbackType, Status
from tests.portal.conftest import only_item


def outbox_for(item: Feedback) -> list[SmsMessage]:
    """The SMS queued for an item."""
    return list(db.session.scalars(sa.select(SmsMessage).where(SmsMessage.feedback_id == item.id)))


def test_identified_submission_stores_identity_and_texts_the_reference(
    client, demo, institution, post_feedback, form_data
):
    response = post_feedback(form_data())
    assert response.status_code == 302
    item = only_item()
    assert response.headers["Location"] == f"/portal/submitted/{item.reference}"
    assert (item.complainant_name, item.complainant_phone, item.complainant_email) == (
        "Asha Juma",
        "+255712345678",
        "asha@example.com",
    )
    assert item.complainant_type is ComplainantType.CITIZEN
    assert item.channel is Channel.WEB
    assert item.type is FeedbackType.COMPLAINT
    assert item.status is Status.RECEIVED
    assert item.institution_id == institution.id
    assert item.workspace_id == demo.id
    assert item.language == "sw"
    [sms] = outbox_for(item)
    assert sms.phone == "+255712345678"
    assert item.reference in sms.text
    [event] = item.events
    assert (event.action, event.actor_label) == (Action.SUBMIT, "Mwananchi")


def test_confirmation_shows_the_reference_and_next_steps(client, demo, post_feedback, form_data):
    page = client.get(post_feedback(form_data()).headers["Location"]).text
    item = only_item()
    assert f'data-testid="reference">{item.reference}<' in page
    assert "Asha" not in page and "712345678" not in page
    assert "*152*00#" in page
    assert f"/portal/track?reference={item.reference}" in page


def test_english_interface_submits_in_english(client, demo, post_feedback, form_data):
    client.get("/lang/en")
    post_feedback(form_data())
    assert only_item().language == "en"


@pytest.mark.parametrize(
    "identity",
    [
        {"complainant_type": "anonymous"},  # chose anonymous: what was typed is dropped
        {"name": "", "phone": "", "email": ""},  # gave nothing: anonymous too
        {"name": "  ", "phone": " ", "email": ""},
    ],
)
def test_anonymous_submission_stores_nothing_identifying(
    client, demo, post_feedback, form_data, identity
):
    response = post_feedback(form_data(**identity))
    assert response.status_code == 302
    item = only_item()
    assert item.complainant_type is ComplainantType.ANONYMOUS
    assert (item.complainant_name, item.complainant_phone, item.complainant_email) == (
        None,
        None,
        None,
    )
    assert outbox_for(item) == []


def test_identified_without_phone_gets_no_sms(client, demo, post_feedback, form_data):
    post_feedback(form_data(phone=""))
    item = only_item()
    assert item.complainant_name == "Asha Juma" and item.complainant_phone is None
    assert outbox_for(item) == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0712345678", "+255712345678"),
        ("0712 345 678", "+255712345678"),
        ("712345678", "+255712345678"),
        ("255712345678", "+255712345678"),
        ("+255712345678", "+255712345678"),
        ("+255 754-123-456", "+255754123456"),
        ("0622 111 222", "+255622111222"),
        ("(0)765 000 111", "+255765000111"),
        ("0812345678", None),
        ("071234567", None),
        ("07123456789", None),
        ("+254712345678", None),
        ("simu yangu", None),
        ("", None),
    ],
)
def test_phone_normalisation(typed, stored):
    assert tanzanian_mobile(typed) == stored


def test_bad_phone_is_refused_beside_the_field_keeping_everything(
    client, demo, post_feedback, form_data
):
    response = post_feedback(form_data(phone="0812 345", description="Barabara <mbovu> & chafu"))
    assert response.status_code == 422
    page = response.text
    assert 'class="error-summary"' in page
    assert 'href="#phone"' in page
    assert 'id="phone-error"' in page
    assert 'value="0812 345"' in page
    assert 'value="Asha Juma"' in page
    assert "Barabara &lt;mbovu&gt; &amp; chafu</textarea>" in page
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"type": ""}, "type"),
        ({"type": "opinion"}, "type"),
        ({"complainant_type": "minister"}, "complainant_type"),
        ({"category": ""}, "category"),
        ({"category": "999999"}, "category"),
        ({"email": "not-an-address"}, "email"),
        ({"name": "N" * 121}, "name"),
        ({"region": "abc"}, "region"),
        ({"district": "-1"}, "district"),
    ],
)
def test_each_error_is_shown_and_the_rest_is_kept(
    client, demo, post_feedback, form_data, overrides, field
):
    response = post_feedback(form_data(**overrides))
    assert response.status_code == 422
    page = response.text
    assert f'href="#{field}"' in page
    assert f'id="{field}-error"' in page
    assert 'value="asha@example.com"' in page or field == "email"
    assert "Maji hayatoki bombani" in page or field == "description"
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


def _region_with_districts(exclude: int | None = None) -> Region:
    """A region with districts (other than ``exclude``)."""
    return db.session.scalar(
        sa.select(Region)
        .where(Region.districts.any(), Region.id != (exclude or 0))
        .order_by(Region.id)
    )


def test_district_must_be_in_the_region(client, demo, post_feedback, form_data):
    region = _region_with_districts()
    other = _region_with_districts(exclude=region.id)
    district = other.districts[0]
    response = post_feedback(form_data(region=str(region.id), district=str(district.id)))
    assert response.status_code == 422
    assert 'id="district-error"' in response.text
    assert re.search(rf'<option selected value="{district.id}">', response.text)


def test_region_and_district_are_stored(client, demo, post_feedback, form_data):
    region = _region_with_districts()
    district = region.districts[0]
    post_feedback(form_data(region=str(region.id), district=str(district.id)))
    item = only_item()
    assert (item.region_id, item.district_id) == (region.id, district.id)


def test_a_district_alone_brings_its_region(client, demo, post_feedback, form_data):
    district = db.session.scalar(sa.select(District).order_by(District.id))
    post_feedback(form_data(district=str(district.id)))
    item = only_item()
    assert (item.region_id, item.district_id) == (district.region_id, district.id)


def test_unknown_institution_is_404(client, demo):
    assert client.get("/portal/institutions/999999/feedback").status_code == 404


def test_workspace_url_writes_into_that_workspace_only(
    client, demo, make_workspace, post_feedback, form_data
):
    ws1 = make_workspace("ws1")
    response = post_feedback(form_data(), prefix="/w/ws1")
    item = only_item()
    assert item.workspace_id == ws1.id
    assert response.headers["Location"] == f"/w/ws1/portal/submitted/{item.reference}"
    events = db.session.scalars(sa.select(FeedbackEvent.workspace_id)).all()
    sms = db.session.scalars(sa.select(SmsMessage.workspace_id)).all()
    assert set(events) == set(sms) == {ws1.id}
    page = client.get(response.headers["Location"]).text
    assert "/w/ws1/portal/track?reference=" in page
    assert client.get(f"/portal/submitted/{item.reference}").status_code == 404
    demo_track = client.get(f"/portal/track?reference={item.reference}").text
    assert 'data-testid="elsewhere"' in demo_track  # not the demo's, and says where it is
    ws_track = client.get(f"/w/ws1/portal/track?reference={item.reference}").text
    assert 'data-testid="status"' in ws_track


def test_unknown_workspace_code_is_404(client, demo, post_feedback, form_data):
    assert client.get("/w/nope/portal/").status_code == 404
    assert post_feedback(form_data(), prefix="/w/nope").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


@pytest.mark.parametrize(
    ("feedback_type", "says", "never_says"),
    [
        ("complaint", "kuthibitisha kupokea lalamiko lako", "Pongezi haitathminiwi"),
        ("suggestion", "jinsi itakavyotumia pendekezo lako", "lalamiko lako"),
        ("inquiry", "kujibu swali lako", "kukata rufaa ndani ya siku 30"),
        ("compliment", "Pongezi haitathminiwi wala kukatiwa rufaa", "taarifa zaidi"),
    ],
)
def test_each_type_is_told_its_own_next_steps(
    client, demo, post_feedback, form_data, feedback_type, says, never_says
):
    page = client.get(post_feedback(form_data(type=feedback_type)).headers["Location"]).text
    steps = page.split('data-testid="next-steps"')[1].split("</ol>")[0]
    assert says in steps and never_says not in steps
    tracking = client.get(f"/portal/track?reference={only_item().reference}").text
    assert says in tracking
