"""Headers a browser on a shared network needs (issue 8, section 9), on every kind of page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sandbox

PAGES = [
    "/",
    "/login",
    "/portal/",
    "/portal/track?reference=MRJ-T-2026-000001",
    "/ussd/phone",
    "/open311/v2/discovery.json",
    "/healthz",
    "/no-such-page",
]
SIGNED_IN_PAGES = ["/desk/feedback", "/reports/", "/accounts/"]
TEMPLATES = sorted(Path(sandbox.__file__).parent.rglob("templates/**/*.html"))


def _check_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_carries_the_headers(client, demo_world, path):
    _check_headers(client.get(path))


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_pages_of_signed_in_users_carry_the_headers(client, demo_world, login_as, path):
    login_as("tehama.dodoma" if path == "/accounts/" else "mkuu.dodoma")
    response = client.get(path)
    assert response.status_code == 200
    _check_headers(response)


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


def test_pages_link_static_files_with_their_version_which_is_kept_for_a_year(client):
    page = client.get("/login").get_data(as_text=True)
    changed = (Path(sandbox.__file__).parent / "static/css/app.css").stat().st_mtime_ns
    link = f"/static/css/app.css?v={changed // 1_000_000:x}"
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    response.close()


def test_a_static_link_without_its_version_is_revalidated(client):
    response = client.get("/static/css/app.css")
    assert "max-age=31536000" not in response.headers.get("Cache-Control", "")
    response.close()
    missing = client.get("/static/css/no-such.css?v=1")
    assert missing.status_code == 404
    assert "max-age" not in missing.headers.get("Cache-Control", "")


def test_plain_http_is_served_without_a_redirect_or_hsts(client, demo_world):
    response = client.get("/login")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


def _session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))


def test_session_cookie_is_httponly_and_lax_but_not_secure_over_http(client, demo_world, login_as):
    cookie = _session_cookie(login_as("afisa.dodoma"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # a workshop LAN over plain HTTP must still be able to log in


def test_session_cookie_is_secure_when_served_over_https(app, demo_world):
    secure = app.test_client()
    answer = secure.post(
        "/login",
        data={"username": "afisa.dodoma", "password": "mafunzo2024"},
        base_url="https://localhost",
    )
    assert answer.status_code == 302
    cookie = _session_cookie(answer)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_templates_have_no_inline_script_handler_or_style(template):
    html = template.read_text()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag  # data, never code
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html) and "<style" not in html
    assert "javascript:" not in html
