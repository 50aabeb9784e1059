"""Logging in and out."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import User
from sandbox.services.people import users as users_service


def test_demo_officer_logs_in_and_reaches_the_list(client, demo_world, login_as):
    response = login_as("afisa.dodoma")
    assert response.status_code == 302
    assert response.headers["Location"] == "/desk/feedback"
    assert client.get("/desk/feedback").status_code == 200


def test_wrong_password_is_refused_with_a_clear_message(client, demo_world, login_as):
    response = login_as("afisa.dodoma", "wrong")
    assert response.status_code == 422
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


# --- sessions end, redirects stay here, guessing is slowed (issue 8, section 2) ------------

PASSWORD = "mafunzo2024"


def _logged_in_cookie(client) -> str:
    """Log in as the demo officer and return the session cookie's value."""
    client.post("/login", data={"username": "afisa.dodoma", "password": PASSWORD})
    return client.get_cookie("session").value


def _with_cookie(app, value: str):
    """A fresh browser carrying a copied session cookie."""
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def test_a_cookie_copied_before_logout_no_longer_works(app, client, demo_world):
    copied = _logged_in_cookie(client)
    assert _with_cookie(app, copied).get("/desk/feedback").status_code == 200
    client.post("/logout")
    assert _with_cookie(app, copied).get("/desk/feedback").status_code == 302


def test_a_new_password_ends_sessions_opened_before(app, client, demo_world):
    copied = _logged_in_cookie(client)
    user = db.session.scalar(sa.select(User).filter_by(username="afisa.dodoma"))
    user.set_password("nenosiri-jipya-kabisa")
    db.session.commit()
    assert _with_cookie(app, copied).get("/desk/feedback").status_code == 302


def test_a_session_naming_only_the_user_id_is_not_a_login(app, client, demo_world):
    # A cookie signed with the right key but without the current token (as before this fix).
    user = db.session.scalar(sa.select(User).filter_by(username="afisa.dodoma"))
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    assert client.get("/desk/feedback").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",  # the reproducer: a tab the browser drops, leaving //evil.example
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/%0a/evil.example",
        "/%0d%0a/evil.example",
        "/ /evil.example",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
        "%2F%2Fevil.example",
        "/%E2%80%8B/evil.example",
        "",
    ],
)
def test_hostile_next_values_are_not_followed(client, demo_world, target):
    answer = client.post(
        f"/login?next={target}", data={"username": "afisa.dodoma", "password": PASSWORD}
    )
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/desk/feedback"
    language = client.get(f"/lang/en?next={target}")
    assert language.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/desk/feedback?status=responded&page=2", "/reports/"])
def test_same_site_paths_are_followed(client, demo_world, target):
    answer = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "afisa.dodoma", "password": PASSWORD},
    )
    assert answer.headers["Location"] == target


def test_failed_logins_are_limited_with_a_bilingual_429(app, client, demo_world):
    app.config["RATE_LIMIT_LOGIN"] = "3 per minute"
    try:
        for _ in range(3):
            assert (
                client.post(
                    "/login", data={"username": "afisa.dodoma", "password": "x"}
                ).status_code
                == 422
            )
        blocked = client.post("/login", data={"username": "afisa.dodoma", "password": PASSWORD})
        client.get("/lang/en")
        english = client.post("/login", data={"username": "afisa.dodoma", "password": PASSWORD})
    finally:
        app.config["RATE_LIMIT_LOGIN"] = "10 per minute;60 per hour"
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    assert "Majaribio mengi mno" in blocked.get_data(as_text=True)
    assert client.get("/desk/feedback").status_code == 302  # the right password did not log in
    assert english.status_code == 429
    assert "Too many attempts from this device" in english.get_data(as_text=True)


def test_successful_logins_do_not_use_up_the_allowance(app, client, demo_world):
    app.config["RATE_LIMIT_LOGIN"] = "2 per minute"
    try:
        for _ in range(4):
            assert (
                client.post(
                    "/login", data={"username": "afisa.dodoma", "password": PASSWORD}
                ).status_code
                == 302
            )
            client.post("/logout")
    finally:
        app.config["RATE_LIMIT_LOGIN"] = "10 per minute;60 per hour"


def test_unknown_usernames_cost_the_same_hashing_as_known_ones(client, demo_world, monkeypatch):
    checked = []
    real = users_service.check_password_hash
    monkeypatch.setattr(
        users_service, "check_password_hash", lambda h, p: checked.append(h) or real(h, p)
    )
    monkeypatch.setattr(User, "check_password", lambda self, p: checked.append(self) or False)
    client.post("/login", data={"username": "hakuna.mtu", "password": "x"})
    client.post("/login", data={"username": "afisa.dodoma", "password": "x"})
    assert len(checked) == 2  # one hash check for the unknown user, one for the known one
    assert checked[0] == users_service._DUMMY_HASH
    method = checked[0].split("$")[0]
    known = db.session.scalar(sa.select(User.password_hash).filter_by(username="afisa.dodoma"))
    assert known.split("$")[0] == method  # same algorithm and cost parameters


def test_logging_out_ends_only_this_browser_for_a_shared_persona(app, client, demo_world):
    other = app.test_client()
    other.post("/login", data={"username": "afisa.dodoma", "password": PASSWORD})
    copied = _logged_in_cookie(client)
    client.post("/logout")
    assert _with_cookie(app, copied).get("/desk/feedback").status_code == 302
    assert other.get("/desk/feedback").status_code == 200  # the other trainee stays in
