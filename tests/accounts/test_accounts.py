"""Account management by an institution's ICT officer: every action and every refusal."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models import Institution, User
from sandbox.services.people import accounts
from sandbox.services.people.accounts import AccountNotFound, AccountRefused, NewAccount
from sandbox.services.workspace.seeding import ensure_staff
from sandbox.workflow import Role
from tests.reports.conftest import PASSWORD, make_user

NEW_PASSWORD = "nenosiri-jipya-2026"


@pytest.fixture
def world(make_workspace):
    ws, other = make_workspace("a1"), make_workspace("a2")
    get = lambda code: db.session.scalar(sa.select(Institution).filter_by(code=code))  # noqa: E731
    a, b = get("DODOMA_CC"), get("TANESCO")
    ensure_staff(ws, seed=1)  # synthetic, inactive staff that must never be listed
    return {
        "ws": ws,
        "a": a,
        "ict": make_user("tehama.a", Role.ICT_OFFICER, ws, a, name="Emmanuel Lyimo"),
        "officer": make_user("afisa.a", Role.OFFICER, ws, a, name="Neema Mwakyusa"),
        "head": make_user("mkuu.a", Role.HEAD, ws, a),
        "officer_b": make_user("afisa.b", Role.OFFICER, ws, b),
        "officer_elsewhere": make_user("afisa.a.ws2", Role.OFFICER, other, a),
        "facilitator": make_user("trainer.a", Role.FACILITATOR, ws),
    }


@pytest.fixture
def as_ict(client, world):
    client.post("/login", data={"username": "tehama.a", "password": PASSWORD})
    return client


def test_list_shows_only_real_logins_of_the_institution(world):
    names = {u.username for u in accounts.institution_accounts(world["ict"])}
    assert names == {"tehama.a", "afisa.a", "mkuu.a"}
    synthetic = db.session.scalar(
        sa.select(sa.func.count(User.id)).where(User.username.like("wsa1.%"))
    )
    assert synthetic > 0  # they exist, and are not listed


def test_create_officer_who_can_then_log_in(as_ict, world, client):
    answer = as_ict.post(
        "/accounts/new",
        data={
            "username": " Afisa2.Dodoma ",
            "display_name": "Rehema  Ally",
            "role": "officer",
            "password": NEW_PASSWORD,
        },
    )
    assert answer.status_code == 302
    user = db.session.scalar(sa.select(User).filter_by(username="afisa2.dodoma"))
    assert (user.role, user.institution_id, user.workspace_id) == (
        Role.OFFICER,
        world["a"].id,
        world["ws"].id,
    )
    assert user.display_name == "Rehema Ally" and user.password_hash != NEW_PASSWORD
    assert user.check_password(NEW_PASSWORD)
    client.post("/logout")
    login = client.post("/login", data={"username": "afisa2.dodoma", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_create_head_account(world):
    user = accounts.create_account(
        world["ict"], NewAccount("mkuu2.a", "Juma Mkuu", "head", NEW_PASSWORD)
    )
    assert user.role is Role.HEAD and user.region_id == world["a"].region_id


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"username": "afisa.a"}, "username"),  # taken
        ({"username": "x"}, "username"),
        ({"username": "jina na nafasi"}, "username"),
        ({"username": "wsa1.dodoma_cc.afisa9"}, "username"),  # synthetic staff pattern
        ({"display_name": "J"}, "display_name"),
        ({"role": "admin"}, "role"),
        ({"role": "facilitator"}, "role"),
        ({"role": "ict_officer"}, "role"),
        ({"password": "fupi"}, "password"),
    ],
)
def test_create_refusals_show_an_error_summary_and_keep_input(as_ict, data, field):
    form = {
        "username": "mpya.a",
        "display_name": "Mtumishi Mpya",
        "role": "officer",
        "password": NEW_PASSWORD,
    } | data
    answer = as_ict.post("/accounts/new", data=form)
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert 'class="error-summary"' in html and f'href="#{field}"' in html
    assert 'value="Mtumishi Mpya"' in html or field == "display_name"
    assert (
        db.session.scalar(sa.select(sa.func.count(User.id)).where(User.username == "mpya.a")) == 0
    )


@pytest.mark.parametrize("role", ["admin", "facilitator", "ict_officer", "leader", "nonsense"])
def test_service_refuses_roles_other_than_officer_and_head(world, role):
    with pytest.raises(AccountRefused) as refused:
        accounts.create_account(world["ict"], NewAccount("mpya.b", "Mtu Mpya", role, NEW_PASSWORD))
    assert refused.value.field == "role" and refused.value.message("sw").startswith("Unaweza")


def test_deactivate_then_reactivate(as_ict, world, client):
    officer = world["officer"]
    assert as_ict.post(f"/accounts/{officer.id}/deactivate").status_code == 302
    db.session.refresh(officer)
    assert officer.is_active_account is False
    client.post("/logout")
    refused = client.post("/login", data={"username": "afisa.a", "password": PASSWORD})
    assert refused.status_code == 400  # the login form again with its error, not a redirect
    client.post("/login", data={"username": "tehama.a", "password": PASSWORD})
    assert "Imezimwa" in client.get("/accounts/").get_data(as_text=True)
    assert client.post(f"/accounts/{officer.id}/reactivate").status_code == 302
    db.session.refresh(officer)
    assert officer.is_active_account is True


def test_reset_password(as_ict, world):
    officer = world["officer"]
    short = as_ict.post(f"/accounts/{officer.id}/password", data={"password": "short"})
    assert short.status_code == 400 and 'class="error-summary"' in short.get_data(as_text=True)
    done = as_ict.post(f"/accounts/{officer.id}/password", data={"password": NEW_PASSWORD})
    assert done.status_code == 302
    db.session.refresh(officer)
    assert officer.check_password(NEW_PASSWORD) and not officer.check_password(PASSWORD)


def test_cannot_deactivate_oneself(as_ict, world):
    answer = as_ict.post(f"/accounts/{world['ict'].id}/deactivate", follow_redirects=True)
    assert "Huwezi kuzima akaunti yako mwenyewe." in answer.get_data(as_text=True)
    db.session.refresh(world["ict"])
    assert world["ict"].is_active_account is True
    with pytest.raises(AccountRefused):
        accounts.set_account_active(world["ict"], world["ict"].id, False)


@pytest.mark.parametrize("target", ["officer_b", "officer_elsewhere", "facilitator", "ict"])
def test_accounts_outside_reach_are_404(as_ict, world, target):
    user = world[target]
    for url in (f"/accounts/{user.id}/deactivate", f"/accounts/{user.id}/reactivate"):
        assert as_ict.post(url).status_code == (404 if target != "ict" else 302)
    assert as_ict.get(f"/accounts/{user.id}/password").status_code == 404
    assert (
        as_ict.post(f"/accounts/{user.id}/password", data={"password": NEW_PASSWORD}).status_code
        == 404
    )
    db.session.refresh(user)
    assert user.is_active_account is True
    assert not user.check_password(NEW_PASSWORD)


def test_synthetic_staff_cannot_be_managed(world):
    staff = db.session.scalar(sa.select(User).where(User.username.like("wsa1.dodoma_cc.%")))
    with pytest.raises(AccountNotFound):
        accounts.set_account_active(world["ict"], staff.id, True)


@pytest.mark.parametrize(
    "username", ["afisa.dodoma", "mkuu.dodoma", "kiongozi.dodoma", "mwezeshaji", "msimamizi"]
)
def test_only_ict_officers_reach_account_management(demo_world, client, login_as, username):
    login_as(username)
    assert client.get("/accounts/").status_code == 404
    assert client.get("/accounts/new").status_code == 404


def test_guests_go_to_login(client):
    answer = client.get("/accounts/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_demo_ict_officer_sees_the_dodoma_logins(demo_world, client, login_as):
    login_as("tehama.dodoma")
    html = client.get("/accounts/").get_data(as_text=True)
    assert "afisa.dodoma" in html and "mkuu.dodoma" in html
    assert "afisa.tanesco" not in html and ".afisa1" not in html


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "username": st.text(max_size=80),
            "display_name": st.text(max_size=200),
            "role": st.text(max_size=20),
            "password": st.text(max_size=200),
        },
    )
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_form_input_gives_a_500(as_ict, data):
    assert as_ict.post("/accounts/new", data=data).status_code in (302, 400)
