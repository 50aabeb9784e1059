"""Every cohort page added for cohorts, enrolment, the clock and the shared workspace: 404 for
a cohort another facilitator runs, and 400 for a POST without its CSRF token."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort

PAGES = [
    ("GET", "/edit"),
    ("POST", "/edit"),
    ("GET", "/archive"),
    ("POST", "/archive"),
    ("GET", "/join-code"),
    ("GET", "/join-sheet"),
    ("GET", "/enrol"),
    ("POST", "/enrol"),
    ("POST", "/enrol/confirm"),
    ("GET", "/trainees"),
    ("GET", "/trainees/{enrolment}/pin"),
    ("POST", "/trainees/{enrolment}/pin"),
    ("GET", "/clock"),
    ("POST", "/clock"),
    ("GET", "/shared"),
    ("POST", "/shared"),
]
FORM = {"name": "Imevamiwa", "language": "en", "days": "3", "confirmed": "yes"}
FORM["content"] = "name\nMvamizi\n"


def test_another_facilitators_cohort_is_not_found_on_every_page(
    client, login_as, other_facilitator, facilitator
):
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    enrolment = join_cohort(JoinRequest(theirs.join_code, "Asha Mushi", "4821"))
    login_as("mwezeshaji")
    for method, page in PAGES:
        url = f"/facilitator/cohorts/{theirs.id}" + page.format(enrolment=enrolment.id)
        answer = client.open(url, method=method, data=FORM)
        assert answer.status_code == 404, (method, page)
    db.session.refresh(theirs)
    assert (theirs.name, theirs.is_archived, theirs.shared_workspace_id) == (
        "Warsha ya Mwanza",
        False,
        None,
    )
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1


def test_a_trainee_of_my_cohort_is_not_found_through_another_cohort(
    client, login_as, cohort, make_trainee, facilitator
):
    mine = create_cohort("Warsha ya Pili", seed=4, facilitator=facilitator)
    enrolment = make_trainee("Asha Mushi")
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{mine.id}/trainees/{enrolment.id}/pin"
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404


@pytest.mark.parametrize("page", ["/new", *sorted({p for m, p in PAGES if m == "POST"})])
def test_every_post_needs_its_csrf_token(app, client, login_as, cohort, make_trainee, page):
    enrolment = make_trainee("Asha Mushi")
    login_as("mwezeshaji")
    path = "/facilitator/cohorts" + ("" if page == "/new" else f"/{cohort.id}")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        answer = client.post(path + page.format(enrolment=enrolment.id), data=FORM)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert answer.status_code == 400, page
    db.session.refresh(cohort)
    assert (cohort.name, cohort.is_archived, cohort.shared_workspace_id) == (
        "Warsha ya Dodoma",
        False,
        None,
    )
    assert db.session.scalar(sa.select(sa.func.count(Cohort.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1
