"""The authorization matrix: every page (GET route of ``app.url_map``) × every role, against
the reviewed expectations in ``authorization_matrix.txt``.

Each route is opened with real arguments from one world (the demo workspace with its
personas, a cohort run by the demo facilitator with one trainee, the trainee's first
scenario) as: an anonymous citizen, that trainee, an officer, a head, a leader, an ICT
officer, the facilitator, a stakeholder and the administrator. The answer is reduced to an
outcome (``200``, ``login`` for a redirect to the login page, ``302`` for another redirect,
or the error status) and compared with the file. A new route without a line fails, so does
a changed outcome; the file is rewritten (to review as a diff) with
``MATRIX_UPDATE=1 pytest tests/security/test_authorization_matrix.py``.

State-changing routes (POST) are covered by ``test_a_refused_role_cannot_post``: every role
the route's declaration refuses is turned away (login, 403 or 404) before the view runs.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from sandbox.access import access_of
from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.preview.invitations import create_invitation
from sandbox.services.preview.pairs import ensure_pair
from sandbox.services.preview.proposals import proposal_by_key, sync_proposals
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.training.library import scenario_library

SNAPSHOT = Path(__file__).parent / "authorization_matrix.txt"
PIN = "4821"
PERSONAS = {
    "officer": "afisa.dodoma",
    "head": "mkuu.dodoma",
    "leader": "kiongozi.dodoma",
    "ict_officer": "tehama.dodoma",
    "facilitator": "mwezeshaji",
    "stakeholder": "mdau",
    "admin": "msimamizi",
}
ROLES = ("anonymous", "trainee", *PERSONAS)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
ARGUMENT = re.compile(r"<(?:[^:>]+:)?(\w+)>")
SKIPPED = {"static", "main.set_language"}  # Flask's files; the language switch (every role)


@pytest.fixture
def world(app, demo_world):
    """Argument values naming real rows (a proposal in preview with the stakeholder's pair, an
    invitation), and the trainee's enrolment."""
    facilitator = db.session.scalar(sa.select(User).where(User.username == "mwezeshaji"))
    cohort = create_cohort("Matrix", seed=5, start=date(2026, 11, 9), facilitator=facilitator)
    enrolment = join_cohort(JoinRequest(cohort.join_code, "Neema Matrix", PIN))
    dodoma = db.session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))
    item = db.session.scalar(
        sa.select(Feedback)
        .where(Feedback.workspace_id == demo_world.id, Feedback.institution_id == dodoma.id)
        .order_by(Feedback.id)
    )
    scenario = scenario_library().in_order()[0]
    sync_proposals()
    proposal = proposal_by_key("auto-escalation")
    stakeholder = db.session.scalar(sa.select(User).where(User.username == "mdau"))
    ensure_pair(stakeholder, proposal)  # the stakeholder's own before and after worlds
    invitation = create_invitation("Matrix", days=3, max_uses=5, by=facilitator)
    values = {
        "feedback_id": item.id,
        "reference": item.reference,
        "ws_code": demo_world.code,
        "institution_id": dodoma.id,
        "cohort_id": cohort.id,
        "enrolment_id": enrolment.id,
        "scenario_id": scenario.id,
        "step_id": scenario.steps[0].id,
        "user_id": db.session.scalar(sa.select(User.id).where(User.username == "afisa.dodoma")),
        "code": "water_supply.complaint",
        "slug": "closing",
        "name": "institutions",
        "day": "2026-12-25",
        "action_name": "acknowledge",
        "key": proposal.key,
        "side": "before",
        "invitation_id": invitation.id,
    }
    return values, enrolment


def _url(rule, values) -> str:
    """The rule with real values (1 for any id the world has no row for)."""
    return ARGUMENT.sub(lambda m: str(values.get(m.group(1), 1)), rule.rule)


def _sign_in(client, role, enrolment) -> None:
    """Leave the previous role's session, then sign in as ``role``."""
    client.post("/logout")
    client.delete_cookie("session")
    if role == "trainee":
        client.post("/join/signin", data={"personal_code": enrolment.personal_code, "pin": PIN})
    elif role != "anonymous":
        client.post("/login", data={"username": PERSONAS[role], "password": DEMO_PASSWORD})


def _outcome(answer) -> str:
    if answer.status_code in (301, 302, 303, 307, 308):
        location = answer.headers.get("Location", "")
        return "login" if "/login" in location or "/join/signin" in location else "302"
    return str(answer.status_code)


def _pages(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "GET" in rule.methods),
        key=lambda rule: (rule.endpoint, rule.rule),
    )


def _read() -> dict[str, str]:
    if not SNAPSHOT.exists():
        return {}
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1) for line in lines if line and not line.startswith("#"))


def _observe(app, client, world) -> dict[str, str]:
    values, enrolment = world
    found: dict[str, dict[str, str]] = {}
    for role in ROLES:
        _sign_in(client, role, enrolment)
        for rule in _pages(app):
            if rule.endpoint in SKIPPED:
                continue
            answer = client.get(_url(rule, values))
            found.setdefault(rule.rule, {})[role] = _outcome(answer)
    return {
        rule: " ".join(f"{role}={outcomes[role]}" for role in ROLES)
        for rule, outcomes in sorted(found.items())
    }


def test_every_page_answers_every_role_as_the_matrix_says(app, client, world):
    observed = _observe(app, client, world)
    if os.environ.get("MATRIX_UPDATE"):
        header = "# rule  role=outcome … (see tests/security/test_authorization_matrix.py)\n"
        body = "\n".join(f"{rule} {outcomes}" for rule, outcomes in observed.items())
        SNAPSHOT.write_text(header + body + "\n", encoding="utf-8")
    expected = _read()
    assert sorted(set(observed) - set(expected)) == [], "new pages: add them to the matrix"
    assert sorted(set(expected) - set(observed)) == [], "pages gone from the matrix's app"
    changed = {
        rule: (expected[rule], got) for rule, got in observed.items() if expected[rule] != got
    }
    assert changed == {}


def test_no_page_answers_a_server_error_to_any_role():
    assert not [line for line in _read().values() if "=500" in line]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_a_refused_role_cannot_post(app, client, world, role):
    """Every state-changing route refuses, before its view runs, each role its declaration
    does not let in: a redirect to sign in, a 403, or a 404 for a hidden route."""
    values, enrolment = world
    _sign_in(client, role, enrolment)
    user = db.session.scalar(
        sa.select(User).where(User.id == enrolment.user_id)
        if role == "trainee"
        else sa.select(User).where(User.username == PERSONAS[role])
    )
    wrong = []
    for rule in app.url_map.iter_rules():
        with app.test_request_context():
            access = access_of(rule.endpoint)
        if not (rule.methods & UNSAFE) or access is None or access.allows(user):
            continue
        answer = client.post(_url(rule, values), data={})
        expected = {"404"} if access.hidden else {"403"}
        if access.kind == "signed_in":
            expected = {"login"}
        if _outcome(answer) not in expected:
            wrong.append((rule.rule, _outcome(answer)))
    assert wrong == []
