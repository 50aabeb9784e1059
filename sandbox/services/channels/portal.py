"""The citizen web portal's use cases: find an institution, submit, track, reply, rate, appeal.

The portal has no login. Anyone may follow an item's status by its reference (references
are sequential), but acting as its citizen (reply, rate, appeal) needs the citizen's secret
as well (``workflow.citizen_secret``), which only the submitter received.
Where ``rating_and_appeal`` is off, no line of the portal mentions rating or appeal: the
tracking page's hints read ``offers_rating`` (the workspace's rules), an item's next steps
its own ``rates`` (its type's flow).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, InstitutionKind, Region, Workspace
from sandbox.services.feedback.attachments import CheckedUpload, staged_uploads
from sandbox.services.feedback.lifecycle import (
    CITIZEN_LABEL,
    FeedbackNotFound,
    Submission,
    add_feedback,
    apply_action,
)
from sandbox.services.feedback.lookups import record_lookup
from sandbox.services.feedback.once import submission_token, submit_once
from sandbox.services.feedback.references import find_in, workspace_of
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.text import LIKE_ESCAPE, like_pattern
from sandbox.workflow import (
    Action,
    Channel,
    Command,
    ComplainantType,
    FeedbackType,
    Status,
    Toggle,
    Transition,
    allowed_actions,
    is_overdue,
    working_days_left,
)
from sandbox.workflow.citizen_secret import is_valid_secret
from sandbox.workflow.errors import BilingualError
from sandbox.workflow.history import rating_of
from sandbox.workflow.sla import DeadlineView, deadline_view
from sandbox.workflow.tracking import citizen_deadline


class WrongSecret(BilingualError, PermissionError):
    """The secret typed is not this item's: the citizen's action is refused."""


@dataclass(frozen=True)
class InstitutionSearch:
    """What the citizen typed and picked on the search page; None means any."""

    text: str = ""
    kind: InstitutionKind | None = None
    region_id: int | None = None


def search_institutions(search: InstitutionSearch, lang: str, page: int, per_page: int):
    """One page of institutions whose Swahili or English name contains the text."""
    query = sa.select(Institution)
    words = search.text.strip()
    if words:
        pattern = like_pattern(words)
        query = query.where(
            sa.or_(
                Institution.name_sw.ilike(pattern, escape=LIKE_ESCAPE),
                Institution.name_en.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    if search.kind is not None:
        query = query.where(Institution.kind == search.kind)
    if search.region_id is not None:
        query = query.where(Institution.region_id == search.region_id)
    name = Institution.name_en if lang == "en" else Institution.name_sw
    query = query.order_by(name, Institution.id)
    return db.paginate(query, page=page, per_page=per_page, error_out=False, max_per_page=50)


def get_institution(institution_id: int) -> Institution | None:
    """One institution with the categories it handles."""
    return db.session.scalar(
        sa.select(Institution)
        .where(Institution.id == institution_id)
        .options(selectinload(Institution.categories))
    )


def regions_with_districts() -> list[Region]:
    """Every region in name order with its districts (for the form's choices)."""
    return list(
        db.session.scalars(
            sa.select(Region).order_by(Region.name).options(selectinload(Region.districts))
        )
    )


def is_anonymous(submission: Submission) -> bool:
    """Anonymous when the citizen chose so, or gave no name, phone or e-mail at all."""
    identity = (submission.name, submission.phone, submission.email)
    chose = submission.complainant_type is ComplainantType.ANONYMOUS
    return chose or not any((part or "").strip() for part in identity)


def submit_from_portal(
    workspace: Workspace,
    submission: Submission,
    upload: CheckedUpload | None = None,
    form_key: str | None = None,
) -> Feedback:
    """Submit web feedback with its file, all or nothing, once per form (``form_key``)."""
    submission = _without_identity_if_anonymous(submission)
    token = submission_token("web", form_key)
    with staged_uploads(workspace) as staging:

        def add() -> Feedback:
            item = add_feedback(workspace, submission, token=token)
            if upload is not None:
                staging.attach(item, upload)
            return item

        submitted = submit_once(workspace, token, add)
        if submitted.is_new:
            staging.place()
    return submitted.item


def _without_identity_if_anonymous(submission: Submission) -> Submission:
    """Nothing identifying is kept when the citizen is anonymous."""
    if not is_anonymous(submission):
        return submission
    return replace(
        submission, complainant_type=ComplainantType.ANONYMOUS, name=None, phone=None, email=None
    )


def find_by_reference(workspace: Workspace, text: str | None) -> Feedback | None:
    """This workspace's item with the reference a person typed (any case, spaces ignored;
    an untagged ``MRJ-T-…`` means this workspace's own)."""
    return find_in(workspace, text)


def confirmed(workspace: Workspace, text: str | None) -> TrackedItem | None:
    """The citizen's view of an item just submitted (no lookup recorded), or None."""
    item = find_in(workspace, text)
    return track(workspace, item) if item is not None else None


def look_up(workspace: Workspace, text: str | None) -> Feedback | None:
    """``find_by_reference``, recording the lookup when the item is found; commits."""
    item = find_in(workspace, text)
    if item is not None:
        record_lookup(workspace, item, Channel.WEB)
        db.session.commit()
    return item


def where_to_look(workspace: Workspace, text: str | None) -> Workspace | None:
    """Another workspace that holds the reference typed here (None: nowhere, or here)."""
    found = workspace_of(text)
    return found if found is not None and found.id != workspace.id else None


@dataclass(frozen=True)
class PublicEvent:
    """One step of the history the citizen may see."""

    action: Action
    at: datetime
    status_after: Status
    text: str
    rating: int | None = None


@dataclass(frozen=True)
class TrackedItem:
    """What the tracking page shows: no identity, no internal notes, no officer names."""

    reference: str
    type: FeedbackType
    status: Status
    institution: Institution
    received_at: datetime
    acknowledge_due: datetime
    respond_due: datetime
    is_overdue: bool
    days_left: int
    deadlines: DeadlineView
    rating: int | None
    version: int
    events: list[PublicEvent]
    actions: frozenset[Action]
    question: str = ""
    due: tuple[str, str] | None = None  # the deadline sentence (tracking_deadline)
    rates: bool = True  # the workspace offers rating (and appeal) after a response


def track(workspace: Workspace, item: Feedback) -> TrackedItem:
    """The citizen's view of an item on the workspace clock."""
    now = workspace_now(workspace)
    state = state_of(item)
    rules = rules_for(workspace)
    allowed = allowed_actions(state, now, rules)
    citizen = {Action.CITIZEN_REPLIED, Action.RATE, Action.REOPEN}
    return TrackedItem(
        reference=item.reference,
        type=item.type,
        status=item.status,
        institution=item.institution,
        received_at=item.received_at,
        acknowledge_due=item.acknowledge_due,
        respond_due=item.respond_due,
        is_overdue=is_overdue(state, now, rules.calendar),
        days_left=working_days_left(state, now, rules.calendar),
        deadlines=deadline_view(state, now, rules.calendar),
        rating=item.rating,
        version=item.version,
        events=[
            PublicEvent(e.action, e.at, e.status_after, e.text, rating_of(e.detail))
            for e in item.events
            if e.is_public
        ],
        actions=frozenset(citizen.intersection(allowed)),
        question=open_question(item),
        due=citizen_deadline(state, now, rules),
        rates=(item.type, Status.RESPONDED, Action.RATE) in rules.tables.transitions,
    )


def offers_rating(workspace: Workspace) -> bool:
    """True when the workspace's tracking page offers rating and appeal after a response."""
    return rules_for(workspace).is_on(Toggle.RATING_AND_APPEAL)


def open_question(item: Feedback) -> str:
    """The institution's question the citizen is asked to answer ("" when none is waiting)."""
    if item.status is not Status.AWAITING_CITIZEN:
        return ""
    asked = [e.text for e in item.events if e.action is Action.REQUEST_INFO and e.is_public]
    return asked[-1] if asked else ""


def act_as_citizen(
    workspace: Workspace, reference: str, secret: str, command: Command
) -> Transition:
    """Apply the citizen's reply, rating or appeal, given the item's secret."""
    item = find_by_reference(workspace, reference)
    if item is None:
        raise FeedbackNotFound(reference)
    if not is_valid_secret(item.reference, secret, item.citizen_secret_digest):
        raise WrongSecret(
            "Siri uliyoandika si sahihi. Tumia siri uliyopewa ulipowasilisha (pia kwa SMS).",
            "That secret code is not right. Use the one you got when you submitted (also by SMS).",
        )
    return apply_action(workspace, item.id, command, actor_label=CITIZEN_LABEL)
