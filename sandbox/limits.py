"""Rate limits on every place where someone types a code: a password, a reference, a key.

Flask-Limiter counts per client address. Its storage is ``RATELIMIT_STORAGE_URI``:
``memory://`` (the default) suits one process, such as ``mrejesho run`` on a laptop; several
processes or hosts must share one store (``redis://host:6379`` or ``memcached://host:11211``)
or each keeps its own count and an attacker gets that many times the limit.

The limits are strings in the configuration, read on every request, so a deployment (or a
test) can change them. Only failures count where a success is the normal case: a right
password or a known api_key never uses up the allowance of a room that shares one address.
"""

from __future__ import annotations

from flask import current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def _configured(name: str):
    """A limit read from the configuration when the request comes in."""
    return lambda: current_app.config[name]


def _failed_login(response) -> bool:
    """A login attempt that did not log anyone in (the form again, with its error)."""
    return response.status_code != 302


def _refused_key(response) -> bool:
    """An Open311 answer that refused the api_key."""
    return response.status_code in (401, 403)


def _no_reference() -> bool:
    """The tracking form shown empty: nothing typed, nothing to count."""
    return not request.args.get("reference", "").strip()


login_attempts = limiter.limit(
    _configured("RATE_LIMIT_LOGIN"), methods=["POST"], deduct_when=_failed_login
)
"""Failed logins per address (a right password is never slowed down)."""

reference_entry = limiter.limit(_configured("RATE_LIMIT_REFERENCE"), exempt_when=_no_reference)
"""Looking an item up by a typed reference (references are sequential)."""

reference_action = limiter.limit(_configured("RATE_LIMIT_REFERENCE"))
"""Opening or acting on an item through a reference in the URL."""

api_key_entry = limiter.limit(_configured("RATE_LIMIT_API_KEY"), deduct_when=_refused_key)
"""Wrong Open311 api_keys per address."""


def _wrong_join_code(response) -> bool:
    """A join refused for its cohort code (unknown or archived): a PIN typed twice
    differently or a name left out is a typing slip, not a guess, and never counts."""
    return bool(g.get("wrong_join_code"))


join_attempts = limiter.limit(
    _configured("RATE_LIMIT_JOIN"), methods=["POST"], deduct_when=_wrong_join_code
)
"""Joins refused for a wrong cohort code, per address: a hall joining is never slowed, and
neither is a trainee correcting the form."""

trainee_sign_in = limiter.limit(
    _configured("RATE_LIMIT_LOGIN"), methods=["POST"], deduct_when=_failed_login
)
"""Failed trainee sign-ins (personal code and PIN) per address, like the login form."""


def _typed_personal_code() -> str:
    """The personal code typed on the trainee sign-in form, normalised (the limit's key)."""
    typed = request.form.get("personal_code", "")
    return "code:" + "".join(c for c in typed.upper() if c.isalnum())[:16]


personal_code_attempts = limiter.limit(
    _configured("RATE_LIMIT_PERSONAL_CODE"),
    methods=["POST"],
    key_func=_typed_personal_code,
    deduct_when=_failed_login,
)
"""Failed sign-ins per personal code, from any address: a 4-digit PIN cannot be walked
through from many machines."""


def _no_certificate_code() -> bool:
    """The verify form shown empty: nothing typed, nothing to count."""
    return not (request.view_args or {}).get("code") and not request.args.get("code", "").strip()


certificate_lookup = limiter.shared_limit(
    _configured("RATE_LIMIT_VERIFY"), scope="certificate", exempt_when=_no_certificate_code
)
"""Looking a certificate up by its code, per address, the form and the QR address sharing one
count: every lookup counts (a valid code is as much a probe as a forged one), the empty
form does not."""


def refusal_of(error) -> tuple[bool, int]:
    """What a 429 says: (True when a personal code is locked, the limit's window in whole
    minutes, at least 1), read from Flask-Limiter's ``RateLimitExceeded.limit``."""
    limit = getattr(error, "limit", None)
    item = getattr(limit, "limit", None)
    seconds = item.get_expiry() if item is not None else 60
    locked_code = getattr(limit, "key_func", None) is _typed_personal_code
    return locked_code, max(1, -(-seconds // 60))
