"""The decision report's page, CSV and print: figures, versions, no names, formula safety."""

from __future__ import annotations

import csv
import io

import pytest

from sandbox.extensions import db
from sandbox.proposals.enums import Helpfulness, JobRole, Side
from sandbox.services.preview.report import proposal_report
from tests.preview.feedback_support import (
    add_answer,
    add_step,
    make_proposal,
    make_stakeholder,
)

URL = "/preview/proposals/sms-kila-hatua/report"


@pytest.fixture
def answered(demo_world):
    """A proposal with three answers of named stakeholders and walkthrough rows."""
    proposal = make_proposal()
    people = [make_stakeholder(f"mdau.ripoti{n}", JobRole.OFFICER) for n in range(3)]
    add_answer(proposal, people[0], rating=5, comment="Nzuri sana", concerns=["workload"])
    add_answer(
        proposal,
        people[1],
        rating=2,
        helps=Helpfulness.NO,
        language="en",
        comment='=HYPERLINK("http://x")',
        concern_text="+cost",
    )
    add_answer(proposal, people[2], rating=4, concerns=["workload", "delay"])
    add_step(proposal, people[0], "fungua", Side.BEFORE, 40, refusals=2)
    add_step(proposal, people[0], "fungua", Side.AFTER, 10)
    add_step(proposal, people[1], "fungua", Side.AFTER, 20)
    return proposal, people


def test_the_service_counts_the_version(answered):
    proposal, _ = answered
    page = proposal_report(proposal.key)
    r = page.report
    assert (r.invited, r.responded) == (3, 3)
    assert r.rating.counts == ((1, 0), (2, 1), (3, 0), (4, 1), (5, 1))
    assert r.concerns[0] == ("workload", 2)
    (step,) = r.behaviour
    assert (step.before.median_seconds, step.after.median_seconds) == (40, 15)
    assert step.before.refusals == 2


def test_the_page_shows_figures_and_no_names(client, login_as, answered):
    login_as("mwezeshaji")
    response = client.get(URL)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-testid="table-rating"' in page and "<svg" in page
    assert "Nzuri sana" in page and 'lang="en"' in page
    for name in ("Mdau mdau.ripoti0", "mdau.ripoti1", "Mdau mdau.ripoti2"):
        assert name not in page


@pytest.mark.parametrize("username", ["mwezeshaji", "msimamizi"])
def test_the_proposal_page_leads_organisers_to_the_report(client, login_as, answered, username):
    proposal, _people = answered
    proposal.walkthrough = None  # the fixture names a walkthrough file that does not exist
    db.session.commit()
    login_as(username)
    page = client.get("/preview/proposals/sms-kila-hatua").get_data(as_text=True)
    assert 'data-testid="report-link"' in page and f'href="{URL}"' in page


def test_an_old_version_keeps_its_answers(client, login_as, answered):
    proposal, _people = answered
    proposal.version = 2
    db.session.commit()
    add_answer(proposal, make_stakeholder("mdau.mpya", JobRole.HEAD), rating=1)
    assert proposal_report(proposal.key).report.responded == 1
    assert proposal_report(proposal.key, 1).report.responded == 3
    assert proposal_report(proposal.key, 1).versions == (2, 1)
    login_as("msimamizi")
    page = client.get(URL + "?version=1").get_data(as_text=True)
    assert '<option value="1" selected>' in page


def test_the_csv_has_a_bom_no_names_and_no_formulas(client, login_as, answered):
    login_as("mwezeshaji")
    client.get("/lang/en")
    response = client.get(URL + ".csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Version", "Respondent", "Role at work"]
    comments = [row[11] for row in rows[1:4]]
    assert '\'=HYPERLINK("http://x")' in comments
    assert "'+cost" in [row[10] for row in rows[1:4]]
    header = ["Step", "Step id", "Side", "Started", "Completed", "Median seconds", "Refusals"]
    assert header in rows
    assert ["fungua", "fungua", "Before", "1", "1", "40", "2"] in rows  # no file: id as is
    assert rows[0][12:14] == ["Screen or step", "Screen or step id"]
    assert "mdau.ripoti" not in text and "Mdau " not in text


def test_the_print_summary_is_bilingual_without_navigation_or_names(client, login_as, answered):
    login_as("mwezeshaji")
    page = client.get(URL + "/print").get_data(as_text=True)
    assert "Muhtasari wa uamuzi" in page and "Decision summary" in page
    assert "<nav" not in page and "mdau.ripoti" not in page
    assert page.count('class="sheet"') == 2


@pytest.mark.parametrize("lang", ["sw", "en"])
def test_the_print_summary_names_small_groups_in_both_languages(client, login_as, demo_world, lang):
    proposal = make_proposal()
    add_answer(proposal, make_stakeholder("mdau.peke", JobRole.HEAD), rating=3)
    login_as("mwezeshaji")
    client.get(f"/lang/{lang}")
    page = client.get(URL + "/print").get_data(as_text=True)
    assert "Makundi mengine (chini ya watu 3 kila moja)" in page
    assert "Other groups (fewer than 3 people each)" in page


@pytest.mark.parametrize("username", ["mdau", "afisa.dodoma", "mkuu.dodoma", "kiongozi.dodoma"])
@pytest.mark.parametrize("suffix", ["", ".csv", "/print"])
def test_others_cannot_read_the_report(client, login_as, answered, username, suffix):
    login_as(username)
    assert client.get(URL + suffix).status_code == 404


def test_a_trainee_cannot_read_the_report(client, answered):
    from tests.preview.feedback_support import make_cohort, make_trainee, sign_in_trainee

    enrolment = make_trainee(make_cohort())
    sign_in_trainee(client, enrolment)
    assert client.get(URL).status_code == 404


def test_an_unknown_proposal_is_not_found(client, login_as, demo_world):
    login_as("mwezeshaji")
    assert client.get("/preview/proposals/hakuna/report").status_code == 404


def test_a_respondent_counts_in_the_groups_their_answer_copied(answered):
    """Whoever answered is counted as invited in the same group: never more answers than asked."""
    proposal, people = answered
    for user in people:  # moved since they answered
        user.region_id = None
    db.session.commit()
    report = proposal_report(proposal.key).report
    for rows in report.breakdowns.values():
        assert all(group.responded <= group.invited for group in rows)
        assert sum(group.responded for group in rows) == 3
    assert report.invited == 3


def test_the_csv_merges_a_lone_respondents_facts_as_the_page_does(client, login_as, answered):
    proposal, _people = answered
    lone = make_stakeholder("mdau.peke", JobRole.POLICY)
    add_answer(proposal, lone, comment="Mimi peke yangu", job_role=JobRole.POLICY, region="Ruvuma")
    login_as("mwezeshaji")
    client.get("/lang/en")
    rows = list(csv.reader(io.StringIO(client.get(URL + ".csv").text.lstrip("\ufeff"))))
    (lone,) = [row for row in rows if "Mimi peke yangu" in row]
    other = "Other groups (fewer than 3 people each)"
    assert lone[2:5] == [other, "Council", other]  # 4 invited work at councils
    officers = [row for row in rows[1:4] if row]
    assert len(officers) == 3
    assert all(row[2:5] == ["Feedback officer", "Council", "Dodoma"] for row in officers)
