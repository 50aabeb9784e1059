"""Account management by an institution's ICT officer: every action and every refusal."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models import Institution, User
from sandbox.services.people import accounts
from sandbox.services.people.accounts import AccountNotFound, AccountRefused, NewAccount
from sandbox.services.workspace.seeding import ensure_staff
from sandbox.workflow import Role
from tests.fuzzing import fuzz, fuzz_settings
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


def test_an_ict_officer_cannot_create_a_head(as_ict, world):
    # Issue 8 reproducer: `POST /accounts/new` with role=head made a head, who reveals identity.
    # (This test replaced one that asserted that an ICT officer could create a head.)
    form = {"username": "mkuu2.a", "display_name": "Juma Mkuu", "role": "head"}
    answer = as_ict.post("/accounts/new", data=form | {"password": NEW_PASSWORD})
    assert answer.status_code == 422
    assert db.session.scalar(sa.select(User.id).filter_by(username="mkuu2.a")) is None
    with pytest.raises(AccountRefused) as refused:
        accounts.create_account(
            world["ict"], NewAccount("mkuu2.a", "Juma Mkuu", "head", NEW_PASSWORD)
        )
    assert refused.value.field == "role"


def test_the_new_account_form_offers_only_roles_below_the_ict_officer(as_ict):
    html = as_ict.get("/accounts/new").get_data(as_text=True)
    assert 'value="officer"' in html
    assert 'value="head"' not in html and 'value="ict_officer"' not in html


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
    assert answer.status_code == 422
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
    assert refused.status_code == 422  # the login form again with its error, not a redirect
    client.post("/login", data={"username": "tehama.a", "password": PASSWORD})
    assert "Imezimwa" in client.get("/accounts/").get_data(as_text=True)
    assert client.post(f"/accounts/{officer.id}/reactivate").status_code == 302
    db.session.refresh(officer)
    assert officer.is_active_account is True


def test_reset_password(as_ict, world):
    officer = world["officer"]
    short = as_ict.post(f"/accounts/{officer.id}/password", data={"password": "short"})
    assert short.status_code == 422 and 'class="error-summary"' in short.get_data(as_text=True)
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


@pytest.mark.parametrize(  # the administrator manages accounts too (issue 9): test_admin.py
    "username", ["afisa.dodoma", "mkuu.dodoma", "kiongozi.dodoma", "mwezeshaji"]
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
@fuzz
@fuzz_settings(40)
def test_no_form_input_gives_a_500(as_ict, data):
    assert as_ict.post("/accounts/new", data=data).status_code in (302, 422)


# --- who may grant what, and sessions ending (issue 8, section 2) --------------------------


def test_the_head_s_password_form_is_not_offered_to_an_ict_officer(as_ict, world):
    head = world["head"]
    html = as_ict.get("/accounts/").get_data(as_text=True)
    assert "mkuu.a" in html  # listed, so the ICT officer knows who the head is
    assert f"/accounts/{head.id}/password" not in html
    assert f"/accounts/{head.id}/deactivate" not in html
    assert as_ict.get(f"/accounts/{head.id}/password").status_code == 404
    answer = as_ict.post(f"/accounts/{head.id}/password", data={"password": NEW_PASSWORD})
    assert answer.status_code == 404
    assert as_ict.post(f"/accounts/{head.id}/deactivate").status_code == 404
    db.session.refresh(head)
    assert head.check_password(PASSWORD) and head.is_active_account


def test_manageable_roles_come_from_the_grant_ordering(world):
    assert accounts.manageable_roles(world["ict"]) == (Role.OFFICER,)
    for other in ("officer", "head", "facilitator"):
        assert accounts.manageable_roles(world[other]) == ()


def _second_browser(app, username: str):
    """Another client holding its own session for ``username``."""
    other = app.test_client()
    assert (
        other.post("/login", data={"username": username, "password": PASSWORD}).status_code == 302
    )
    assert other.get("/desk/feedback").status_code == 200
    return other


def test_a_new_password_ends_the_target_s_sessions(app, as_ict, world):
    officer_browser = _second_browser(app, "afisa.a")
    as_ict.post(f"/accounts/{world['officer'].id}/password", data={"password": NEW_PASSWORD})
    assert officer_browser.get("/desk/feedback").status_code == 302  # back to the login


def test_deactivation_ends_sessions_and_reactivation_does_not_revive_them(app, as_ict, world):
    officer_browser = _second_browser(app, "afisa.a")
    as_ict.post(f"/accounts/{world['officer'].id}/deactivate")
    assert officer_browser.get("/desk/feedback").status_code == 302
    as_ict.post(f"/accounts/{world['officer'].id}/reactivate")
    assert officer_browser.get("/desk/feedback").status_code == 302


@pytest.mark.parametrize(
    ("password", "english"),
    [
        ("mafunzo2024", "published"),  # the demo password printed by `mrejesho demo-users`
        ("MAFUNZO2024", "published"),
        ("mpya.a.long", "username"),
        ("short", "characters"),
    ],
)
def test_the_password_policy_applies_when_creating(world, password, english):
    new = NewAccount(
        "mpya.a.long" if english == "username" else "mpya.a", "Mtu Mpya", "officer", password
    )
    with pytest.raises(AccountRefused) as refused:
        accounts.create_account(world["ict"], new)
    assert refused.value.field == "password" and english in refused.value.message("en")
    assert refused.value.message("sw") != refused.value.message("en")


def test_the_password_policy_applies_when_resetting(as_ict, world):
    answer = as_ict.post(f"/accounts/{world['officer'].id}/password", data={"password": "afisa.a"})
    assert answer.status_code == 422
    answer = as_ict.post(
        f"/accounts/{world['officer'].id}/password", data={"password": "mafunzo2024"}
    )
    assert answer.status_code == 422 and "limechapishwa" in answer.get_data(as_text=True)
