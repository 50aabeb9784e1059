"""Headers a browser on a shared workshop network needs, set by Flask-Talisman.

- A strict Content-Security-Policy: scripts, styles, fonts and images from this site only,
  no inline script or style (every page's JavaScript is a file under ``static/js``), no
  plugins, forms post only here, and no framing (``frame-ancestors 'none'`` plus
  ``X-Frame-Options: DENY`` for older browsers).
- ``nosniff`` and ``Referrer-Policy: same-origin`` (a reference in a URL never leaves).
- ``Cache-Control: no-store`` on every response except static files: many pages show a
  name, a phone number or a reference, and a shared laptop's cache must keep none of them.
- Session cookies ``HttpOnly`` and ``SameSite=Lax``; ``Secure`` whenever the request came
  over HTTPS. Not forced: a workshop LAN serves plain HTTP, where a Secure cookie would
  never come back and nobody could log in. For the same reason there is no HTTPS redirect,
  and HSTS is sent only in production (and browsers send it only over HTTPS).
"""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_talisman import Talisman

SELF = "'self'"
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
    app.after_request(_no_store)


def _no_store(response):
    """Nothing but static files may be kept by a browser or a proxy cache."""
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response
