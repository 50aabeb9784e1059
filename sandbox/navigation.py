"""The main menu as data: (endpoint, label), read by base.html.

Who sees an entry is not written here: an entry is shown exactly when its route's own
declaration (``sandbox.access``: a permission from the one table, public, or signed in)
lets the current user in, so the menu never offers a page that would answer 403 or 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from sandbox.access import access_of


@dataclass(frozen=True)
class NavItem:
    """One menu entry: the route it opens and its label."""

    endpoint: str
    label: object


MENU = (
    NavItem("main.index", _l("Home")),
    NavItem("portal.index", _l("Submit feedback")),
    NavItem("ussd.phone", _l("Phone *152*00#")),
    NavItem("training.me", _l("My training")),
    NavItem("training.scenarios", _l("Scenarios")),
    NavItem("training.progress", _l("My progress")),
    NavItem("desk.index", _l("Desk")),
    NavItem("reports.dashboard", _l("Reports")),
    NavItem("accounts.account_list", _l("Accounts")),
    NavItem("sms.outbox", _l("SMS outbox")),
    NavItem("facilitator.cohorts", _l("Cohorts")),
    NavItem("preview.proposals", _l("Proposals")),
    NavItem("admin.index", _l("Administration")),
    NavItem("admin.calendar", _l("Calendar")),
    NavItem("guides.index", _l("Guides")),
)


CHANNEL_BLUEPRINTS = ("portal", "ussd", "sms")


def is_shown(item: NavItem, user) -> bool:
    """True when the entry's route lets ``user`` in (an undeclared route is never shown)."""
    access = access_of(item.endpoint)
    return access is not None and access.allows(user)


def menu_for_current_user() -> list[tuple[NavItem, str]]:
    """(entry, URL) for the entries the signed-in user (or a visitor) may use.

    Channel pages stay in the workspace being browsed (/w/<code>/…), else the user's own.
    """
    own = current_user.workspace if current_user.is_authenticated else None
    code = g.get("ws_code") or (own.code if own else None)
    return [(item, _url(item.endpoint, code)) for item in MENU if is_shown(item, current_user)]


def _url(endpoint: str, code: str | None) -> str:
    """A menu URL; a channel endpoint goes to the given workspace when there is one."""
    blueprint = endpoint.split(".")[0]
    if code and blueprint in CHANNEL_BLUEPRINTS and code != current_app.config["DEMO_WORKSPACE"]:
        return url_for(endpoint.replace(".", "_ws.", 1), ws_code=code)
    return url_for(endpoint)
