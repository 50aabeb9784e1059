"""The feedback list and an item's page."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, Region, WorkspaceKind
from sandbox.services.seeding import seed_workspace
from sandbox.workflow import FeedbackType, Status


def shown_references(page: str) -> list[str]:
    """The reference numbers in a rendered list."""
    return re.findall(r">(MRJ-T-\d{4}-\d{6})<", page)


def result_count(page: str) -> int:
    """The number in the list's "N items" line."""
    line = re.search(r'data-testid="result-count">([^<]*)<', page).group(1)
    return int(re.search(r"\d+", line).group())


def count(*where) -> int:
    """Items in the database matching the conditions."""
    return db.session.scalar(sa.select(sa.func.count(Feedback.id)).where(*where))


def test_list_needs_login(client, demo_world):
    response = client.get("/desk/feedback")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_list_pages_through_every_item(client, demo_world, login_as):
    login_as("afisa.dodoma")
    seen = []
    for page_number in range(1, 8):
        seen += shown_references(client.get(f"/desk/feedback?page={page_number}").text)
    assert len(seen) == len(set(seen)) == 150


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.RESPONDED, Status.CLOSED])
def test_filter_by_status(client, demo_world, login_as, status):
    login_as("afisa.dodoma")
    page = client.get(f"/desk/feedback?status={status.value}").text
    expected = count(Feedback.status == status)
    assert result_count(page) == expected
    refs = shown_references(page)
    assert len(refs) == min(expected, 25)
    statuses = db.session.scalars(sa.select(Feedback.status).where(Feedback.reference.in_(refs)))
    assert set(statuses) <= {status}


def test_filters_combine(client, demo_world, login_as):
    login_as("afisa.dodoma")
    region = db.session.scalar(
        sa.select(Region).join(Feedback, Feedback.region_id == Region.id).limit(1)
    )
    query = f"type=complaint&region={region.id}"
    refs = shown_references(client.get(f"/desk/feedback?{query}").text)
    expected = count(Feedback.type == FeedbackType.COMPLAINT, Feedback.region_id == region.id)
    assert len(refs) == min(expected, 25)


def test_filter_by_institution_and_reference(client, demo_world, login_as):
    login_as("afisa.dodoma")
    item = db.session.scalar(sa.select(Feedback).order_by(Feedback.id).limit(1))
    page = client.get(f"/desk/feedback?institution={item.institution_id}").text
    assert item.reference in page or count(Feedback.institution_id == item.institution_id) > 25
    page = client.get(f"/desk/feedback?reference={item.reference.lower()}").text
    assert shown_references(page) == [item.reference]


@pytest.mark.parametrize(
    "query",
    ["status=nonsense", "institution=abc", "region=999999", "page=-3", "page=x", "type=%00"],
)
def test_bad_filter_values_never_fail(client, demo_world, login_as, query):
    login_as("afisa.dodoma")
    response = client.get(f"/desk/feedback?{query}")
    assert response.status_code == 200


def test_detail_shows_history_in_order_and_masks_identity(client, demo_world, login_as):
    login_as("afisa.dodoma")
    item = db.session.scalar(
        sa.select(Feedback)
        .where(Feedback.status == Status.CLOSED, Feedback.complainant_name.is_not(None))
        .limit(1)
    )
    page = client.get(f"/desk/feedback/{item.id}").text
    assert item.reference in page
    assert "Utambulisho umefichwa" in page
    assert item.complainant_name not in page
    assert item.complainant_phone not in page
    shown = re.findall(r'<div class="event-head">\s*<strong>([^<]+)</strong>', page)
    assert shown == [event.action.label_sw for event in item.events]
    assert shown[0] == "Wasilisha"


def test_detail_of_another_workspace_is_404(client, demo_world, login_as, make_workspace):
    other = make_workspace("other", kind=WorkspaceKind.TRAINEE)
    seed_workspace(other, count=3, seed=1)
    foreign = db.session.scalar(sa.select(Feedback).where(Feedback.workspace_id == other.id))
    login_as("afisa.dodoma")
    assert client.get(f"/desk/feedback/{foreign.id}").status_code == 404
    assert result_count(client.get("/desk/feedback").text) == 150  # the demo's only, not 153


def test_english_labels(client, demo_world, login_as):
    login_as("afisa.tanesco")
    client.get("/lang/en")
    tanesco = db.session.scalar(sa.select(Institution).where(Institution.code == "TANESCO"))
    page = client.get(f"/desk/feedback?institution={tanesco.id}").text
    assert "Reference number" in page
    assert "Filter" in page
