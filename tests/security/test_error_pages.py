"""Every error a person can meet is a page in their language, never a stack trace.

Each status is caused the way a user would cause it (a form left open too long, another
role's page, a typed URL, a wrong method, a huge upload, too many wrong passwords, a bug
behind a page), in Swahili and in English: the page's ``lang``, its title and its message
are in that language, and nothing of the exception (its type, its text, a traceback) shows.
"""

from __future__ import annotations

import pytest

from sandbox.main import views as main_views
from sandbox.portal import views as portal_views

SECRET = "kosa-la-ndani-12345"  # the text of the injected bug: must never reach the page
LEAKS = ("Traceback", 'File "', "RuntimeError", SECRET, "sqlalchemy", "werkzeug")
# status: (Swahili words, English words) its page must carry
WORDS = {
    400: ("Fomu hii imepitwa na muda", "This form has expired"),
    403: ("Ukurasa huu ni wa jukumu jingine", "This page is for another role"),
    404: ("Hatukuweza kupata ukurasa huo", "We could not find that page"),
    405: ("Kitendo hicho hakipatikani hapa", "That action is not available here"),
    413: ("Faili ni kubwa mno", "The file is too large"),
    429: ("Majaribio mengi mno", "Too many attempts"),
    500: ("Kuna hitilafu upande wetu", "Something went wrong on our side"),
}


@pytest.fixture
def not_testing(app, monkeypatch):
    """Let the error handlers answer unexpected errors as in production."""
    monkeypatch.setattr(app, "testing", False)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)


def _bug(*_args, **_kwargs):
    raise RuntimeError(SECRET)


def _cause(status, app, client, login_as, monkeypatch):
    """Make the request that ends in ``status``, as a user would."""
    if status == 400:
        monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
        return client.post("/login", data={"username": "afisa.dodoma", "password": "x"})
    if status == 403:
        login_as("afisa.dodoma")
        return client.get("/training/scenarios")
    if status == 404:
        return client.get("/hakuna-ukurasa-huu")
    if status == 405:
        return client.post("/portal/")
    if status == 413:
        monkeypatch.setattr(portal_views, "REQUEST_LIMIT", 1024)
        return client.post("/portal/institutions/1/feedback", data={"description": "x" * 4096})
    if status == 429:
        monkeypatch.setitem(app.config, "RATE_LIMIT_LOGIN", "1 per minute")
        client.post("/login", data={"username": "afisa.dodoma", "password": "x"})
        return client.post("/login", data={"username": "afisa.dodoma", "password": "y"})
    monkeypatch.setattr(main_views.home, "summary", _bug)
    return client.get("/")


@pytest.mark.parametrize("lang", ["sw", "en"])
@pytest.mark.parametrize("status", sorted(WORDS))
def test_every_error_is_a_page_in_the_user_s_language_without_a_trace(
    app, client, demo_world, login_as, monkeypatch, not_testing, status, lang
):
    client.get(f"/lang/{lang}")
    answer = _cause(status, app, client, login_as, monkeypatch)
    page = answer.get_data(as_text=True)
    sw, en = WORDS[status]
    assert answer.status_code == status and answer.mimetype == "text/html"
    assert f'<html lang="{lang}">' in page
    assert (en if lang == "en" else sw) in page and (sw if lang == "en" else en) not in page
    assert not [leak for leak in LEAKS if leak in page]


def test_the_injected_bug_is_logged_for_the_operator(
    app, client, demo_world, monkeypatch, not_testing, caplog
):
    """The trace goes to the log (for whoever runs the laptop), never to the page."""
    monkeypatch.setattr(main_views.home, "summary", _bug)
    assert client.get("/").status_code == 500
    assert SECRET in caplog.text
