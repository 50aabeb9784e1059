"""'Maendeleo yangu / My progress' and 'Nahitaji msaada / I need help', as the trainee sees them."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import HelpRequest
from sandbox.services.training.attempts import check_attempt, open_hint, placed_of, start_attempt
from sandbox.services.training.library import scenario_library
from sandbox.services.training.progress import statements_of
from sandbox.services.training.replay import replay
from tests.training.conftest import sign_in, text

JUMA_PIN = "135790"


def card(page: str, scenario_id: str) -> str:
    """The scenario's card on the progress page."""
    found = re.search(rf'data-testid="scenario-{scenario_id}">(.*?)</li>', page, re.S)
    assert found, scenario_id
    return found.group(1)


@pytest.fixture
def asha(make_trainee, shipped):
    """Asha, who passed one scenario with a hint and started another."""
    asha = make_trainee("Asha Mushi")
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(asha.workspace, asha.user, scenario)
    open_hint(attempt, scenario, "thibitisha")
    replay(asha.workspace, asha.user, placed_of(attempt), scenario.solution)
    check_attempt(attempt, scenario, asha.workspace, asha.user)
    start_attempt(asha.workspace, asha.user, shipped("pongezi-kama-pongezi"))
    return asha


def test_the_progress_page_lists_every_scenario_by_competency_in_swahili(client, asha):
    sign_in(client, asha)
    page = text(client.get("/training/progress"))
    assert "<h1>Maendeleo yangu</h1>" in page
    library = scenario_library()
    for competency in {s.competencies[0] for s in library.scenarios.values()}:
        assert library.competencies[competency].name.sw in page
    for scenario_id in library.scenarios:
        card(page, scenario_id)
    done = card(page, "kuthibitisha-kwa-wakati")
    assert "Imefaulu" in done  # the status tag, as on the scenario list and "%" in done
    assert re.search(r"Vidokezo ulivyotumia</dt><dd>1<", done)
    assert re.search(r"Majaribio</dt><dd>1<", done)
    assert "dakika" in done
    assert "Inaendelea" in card(page, "pongezi-kama-pongezi")
    assert "Haijaanzwa" in card(page, "funua-kwa-sababu")
    assert "Umefaulu hali 1 kati ya" in page
    assert "Nahitaji msaada" in page


def test_the_progress_page_in_english(client, asha):
    sign_in(client, asha)
    client.get("/lang/en")
    page = text(client.get("/training/progress"))
    assert "<h1>My progress</h1>" in page and "You have passed 1 of" in page
    assert "Passed" in card(page, "kuthibitisha-kwa-wakati")
    assert "In progress" in card(page, "pongezi-kama-pongezi")
    assert "Not started" in card(page, "funua-kwa-sababu")
    assert "I need help" in page


def test_my_training_and_the_menu_lead_to_the_progress_page(client, asha):
    sign_in(client, asha)
    assert 'href="/training/progress"' in text(client.get("/training/me"))
    nav = re.search(r'class="main-nav">(.*?)</nav>', text(client.get("/")), re.S).group(1)
    assert 'href="/training/progress"' in nav and "Maendeleo yangu" in nav


def test_the_help_button_flags_the_trainee_and_can_be_withdrawn(client, asha):
    sign_in(client, asha)
    response = client.post("/training/help", data={"next": "/desk/"})
    assert response.status_code == 302 and response.location.endswith("/desk/")
    request = db.session.scalars(sa.select(HelpRequest)).one()
    assert request.user_id == asha.user_id and request.withdrawn_at is None
    assert request.scenario_id == "pongezi-kama-pongezi"  # the scenario she is in
    page = text(client.get("/training/progress"))
    assert "Ombi lako la msaada limehifadhiwa (saa" in page and "Ondoa ombi langu" in page
    assert "Nahitaji msaada</button>" not in page
    client.post("/training/help")  # a second press keeps one request
    assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 1
    flash = text(client.post("/training/help/withdraw", follow_redirects=True))
    assert "Ombi lako la msaada limeondolewa." in flash and "Nahitaji msaada</button>" in flash
    db.session.expire_all()
    assert db.session.get(HelpRequest, request.id).withdrawn_at is not None
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements_of(asha.user)]
    assert verbs[-2:] == ["asked", "withdrew"]
    assert statements_of(asha.user)[-1]["context"]["language"] == "sw"


def test_the_help_button_goes_back_only_to_a_local_page(client, asha):
    sign_in(client, asha)
    response = client.post("/training/help", data={"next": "https://evil.example/"})
    assert response.location.endswith("/training/progress")


def test_help_is_a_post_form_with_a_csrf_token(app, client, asha):
    sign_in(client, asha)
    assert client.get("/training/help").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        page = text(client.get("/training/progress"))
        assert re.search(
            r'action="/training/help">\s*(<input[^>]+>\s*)*<input[^>]+name="csrf_token', page
        )
        assert client.post("/training/help").status_code == 400  # no token
        assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 0
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_two_trainees_see_only_their_own_progress_and_flag(client, asha, make_trainee):
    juma = make_trainee("Juma Said", pin=JUMA_PIN)
    sign_in(client, asha)
    client.post("/training/help")
    sign_in(client, juma, JUMA_PIN)
    page = text(client.get("/training/progress"))
    assert "Umefaulu hali 0 kati ya" in page
    assert "Haijaanzwa" in card(page, "kuthibitisha-kwa-wakati")
    assert "Nahitaji msaada</button>" in page  # Asha's flag is hers
    client.post("/training/help/withdraw")  # withdrawing touches only his own (none)
    db.session.expire_all()
    mine = db.session.scalars(sa.select(HelpRequest)).one()
    assert mine.user_id == asha.user_id and mine.withdrawn_at is None
    assert statements_of(juma.user) == []


def test_only_trainees_have_a_progress_page(client, demo_world, login_as):
    assert client.get("/training/progress").status_code == 302  # sign in first
    login_as("afisa.dodoma")
    assert client.get("/training/progress").status_code == 403
    assert client.post("/training/help").status_code == 403
