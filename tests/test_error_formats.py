"""Every error answers in its endpoint's format, under /w/<code>/ too; a 405 says Allow.

USSD callback: text/plain ``END …`` (a screen the gateway can show); SMS callback: JSON;
Open311: its JSON error list; pages: the bilingual HTML page. Oversized bodies are refused
before they are read.
"""

from __future__ import annotations

import pytest

from sandbox.services.channels import sms_inbound, ussd
from sandbox.sms import views as sms_views
from sandbox.ussd import views as ussd_views
from tests.ussd.conftest import forget_workspace

BIG = "x" * (64 * 1024)
USSD_FORM = {"sessionId": "ATUid_err", "phoneNumber": "+255712000111", "text": ""}
SMS_FORM = {"from": "+255754000222", "to": "15200", "text": "TANESCO umeme", "id": "ATX_err"}


@pytest.fixture
def workspaces(app, make_workspace):
    """The demo workspace and one more, both served by the channel URLs."""
    make_workspace(app.config["DEMO_WORKSPACE"])
    make_workspace("ws-err")


def _post(client, path, data):
    forget_workspace()
    return client.post(path, data=data)


def _is_end_screen(response) -> bool:
    text = response.get_data(as_text=True)
    return response.mimetype == "text/plain" and text.startswith("END ") and len(text) <= 182


@pytest.mark.parametrize("prefix", ["", "/w/ws-err"])
def test_an_oversized_ussd_callback_is_an_end_screen(client, workspaces, prefix):
    response = _post(client, f"{prefix}/ussd", {**USSD_FORM, "text": BIG})
    assert response.status_code == 413 and _is_end_screen(response)
    assert "kubwa mno" in response.text and "too large" in response.text


@pytest.mark.parametrize("prefix", ["", "/w/ws-err"])
def test_an_oversized_sms_callback_is_json(client, workspaces, prefix):
    response = _post(client, f"{prefix}/sms/inbound", {**SMS_FORM, "text": BIG})
    assert response.status_code == 413
    assert response.get_json()["status"] == "rejected"


@pytest.mark.parametrize("prefix", ["", "/w/ws-err"])
def test_wrong_methods_on_the_callbacks_keep_their_format_and_say_allow(client, workspaces, prefix):
    forget_workspace()
    on_ussd = client.get(f"{prefix}/ussd")
    assert on_ussd.status_code == 405 and _is_end_screen(on_ussd)
    assert "POST" in on_ussd.headers["Allow"]
    forget_workspace()
    on_sms = client.get(f"{prefix}/sms/inbound")
    assert on_sms.status_code == 405 and on_sms.get_json()["status"] == "rejected"
    assert "POST" in on_sms.headers["Allow"]


def test_an_unknown_workspace_on_the_sms_callback_is_json(client, workspaces):
    response = _post(client, "/w/no-such-ws/sms/inbound", SMS_FORM)
    assert response.status_code == 404 and response.get_json()["status"] == "rejected"


def test_open311_405_is_its_json_error_list_with_allow(client, workspaces):
    response = client.delete("/open311/v2/requests.json")
    assert response.status_code == 405
    assert response.get_json()[0]["code"] == 405
    assert {"GET", "POST"} <= set(response.headers["Allow"].replace(" ", "").split(","))


def test_a_page_405_is_the_html_page_with_allow(client, workspaces):
    response = client.post("/portal/")
    assert response.status_code == 405 and response.mimetype == "text/html"
    assert "GET" in response.headers["Allow"]


@pytest.fixture
def not_testing(app, monkeypatch):
    """Let the error handlers answer unexpected errors as in production."""
    monkeypatch.setattr(app, "testing", False)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)


def _boom(*args, **kwargs):
    raise RuntimeError("a bug")


@pytest.mark.parametrize("prefix", ["", "/w/ws-err"])
def test_a_bug_behind_the_ussd_callback_is_still_an_end_screen(
    client, workspaces, not_testing, monkeypatch, prefix
):
    monkeypatch.setattr(ussd_views, "handle_ussd", _boom)
    response = _post(client, f"{prefix}/ussd", USSD_FORM)
    assert response.status_code == 500 and _is_end_screen(response)


@pytest.mark.parametrize("prefix", ["", "/w/ws-err"])
def test_a_bug_behind_the_sms_callback_is_still_json(
    client, workspaces, not_testing, monkeypatch, prefix
):
    monkeypatch.setattr(sms_views, "receive_sms", _boom)
    response = _post(client, f"{prefix}/sms/inbound", SMS_FORM)
    assert response.status_code == 500 and response.get_json()["status"] == "rejected"


def test_the_services_are_the_ones_the_views_call():
    assert ussd_views.handle_ussd is ussd.handle_ussd
    assert sms_views.receive_sms is sms_inbound.receive_sms


def _locked(*_args, **_kwargs):
    """What SQLAlchemy raises when SQLite's writer held the file past the busy wait."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    raise OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))


def test_a_locked_database_is_a_503_to_retry_never_a_500(client, workspaces, monkeypatch):
    """A world being seeded or reset holds SQLite's single writer; a login meanwhile waits,
    then is told to try again (in the user's language), with Retry-After."""
    from sandbox.auth import views as auth_views

    monkeypatch.setattr(auth_views, "authenticate", lambda *_: object())  # a right password
    monkeypatch.setattr(auth_views, "open_session", _locked)
    monkeypatch.setattr(ussd_views, "handle_ussd", _locked)
    response = client.post("/login", data={"username": "afisa.dodoma", "password": "x" * 12})
    assert response.status_code == 503 and "Retry-After" in response.headers  # (the limiter's)
    assert "Subiri sekunde chache" in response.text  # Swahili, the default language
    screen = _post(client, "/ussd", USSD_FORM)
    assert screen.status_code == 503 and _is_end_screen(screen)
    assert "Busy" in screen.text and screen.headers["Retry-After"] == "5"


def test_a_page_of_another_role_says_so_in_the_user_s_language(client, demo_world, login_as):
    """Tester's finding: an officer opening a trainee's page read only 'the request could
    not be completed'."""
    login_as("afisa.dodoma")
    refused = client.get("/training/scenarios")
    assert refused.status_code == 403
    assert "Ukurasa huu ni wa jukumu jingine" in refused.text
    client.get("/lang/en")
    assert "This page is for another role" in client.get("/training/progress").text
