"""Web glue for the permission table: the view decorator every blueprint uses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from sandbox.workflow.permissions import Permission, can


def requires(permission: Permission) -> Callable:
    """View decorator: log in first, then 403 unless the role has ``permission``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not can(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
