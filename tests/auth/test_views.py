"""Logging in and out."""

from __future__ import annotations

from sandbox.extensions import db
from sandbox.models import User


def test_demo_officer_logs_in_and_reaches_the_list(client, demo_world, login_as):
    response = login_as("afisa.dodoma")
    assert response.status_code == 302
    assert response.headers["Location"] == "/desk/feedback"
    assert client.get("/desk/feedback").status_code == 200


def test_wrong_password_is_refused_with_a_clear_message(client, demo_world, login_as):
    response = login_as("afisa.dodoma", "wrong")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Jina la mtumiaji au nenosiri si sahihi" in page
    assert 'value="afisa.dodoma"' in page
    assert client.get("/desk/feedback").status_code == 302


def test_empty_form_names_each_missing_field(client, demo_world):
    page = client.post("/login", data={}).get_data(as_text=True)
    assert "Andika jina lako la mtumiaji." in page
    assert "Andika nenosiri lako." in page


def test_passwords_are_hashed(demo_world):
    user = db.session.query(User).filter_by(username="afisa.dodoma").one()
    assert "mafunzo" not in user.password_hash
    assert user.check_password("mafunzo2024")


def test_only_local_next_is_followed(client, demo_world):
    response = client.post(
        "/login?next=//evil.example/x",
        data={"username": "afisa.dodoma", "password": "mafunzo2024"},
    )
    assert response.headers["Location"] == "/desk/feedback"


def test_logout_needs_post_and_ends_the_session(client, demo_world, login_as):
    login_as("afisa.dodoma")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/desk/feedback").status_code == 302


def test_csrf_is_enforced_on_login(app, demo_world):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = app.test_client().post(
            "/login", data={"username": "afisa.dodoma", "password": "mafunzo2024"}
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert "Fomu hii imepitwa na muda" in response.get_data(as_text=True)
