"""Attachments: accepted by their bytes and size, stored under uploads/, served only in scope."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User
from sandbox.models.attachment import Attachment, AttachmentType
from sandbox.services.feedback.attachments import (
    MAX_ATTACHMENT_BYTES,
    attachments_for,
    sanitise_filename,
    sniff_type,
    upload_folder,
)
from sandbox.services.people.users import ensure_demo_users
from sandbox.workflow import Role
from tests.portal.conftest import PDF, PNG, only_item

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.fixture
def institution(app_ctx) -> Institution:
    """Dodoma City Council: afisa.dodoma sees its items, afisa.tanesco does not."""
    return db.session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))


@pytest.fixture
def personas(demo):
    """The demo personas in the demo workspace."""
    return ensure_demo_users(demo)


def with_file(form_data, content: bytes, name: str = "picha.png") -> dict:
    """The form with one file attached."""
    return {**form_data(), "attachment": (io.BytesIO(content), name)}


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PNG, AttachmentType.PNG),
        (JPEG, AttachmentType.JPEG),
        (GIF, AttachmentType.GIF),
        (WEBP, AttachmentType.WEBP),
        (PDF, AttachmentType.PDF),
    ],
)
def test_images_and_pdfs_are_accepted_by_their_bytes(
    client, demo, post_feedback, form_data, content, kind
):
    response = post_feedback(with_file(form_data, content, name="ushahidi.bin"))
    assert response.status_code == 302
    item = only_item()
    [attachment] = attachments_for(item)
    assert attachment.content_type is kind
    assert attachment.size == len(content)
    assert attachment.filename == "ushahidi.bin"
    stored = upload_folder(demo.id) / attachment.stored_name
    assert stored.read_bytes() == content
    assert attachment.stored_name not in attachment.filename


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "picha.png"),
        (b"MZ\x90\x00 not a picture", "document.pdf"),
        (b"", "empty.png"),
    ],
)
def test_other_files_are_refused_whatever_their_name(
    client, demo, post_feedback, form_data, content, name
):
    response = post_feedback(with_file(form_data, content, name))
    assert response.status_code == 422
    assert 'id="attachment-error"' in response.text
    assert "PNG, JPEG, GIF, WEBP" in response.text
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Attachment.id))) == 0


def test_a_file_over_5_mb_is_a_form_error_not_a_413(client, demo, post_feedback, form_data):
    big = PNG + b"\x00" * (MAX_ATTACHMENT_BYTES + 1 - len(PNG))
    response = post_feedback(with_file(form_data, big))
    assert response.status_code == 422
    assert 'id="attachment-error"' in response.text
    assert "5 MB" in response.text or "MB 5" in response.text
    assert 'value="Asha Juma"' in response.text
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


def test_a_file_of_exactly_5_mb_is_accepted(client, demo, post_feedback, form_data):
    exact = PNG + b"\x00" * (MAX_ATTACHMENT_BYTES - len(PNG))
    assert post_feedback(with_file(form_data, exact)).status_code == 302
    assert attachments_for(only_item())[0].size == MAX_ATTACHMENT_BYTES


def test_other_errors_say_the_file_must_be_chosen_again(client, demo, post_feedback, form_data):
    data = {**form_data(description=""), "attachment": (io.BytesIO(PNG), "picha.png")}
    response = post_feedback(data)
    assert response.status_code == 422
    assert 'id="attachment-error"' in response.text
    assert 'id="description-error"' in response.text


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("../../etc/passwd.png", "passwd.png"),
        ("C:\\Users\\asha\\picha ya bomba.jpg", "picha ya bomba.jpg"),
        ('a<b>"c".pdf', "a_b_c_.pdf"),
        ("\x00\x01", "kiambatisho"),
        ("...", "kiambatisho"),
        ("", "kiambatisho"),
    ],
)
def test_filenames_are_sanitised(typed, kept):
    assert sanitise_filename(typed) == kept


def test_sniffing_ignores_what_a_file_claims():
    assert sniff_type(b"RIFF\x00\x00\x00\x00WAVE") is None
    assert sniff_type(b"%PDF-1.7") is AttachmentType.PDF


def _submit_with_png(post_feedback, form_data) -> Attachment:
    """Submit an item with a PNG and return the attachment row."""
    post_feedback(with_file(form_data, PNG))
    return attachments_for(only_item())[0]


@pytest.mark.parametrize("username", ["afisa.dodoma", "mkuu.dodoma", "mwezeshaji"])
def test_served_to_users_who_may_see_the_item(
    client, personas, login_as, post_feedback, form_data, username
):
    attachment = _submit_with_png(post_feedback, form_data)
    login_as(username)
    response = client.get(f"/portal/attachments/{attachment.id}")
    assert response.status_code == 200
    assert response.data == PNG
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_not_served_to_a_visitor_or_an_officer_of_another_institution(
    client, personas, login_as, post_feedback, form_data
):
    attachment = _submit_with_png(post_feedback, form_data)
    assert client.get(f"/portal/attachments/{attachment.id}").status_code == 404
    login_as("afisa.tanesco")
    assert client.get(f"/portal/attachments/{attachment.id}").status_code == 404
    assert client.get("/portal/attachments/999999").status_code == 404


def test_not_served_to_another_workspace(
    client, personas, make_workspace, login_as, post_feedback, form_data
):
    attachment = _submit_with_png(post_feedback, form_data)
    other = make_workspace("ws2")
    user = User(
        username="mwezeshaji.ws2",
        display_name="Mwezeshaji ws2",
        role=Role.FACILITATOR,
        workspace_id=other.id,
        created_at=datetime(2026, 11, 2),
    )
    user.set_password("siri-ya-ws2")
    db.session.add(user)
    db.session.commit()
    login_as("mwezeshaji.ws2", "siri-ya-ws2")
    assert client.get(f"/portal/attachments/{attachment.id}").status_code == 404
    assert client.get(f"/w/ws2/portal/attachments/{attachment.id}").status_code == 404


def test_not_served_through_another_workspace_url(
    client, personas, make_workspace, login_as, post_feedback, form_data
):
    attachment = _submit_with_png(post_feedback, form_data)
    make_workspace("ws2")
    login_as("mwezeshaji")
    assert client.get(f"/w/ws2/portal/attachments/{attachment.id}").status_code == 404
    assert client.get(f"/w/demo/portal/attachments/{attachment.id}").status_code == 200


def test_tracking_never_links_the_attachment(client, personas, post_feedback, form_data):
    attachment = _submit_with_png(post_feedback, form_data)
    page = client.get(f"/portal/track?reference={only_item().reference}").text
    assert "/attachments/" not in page
    assert attachment.filename not in page
