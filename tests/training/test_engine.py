"""The scenario engine on the database: setup, snapshot, replay, checking, trials."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, ScenarioAttempt, User, Workspace
from sandbox.scenarios import acts
from sandbox.scenarios.view import Actor
from sandbox.services.training.attempts import (
    AttemptRefused,
    check_attempt,
    current_attempt,
    open_hint,
    placed_of,
    start_attempt,
)
from sandbox.services.training.checking import check_work
from sandbox.services.training.replay import replay
from sandbox.services.training.setup import SetupRefused, apply_setup
from sandbox.services.training.snapshot import build_view
from sandbox.services.training.trial import (
    discard_workspace,
    throwaway_workspace,
    try_scenario,
)
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Action, EscalationLevel, Status, Toggle


def test_setup_injects_items_with_their_history(desk, shipped):
    workspace, trainee = desk
    placed = apply_setup(workspace, trainee, shipped("maelekezo-ya-kiongozi"))
    item = db.session.get(Feedback, placed.items["A"])
    assert item.institution_id == trainee.institution_id  # "own"
    assert item.reference.startswith(f"MRJ-{workspace.reference_tag}-")
    assert item.escalation_level is EscalationLevel.HEAD
    actions = [e.action for e in item.events]
    assert actions == [
        Action.SUBMIT,
        Action.ACKNOWLEDGE,
        Action.ASSIGN,
        Action.START,
        Action.ESCALATE,
        Action.DIRECTIVE,
    ]
    assert workspace.next_reference_seq == 2
    assert placed.first_new_id > item.id


def test_setup_refuses_a_history_that_does_not_fit_before_now(desk, scenario_from):
    workspace, trainee = desk
    item = {"key": "A", "type": "complaint", "description": "Taka.", "history": "ack assign"}
    scenario = scenario_from(setup={"items": [item]})  # received an hour ago
    with pytest.raises(SetupRefused) as refused:
        apply_setup(workspace, trainee, scenario)
    assert "Item A" in refused.value.message_en
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


def test_setup_switches_toggles_and_moves_the_clock(desk, scenario_from):
    workspace, trainee = desk
    setup = {
        "toggles": {"reply_identity_warning": False},
        "clock": {"advance_working_days": 2},
        "items": [{"key": "A", "type": "inquiry", "description": "Lini?"}],
    }
    placed = apply_setup(workspace, trainee, scenario_from(setup=setup))
    assert not rules_for(workspace).is_on(Toggle.REPLY_IDENTITY_WARNING)
    assert placed.started_at.date().isoformat() == "2026-11-04"


def test_the_view_tells_the_trainee_from_others_and_keeps_new_items_apart(desk, shipped):
    workspace, trainee = desk
    placed = apply_setup(workspace, trainee, shipped("kuthibitisha-kwa-wakati"))
    walk_in = acts.WalkIn(do="walk_in", type="complaint", description="Soko.", consent=False)
    done = replay(
        workspace, trainee, placed, [acts.Acknowledge(do="acknowledge", item="A"), walk_in]
    )
    assert all(r.is_done for r in done)
    view = build_view(workspace, trainee, placed)
    item = view.item("A")
    assert [(e.action, e.actor) for e in item.events] == [
        (Action.SUBMIT, Actor.CITIZEN),
        (Action.ACKNOWLEDGE, Actor.TRAINEE),
    ]
    assert item.templates  # the replies offered for it, filled in
    (made,) = view.created
    assert made.submitted_by is Actor.TRAINEE and made.is_anonymous and not made.has_identity
    assert view.own_institution == "DODOMA_CC"


def test_a_refused_act_is_recorded_and_the_replay_goes_on(desk, shipped):
    workspace, trainee = desk
    placed = apply_setup(workspace, trainee, shipped("kuthibitisha-kwa-wakati"))
    done = replay(
        workspace,
        trainee,
        placed,
        [
            acts.Start(do="start", item="A"),  # not before it is assigned
            acts.RevealIdentity(do="reveal_identity", item="A", reason="?"),  # too short
            acts.Acknowledge(do="acknowledge", item="A"),
        ],
    )
    assert [r.is_done for r in done] == [False, False, True]
    assert "Start" in done[0].refusal[1]
    assert db.session.get(Feedback, placed.items["A"]).status is Status.ACKNOWLEDGED


def test_check_work_reads_the_workspace_as_it_is_now(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    placed = apply_setup(workspace, trainee, scenario)
    before = check_work(workspace, trainee, scenario, placed)
    assert before.score == 0 and not before.completed
    replay(workspace, trainee, placed, [acts.Acknowledge(do="acknowledge", item="A")])
    after = check_work(workspace, trainee, scenario, placed, {"thibitisha": 2})
    assert after.step("thibitisha").passed
    assert after.step("thibitisha").credit == pytest.approx(0.75)  # the second hint cost 0.25
    assert after.score == 0.25


def test_a_solution_that_falls_short_is_reported(app_ctx, scenario_from):
    trial = try_scenario(scenario_from(solution=[{"do": "note", "item": "A", "text": "Sawa."}]))
    assert not trial.solution.is_as_intended
    assert trial.solution.outcome.score == 0
    assert not trial.is_as_intended


def test_a_pitfall_that_does_not_fail_is_reported(app_ctx, scenario_from):
    pitfall = {
        "name": "actually right",
        "actions": [{"do": "acknowledge", "item": "A"}],
        "expect": {"step": "thibitisha", "check": 0},
    }
    trial = try_scenario(scenario_from(pitfalls=[pitfall]))
    assert trial.solution.is_as_intended
    assert trial.pitfalls[0].caught is None
    assert not trial.is_as_intended


def test_a_pitfall_must_say_what_it_promises(app_ctx, scenario_from):
    pitfall = {
        "name": "says something else",
        "actions": [{"do": "note", "item": "A", "text": "Baadaye."}],
        "expect": {"step": "thibitisha", "check": "item_status", "says": "escalated"},
    }
    trial = try_scenario(scenario_from(pitfalls=[pitfall]))
    assert trial.pitfalls[0].caught is None


def test_a_trial_leaves_nothing_behind(app_ctx, shipped):
    counts = [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Workspace, User, Feedback, FeedbackEvent)
    ]
    try_scenario(shipped("keep-the-complainant-confidential"))
    after = [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Workspace, User, Feedback, FeedbackEvent)
    ]
    assert after == counts


def test_discard_workspace_removes_only_that_workspace(app_ctx, make_workspace, shipped):
    keep = make_workspace("keep")
    with throwaway_workspace() as (workspace, trainee):
        apply_setup(workspace, trainee, shipped("kuthibitisha-kwa-wakati"))
        code = workspace.code
    assert db.session.scalar(sa.select(Workspace).where(Workspace.code == code)) is None
    keep_id = keep.id
    assert db.session.get(Workspace, keep_id) is not None
    discard_workspace(keep)
    db.session.expunge_all()
    assert db.session.get(Workspace, keep_id) is None


def test_an_attempt_records_hints_and_the_latest_check(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("kuthibitisha-kwa-wakati")
    attempt = start_attempt(workspace, trainee, scenario)
    assert current_attempt(workspace, trainee, scenario.id) == attempt
    hint = open_hint(attempt, scenario, "thibitisha")
    assert hint.text.sw.startswith("Fungua")
    open_hint(attempt, scenario, "thibitisha")
    with pytest.raises(AttemptRefused):
        open_hint(attempt, scenario, "thibitisha")  # only two hints
    replay(workspace, trainee, placed_of(attempt), scenario.solution)
    outcome = check_attempt(attempt, scenario, workspace, trainee)
    db.session.expire_all()
    stored = db.session.get(ScenarioAttempt, attempt.id)
    assert stored.hints_opened == {"thibitisha": 2}
    assert stored.score == outcome.score == pytest.approx((0.75 + 2) / 3, abs=1e-4)
    assert stored.is_completed and stored.is_success
    assert stored.steps_passed == ["thibitisha", "panga-na-anza"]


def test_restarting_keeps_the_earlier_attempt(desk, shipped):
    workspace, trainee = desk
    scenario = shipped("pongezi-kama-pongezi")
    first = start_attempt(workspace, trainee, scenario)
    second = start_attempt(workspace, trainee, scenario)
    db.session.expire_all()
    assert not db.session.get(ScenarioAttempt, first.id).is_current
    assert current_attempt(workspace, trainee, scenario.id).id == second.id
    assert second.placed["items"]["A"] != first.placed["items"]["A"]


def test_a_leader_of_the_setup_gives_a_directive_and_the_citizen_rates(desk, scenario_from):
    workspace, trainee = desk
    setup = {
        "staff": [{"key": "L", "role": "leader"}],
        "items": [
            {
                "key": "A",
                "type": "complaint",
                "description": "Maji.",
                "received_working_days_ago": 1,
                "history": "ack",
            },
            {
                "key": "B",
                "type": "complaint",
                "description": "Barabara.",
                "received_working_days_ago": 3,
                "history": "ack assign start respond",
            },
        ],
    }
    scenario = scenario_from(setup=setup)
    placed = apply_setup(workspace, trainee, scenario)
    done = replay(
        workspace,
        trainee,
        placed,
        [
            acts.Directive(do="directive", item="A", text="Shughulikieni leo.", by="L"),
            acts.Escalate(do="escalate", item="A", reason="Imechelewa kwa mkuu."),
            acts.Rate(do="rate", item="B", rating=2),
        ],
    )
    assert [r.refusal for r in done] == [None, None, None]
    view = build_view(workspace, trainee, placed)
    assert [(e.action, e.actor) for e in view.item("A").events[-2:]] == [
        (Action.DIRECTIVE, Actor.LEADER),
        (Action.ESCALATE, Actor.TRAINEE),
    ]
    assert view.item("A").escalation_level is EscalationLevel.HEAD
    assert view.item("B").rating == 2
    assert view.item("B").events[-1].actor is Actor.CITIZEN


def test_the_citizen_texts_feedback_then_tracks_it_by_sms(desk, scenario_from):
    workspace, trainee = desk
    placed = apply_setup(workspace, trainee, scenario_from())
    done = replay(
        workspace,
        trainee,
        placed,
        [
            acts.SubmitSms(do="submit_sms", text="TANESCO umeme umekatika Chamwino siku 3"),
            acts.TrackSms(do="track_sms"),
            acts.TrackSms(do="track_sms", item="A", keyword="TRACK"),
            acts.SubmitSms(do="submit_sms", text="HAKUNA_TAASISI hii haipo"),
        ],
    )
    assert [r.refusal is None for r in done] == [True, True, True, False]
    assert "HAKUNA_TAASISI" in done[3].refusal[1]
    view = build_view(workspace, trainee, placed)
    (made,) = view.created
    assert made.channel.value == "sms" and made.institution == "TANESCO"
    assert [t.channel.value for t in made.trackings] == ["sms"]
    assert len(view.item("A").trackings) == 1
    assert any(s.inbound for s in made.sms) and any(not s.inbound for s in made.sms)


def test_setup_transfers_through_a_list_and_assigns_to_a_named_officer(desk, scenario_from):
    workspace, trainee = desk
    setup = {
        "staff": [{"key": "J", "role": "officer", "name": "Zawadi Mushi"}],
        "items": [
            {
                "key": "A",
                "type": "complaint",
                "institution": "NIDA",
                "description": "Cheti.",
                "received_working_days_ago": 3,
                "history": "ack transfer accept transfer accept transfer accept",
                "transfer_to": ["RITA", "TAMISEMI", "own"],
            }
        ],
    }
    scenario = scenario_from(setup=setup)
    placed = apply_setup(workspace, trainee, scenario)
    item = db.session.get(Feedback, placed.items["A"])
    assert item.institution_id == trainee.institution_id
    assert item.transfer_count == 3
    done = replay(
        workspace,
        trainee,
        placed,
        [
            acts.Transfer(do="transfer", item="A", to="TANESCO", reason="Jaribio la nne."),
            acts.Assign(do="assign", item="A", officer="J"),
        ],
    )
    assert done[0].refusal is not None and "3" in done[0].refusal[1]
    assert done[1].refusal is None
    view = build_view(workspace, trainee, placed)
    assert view.item("A").assignee == "J"
    assert view.staff == {"J": "Zawadi Mushi"}
    transfers = [e.institution for e in view.item("A").events_of(Action.TRANSFER_REQUEST)]
    assert transfers == ["RITA", "TAMISEMI", "DODOMA_CC"]


def test_an_act_naming_an_unknown_officer_is_refused_on_load(scenario_from):
    with pytest.raises(ValueError, match="staff key 'J'"):
        scenario_from(solution=[{"do": "assign", "item": "A", "officer": "J"}])


def test_the_trainee_directs_as_the_leader_they_play(desk, scenario_from):
    workspace, trainee = desk
    setup = {
        "items": [
            {
                "key": "A",
                "type": "complaint",
                "description": "Maji.",
                "received_working_days_ago": 20,
                "history": "ack assign start escalate escalate",
            }
        ]
    }
    placed = apply_setup(workspace, trainee, scenario_from(setup=setup))
    done = replay(
        workspace,
        trainee,
        placed,
        [acts.Directive(do="directive", item="A", text="Jibuni kabla ya Ijumaa.")],
    )
    assert [r.refusal for r in done] == [None]
    item = db.session.get(Feedback, placed.items["A"])
    directive = item.events[-1]
    assert (directive.action, directive.actor_id) == (Action.DIRECTIVE, trainee.id)
    assert "escalation:leader" in (directive.detail or "")
    view = build_view(workspace, trainee, placed)
    assert view.item("A").events[-1].actor is Actor.TRAINEE


def test_a_start_that_lost_a_race_leaves_no_second_current_attempt_and_no_items(
    desk, shipped, monkeypatch
):
    """Two starts racing both read "no current attempt"; the database's one-current-attempt
    index refuses the loser, and its items go with it (one transaction)."""
    from sqlalchemy.exc import IntegrityError

    from sandbox.services.training import attempts

    workspace, trainee = desk
    scenario = shipped("pongezi-kama-pongezi")
    start_attempt(workspace, trainee, scenario)
    items = db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id == workspace.id)
    )
    monkeypatch.setattr(attempts, "current_attempt", lambda *args: None)  # the stale read
    with pytest.raises(IntegrityError):
        start_attempt(workspace, trainee, scenario)
    db.session.rollback()
    current = db.session.scalars(
        sa.select(ScenarioAttempt).where(
            ScenarioAttempt.user_id == trainee.id, ScenarioAttempt.is_current.is_(True)
        )
    ).all()
    assert len(current) == 1
    after = db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id == workspace.id)
    )
    assert after == items


def test_check_messages_name_institutions_by_their_names_not_codes(desk, shipped):
    """Tester's finding: "Lalamiko kwa DODOMA_CC" in a step's message."""
    workspace, trainee = desk
    scenario = shipped("submit-as-a-citizen")
    attempt = start_attempt(workspace, trainee, scenario)
    outcome = check_work(workspace, trainee, scenario, placed_of(attempt))
    [failure] = outcome.step("ussd").failures
    assert "Dodoma" in failure.message[0] and "DODOMA_CC" not in " ".join(failure.message)
