"""Feedback use cases: submit from any channel, and apply a workflow action. Both commit."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from sandbox.extensions import db
from sandbox.models import Category, Feedback, FeedbackEvent, Institution, User, Workspace
from sandbox.services.channels import sms
from sandbox.services.feedback.once import submit_once
from sandbox.services.feedback.states import state_of, store_state
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import (
    Action,
    Channel,
    Command,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    Transition,
    VersionConflict,
    WorkspaceRules,
    apply,
    format_reference,
    submit,
)
from sandbox.workflow.citizen_secret import new_secret, secret_digest
from sandbox.workflow.errors import BilingualError
from sandbox.workflow.history import CITIZEN_ACTOR, event_detail, submit_detail

CITIZEN_LABEL = CITIZEN_ACTOR
MAX_DESCRIPTION = 4000


class FeedbackNotFound(LookupError):
    """No such item in this workspace (views answer 404)."""


class InvalidSubmission(BilingualError, ValueError):
    """A submission the service refuses, with Swahili and English reasons."""


@dataclass(frozen=True)
class Submission:
    """What a citizen (or an officer at the desk) submits, from any channel."""

    type: FeedbackType
    complainant_type: ComplainantType
    channel: Channel
    institution_id: int
    description: str
    language: str = "sw"
    category_id: int | None = None
    region_id: int | None = None
    district_id: int | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None


def submit_feedback(
    workspace: Workspace,
    submission: Submission,
    recorded_by: User | None = None,
    token: str | None = None,
) -> Feedback:
    """Create an item with its reference, deadlines, SUBMIT event and SMS notice; once per token."""
    return submit_once(
        workspace, token, lambda: add_feedback(workspace, submission, recorded_by, token)
    ).item


def add_feedback(
    workspace: Workspace,
    submission: Submission,
    recorded_by: User | None = None,
    token: str | None = None,
) -> Feedback:
    """Add the item, its SUBMIT event and its notice, flushed; the caller commits.

    A refusal (InvalidSubmission) comes before anything is written.
    """
    description = _checked(submission)
    now = workspace_now(workspace)
    rules = rules_for(workspace)
    state = submit(submission.type, submission.institution_id, now, rules.policy, rules.calendar)
    item = Feedback(
        workspace_id=workspace.id,
        reference=format_reference(
            now.year, _next_reference_seq(workspace), workspace.reference_tag
        ),
        complainant_type=submission.complainant_type,
        channel=submission.channel,
        category_id=submission.category_id,
        region_id=submission.region_id,
        district_id=submission.district_id,
        description=description,
        is_sensitive=_is_sensitive_category(submission.category_id),
        language="en" if submission.language == "en" else "sw",
        updated_at=now,
        submission_token=token,
        **_identity(submission),
    )
    store_state(item, state)
    _issue_secret(item)
    db.session.add(item)
    db.session.flush()
    _record_submit_event(item, submission.channel, recorded_by, now)
    sms.notify_complainant(item, Action.SUBMIT, notices=rules.tables.notices)
    return item


# Categories whose every item is sensitive from the moment it arrives (a bribe, violence, a
# leak, an officer's misconduct): their text stays off every open answer before any officer
# has looked. Category codes of seed_data/categories.yaml.
SENSITIVE_CATEGORIES = frozenset(
    {
        "corruption",
        "officer_misconduct",
        "confidentiality_breach",
        "gender_violence_child_protection",
        "human_rights_governance",
    }
)


def _is_sensitive_category(category_id: int | None) -> bool:
    """True when the chosen category is one whose items are sensitive on arrival."""
    if category_id is None:
        return False
    code = db.session.scalar(sa.select(Category.code).where(Category.id == category_id))
    return code in SENSITIVE_CATEGORIES


def _issue_secret(item: Feedback) -> None:
    """Give the item a fresh citizen's secret: its digest is stored, the secret handed back."""
    item.issued_secret = new_secret()
    item.citizen_secret_digest = secret_digest(item.reference, item.issued_secret)


def _checked(submission: Submission) -> str:
    """The description, trimmed; raises InvalidSubmission for a bad text or institution."""
    description = (submission.description or "").strip()
    if not description or len(description) > MAX_DESCRIPTION:
        raise InvalidSubmission(
            f"Eleza mrejesho wako (herufi 1 hadi {MAX_DESCRIPTION}).",
            f"Describe your feedback (1 to {MAX_DESCRIPTION} characters).",
        )
    if db.session.get(Institution, submission.institution_id) is None:
        raise InvalidSubmission("Chagua taasisi iliyopo.", "Choose an existing institution.")
    return description


def _identity(submission: Submission) -> dict:
    """Name, phone and e-mail, or nothing at all for an anonymous item."""
    if submission.complainant_type is ComplainantType.ANONYMOUS:
        return {"complainant_name": None, "complainant_phone": None, "complainant_email": None}
    return {
        "complainant_name": (submission.name or "").strip() or None,
        "complainant_phone": (submission.phone or "").strip() or None,
        "complainant_email": (submission.email or "").strip() or None,
    }


def _next_reference_seq(workspace: Workspace) -> int:
    """Take the workspace's next reference number atomically (safe across processes)."""
    table = Workspace.__table__
    taken = db.session.execute(
        sa.update(table)
        .where(table.c.id == workspace.id)
        .values(next_reference_seq=table.c.next_reference_seq + 1)
        .returning(table.c.next_reference_seq)
    ).scalar_one()
    return taken - 1


def _record_submit_event(item: Feedback, channel: Channel, recorded_by: User | None, now) -> None:
    """The first entry of the history."""
    db.session.add(
        FeedbackEvent(
            workspace_id=item.workspace_id,
            feedback_id=item.id,
            action=Action.SUBMIT,
            actor_id=recorded_by.id if recorded_by else None,
            actor_label=recorded_by.display_name if recorded_by else CITIZEN_LABEL,
            status_before=None,
            status_after=item.status,
            is_public=True,
            text="",
            detail=submit_detail(item.institution_id),
            at=now,
        )
    )


def apply_action(
    workspace: Workspace,
    feedback_id: int,
    command: Command,
    actor: User | None = None,
    actor_label: str | None = None,
    giver_level: EscalationLevel | None = None,
    rules: WorkspaceRules | None = None,
) -> Transition:
    """Apply one workflow action to an item of this workspace, record it, notify and commit.

    ``rules`` are the workspace's (read here when the caller has not read them already).
    Raises FeedbackNotFound, a WorkflowError (illegal move, missing input…) or
    VersionConflict when someone else changed the item first.
    """
    item = _item(workspace, feedback_id)
    read_version = item.version
    try:  # a lost race shows at the item's UPDATE (flushed first) or, at the latest, the commit
        transition = _record(workspace, item, command, actor, actor_label, giver_level, rules)
        db.session.commit()
    except StaleDataError:  # the UPDATE … WHERE version = <read version> found no row
        db.session.rollback()
        current = db.session.scalar(sa.select(Feedback.version).where(Feedback.id == feedback_id))
        raise VersionConflict(read_version, current or 0) from None
    return transition


def record_action(
    workspace: Workspace,
    feedback_id: int,
    command: Command,
    actor: User | None = None,
    actor_label: str | None = None,
    giver_level: EscalationLevel | None = None,
    rules: WorkspaceRules | None = None,
) -> tuple[Feedback, Transition]:
    """Apply one action and put the new state, event and notice in the session (no commit).

    Nothing is written when the workflow refuses: the WorkflowError comes before any change.
    A lost race raises StaleDataError at the item's UPDATE (the caller rolls back).
    """
    item = _item(workspace, feedback_id)
    return item, _record(workspace, item, command, actor, actor_label, giver_level, rules)


def _item(workspace: Workspace, feedback_id: int) -> Feedback:
    """The item of this workspace; FeedbackNotFound otherwise."""
    item = db.session.scalar(
        sa.select(Feedback).where(Feedback.workspace_id == workspace.id, Feedback.id == feedback_id)
    )
    if item is None:
        raise FeedbackNotFound(feedback_id)
    return item


def _record(
    workspace: Workspace,
    item: Feedback,
    command: Command,
    actor: User | None,
    actor_label: str | None,
    giver_level: EscalationLevel | None,
    rules: WorkspaceRules | None,
) -> Transition:
    """Store the new state (its UPDATE flushed first), then the event and the notice."""
    now = workspace_now(workspace)
    rules = rules or rules_for(workspace)
    transition = apply(state_of(item), command, now=now, rules=rules)
    store_state(item, transition.after)
    item.updated_at = now
    # The UPDATE … WHERE version = <read version> goes first, so a lost race is seen here and
    # nowhere else (building the notice reads rows, which would autoflush it at a random spot).
    db.session.flush()
    label = actor.display_name if actor else (actor_label or CITIZEN_LABEL)
    db.session.add(_event(item, transition, actor, label, giver_level))
    sms.notify_complainant(item, transition.action, transition.text, rules.tables.notices)
    return transition


def _event(
    item: Feedback,
    transition: Transition,
    actor: User | None,
    label: str,
    giver_level: EscalationLevel | None,
) -> FeedbackEvent:
    """The history row of one transition."""
    return FeedbackEvent(
        workspace_id=item.workspace_id,
        feedback_id=item.id,
        action=transition.action,
        actor_id=actor.id if actor else None,
        actor_label=label,
        status_before=transition.before.status,
        status_after=transition.after.status,
        is_public=transition.is_public,
        text=transition.text,
        detail=event_detail(transition, giver_level=giver_level),
        at=transition.at,
    )
