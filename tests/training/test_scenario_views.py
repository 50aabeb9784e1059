"""The trainee's scenario screens: list, start, panel, hints, check, retry, restart, isolation."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, ScenarioAttempt
from sandbox.workflow import Action, Status
from tests.training.conftest import PIN, sign_in, text

FIRST = "kuthibitisha-kwa-wakati"
AFTER_FIRST = "ask-the-citizen-and-resume"


def the_attempt() -> ScenarioAttempt:
    return db.session.scalars(
        sa.select(ScenarioAttempt).where(ScenarioAttempt.is_current.is_(True))
    ).one()


def act(client, item_id: int, action: Action):
    item = db.session.get(Feedback, item_id)
    db.session.refresh(item)
    data = {f"{action.value}-version": item.version}
    if action is Action.ASSIGN:
        data[f"{action.value}-assignee"] = _an_officer(client, item_id)
    return client.post(f"/desk/feedback/{item_id}/actions/{action.value}", data=data)


def _an_officer(client, item_id: int) -> str:
    page = text(client.get(f"/desk/feedback/{item_id}"))
    start = page.index('name="assign-assignee"')
    marker = '<option value="'
    at = page.index(marker, start) + len(marker)
    if page[at] == '"':  # an empty "choose" option first
        at = page.index(marker, at) + len(marker)
    return page[at : page.index('"', at)]


@pytest.fixture
def asha(client, make_trainee):
    enrolment = make_trainee("Asha Mushi")
    sign_in(client, enrolment)
    return enrolment


def start(client, scenario_id=FIRST):
    return client.post(f"/training/scenarios/{scenario_id}/start")


def test_the_list_groups_by_competency_with_status_and_locks(client, asha):
    page = text(client.get("/training/scenarios"))
    assert "Muda wa kushughulikia" in page  # the competency of the first scenario
    assert "Thibitisha kupokea kwa wakati" in page and "Haijaanzwa" in page
    assert "Imefungwa. Faulu kwanza:" in page  # what unlocks a locked one
    assert 'href="/training/scenarios"' in text(client.get("/training/me"))  # linked, and menu
    assert client.post(f"/training/scenarios/{AFTER_FIRST}/start").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(ScenarioAttempt.id))) == 0  # still locked


def test_starting_shows_the_panel_on_every_page(client, asha):
    assert "scenario-panel" not in text(client.get("/desk/feedback"))
    response = start(client)
    assert response.status_code == 302
    attempt = the_attempt()
    assert attempt.workspace_id == asha.workspace_id
    desk = text(client.get("/desk/", follow_redirects=True))
    assert 'data-testid="scenario-panel"' in desk
    assert "Hatua 1:" in desk and "Thibitisha kupokea lalamiko kabla" in desk
    assert "Kagua kazi yangu" in desk and "0 kati ya hatua 2" in desk
    client.get("/lang/en")
    assert "Check my work" in text(client.get("/training/me"))


def test_a_hint_is_a_post_and_shows_its_cost(client, asha):
    start(client)
    attempt = the_attempt()
    page = text(client.get("/desk/feedback"))
    assert "Onyesha kidokezo" in page
    response = client.post(
        f"/training/attempts/{attempt.id}/hints/thibitisha", data={"next": "/desk/feedback"}
    )
    assert response.status_code == 302 and response.location.endswith("/desk/feedback")
    db.session.refresh(attempt)
    assert attempt.hints_opened == {"thibitisha": 1}
    page = text(client.get("/desk/feedback"))
    assert "Fungua lalamiko kwenye dawati" in page and "25 % ya hatua hii" in page


def test_check_my_work_says_what_passed_and_why_not(client, asha):
    start(client)
    attempt = the_attempt()
    item = attempt.placed["items"]["A"]
    response = client.post(f"/training/attempts/{attempt.id}/check")
    assert response.status_code == 302 and response.location.endswith("#results")
    page = text(client.get(response.location))
    reference = db.session.get(Feedback, item).reference
    assert "Bado:" in page and f"Lalamiko {reference}" in page  # names the item, expected/found
    client.get("/lang/en")
    page = text(client.get(f"/training/scenarios/{FIRST}"))
    assert "Not yet:" in page and f"Complaint {reference}: expected" in page


def test_an_action_at_the_desk_passes_the_step_at_once(client, asha):
    start(client)
    attempt = the_attempt()
    item = attempt.placed["items"]["A"]
    response = act(client, item, Action.ACKNOWLEDGE)
    assert response.status_code == 302
    db.session.refresh(attempt)
    assert attempt.steps_passed == ["thibitisha"]
    page = text(client.get(response.location))
    assert "Hatua imekamilika: Thibitisha kupokea" in page
    assert 'data-state="passed"' in page and "1 kati ya hatua 2" in page
    act(client, item, Action.ASSIGN)
    act(client, item, Action.START)
    db.session.refresh(attempt)
    assert attempt.score == 1.0 and attempt.is_completed and attempt.is_success
    page = text(client.get(f"/training/scenarios/{FIRST}"))
    assert "Tathmini" in page  # the debrief
    assert "Imefaulu" in text(client.get("/training/scenarios"))


def test_retry_and_restart_from_the_screen(client, asha):
    start(client)
    attempt = the_attempt()
    first_item = attempt.placed["items"]["A"]
    act(client, first_item, Action.ACKNOWLEDGE)
    response = client.post(f"/training/attempts/{attempt.id}/steps/thibitisha/retry")
    assert response.status_code == 302
    db.session.refresh(attempt)
    again = attempt.placed["items"]["A"]
    assert again != first_item and db.session.get(Feedback, again).status is Status.RECEIVED
    assert attempt.steps_passed == []

    start(client)  # start again
    attempts = db.session.scalars(sa.select(ScenarioAttempt).order_by(ScenarioAttempt.id)).all()
    assert len(attempts) == 2 and [a.is_current for a in attempts] == [False, True]
    assert "Majaribio yako" in text(client.get(f"/training/scenarios/{FIRST}"))


def test_another_trainee_s_attempt_is_404(client, asha, make_trainee):
    start(client)
    hers = the_attempt()
    juma = make_trainee("Juma Said", pin="135790")
    sign_in(client, juma, "135790")
    for path in (
        f"/training/attempts/{hers.id}/check",
        f"/training/attempts/{hers.id}/hints/thibitisha",
        f"/training/attempts/{hers.id}/steps/thibitisha/retry",
        f"/training/attempts/{hers.id}/continue",
    ):
        assert client.post(path).status_code == 404, path
    assert "scenario-panel" not in text(client.get("/desk/feedback"))  # her panel is not his
    db.session.refresh(hers)
    assert hers.hints_opened == {} and hers.checked_wall is None
    # and the proof can fail: his own attempt answers
    start(client)
    his = db.session.scalars(
        sa.select(ScenarioAttempt).where(ScenarioAttempt.user_id == juma.user_id)
    ).one()
    assert client.post(f"/training/attempts/{his.id}/check").status_code == 302


def test_an_unknown_scenario_is_404(client, asha):
    assert client.get("/training/scenarios/hakuna").status_code == 404
    assert client.post("/training/scenarios/hakuna/start").status_code == 404


def test_continue_brings_a_scenario_back_to_the_panel(client, asha):
    first, second = FIRST, "pongezi-kama-pongezi"
    start(client, first)
    start(client, second)
    assert "Endelea na hali hii" not in text(client.get(f"/training/scenarios/{second}"))
    page = text(client.get(f"/training/scenarios/{first}"))
    assert "Endelea na hali hii" in page
    attempt = db.session.scalars(
        sa.select(ScenarioAttempt).where(ScenarioAttempt.scenario_id == first)
    ).one()
    assert client.post(f"/training/attempts/{attempt.id}/continue").status_code == 302
    assert f'href="/training/scenarios/{first}"' in text(client.get("/desk/feedback"))


def test_the_panel_and_the_scenario_page_link_the_step_s_guide(client, asha):
    """A step links its own ``guide:``; without one, the guide of the scenario's first
    competency that has one (deadlines, for the first scenario)."""
    from sandbox.guides.links import step_guide
    from sandbox.services.training.library import scenario_library

    start(client)
    panel = text(client.get("/desk/feedback"))
    assert 'href="/guides/deadlines" data-testid="panel-guide">Mwongozo: ' in panel
    assert 'href="/guides/deadlines"' in text(client.get(f"/training/scenarios/{FIRST}"))
    scenario = scenario_library().scenarios[FIRST]
    own = scenario.steps[0].model_copy(update={"guide": "confidentiality"})
    assert step_guide(scenario, own) == "confidentiality"
    assert step_guide(scenario, scenario.steps[0]) == "deadlines"


def _signed_in_as(enrolment):
    def prepare(client, _i):
        response = client.post(
            "/join/signin", data={"personal_code": enrolment.personal_code, "pin": PIN}
        )
        assert response.status_code == 302

    return prepare


@pytest.mark.parametrize("form", [{"replaces": ""}, {}])
def test_a_double_clicked_start_starts_once_and_never_fails(app, client, asha, form):
    """Two starts at the same instant (a double-click, two tabs): no error page, and with
    the form's ``replaces`` one attempt, not two (tester's finding: a 500, then 2 attempts)."""
    from tests.concurrency import race

    url = f"/training/scenarios/{FIRST}/start"
    answers = race(app, 3, lambda c, i: c.post(url, data=form), prepare=_signed_in_as(asha))
    assert [getattr(a, "status_code", a) for a in answers] == [302, 302, 302]
    attempts = db.session.scalars(
        sa.select(ScenarioAttempt).where(ScenarioAttempt.user_id == asha.user_id)
    ).all()
    current = [a for a in attempts if a.is_current]
    assert len(current) == 1
    if form:
        assert len(attempts) == 1


def test_a_restart_form_sent_twice_restarts_once(client, asha):
    start(client)
    first = the_attempt()
    for _ in range(2):
        client.post(f"/training/scenarios/{FIRST}/start", data={"replaces": str(first.id)})
    attempts = db.session.scalars(
        sa.select(ScenarioAttempt).where(ScenarioAttempt.user_id == asha.user_id)
    ).all()
    assert len(attempts) == 2 and sum(a.is_current for a in attempts) == 1
