"""The installation's administrator: every account of every institution, role and workspace
(only roles below their own), the workspaces and the settings; nobody else reaches them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Institution, User
from sandbox.services.people import accounts
from sandbox.services.people.accounts import AccountNotFound
from sandbox.services.workspace.seeding import ensure_staff
from sandbox.workflow import Role
from tests.reports.conftest import PASSWORD, make_user

NEW_PASSWORD = "nenosiri-jipya-2026"


@pytest.fixture
def world(make_workspace):
    ws, other = make_workspace("a1"), make_workspace("a2")
    get = lambda code: db.session.scalar(sa.select(Institution).filter_by(code=code))  # noqa: E731
    ensure_staff(ws, seed=1)  # synthetic staff: never accounts
    return {
        "ws": ws,
        "admin": make_user("msimamizi.a", Role.ADMIN, ws, name="Msimamizi"),
        "other_admin": make_user("msimamizi.b", Role.ADMIN, other),
        "head": make_user("mkuu.a", Role.HEAD, ws, get("DODOMA_CC")),
        "trainee": make_user("mwanafunzi.b", Role.TRAINEE, other, get("TANESCO")),
        "facilitator": make_user("trainer.a", Role.FACILITATOR, ws),
        "tanesco": get("TANESCO"),
    }


@pytest.fixture
def as_admin(client, world):
    client.post("/login", data={"username": "msimamizi.a", "password": PASSWORD})
    return client


def test_the_administrator_lists_every_real_login_of_every_workspace(world):
    names = {u.username for u in accounts.institution_accounts(world["admin"])}
    assert {"mkuu.a", "mwanafunzi.b", "trainer.a", "msimamizi.a", "msimamizi.b"} <= names
    assert not any(name.startswith("wsa1.") for name in names)


def test_the_administrator_manages_roles_below_only(world):
    admin = world["admin"]
    assert Role.ADMIN not in accounts.manageable_roles(admin)
    assert {Role.HEAD, Role.LEADER, Role.FACILITATOR, Role.TRAINEE} <= set(
        accounts.manageable_roles(admin)
    )
    accounts.reset_password(admin, world["head"].id, NEW_PASSWORD)
    accounts.set_account_active(admin, world["trainee"].id, False)
    with pytest.raises(AccountNotFound):
        accounts.reset_password(admin, world["other_admin"].id, NEW_PASSWORD)


def test_the_administrator_creates_a_login_at_any_institution(as_admin, world):
    page = as_admin.get("/accounts/new").text
    assert 'name="institution"' in page
    answer = as_admin.post(
        "/accounts/new",
        data={
            "username": "afisa.umeme",
            "display_name": "Zuhura Mrisho",
            "role": "officer",
            "institution": str(world["tanesco"].id),
            "password": NEW_PASSWORD,
        },
    )
    assert answer.status_code == 302
    created = db.session.scalar(sa.select(User).filter_by(username="afisa.umeme"))
    assert created.institution_id == world["tanesco"].id and created.role is Role.OFFICER
    missing = as_admin.post(
        "/accounts/new",
        data={
            "username": "afisa.bila",
            "display_name": "Bila Taasisi",
            "role": "head",
            "password": NEW_PASSWORD,
        },
    )
    assert missing.status_code == 422 and "Chagua taasisi ya akaunti hii." in missing.text


def test_the_administration_page_lists_workspaces_and_never_a_secret(as_admin, world, app):
    page = as_admin.get("/admin/").text
    assert "a1" in page and "a2" in page and "Usimamizi wa mfumo huu" in page
    assert app.config["SECRET_KEY"] not in page and "test-secret" not in page
    assert 'href="/admin/"' in page  # in the menu


@pytest.mark.parametrize("who", ["mkuu.a", "trainer.a"])
def test_nobody_else_reaches_administration(client, world, who):
    client.post("/login", data={"username": who, "password": PASSWORD})
    assert client.get("/admin/").status_code == 404
    assert 'href="/admin/"' not in client.get("/").text


def test_a_facilitator_declares_and_withdraws_a_holiday_in_their_workspace(client, world):
    client.post("/login", data={"username": "trainer.a", "password": PASSWORD})
    page = client.get("/admin/calendar")
    assert page.status_code == 200 and "Tangaza sikukuu" in page.text
    assert 'type="hidden" value="a1"' in page.text and "(a2)" not in page.text
    bad = client.post("/admin/calendar", data={"workspace": "a1", "day": "9/11", "name": "Eid"})
    assert bad.status_code == 422 and "Andika tarehe kama 2026-11-30" in bad.text
    weekend = client.post(
        "/admin/calendar", data={"workspace": "a1", "day": "2026-11-07", "name": "Eid"}
    )
    assert weekend.status_code == 422 and "si siku ya kazi tayari" in weekend.text
    done = client.post(
        "/admin/calendar", data={"workspace": "a1", "day": "2026-11-09", "name": "Eid"}
    )
    assert done.status_code == 302
    assert "2026-11-09" in client.get("/admin/calendar").text
    assert client.get("/admin/calendar?workspace=a2").status_code == 404  # not theirs
    gone = client.post("/admin/calendar/2026-11-09/withdraw", data={"workspace": "a1"})
    assert gone.status_code == 302
    assert "Hakuna sikukuu iliyotangazwa" in client.get("/admin/calendar").text


def test_officers_have_no_calendar(client, world):
    client.post("/login", data={"username": "mkuu.a", "password": PASSWORD})
    assert client.get("/admin/calendar").status_code == 404
