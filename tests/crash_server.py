"""A server process for the crash tests: prepare a world, or run one operation and be killed.

``python tests/crash_server.py prepare URL INSTANCE ARCHIVE`` builds the world in the
SQLite file at URL (reference data, a cohort of two trainees, an invited stakeholder) and
writes the cohort's archive to ARCHIVE. ``python tests/crash_server.py empty URL INSTANCE``
builds reference data only. ``python tests/crash_server.py run URL INSTANCE OP WHEN
[ARCHIVE]`` runs OP (submit, action, reset, join, pair, import) and kills itself with
SIGKILL when WHEN says: ``N`` before
the N-th SQL statement, ``commit`` as the transaction commits, ``after`` once OP returned,
``never`` (it then writes the number of statements OP ran).
"""

from __future__ import annotations

import os
import secrets
import signal
import sys
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from sandbox import create_app
from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Feedback, User
from sandbox.models.proposal import Stakeholder
from sandbox.seeding.loader import load_seed_data
from sandbox.services.facilitation.archive import export_cohort, import_cohort
from sandbox.services.facilitation.reset_plans import plan_reset
from sandbox.services.facilitation.resets import run_reset
from sandbox.services.feedback.lifecycle import Submission, apply_action, submit_feedback
from sandbox.services.preview import pairs
from sandbox.services.preview.invitations import create_invitation
from sandbox.services.preview.joining import StakeholderJoin, join_preview
from sandbox.services.preview.proposals import proposal_by_key, sync_proposals
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.training.library import scenario_library
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.world import load_world
from sandbox.workflow import Action, Channel, ComplainantType, FeedbackType, Role, Status
from sandbox.workflow.state import Command

PAIRED = "auto-escalation"  # a proposal in preview with a toggle: its pair is two worlds


def _app(url: str, instance: str):
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "crash", "INSTANCE_DIR": instance}
    )


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _first_trainee() -> Enrolment:
    return db.session.scalar(sa.select(Enrolment).order_by(Enrolment.id))


def _submit() -> None:
    workspace = _first_trainee().workspace
    cohort = db.session.scalar(sa.select(Cohort))
    submission = Submission(
        FeedbackType.COMPLAINT, ComplainantType.CITIZEN, Channel.WEB, cohort.institution_id,
        "Maji hayatoki tangu wiki iliyopita.", name="Juma Hamisi", phone="+255712000111",
    )  # fmt: skip
    submit_feedback(workspace, submission)


def _action() -> None:
    workspace = _first_trainee().workspace
    item = db.session.scalar(
        sa.select(Feedback)
        .where(Feedback.workspace_id == workspace.id, Feedback.status == Status.RECEIVED)
        .order_by(Feedback.id)
    )
    apply_action(workspace, item.id, Command(Action.ACKNOWLEDGE), actor_label="crash")


def _reset() -> None:
    cohort = db.session.scalar(sa.select(Cohort))
    run_reset(plan_reset(cohort, scenario_library()), None)


def _join() -> None:
    cohort = db.session.scalar(sa.select(Cohort))
    join_cohort(JoinRequest(cohort.join_code, "Chausiku Ajali", "4821", phone="0712000222"))


class _OneSeed:
    """``secrets`` for the pairs module, drawing one seed: two runs make the same worlds (a
    pair's histories, hence its row counts, follow its seed)."""

    randbelow = staticmethod(lambda _n: 7)
    choice = staticmethod(secrets.choice)


def _pair() -> None:
    stakeholder = db.session.scalar(sa.select(Stakeholder))
    pairs.secrets = _OneSeed
    pairs.ensure_pair(stakeholder.user, proposal_by_key(PAIRED))


OPERATIONS = {
    "submit": _submit, "action": _action, "reset": _reset, "join": _join, "pair": _pair,
}  # fmt: skip


def prepare(url: str, instance: str, archive: str | None) -> None:
    """Reference data, and (with ``archive``) a cohort of two trainees exported there."""
    with _app(url, instance).app_context():
        db.create_all()
        load_world(load_seed_data())
        if archive is None:
            return
        cohort = create_cohort("Ajali", seed=4, start=date(2026, 11, 9))
        for name in ("Asha Ajali", "Baraka Ajali"):
            join_cohort(JoinRequest(cohort.join_code, name, "4821"))
        Path(archive).write_bytes(export_cohort(cohort))
        # The first reset of a cohort makes its base world once, in a commit of its own (a
        # cache: the reset itself is one transaction); the crash tests kill later resets.
        _reset()
        _stakeholder(cohort.institution)


def _stakeholder(institution) -> None:
    """The shipped proposals and a stakeholder invited to preview them (no pair yet)."""
    sync_proposals()
    organiser = User(
        username="mwezeshaji.ajali", display_name="Mwezeshaji Ajali", role=Role.FACILITATOR,
        created_at=wall_now(),
    )  # fmt: skip
    organiser.set_unusable_password()
    db.session.add(organiser)
    db.session.commit()
    invitation = create_invitation("Ajali", days=7, max_uses=3, by=organiser)
    join_preview(
        StakeholderJoin(
            invitation.code, "Rehema Ajali", "officer", institution.id, institution.region_id,
            "4821",
        )
    )  # fmt: skip


def run(url: str, instance: str, operation: str, when: str, archive: str | None) -> None:
    """Run ``operation`` and die as ``when`` says."""
    with _app(url, instance).app_context():
        seen = {"statements": 0}

        def count(*_args) -> None:
            seen["statements"] += 1
            if when.isdigit() and seen["statements"] == int(when):
                _die()

        sa.event.listen(db.engine, "before_cursor_execute", count)
        if when == "commit":
            sa.event.listen(db.engine, "commit", lambda _conn: _die())
        if operation == "import":
            import_cohort(Path(archive).read_bytes())
        else:
            OPERATIONS[operation]()
        if when == "after":
            _die()
        sys.stdout.write(f"statements {seen['statements']}\n")


if __name__ == "__main__":
    command, url, instance, *rest = sys.argv[1:]
    if command == "prepare":
        prepare(url, instance, rest[0])
    elif command == "empty":
        prepare(url, instance, None)
    else:
        run(url, instance, rest[0], rest[1], rest[2] if len(rest) > 2 else None)
