"""The console's reset page: choose, confirm, reset, undo, snapshots (reset_views.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, ResetRecord, Snapshot
from sandbox.services.training.cohorts import create_cohort
from sandbox.workflow import Status
from tests.facilitator.test_resets import world


@pytest.fixture
def two(make_trainee):
    """Two trainees of the demo facilitator's cohort."""
    return make_trainee("Asha Mushi"), make_trainee("Baraka Said")


def base(cohort) -> str:
    return f"/facilitator/cohorts/{cohort.id}"


def test_choose_confirm_reset_and_undo_one_trainee(client, login_as, cohort, two):
    asha, baraka = two
    login_as("mwezeshaji")
    hub = client.get(base(cohort)).get_data(as_text=True)
    assert f'href="{base(cohort)}/resets"' in hub
    page = client.get(f"{base(cohort)}/resets").get_data(as_text=True)
    assert "Baraka Said" in page and 'data-testid="no-resets"' in page
    fresh_a, before_b = world(asha.workspace_id), world(baraka.workspace_id)
    db.session.execute(  # Asha's work: one item moved on (a reset must take it back)
        sa.update(Feedback)
        .where(Feedback.id == fresh_a[0][0][0])
        .values(status=Status.CLOSED, version=Feedback.version + 1)
    )
    db.session.commit()
    before_a = world(asha.workspace_id)
    confirm = client.get(
        f"{base(cohort)}/resets/confirm", query_string={"trainee": asha.personal_code}
    )
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Asha Mushi" in text
    assert 'data-testid="plan-workspaces">1<' in text and 'data-testid="plan-items">300<' in text
    assert world(asha.workspace_id) == before_a  # showing changes nothing
    done = client.post(
        f"{base(cohort)}/resets", data={"trainee": asha.personal_code, "scenario": "", "step": ""}
    )
    assert done.status_code == 302
    reset_a = world(asha.workspace_id)
    assert reset_a[:2] == fresh_a[:2] and reset_a != before_a  # items and events as joined
    assert world(baraka.workspace_id) == before_b
    page = client.get(f"{base(cohort)}/resets").get_data(as_text=True)
    assert 'data-testid="reset-log"' in page and 'data-testid="undo"' in page
    record = db.session.scalar(sa.select(ResetRecord))
    undo = f"{base(cohort)}/resets/{record.id}/undo"
    assert client.get(undo).status_code == 200  # asks first
    assert client.post(undo).status_code == 302
    assert world(asha.workspace_id) == before_a
    assert client.get(undo).status_code == 404  # undone: nothing to undo


def test_the_whole_cohort_in_english(client, login_as, cohort, two):
    login_as("mwezeshaji")
    client.get("/lang/en")
    confirm = client.get(f"{base(cohort)}/resets/confirm", query_string={"keep_progress": "y"})
    text = confirm.get_data(as_text=True)
    assert "The whole cohort" in text and 'data-testid="plan-workspaces">2<' in text
    assert "Attempts stay as they are." in text
    assert client.post(f"{base(cohort)}/resets", data={"keep_progress": "1"}).status_code == 302
    record = db.session.scalar(sa.select(ResetRecord))
    assert (record.grain, record.keeps_progress, record.workspaces) == ("cohort", True, 2)


@pytest.mark.parametrize(
    "query, field",
    [
        ({"trainee": "ZZZ-ZZZ"}, "trainee"),
        ({"scenario": "hakuna"}, "scenario"),
        ({"scenario": "kuthibitisha-kwa-wakati", "step": "hakuna"}, "step"),
        ({"step": "x" * 61}, "step"),
    ],
)
def test_bad_choices_come_back_with_what_was_typed_and_why(
    client, login_as, cohort, two, query, field
):
    login_as("mwezeshaji")
    answer = client.get(f"{base(cohort)}/resets/confirm", query_string=query)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422 and 'class="error-summary"' in text
    assert f'id="{field}-error"' in text
    assert (
        db.session.scalar(sa.select(sa.func.count(Snapshot.id)).where(Snapshot.is_fresh.is_(False)))
        == 0
    )


def test_a_refused_post_changes_nothing(client, login_as, cohort, two):
    login_as("mwezeshaji")
    answer = client.post(f"{base(cohort)}/resets", data={"trainee": "ZZZ-ZZZ"})
    assert answer.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(ResetRecord.id))) == 0


def test_save_and_restore_a_named_snapshot(client, login_as, cohort, two):
    asha = two[0]
    login_as("mwezeshaji")
    empty = client.post(f"{base(cohort)}/snapshots", data={"label": "  "})
    assert empty.status_code == 422 and 'id="label-error"' in empty.get_data(as_text=True)
    saved = client.post(f"{base(cohort)}/snapshots", data={"label": "baada ya zoezi 2"})
    assert saved.status_code == 302
    page = client.get(f"{base(cohort)}/resets").get_data(as_text=True)
    assert "baada ya zoezi 2" in page and ">600<" in page
    before = world(asha.workspace_id)
    client.post(f"{base(cohort)}/resets", data={"trainee": asha.personal_code})
    snapshot = db.session.scalar(sa.select(Snapshot).where(Snapshot.is_automatic.is_(False)))
    restore = f"{base(cohort)}/snapshots/{snapshot.id}/restore"
    assert "baada ya zoezi 2" in client.get(restore).get_data(as_text=True)
    assert client.post(restore).status_code == 302
    assert world(asha.workspace_id) == before


def test_another_facilitator_s_cohort_is_404_everywhere(
    client, login_as, cohort, two, other_facilitator
):
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    login_as("mwezeshaji")
    mine = client.post(f"{base(cohort)}/snapshots", data={"label": "yangu"})
    assert mine.status_code == 302
    snapshot = db.session.scalar(sa.select(Snapshot))
    for path in ("/resets", "/resets/confirm"):
        assert client.get(base(theirs) + path).status_code == 404
    assert client.post(base(theirs) + "/resets", data={}).status_code == 404
    assert client.post(base(theirs) + "/snapshots", data={"label": "x"}).status_code == 404
    client.post("/logout")
    login_as("mwezeshaji.pili", "Nenosiri-la-pili-42")
    restore = f"{base(cohort)}/snapshots/{snapshot.id}/restore"
    assert client.get(restore).status_code == 404 and client.post(restore).status_code == 404
    assert client.post(f"{base(cohort)}/resets", data={}).status_code == 404
    assert client.get(f"{base(cohort)}/resets/1/undo").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(ResetRecord.id))) == 0


def test_posts_need_the_csrf_token(app, client, login_as, cohort, two):
    login_as("mwezeshaji")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        reset = client.post(f"{base(cohort)}/resets", data={})
        snap = client.post(f"{base(cohort)}/snapshots", data={"label": "x"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert reset.status_code == 400 and snap.status_code == 400
    assert (
        db.session.scalar(sa.select(sa.func.count(Snapshot.id)).where(Snapshot.is_fresh.is_(False)))
        == 0
    )
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) > 0
