"""The join form, signing back in, the trainee's own page and the sandbox strip."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Enrolment
from sandbox.models.user import NO_PASSWORD
from sandbox.services.training.codes import grouped
from sandbox.services.training.cohorts import archive_cohort, create_cohort
from tests.training.conftest import PIN, join_form, text


def only_enrolment() -> Enrolment:
    return db.session.scalars(sa.select(Enrolment)).one()


def test_the_home_page_and_the_login_page_lead_to_joining(client):
    assert 'href="/join"' in text(client.get("/"))
    assert 'href="/join/signin"' in text(client.get("/"))
    login = text(client.get("/login?next=/desk/"))
    assert 'href="/join"' in login and 'href="/join/signin?next=/desk/"' in login


def test_the_join_form_speaks_swahili_then_english(client):
    page = text(client.get("/join"))
    assert "Jiunge na mafunzo" in page and "Msimbo wa kundi" in page
    assert 'autocapitalize="characters"' in page and 'inputmode="numeric"' in page
    client.get("/lang/en")
    assert "Join a training" in text(client.get("/join"))


def test_joining_signs_in_lands_on_the_own_desk_and_shows_the_personal_code(client, cohort):
    response = client.post("/join", data=join_form(cohort))
    assert response.status_code == 302 and response.location.endswith("/desk/")
    enrolment = only_enrolment()
    code = grouped(enrolment.personal_code)
    desk = text(client.get("/desk/", follow_redirects=True))
    assert f"Msimbo wako binafsi ni {code}" in desk  # the welcome, once
    assert f'data-testid="bar-personal-code">{code}<' in desk  # and on every page
    assert 'data-testid="sandbox-date">09 Nov 2026 08:0' in desk
    ws = enrolment.workspace.code
    assert f'href="/w/{ws}/portal/"' in desk and f'href="/w/{ws}/ussd/phone"' in desk
    assert "Asha Mushi" in desk


@pytest.mark.parametrize("typed", ["Asha\r\nMushi", "  Asha \t Mushi ", "Asha\u2028Mushi\x00"])
def test_a_name_typed_over_lines_or_with_tabs_keeps_its_words_apart(client, cohort, typed):
    assert client.post("/join", data=join_form(cohort, name=typed)).status_code == 302
    assert only_enrolment().user.display_name == "Asha Mushi"


def test_a_cohort_in_english_opens_the_trainee_s_pages_in_english(client, cohort):
    cohort.language = "en"
    db.session.commit()
    client.post("/join", data=join_form(cohort))
    assert "Your personal code is" in text(client.get("/desk/", follow_redirects=True))


@pytest.mark.parametrize(
    ("lang", "changes", "message"),
    [
        ("sw", {"join_code": "ABC-DEF"}, "Hakuna kundi lenye msimbo huu"),
        ("en", {"join_code": "ABC-DEF"}, "No cohort has this code"),
        ("sw", {"pin_confirm": "4822"}, "PIN mbili hazifanani"),
        ("en", {"pin": "12", "pin_confirm": "12"}, "A PIN has 4 to 6 digits"),
        ("sw", {"phone": "12345"}, "Andika namba ya simu ya Tanzania"),
        ("en", {"name": ""}, "Enter your name."),
    ],
)
def test_a_refused_join_keeps_what_was_typed_and_says_what_is_wrong(
    client, cohort, lang, changes, message
):
    client.get(f"/lang/{lang}")
    typed = join_form(cohort, **changes)
    response = client.post("/join", data=typed)
    page = text(response)
    assert response.status_code == 422
    assert message in page and 'class="error-summary"' in page
    for name in ("join_code", "name", "home_institution", "phone"):
        assert f'value="{typed[name]}"' in page, name
    assert f'value="{PIN}"' not in page  # the PIN is never written back
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 0


def test_an_archived_cohort_s_code_is_refused_clearly(client, cohort):
    archive_cohort(cohort)
    page = text(client.post("/join", data=join_form(cohort)))
    assert "Kundi hili limefungwa" in page


def test_archiving_a_cohort_signs_its_trainees_out(client, cohort):
    """A tester's trainee kept working at the desk after the cohort was archived."""
    client.post("/join", data=join_form(cohort))
    assert client.get("/desk/feedback").status_code == 200
    archive_cohort(cohort)
    signed_out = client.get("/desk/feedback")
    assert signed_out.status_code == 302 and "/login" in signed_out.location


def test_a_trainee_signs_out_and_back_in_with_code_and_pin_and_resumes(client, cohort):
    client.post("/join", data=join_form(cohort))
    enrolment = only_enrolment()
    client.post("/logout")
    assert client.get("/desk/").status_code == 302  # signed out
    typed = grouped(enrolment.personal_code).lower()
    response = client.post(
        "/join/signin?next=/training/me", data={"personal_code": typed, "pin": PIN}
    )
    assert response.status_code == 302 and response.location.endswith("/training/me")
    me = text(client.get("/training/me"))
    assert grouped(enrolment.personal_code) in me and "Halmashauri ya Bahi" in me
    assert "+255712345678" in me and "Warsha ya Dodoma" in me


@pytest.mark.parametrize(("lang", "message"), [("sw", "si sahihi"), ("en", "Wrong personal code")])
def test_a_wrong_pin_keeps_the_code_and_says_so(client, make_trainee, lang, message):
    enrolment = make_trainee()
    client.get(f"/lang/{lang}")
    response = client.post(
        "/join/signin", data={"personal_code": enrolment.personal_code, "pin": "9999"}
    )
    assert response.status_code == 422 and message in text(response)
    assert f'value="{enrolment.personal_code}"' in text(response)
    assert client.get("/training/me").status_code == 302


def test_joining_ends_another_user_s_session_in_this_browser(client, cohort, make_trainee):
    first = make_trainee()
    client.post("/join/signin", data={"personal_code": first.personal_code, "pin": PIN})
    client.post("/join", data=join_form(cohort, name="Juma Said"))
    me = text(client.get("/training/me"))
    assert "Juma Said" in me and grouped(first.personal_code) not in me


def test_failed_joins_and_sign_ins_are_limited(app, client, cohort, make_trainee):
    enrolment = make_trainee()
    app.config["RATE_LIMIT_JOIN"] = "2 per minute"
    app.config["RATE_LIMIT_PERSONAL_CODE"] = "2 per hour"
    try:
        for _ in range(2):
            client.post("/join", data=join_form(cohort, join_code="ABC-DEF"))
        blocked_join = client.post("/join", data=join_form(cohort, join_code="ABC-DEF"))
        wrong = {"personal_code": enrolment.personal_code, "pin": "9999"}
        for _ in range(2):
            client.post("/join/signin", data=wrong, environ_base={"REMOTE_ADDR": "10.0.0.7"})
        # the same code from another address is still limited (a PIN is short)
        blocked_code = client.post(
            "/join/signin",
            data={**wrong, "pin": PIN},
            environ_base={"REMOTE_ADDR": "10.0.0.8"},
        )
    finally:
        app.config["RATE_LIMIT_JOIN"] = "10 per minute;60 per hour"
        app.config["RATE_LIMIT_PERSONAL_CODE"] = "10 per 10 minutes"
    assert blocked_join.status_code == 429
    assert "kutoka kifaa hiki. Subiri dakika 1" in text(blocked_join)
    assert blocked_code.status_code == 429
    # per code, not per device, and for the limit's own window (the tester's finding)
    assert "msimbo huu binafsi: umefungwa kwa dakika 60" in text(blocked_code)


def test_typing_slips_on_the_join_form_never_count_against_the_limit(app, client, cohort):
    """Only a wrong cohort code counts: a PIN typed twice differently, a short PIN or a
    missing name are corrected and sent again, as many times as it takes."""
    app.config["RATE_LIMIT_JOIN"] = "2 per minute"
    try:
        slips = [
            join_form(cohort, pin_confirm="0000"),
            join_form(cohort, pin="123", pin_confirm="123"),
            join_form(cohort, name=""),
        ]
        answers = [client.post("/join", data=slip).status_code for slip in slips * 2]
        joined = client.post("/join", data=join_form(cohort))
    finally:
        app.config["RATE_LIMIT_JOIN"] = "10 per minute;60 per hour"
    assert 429 not in answers
    assert joined.status_code == 302


def test_join_and_sign_in_need_the_csrf_token(app, cohort, make_trainee):
    enrolment = make_trainee()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        fresh = app.test_client()
        joined = fresh.post("/join", data=join_form(cohort))
        signed = fresh.post(
            "/join/signin", data={"personal_code": enrolment.personal_code, "pin": PIN}
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert joined.status_code == 400 and signed.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1


def test_every_page_shows_a_signed_in_user_the_sandbox_date(client, demo_world, login_as):
    assert 'data-testid="sandbox-date"' not in text(client.get("/"))  # visitors: none
    login_as("afisa.dodoma")
    for path in ("/", "/desk/feedback", "/portal/", "/ussd/phone", "/sms/outbox", "/reports/"):
        page = text(client.get(path))
        assert re.search(r'data-testid="sandbox-date">\d\d \w+ 20\d\d', page), path
        assert 'data-testid="bar-personal-code"' not in page  # not a trainee


def test_my_training_is_for_trainees_only(client, demo_world, login_as):
    login_as("afisa.dodoma")
    assert client.get("/training/me").status_code == 403


def test_every_problem_of_a_join_is_shown_on_the_first_try(client, cohort):
    typed = join_form(cohort, join_code="ABC-DEF", phone="12345", pin="12", pin_confirm="13")
    page = text(client.post("/join", data=typed))
    for message in (
        "Hakuna kundi lenye msimbo huu",
        "Andika namba ya simu ya Tanzania",
        "PIN iwe tarakimu 4 hadi 6",
        "PIN mbili hazifanani",
    ):
        assert message in page


def _form_key(client) -> str:
    page = client.get("/join").get_data(as_text=True)
    return re.search(r'name="form_key" type="hidden" value="([^"]+)"', page).group(1)


def test_the_same_join_form_sent_twice_joins_once(client, cohort):
    key = _form_key(client)
    for _ in range(2):
        assert client.post("/join", data=join_form(cohort, form_key=key)).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1
    client.post("/logout")
    stolen = client.post(
        "/join", data=join_form(cohort, form_key=key, pin="9999", pin_confirm="9999")
    )
    assert stolen.status_code == 422 and "Fomu hii imeshatumika" in stolen.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1


def test_the_same_join_form_sent_again_with_another_name_is_refused(client, cohort):
    """A stale tab's second sending with someone else's name does not sign them in as the first."""
    key = _form_key(client)
    assert client.post("/join", data=join_form(cohort, form_key=key)).status_code == 302
    client.post("/logout")
    again = client.post("/join", data=join_form(cohort, form_key=key, name="  asha   MUSHI "))
    assert again.status_code == 302  # the same person (case and spaces aside): their login
    client.post("/logout")
    other = client.post("/join", data=join_form(cohort, form_key=key, name="Tabu Ally"))
    page = other.get_data(as_text=True)
    assert other.status_code == 422 and "Fomu hii imeshatumika" in page and "Tabu Ally" in page
    assert client.get("/desk/").status_code == 302  # not signed in as Asha
    other_cohort = create_cohort("Warsha Nyingine", seed=5)
    elsewhere = client.post(
        "/join", data=join_form(cohort, form_key=key, join_code=other_cohort.join_code)
    )
    assert elsewhere.status_code == 422 and "Fomu hii imeshatumika" in elsewhere.text
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1


@pytest.mark.parametrize("key", ["abc\x00def", "k" * 41, "<b>key</b>", "ключ-формы"])
def test_a_form_key_not_of_ours_joins_as_a_form_without_one(client, cohort, key):
    """A NUL (which PostgreSQL refuses in text), an overlong or a foreign key: no key at all."""
    assert client.post("/join", data=join_form(cohort, form_key=key)).status_code == 302
    assert only_enrolment().join_key is None


def test_a_signed_in_trainee_on_the_join_page_is_told_they_joined_already(client, cohort):
    client.post("/join", data=join_form(cohort))
    page = client.get("/join").get_data(as_text=True)
    assert 'data-testid="already-joined"' in page and "Asha Mushi" in page


def test_a_joined_trainee_s_login_takes_no_password_at_all(client, cohort):
    """The login behind a personal code has no usable password (no hash spent on one)."""
    client.post("/join", data=join_form(cohort))
    enrolment = only_enrolment()
    user = enrolment.user
    assert user.password_hash == NO_PASSWORD
    assert not any(user.check_password(guess) for guess in ("", "!", PIN, NO_PASSWORD))
    client.post("/logout")
    refused = client.post("/login", data={"username": user.username, "password": "!"})
    assert refused.status_code == 422 and client.get("/desk/").status_code == 302
