"""The tracking page under the toggles: the response date (tracking_deadline) and no rating
nor appeal where rating_and_appeal is off (issue 13, point 2)."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.workflow.behaviour import Toggle
from tests.portal.test_track import (  # noqa: F401  (fixtures)
    institution,
    officer,
    responded,
    secret_of,
    submitted,
    track_page,
)


def test_the_response_date_shows_only_where_the_toggle_is_on(client, demo, submitted):  # noqa: F811
    due = submitted.respond_due.strftime("%d/%m/%Y")
    assert 'data-testid="due"' not in track_page(client, submitted.reference)
    set_flag(demo, Toggle.TRACKING_DEADLINE, True, source=FlagSource.PREVIEW)
    page = track_page(client, submitted.reference)
    assert f"Jibu linatarajiwa kabla ya {due}." in page and 'data-testid="due"' in page
    client.get("/lang/en")
    assert f"A response is due by {due}." in track_page(client, submitted.reference)


def test_without_rating_and_appeal_the_page_offers_neither(client, demo, responded):  # noqa: F811
    assert 'name="rating"' in track_page(client, responded.reference)
    set_flag(demo, Toggle.RATING_AND_APPEAL, False, source=FlagSource.PREVIEW)
    page = track_page(client, responded.reference)
    assert 'name="rating"' not in page and 'id="appeal-heading"' not in page
    refused = client.post(
        f"/portal/track/{responded.reference}/rate",
        data={"secret": secret_of(client), "rating": "4", "version": str(responded.version)},
    )
    assert refused.status_code in (409, 422)
    db.session.refresh(responded)
    assert responded.rating is None


def test_what_happens_next_promises_a_rating_only_where_there_is_one(client, demo, submitted):  # noqa: F811
    promise = "Baada ya jibu unaweza kulitathmini"
    confirmation = f"/portal/submitted/{submitted.reference}"
    assert promise in track_page(client, submitted.reference)
    assert promise in client.get(confirmation).text
    set_flag(demo, Toggle.RATING_AND_APPEAL, False)
    assert promise not in track_page(client, submitted.reference)
    page = client.get(confirmation).text
    assert promise not in page and "kutathmini" not in page


def test_the_secret_hint_mentions_rating_only_where_there_is_one(client, demo):
    rate = "kutathmini au kukata rufaa"
    page = client.get("/portal/track").text
    assert rate in page and 'data-testid="secret-hint"' in page
    set_flag(demo, Toggle.RATING_AND_APPEAL, False, source=FlagSource.PREVIEW)
    page = client.get("/portal/track").text
    assert rate not in page and "kutathmini" not in page and "rufaa" not in page
    assert "Ili kujibu swali la taasisi unahitaji pia siri" in page
    client.get("/lang/en")
    page = client.get("/portal/track").text
    assert "rate or appeal" not in page and "appeal" not in page.lower()
    assert "To answer the institution's question you also need" in page
    set_flag(demo, Toggle.RATING_AND_APPEAL, True, source=FlagSource.PREVIEW)
    assert "To answer, rate or appeal it" in client.get("/portal/track").text
