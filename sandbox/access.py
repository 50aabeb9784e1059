"""Web glue for the permission table: every route declares who may reach it.

Four declarations, one of which every view carries (``tests/test_access.py`` fails on a
route without one, and snapshots them all in ``tests/access.txt``):

- ``@requires(permission)``: log in first, then the role needs ``permission`` in
  ``workflow.permissions.POLICY``. A refused role gets 403, or 404 with ``hidden=True``
  for areas whose existence is not the user's business (reports, accounts, gateway log).
- ``@signed_in``: any signed-in user, whatever the role (logging out).
- ``@public``: anyone, signed in or not (the citizen channels, the login page, health).
- ``@key_based(how)``: machine endpoints authenticated by what the caller sends, not by a
  login (``"gateway"`` for the USSD and SMS callbacks, ``"api_key"`` for Open311).

The main menu (``navigation.py``) reads the same declarations, so a menu entry is shown
exactly when its route would let the user in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import abort, current_app
from flask_login import current_user, login_required

from sandbox.workflow.permissions import Permission, can

GATEWAY = "gateway"
API_KEY = "api_key"


@dataclass(frozen=True)
class Access:
    """Who may reach a view: ``kind`` is "permission", "signed_in", "public" or "key"."""

    kind: str
    permission: Permission | None = None
    how: str = ""
    hidden: bool = False  # a refused role gets 404 rather than 403

    def allows(self, user) -> bool:
        """True when ``user`` (possibly anonymous) gets past this declaration."""
        if self.kind == "signed_in":
            return bool(user.is_authenticated)
        if self.kind != "permission":
            return True
        return bool(user.is_authenticated) and can(user, self.permission)

    def describe(self) -> str:
        """One line for the access snapshot, e.g. ``permission:read_reports/404``."""
        detail = self.permission.value if self.permission is not None else self.how
        text = f"{self.kind}:{detail}" if detail else self.kind
        return f"{text}/404" if self.hidden else text


def _declare(view: Callable, access: Access) -> Callable:
    view.access = access
    return view


def requires(permission: Permission, *, hidden: bool = False) -> Callable:
    """View decorator: log in first, then 403 (404 when ``hidden``) unless granted."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not can(current_user, permission):
                abort(404 if hidden else 403)
            return view(*args, **kwargs)

        return _declare(wrapped, Access("permission", permission, hidden=hidden))

    return decorator


def public(view: Callable) -> Callable:
    """Declare a view open to everyone, signed in or not."""
    return _declare(view, Access("public"))


def signed_in(view: Callable) -> Callable:
    """Declare a view for any signed-in user, whatever the role (logging out)."""
    return _declare(login_required(view), Access("signed_in"))


def key_based(how: str) -> Callable:
    """Declare a machine endpoint that authenticates its caller (``GATEWAY``, ``API_KEY``)."""

    def decorator(view: Callable) -> Callable:
        return _declare(view, Access("key", how=how))

    return decorator


def access_of(endpoint: str) -> Access | None:
    """The declaration of the view serving ``endpoint`` (None when it declares nothing)."""
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access", None)
