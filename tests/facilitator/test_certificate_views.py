"""The certificate screens: issuing, printing, revoking, the sheet, and the public verify page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sandbox.certificates.codes import grouped
from sandbox.extensions import db
from sandbox.models import Certificate
from sandbox.services.facilitation.certificates import (
    issue_certificate,
    revoke_certificate,
    set_required_scenarios,
)
from sandbox.services.training.cohorts import create_cohort
from tests.facilitator.planting import plant_attempt

REQUIRED = ["pongezi-kama-pongezi", "a-suggestion-is-a-suggestion"]
PHONE, HOME = "+255 754 111 222", "Halmashauri ya Jiji la Dodoma"


@pytest.fixture
def passed_trainee(cohort, make_trainee):
    """Asha, who passed both required scenarios, with her phone and home institution."""
    set_required_scenarios(cohort, list(REQUIRED))
    asha = make_trainee("Asha Mushi", phone=PHONE, home_institution=HOME)
    for scenario_id in REQUIRED:
        plant_attempt(asha, scenario_id, 1.0, success=True)
    return asha


@pytest.fixture
def issued(cohort, passed_trainee, facilitator):
    """Asha's certificate."""
    return issue_certificate(cohort, passed_trainee.id, facilitator)


def test_the_page_issues_a_certificate_to_an_eligible_trainee(
    client, login_as, cohort, passed_trainee, make_trainee
):
    make_trainee("Juma Said")
    login_as("mwezeshaji")
    page = client.get(f"/facilitator/cohorts/{cohort.id}/certificates").get_data(as_text=True)
    assert "Asha Mushi" in page and "Juma Said" in page and PHONE not in page
    assert page.count('name="enrolment"') == 1  # only Asha may be issued one

    issued = client.post(
        f"/facilitator/cohorts/{cohort.id}/certificates/issue",
        data={"enrolment": str(passed_trainee.id)},
    )
    assert issued.status_code == 302
    certificate = db.session.scalar(db.select(Certificate))
    assert issued.location.endswith(f"/certificates/{certificate.id}")


def test_issuing_to_a_trainee_not_eligible_is_refused(
    client, login_as, cohort, passed_trainee, make_trainee
):
    juma = make_trainee("Juma Said")
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{cohort.id}/certificates/issue"
    refused = client.post(url, data={"enrolment": str(juma.id)})
    assert refused.status_code == 409
    assert client.post(url, data={"enrolment": "x"}).status_code == 400
    assert client.post(url, data={"enrolment": "999999"}).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Certificate.id))) == 0


def test_the_printed_certificate_is_bilingual_with_code_and_qr(client, login_as, cohort, issued):
    login_as("mwezeshaji")
    page = client.get(f"/facilitator/cohorts/{cohort.id}/certificates/{issued.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Cheti cha Mafunzo" in html and "Certificate of Training" in html
    assert "Asha Mushi" in html and "Warsha ya Dodoma" in html
    assert grouped(issued.code) in html
    assert "Pongezi ni pongezi" in html or "A compliment is a compliment" in html
    assert f"/verify/{issued.code}" in html
    qr = re.search(r'<svg viewBox="[^"]*" class="qr">.*?</svg>', html, re.S).group(0)
    ET.fromstring(qr)  # well-formed
    assert PHONE not in html and HOME not in html


def test_the_qr_address_follows_the_public_base_url(app, client, login_as, cohort, issued):
    login_as("mwezeshaji")
    app.config["PUBLIC_BASE_URL"] = "https://mafunzo.example.go.tz/"
    try:
        html = client.get(f"/facilitator/cohorts/{cohort.id}/certificates/{issued.id}")
    finally:
        app.config["PUBLIC_BASE_URL"] = None
    assert f"https://mafunzo.example.go.tz/verify/{issued.code}" in html.get_data(as_text=True)


def test_the_open_badge_is_an_unsigned_open_badge_credential(client, login_as, cohort, issued):
    login_as("mwezeshaji")
    badge = client.get(f"/facilitator/cohorts/{cohort.id}/certificates/{issued.id}/badge.json")
    body = badge.get_json()
    assert body["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert body["credentialSubject"]["name"] == "Asha Mushi"
    assert body["id"].endswith(f"/verify/{issued.code}") and "proof" not in body


def test_revoking_asks_for_a_reason_then_the_verify_page_says_revoked(
    client, login_as, cohort, issued
):
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{cohort.id}/certificates/{issued.id}/revoke"
    assert client.get(url).status_code == 200  # the confirmation page
    empty = client.post(url, data={"reason": ""})
    assert empty.status_code == 422 and issued.revoked_at is None
    done = client.post(url, data={"reason": "Issued to the wrong person"})
    assert done.status_code == 302
    db.session.refresh(issued)
    assert issued.is_revoked and issued.revoked_reason == "Issued to the wrong person"
    client.post("/logout")
    verdict = client.get(f"/verify/{issued.code}").get_data(as_text=True)
    assert 'data-verdict="revoked"' in verdict and "wrong person" not in verdict
    login_as("mwezeshaji")
    assert client.get(url).status_code == 404  # nothing left to revoke


def test_the_required_scenarios_form_saves_and_keeps_a_refused_choice(client, login_as, cohort):
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{cohort.id}/certificates/required"
    none = client.post(url, data={})
    assert none.status_code == 422
    bad = client.post(url, data={"scenarios": ["pongezi-kama-pongezi", "no-such"]})
    assert bad.status_code == 422
    assert 'value="pongezi-kama-pongezi"' in bad.get_data(as_text=True)
    saved = client.post(url, data={"scenarios": REQUIRED})
    assert saved.status_code == 302
    db.session.refresh(cohort)
    assert cohort.required_scenarios == REQUIRED


def test_the_results_sheet_lists_every_trainee_without_personal_data(
    client, login_as, cohort, issued, make_trainee
):
    make_trainee("Juma Said", phone="+255 713 000 999", home_institution="Wizara ya Afya")
    login_as("mwezeshaji")
    html = client.get(f"/facilitator/cohorts/{cohort.id}/sheet").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td class=\"num\">(\d+)</td>\s*<th scope=\"row\">([^<]+)</th>", html)
    assert rows == [("1", "Asha Mushi"), ("2", "Juma Said")]
    assert grouped(issued.code) in html and "2 / 2" in html and "100%" in html
    assert "0 / 2" in html
    for private in (PHONE, HOME, "+255 713 000 999", "Wizara ya Afya"):
        assert private not in html


def test_the_verify_page_is_public_and_tells_valid_from_forged(client, cohort, issued):
    form = client.get("/verify")
    assert form.status_code == 200 and 'name="code"' in form.get_data(as_text=True)
    valid = client.get(f"/verify?code={grouped(issued.code).lower()}").get_data(as_text=True)
    assert 'data-verdict="valid"' in valid and "Asha Mushi" in valid and "Warsha ya Dodoma" in valid
    assert PHONE not in valid and HOME not in valid
    typo = issued.code[:-1] + ("A" if issued.code[-1] != "A" else "B")
    assert 'data-verdict="mistyped"' in client.get(f"/verify/{typo}").get_data(as_text=True)
    forged = client.get("/verify/AAAA-BBBB-CCCC-DDDD").get_data(as_text=True)
    assert 'data-verdict="mistyped"' in forged and "Asha Mushi" not in forged


def test_the_verify_page_is_rate_limited(app, client, issued):
    app.config["RATE_LIMIT_VERIFY"] = "2 per minute"
    try:
        assert client.get("/verify/AAAA-BBBB-CCCC-DDDD").status_code == 200
        assert client.get(f"/verify/{issued.code}").status_code == 200
        assert client.get(f"/verify?code={issued.code}").status_code == 429
        assert client.get("/verify").status_code == 200  # the empty form is not a lookup
    finally:
        app.config["RATE_LIMIT_VERIFY"] = "30 per minute;300 per hour"


def _routes(cohort_id: int, certificate_id: int) -> tuple[list[str], list[str]]:
    """Every GET and POST address of the certificate and chart screens for a cohort."""
    base = f"/facilitator/cohorts/{cohort_id}"
    gets = [
        f"{base}/certificates",
        f"{base}/certificates/print",
        f"{base}/certificates/{certificate_id}",
        f"{base}/certificates/{certificate_id}/badge.json",
        f"{base}/certificates/{certificate_id}/revoke",
        f"{base}/sheet",
        f"{base}/charts",
    ]
    posts = [
        f"{base}/certificates/required",
        f"{base}/certificates/issue",
        f"{base}/certificates/issue-all",
        f"{base}/certificates/{certificate_id}/revoke",
    ]
    return gets, posts


def test_every_route_answers_404_for_another_facilitators_cohort(
    client, login_as, cohort, issued, other_facilitator
):
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    login_as("mwezeshaji")
    gets, posts = _routes(theirs.id, issued.id)
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url, data={"enrolment": "1", "reason": "x y z"}).status_code == 404, url
    own_gets, _ = _routes(cohort.id, issued.id)
    for url in own_gets:
        assert client.get(url).status_code == 200, url
    db.session.refresh(issued)
    assert not issued.is_revoked


def test_every_post_needs_the_csrf_token(app, client, login_as, cohort, issued):
    login_as("mwezeshaji")
    _, posts = _routes(cohort.id, issued.id)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for url in posts:
            refused = client.post(url, data={"enrolment": "1", "reason": "Wrong person"})
            assert refused.status_code == 400, url
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    db.session.refresh(issued)
    assert not issued.is_revoked


def test_a_revoked_certificate_is_listed_with_its_reason(client, login_as, cohort, issued):
    revoke_certificate(cohort, issued.id, "Issued by mistake", None)
    login_as("mwezeshaji")
    html = client.get(f"/facilitator/cohorts/{cohort.id}/certificates").get_data(as_text=True)
    assert 'data-testid="revoked"' in html and "Issued by mistake" in html


def test_odd_input_is_never_a_server_error(client, login_as, cohort, issued):
    for path in (
        "/verify/%F0%9F%98%80",
        "/verify/" + "A" * 300,
        "/verify?code=%3Cscript%3E",
        "/verify?code=" + "-" * 50,
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "<script>" not in answer.get_data(as_text=True)
    login_as("mwezeshaji")
    base = f"/facilitator/cohorts/{cohort.id}/certificates"
    for enrolment in ("-1", "0", "99999999999999", "1e3", ""):
        assert client.post(f"{base}/issue", data={"enrolment": enrolment}).status_code in (
            400,
            404,
        ), enrolment
    too_long = client.post(f"{base}/{issued.id}/revoke", data={"reason": "x" * 5000})
    assert too_long.status_code == 422
    assert client.get(f"{base}/99999999999").status_code == 404


def test_the_cohort_hub_links_to_the_new_pages(client, login_as, cohort):
    login_as("mwezeshaji")
    html = client.get(f"/facilitator/cohorts/{cohort.id}").get_data(as_text=True)
    for page in ("certificates", "sheet", "charts"):
        assert f'href="/facilitator/cohorts/{cohort.id}/{page}"' in html, page


def test_every_valid_certificate_prints_at_once(client, login_as, cohort, issued, make_trainee):
    juma = make_trainee("Juma Said")
    for scenario_id in REQUIRED:
        plant_attempt(juma, scenario_id, 1.0, success=True)
    revoked = issue_certificate(cohort, juma.id, None)
    revoke_certificate(cohort, revoked.id, "Issued by mistake", None)
    login_as("mwezeshaji")
    html = client.get(f"/facilitator/cohorts/{cohort.id}/certificates/print").get_data(as_text=True)
    assert html.count('data-testid="certificate"') == 1
    assert grouped(issued.code) in html and grouped(revoked.code) not in html
    assert f"/verify/{issued.code}" in html
