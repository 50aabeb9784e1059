"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from sandbox.access import access_of
from sandbox.i18n import LANGUAGE_NAMES, current_language
from sandbox.navigation import menu_for_current_user
from sandbox.services.training.codes import grouped
from sandbox.services.training.my_training import personal_code_of
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow.history import EVENT_TEXT, event_label, rating_text
from sandbox.workflow.permissions import Capability, can

MONTHS = {
    "sw": ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def label(member) -> str:
    """A workflow enum's label in the current language."""
    return member.label(current_language()) if member is not None else "—"


def happened(action) -> str:
    """What an action did, as a history line says it ("Imefungwa", not the button's "Funga")."""
    return event_label(action, current_language())


def text_heading(action) -> str:
    """What an event's text is to its reader ("The citizen's answer", "Internal note"…)."""
    kind = EVENT_TEXT.get(action)
    return kind.label(current_language()) if kind is not None else ""


def rating(value: int) -> str:
    """A citizen's rating as the history shows it ("Tathmini: 2/5")."""
    return rating_text(value, current_language())


def localized_name(obj) -> str:
    """An institution's or category's name in the current language."""
    return obj.name(current_language()) if obj is not None else "—"


def when(value: datetime | None, with_time: bool = True) -> str:
    """A workspace-clock time, written the Tanzanian way (day month year, 24-hour)."""
    if value is None:
        return "—"
    month = MONTHS[current_language()][value.month - 1]
    text = f"{value.day:02d} {month} {value.year}"
    return f"{text} {value:%H:%M}" if with_time else text


def page_to_return_to() -> str:
    """Where a language switch comes back to: this page, or the page a POST was made from.

    A view may name its page in ``g.return_to``. Otherwise a form's answer (a failed action,
    a reveal) lives at a POST-only URL, where going back would answer 405: the nearest
    enclosing URL that answers GET is the page the form belongs to
    (``/desk/feedback/7/actions/respond`` → ``/desk/feedback/7``).
    """
    if not request:
        return "/"
    if "return_to" in g:  # a view that knows its page better than the URL does
        return g.return_to
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    adapter = current_app.url_map.bind("")
    path = request.path.rstrip("/")
    while path:
        try:
            adapter.match(path, method="GET")
            return path
        except (HTTPException, RequestRedirect):
            path = path.rsplit("/", 1)[0]
    return "/"


def workspace_name(workspace) -> str:
    """A workspace as a reader sees it, in their language: its kind, then its own name.

    Stored names are language-neutral (``e-Mrejesho``, a trainee's login); the kind's label
    carries the language ("Onyesho: e-Mrejesho" / "Demo: e-Mrejesho").
    """
    if workspace is None:
        return "—"
    return f"{workspace.kind.label(current_language())}: {workspace.name}"


def may_open(endpoint: str) -> bool:
    """True when the current user would get past the route's access declaration."""
    access = access_of(endpoint)
    return access is not None and access.allows(current_user)


@dataclass(frozen=True)
class SandboxClock:
    """The strip under the header: the simulated date, and a trainee's code and citizen links."""

    now: datetime
    personal_code: str | None = None
    portal_url: str | None = None
    phone_url: str | None = None


def sandbox_clock() -> SandboxClock | None:
    """For a signed-in user, the date of the workspace the page is about (None otherwise).

    That is the channel workspace being browsed (/w/<code>/…), else the user's own. A trainee
    in their own workspace also gets their personal code and the links to play the citizen
    against their own workspace's portal and phone.
    """
    if not current_user.is_authenticated:
        return None
    own = current_user.workspace
    workspace = g.get("workspace") or own
    if workspace is None:
        return None
    clock = SandboxClock(now=workspace_now(workspace))
    if own is None or workspace.id != own.id or not can(current_user, Capability.TAKE_SCENARIOS):
        return clock
    return SandboxClock(
        now=clock.now,
        personal_code=personal_code_of(current_user),
        portal_url=url_for("portal_ws.index", ws_code=own.code),
        phone_url=url_for("ussd_ws.phone", ws_code=own.code),
    )


def register_template_helpers(app: Flask) -> None:
    """Make the helpers available in templates."""
    app.add_template_filter(label, "label")
    app.add_template_filter(localized_name, "localized")
    app.add_template_filter(happened, "happened")
    app.add_template_filter(text_heading, "text_heading")
    app.add_template_filter(rating, "rating")
    app.add_template_filter(when, "when")
    app.add_template_filter(workspace_name, "workspace_name")
    app.add_template_filter(grouped, "grouped_code")

    @app.context_processor
    def _globals():
        return {
            "lang": current_language(),
            "language_names": LANGUAGE_NAMES,
            "current_path": page_to_return_to(),
            "menu": menu_for_current_user(),
            "may_open": may_open,
            "sandbox_clock": sandbox_clock,
        }
