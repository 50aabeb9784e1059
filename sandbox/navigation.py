"""The main menu as data: (endpoint, label, who sees it), read by base.html."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, g, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from sandbox.services.channels.sms_log import can_read_gateway_log
from sandbox.services.people.accounts import can_manage_accounts
from sandbox.services.reports.dashboard import can_see_reports


@dataclass(frozen=True)
class NavItem:
    """One menu entry, shown when ``shown(user)`` holds."""

    endpoint: str
    label: object
    shown: Callable[[object], bool]


def _everyone(user) -> bool:
    return True


def _signed_in(user) -> bool:
    return user.is_authenticated


MENU = (
    NavItem("main.index", _l("Home"), _everyone),
    NavItem("portal.index", _l("Submit feedback"), _everyone),
    NavItem("ussd.phone", _l("Phone *152*00#"), _everyone),
    NavItem("desk.index", _l("Desk"), _signed_in),
    NavItem("reports.dashboard", _l("Reports"), lambda u: _signed_in(u) and can_see_reports(u)),
    NavItem(
        "accounts.account_list",
        _l("Accounts"),
        lambda u: _signed_in(u) and can_manage_accounts(u),
    ),
    NavItem("sms.outbox", _l("SMS outbox"), lambda u: _signed_in(u) and can_read_gateway_log(u)),
)


CHANNEL_BLUEPRINTS = ("portal", "ussd", "sms")


def menu_for_current_user() -> list[tuple[NavItem, str]]:
    """(entry, URL) for the entries the signed-in user (or a visitor) may use.

    Channel pages stay in the workspace being browsed (/w/<code>/…), else the user's own.
    """
    own = current_user.workspace if current_user.is_authenticated else None
    code = g.get("ws_code") or (own.code if own else None)
    entries = []
    for item in MENU:
        if item.shown(current_user):
            entries.append((item, _url(item.endpoint, code)))
    return entries


def _url(endpoint: str, code: str | None) -> str:
    """A menu URL; a channel endpoint goes to the given workspace when there is one."""
    blueprint = endpoint.split(".")[0]
    if code and blueprint in CHANNEL_BLUEPRINTS and code != current_app.config["DEMO_WORKSPACE"]:
        return url_for(endpoint.replace(".", "_ws.", 1), ws_code=code)
    return url_for(endpoint)
