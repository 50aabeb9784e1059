"""Headers a browser on a shared workshop network needs, set by Flask-Talisman.

- A strict Content-Security-Policy: scripts, styles, fonts and images from this site only,
  no inline script or style (every page's JavaScript is a file under ``static/js``), no
  plugins, forms post only here, and no framing (``frame-ancestors 'none'`` plus
  ``X-Frame-Options: DENY`` for older browsers).
- ``nosniff`` and ``Referrer-Policy: same-origin`` (a reference in a URL never leaves).
- ``Cache-Control: no-store`` on every response except static files: many pages show a
  name, a phone number or a reference, and a shared laptop's cache must keep none of them.
- Static files are linked with their version (``?v=``, from the file's modification time)
  and such a link may be kept for a year: a browser then asks for the CSS and JS once, not
  again on every page (four requests fewer per page for a hall of 150 on one laptop), and
  a changed file gets a new link. A link without the version is revalidated as before.
- Session cookies ``HttpOnly`` and ``SameSite=Lax``; ``Secure`` whenever the request came
  over HTTPS. Not forced: a workshop LAN serves plain HTTP, where a Secure cookie would
  never come back and nobody could log in. For the same reason there is no HTTPS redirect,
  and HSTS is sent only in production (and browsers send it only over HTTPS).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_talisman import Talisman

SELF = "'self'"
STATIC_MAX_AGE = 365 * 24 * 3600  # seconds: a versioned static link never changes
CONTENT_SECURITY_POLICY = {
    "default-src": SELF,
    "script-src": SELF,
    "style-src": SELF,
    "img-src": [SELF, "data:"],
    "font-src": SELF,
    "connect-src": SELF,
    "object-src": "'none'",
    "base-uri": SELF,
    "form-action": SELF,
    "frame-ancestors": "'none'",
}

talisman = Talisman()


class SessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions whose cookie is Secure whenever the request was HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when configured, or when this request came over HTTPS."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def init_security(app: Flask) -> None:
    """Security headers, cookie flags and no-store caching for this app."""
    talisman.init_app(
        app,
        force_https=False,
        strict_transport_security=app.config["PRODUCTION"],
        session_cookie_secure=False,  # Secure follows the request instead (SessionInterface)
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        frame_options="DENY",
        referrer_policy="same-origin",
        content_security_policy=CONTENT_SECURITY_POLICY,
        x_content_type_options=True,
    )
    app.session_interface = SessionInterface()
    app.after_request(_cache_policy)
    app.url_defaults(_static_version(Path(app.static_folder)))


def _cache_policy(response):
    """Nothing but static files may be kept; a versioned static file is kept for a year."""
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    elif request.args.get("v") and response.status_code == 200:
        response.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}, immutable"
    return response


def _static_version(folder: Path):
    """A url_defaults hook that adds a static file's version to its link."""

    def add_version(endpoint: str, values: dict) -> None:
        """Add ``v`` to a link to a static file that exists."""
        if endpoint != "static" or "filename" not in values or "v" in values:
            return
        try:
            changed = (folder / values["filename"]).stat().st_mtime_ns
        except OSError:  # no such file: the link stays as it was (and answers 404)
            return
        values["v"] = f"{changed // 1_000_000:x}"

    return add_version
