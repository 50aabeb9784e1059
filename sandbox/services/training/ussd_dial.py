"""A citizen dialling *152*00# to submit, input by input, reading the screens as a person would.

The replay of a ``submit_ussd`` act goes through here so it works on the workspace's own
screens: today's path (type part of the institution's name, pick it from the matches) or,
where ``ussd_region_first`` lays its screens, the region list and then the region's
institutions, paging with 98 until the wanted line shows. Which path a workspace has is read
from its screens (data), not from the toggle.
"""

from __future__ import annotations

import itertools

from sandbox.channels.ussd.menus import MORE, screens_for
from sandbox.channels.ussd.text import short_name
from sandbox.extensions import db
from sandbox.models import Institution, Region, Workspace
from sandbox.services.channels.ussd import DatabasePort, UssdRequest, handle_ussd
from sandbox.services.feedback.once import new_form_key
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import BilingualError

MAX_PAGES = 20
NATIONAL_LABEL = "Taasisi za kitaifa"
_sessions = itertools.count(1)


class DialRefused(BilingualError):
    """The wanted institution cannot be reached on the screens."""


class Dialler:
    """One USSD session of one phone in one workspace (the gateway's ``text`` kept)."""

    def __init__(self, workspace: Workspace, phone: str) -> None:
        self.workspace, self.phone, self.inputs = workspace, phone, []
        self.session = f"scenario-{next(_sessions)}-{new_form_key()[:8]}"
        self.screen = handle_ussd(workspace, UssdRequest(self.session, phone, ""))

    def send(self, *values: str) -> str:
        """Type each value in turn; the last screen."""
        for value in values:
            self.inputs.append(value)
            text = "*".join(self.inputs)
            self.screen = handle_ussd(self.workspace, UssdRequest(self.session, self.phone, text))
        return self.screen

    def choose(self, label: str) -> str:
        """Page through a list until a line starts like ``label``; choose it."""
        for _ in range(MAX_PAGES):
            for line in self.screen.splitlines():
                number, _, shown = line.partition(". ")
                if number.isdigit() and number != MORE and label.startswith(shown.rstrip(".")):
                    return self.send(number)
            if f"{MORE}." not in self.screen:
                break
            self.send(MORE)
        raise DialRefused(
            f"'{label}' haipatikani kwenye orodha ya USSD.", f"'{label}' is not on the USSD list."
        )


def submit_by_ussd(
    workspace: Workspace, phone: str, type_key: str, institution_id: int, description: str,
    identity: str,
) -> str:  # fmt: skip
    """Dial, choose the type, reach the institution, describe, confirm; the END screen."""
    d = Dialler(workspace, phone)
    d.send("9", "2", type_key)
    institution = db.session.get(Institution, institution_id)
    if _is_region_first(workspace):
        region = db.session.get(Region, institution.region_id) if institution.region_id else None
        d.choose(region.name if region else NATIONAL_LABEL)
        d.choose(short_name(institution.name_sw))
    else:
        d.send(institution.code, str(_place_on_first_page(workspace, phone, institution)))
    return d.send(description, identity, "1")


def _is_region_first(workspace: Workspace) -> bool:
    """True when the type menu of this workspace's screens opens the region list."""
    option = screens_for(rules_for(workspace))["type"]["options"]["1"]
    return option.get("action") == "regions"


def _place_on_first_page(workspace: Workspace, phone: str, institution: Institution) -> int:
    """The institution's number among the matches of its code (among the first three)."""
    port = DatabasePort(workspace, phone)
    matches = [i for i, _ in port.search_institutions(institution.code, "sw")]
    if institution.id not in matches[:3]:
        raise DialRefused(
            "Taasisi haipatikani kwenye ukurasa wa kwanza wa USSD.",
            "The institution is not on the first USSD page.",
        )
    return matches.index(institution.id) + 1
