"""Two officers acting on one item at the same instant: one wins, the other gets a message."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent
from sandbox.workflow import Action, Role
from tests.concurrency import no_errors, race
from tests.desk.factories import act, make_item, make_user


@pytest.fixture
def two_officers(make_workspace, client):
    """A workspace with two officers of one institution (the client fixture cleans up)."""
    ws = make_workspace()
    for name in ("afisa", "afisa2"):
        make_user(ws, name, Role.OFFICER, "DODOMA_CC")
    return ws


def _login_as_one_of_two(client, i):
    client.post("/login", data={"username": ("afisa", "afisa2")[i % 2], "password": "pw"})


def _events(item_id: int, action: Action) -> list[FeedbackEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(FeedbackEvent).where(
                FeedbackEvent.feedback_id == item_id, FeedbackEvent.action == action
            )
        )
    )


@pytest.mark.parametrize("round_", range(5))
def test_simultaneous_acknowledgements_one_wins_the_other_is_told(app, two_officers, round_):
    item = make_item(two_officers, "DODOMA_CC")
    url = f"/desk/feedback/{item.id}/actions/acknowledge"
    data = {"acknowledge-version": str(item.version)}
    responses = no_errors(
        race(app, 2, lambda c, i: c.post(url, data=data), prepare=_login_as_one_of_two)
    )
    codes = sorted(r.status_code for r in responses)
    assert codes[0] == 302 and codes[1] in (409, 422), codes  # never a 500
    loser = next(r for r in responses if r.status_code != 302)
    assert "Mtu mwingine amebadilisha" in loser.text or "haiwezekani" in loser.text.lower()
    assert len(_events(item.id, Action.ACKNOWLEDGE)) == 1


def test_simultaneous_notes_keep_the_losers_text(app, two_officers):
    item = act(two_officers, make_item(two_officers, "DODOMA_CC"), Action.ACKNOWLEDGE)
    url, version = f"/desk/feedback/{item.id}/actions/note", str(item.version)

    def note(client, i):
        data = {"note-version": version, "note-text": f"Dokezo la afisa {i}"}
        return client.post(url, data=data)

    responses = no_errors(race(app, 2, note, prepare=_login_as_one_of_two))
    assert sorted(r.status_code for r in responses) == [302, 409]
    [kept] = _events(item.id, Action.NOTE)
    loser = next(r for r in responses if r.status_code == 409)
    assert "Mtu mwingine amebadilisha" in loser.text
    lost_text = "Dokezo la afisa 1" if kept.text.endswith("0") else "Dokezo la afisa 0"
    assert lost_text in loser.text  # what the loser typed is still in the form


def test_a_doubled_note_from_one_page_counts_once(app, two_officers):
    item = act(two_officers, make_item(two_officers, "DODOMA_CC"), Action.ACKNOWLEDGE)
    url, before = f"/desk/feedback/{item.id}/actions/note", item.version
    data = {"note-version": str(before), "note-text": "Nimempigia simu."}
    login = lambda c, i: c.post("/login", data={"username": "afisa", "password": "pw"})  # noqa: E731
    responses = no_errors(race(app, 2, lambda c, i: c.post(url, data=data), prepare=login))
    assert sorted(r.status_code for r in responses) == [302, 409]
    assert len(_events(item.id, Action.NOTE)) == 1
    assert db.session.get(Feedback, item.id).version == before + 1


def test_a_walk_in_form_posted_twice_at_once_is_recorded_once(app, two_officers):
    data = {
        "type": "complaint",
        "description": "Foleni ndefu ofisini",
        "language": "sw",
        "consent": "no",
        "form_key": "walk-in-form-key-0001",
    }
    login = lambda c, i: c.post("/login", data={"username": "afisa", "password": "pw"})  # noqa: E731
    responses = no_errors(race(app, 3, lambda c, i: c.post("/desk/walk-in", data=data), login))
    assert {r.status_code for r in responses} == {302}
    assert len({r.location for r in responses}) == 1  # every answer opens the same item
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 1
