"""Every route declares who may reach it; the menu offers only what the route lets in.

``tests/access.txt`` snapshots each endpoint's declaration (``sandbox.access``), so a
new route without one fails here, and a changed declaration is a visible diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import url_for

from sandbox.access import Access, access_of
from sandbox.navigation import MENU
from sandbox.services.people.trainees import create_trainee
from sandbox.workflow import Role
from sandbox.workflow.permissions import POLICY, Capability

SNAPSHOT = Path(__file__).parent / "access.txt"
FLASK_OWN = {"static"}  # Flask's static files: public by construction
PERSONAS = {
    Role.OFFICER: "afisa.dodoma",
    Role.HEAD: "mkuu.dodoma",
    Role.LEADER: "kiongozi.dodoma",
    Role.ICT_OFFICER: "tehama.dodoma",
    Role.FACILITATOR: "mwezeshaji",
    Role.STAKEHOLDER: "mdau",
    Role.ADMIN: "msimamizi",
}


def declarations(app) -> dict[str, Access | None]:
    with app.test_request_context():
        return {e: access_of(e) for e in app.view_functions if e not in FLASK_OWN}


def test_every_route_declares_its_access(app):
    undeclared = sorted(e for e, access in declarations(app).items() if access is None)
    assert undeclared == [], "declare with @requires, @signed_in, @public or @key_based"


def test_access_snapshot(app):
    found = {f"{e} {a.describe()}" for e, a in declarations(app).items() if a is not None}
    expected = {
        line
        for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert sorted(found - expected) == [], "new or changed declarations: update access.txt"
    assert sorted(expected - found) == [], "declarations gone: were they meant to go?"


def test_machine_endpoints_are_key_based(app):
    machine = {"ussd.callback", "ussd_ws.callback", "sms.inbound", "sms_ws.inbound"}
    machine |= {"open311.create_request", "open311.list_requests", "open311.show_request"}
    found = declarations(app)
    assert {e: found[e].kind for e in machine} == dict.fromkeys(machine, "key")


def test_every_role_is_in_the_table_and_every_capability_is_granted_to_someone():
    assert set(POLICY) == set(Role)
    granted = set().union(*POLICY.values())
    assert set(Capability) <= granted


MAIN_MENU = re.compile(r'<nav aria-label="[^"]*" class="main-nav">(.*?)</nav>', re.S)


def menu_links(client) -> list[str]:
    """The hrefs of the main menu on the home page, in order."""
    page = client.get("/").get_data(as_text=True)
    return re.findall(r'href="([^"]+)"', MAIN_MENU.search(page).group(1))


@pytest.mark.parametrize("role", sorted(PERSONAS, key=str), ids=lambda r: r.value)
def test_menu_shows_exactly_what_the_role_may_open(app, client, demo_world, login_as, role):
    login_as(PERSONAS[role])
    with app.test_request_context():
        expected = [
            url_for(item.endpoint)
            for item in MENU
            if (access := access_of(item.endpoint)).kind != "permission"
            or access.permission in POLICY[role]
        ]
    links = menu_links(client)
    assert links == expected
    for href in links:
        assert client.get(href).status_code in (200, 302), href


def test_a_trainee_opens_every_menu_entry_in_their_own_workspace(client, demo_world):
    new = create_trainee("asha", password="siri-ya-asha-2026", items=20)
    client.post("/login", data={"username": "asha", "password": "siri-ya-asha-2026"})
    links = menu_links(client)
    assert len(links) == 10  # all but accounts (My training, Scenarios, My progress, guides)
    assert any(href.startswith(f"/w/{new.workspace.code}/") for href in links)
    for href in links:
        assert client.get(href).status_code in (200, 302), href
