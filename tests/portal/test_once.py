"""The feedback form counts once: a double click, a retry or two racing posts make one item."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage
from sandbox.models.attachment import Attachment
from sandbox.services.feedback.attachments import upload_folder
from tests.concurrency import no_errors, race
from tests.portal.conftest import PNG, only_item

KEY = "k3y-Of-0ne-F0rm_on-one-page"


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_form_carries_a_fresh_key_each_time_it_is_shown(client, demo, institution):
    url = f"/portal/institutions/{institution.id}/feedback"
    keys = [re.search(r'name="form_key"[^>]*value="([^"]+)"', client.get(url).text) for _ in "ab"]
    assert all(keys) and keys[0].group(1) != keys[1].group(1)
    assert "data-submit-once" in client.get(url).text
    assert "js/once.js" in client.get(url).text


def test_the_same_form_posted_twice_makes_one_item_and_the_same_reference(
    client, demo, post_feedback, form_data
):
    first = post_feedback(form_data(form_key=KEY))
    second = post_feedback(form_data(form_key=KEY))
    assert first.status_code == second.status_code == 302
    assert first.location == second.location
    assert only_item().reference in first.location
    assert _count(SmsMessage) == 1  # one acknowledgement, not two


def test_two_forms_are_two_items(client, demo, post_feedback, form_data):
    post_feedback(form_data(form_key=KEY))
    post_feedback(form_data(form_key=KEY + "-other"))
    post_feedback(form_data())  # no key at all (an old page): never merged with another
    assert _count(Feedback) == 3


def test_a_key_is_per_workspace(client, demo, make_workspace, post_feedback, form_data):
    make_workspace("ws-portal")
    post_feedback(form_data(form_key=KEY))
    post_feedback(form_data(form_key=KEY), prefix="/w/ws-portal")
    assert _count(Feedback) == 2


def test_eight_racing_posts_of_one_form_with_a_file_make_one_item(
    app, demo, institution, form_data
):
    url = f"/portal/institutions/{institution.id}/feedback"
    data = form_data(form_key=KEY)

    def post(client, i):
        body = {**data, "attachment": (io.BytesIO(PNG), "picha.png")}
        return client.post(url, data=body, content_type="multipart/form-data")

    folder = upload_folder(demo.id)
    earlier = set(folder.iterdir()) if folder.is_dir() else set()
    responses = no_errors(race(app, 8, post))
    assert {r.status_code for r in responses} == {302}
    assert len({r.location for r in responses}) == 1  # the same reference on every answer
    assert _count(Feedback) == _count(Attachment) == _count(SmsMessage) == 1
    [stored] = set(folder.iterdir()) - earlier  # the losers' staged files are gone
    assert stored.name == db.session.scalar(sa.select(Attachment.stored_name))


def test_a_repeat_in_the_same_browser_keeps_showing_the_secret(
    client, demo, post_feedback, form_data
):
    first = post_feedback(form_data(form_key=KEY))
    secret = re.search(r'data-testid="secret">(\w+)<', client.get(first.location).text).group(1)
    again = post_feedback(form_data(form_key=KEY))
    page = client.get(again.location).text
    assert f'data-testid="secret">{secret}<' in page  # the repeat never overwrites it
    assert "imeshatumwa" not in page


def test_a_repeat_whose_first_answer_was_lost_says_where_the_secret_went(
    app, demo, institution, form_data
):
    url = f"/portal/institutions/{institution.id}/feedback"
    data = form_data(form_key=KEY)
    app.test_client().post(url, data=data, content_type="multipart/form-data")  # answer lost
    browser = app.test_client()
    again = browser.post(url, data=data, content_type="multipart/form-data")
    page = browser.get(again.location).text
    assert only_item().reference in page and 'data-testid="secret"' not in page
    assert "Fomu hii ilikuwa imeshatumwa" in page and "haiwezi kuonyeshwa tena" in page
