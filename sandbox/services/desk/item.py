"""One item at the desk: what the page shows, and performing an action on it.

Every lookup goes through the user's scope first, so an item outside it is "not found"
(the view answers 404) before any permission question is asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, Institution, User, Workspace
from sandbox.services.desk.confidentiality import (
    Identity,
    Mention,
    personal_data_in,
    reveal_identity,
    reveal_log,
)
from sandbox.services.desk.templates import filled_text, templates_for
from sandbox.services.feedback.attachments import attachments_for
from sandbox.services.feedback.lifecycle import FeedbackNotFound, apply_action
from sandbox.services.feedback.scope import scope_clause
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.text import parse_id
from sandbox.workflow import (
    Action,
    Channel,
    Command,
    EscalationLevel,
    FeedbackType,
    MissingInput,
    RejectionReason,
    Resolution,
    Role,
    Toggle,
    Transition,
    WorkspaceRules,
    allowed_actions,
    is_overdue,
    working_days_left,
)
from sandbox.workflow.history import actor_name, parse_detail, rating_text
from sandbox.workflow.permissions import Capability, can, giver_level, may_act, permitted
from sandbox.workflow.sla import DeadlineView, deadline_view
from sandbox.workflow.table import PUBLIC_ACTIONS, TEXT_FIELD

REPLY_ACTIONS = frozenset({Action.RESPOND, Action.REQUEST_INFO})


class NotPermitted(PermissionError):
    """The item is in scope but this role may not do that to it (views answer 403)."""


class IdentityInReply(Exception):
    """A public text contains personal data (a name, phone or e-mail, whoever's it is).

    ``may_confirm``: a role that may see identity can confirm and send; any other role must
    remove it (the same answer for every name, so the refusal confirms nothing).
    """

    def __init__(self, mentions: list[Mention], may_confirm: bool = True) -> None:
        """Remember which kinds of personal data were found (never the values)."""
        super().__init__(", ".join(m.value for m in mentions))
        self.mentions, self.may_confirm = mentions, may_confirm


@dataclass
class ItemPage:
    """Everything the item page shows (identity is not part of it)."""

    item: Feedback
    now: datetime
    actions: list[Action]
    is_overdue: bool
    days_left: int
    deadlines: DeadlineView
    can_reveal: bool
    reveals: list = field(default_factory=list)
    assignees: list[User] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    templates: dict[Action, list] = field(default_factory=dict)
    template_texts: dict[int, str] = field(default_factory=dict)
    attachments: list = field(default_factory=list)
    needs_root_cause: bool = False


def find_in_scope(workspace: Workspace, user: User, feedback_id: int) -> Feedback:
    """The item if this user may see it in this workspace, else FeedbackNotFound."""
    item = db.session.scalar(
        sa.select(Feedback)
        .where(Feedback.workspace_id == workspace.id, Feedback.id == feedback_id)
        .where(scope_clause(user))
        .options(selectinload(Feedback.events).selectinload(FeedbackEvent.actor))
    )
    if item is None:
        raise FeedbackNotFound(feedback_id)
    return item


def item_page(workspace: Workspace, user: User, feedback_id: int) -> ItemPage:
    """The item with its SLA, the actions this user may take now and their choices."""
    item = find_in_scope(workspace, user, feedback_id)
    now = workspace_now(workspace)
    state = state_of(item)
    rules = rules_for(workspace)
    allowed = allowed_actions(state, now, rules)
    actions = permitted(user, item, allowed)
    page = ItemPage(
        item=item,
        now=now,
        actions=actions,
        is_overdue=is_overdue(state, now, rules.calendar),
        days_left=working_days_left(state, now, rules.calendar),
        deadlines=deadline_view(state, now, rules.calendar),
        can_reveal=can(user, Capability.REVEAL_IDENTITY) and not item.is_anonymous,
        reveals=reveal_log(item) if can(user, Capability.READ_REVEAL_LOG) else [],
        attachments=attachments_of(item),
        needs_root_cause=needs_input(rules, item.type, Action.CLOSE, "root_cause"),
    )
    if Action.ASSIGN in actions:
        page.assignees = assignable_officers(workspace, item.institution_id)
    if Action.TRANSFER_REQUEST in actions:
        page.institutions = transfer_targets(item.institution_id)
    for action in REPLY_ACTIONS.intersection(actions):
        fitting = templates_for(workspace, item.institution_id, item.type, action)
        page.templates[action] = fitting
        page.template_texts |= {t.id: filled_text(t, item, item.language) for t in fitting}
    return page


def needs_input(
    rules: WorkspaceRules, feedback_type: FeedbackType, action: Action, name: str
) -> bool:
    """True when this workspace's rules require the Command field ``name`` for the action."""
    fields = rules.tables.required.get(action, ())
    return any(f.name == name and f.is_needed_for(feedback_type) for f in fields)


def attachments_of(item: Feedback) -> list:
    """The item's attachments (uploaded on the portal), oldest first."""
    return attachments_for(item)


def assignable_officers(workspace: Workspace, institution_id: int) -> list[User]:
    """The institution's officers in this workspace (personas first, then synthetic staff)."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                User.workspace_id == workspace.id,
                User.institution_id == institution_id,
                User.role == Role.OFFICER,
            )
            .order_by(User.is_active_account.desc(), User.display_name, User.id)
        )
    )


def transfer_targets(own_institution_id: int) -> list[Institution]:
    """Every other institution, by Swahili name."""
    return list(
        db.session.scalars(
            sa.select(Institution)
            .where(Institution.id != own_institution_id)
            .order_by(Institution.name_sw)
        )
    )


def perform(
    workspace: Workspace, user: User, feedback_id: int, command: Command, confirmed: bool = False
) -> Transition:
    """Apply a desk action for this user: scope, policy, choices and confidentiality first."""
    item = find_in_scope(workspace, user, feedback_id)
    if not may_act(user, item, command.action):
        raise NotPermitted(command.action.value)
    _check_choices(workspace, item, command)
    _refuse_personal_data(user, item, command)
    rules = rules_for(workspace)
    if _should_warn(rules, command, confirmed):
        mentions = personal_data_in(command.public_reply, item.complainant_name)
        if mentions:
            raise IdentityInReply(mentions)
    level = giver_level(user) if command.action is Action.DIRECTIVE else None
    return apply_action(workspace, item.id, command, actor=user, giver_level=level, rules=rules)


def public_text(command: Command) -> str:
    """The text of this command that the citizen (and Open311, and the SMS) will show."""
    field_name = TEXT_FIELD.get(command.action)
    if field_name is None or command.action not in PUBLIC_ACTIONS:
        return ""
    return getattr(command, field_name) or ""


def _refuse_personal_data(user: User, item: Feedback, command: Command) -> None:
    """A role that may not see identity sends no public text with any personal data."""
    if can(user, Capability.REVEAL_IDENTITY):
        return
    mentions = personal_data_in(public_text(command), item.complainant_name)
    if mentions:
        raise IdentityInReply(mentions, may_confirm=False)


def _should_warn(rules: WorkspaceRules, command: Command, confirmed: bool) -> bool:
    """A public reply not yet confirmed, in a workspace that keeps the identity warning on."""
    if command.action not in REPLY_ACTIONS or confirmed:
        return False
    return rules.is_on(Toggle.REPLY_IDENTITY_WARNING)


def _check_choices(workspace: Workspace, item: Feedback, command: Command) -> None:
    """An assignee must be one of the item's officers; a transfer target must exist."""
    if command.action is Action.ASSIGN and command.assignee_id is not None:
        officers = {u.id for u in assignable_officers(workspace, item.institution_id)}
        if command.assignee_id not in officers:
            raise MissingInput(
                "Chagua afisa wa taasisi hii.", "Choose an officer of this institution."
            )
    target = command.target_institution_id
    is_transfer = command.action is Action.TRANSFER_REQUEST and target is not None
    if is_transfer and db.session.get(Institution, target) is None:
        raise MissingInput("Chagua taasisi iliyopo.", "Choose an existing institution.")


def reveal(workspace: Workspace, user: User, feedback_id: int, reason: str) -> Identity:
    """Reveal an in-scope item's identity to a user allowed to, writing the audit entry."""
    item = find_in_scope(workspace, user, feedback_id)
    if not can(user, Capability.REVEAL_IDENTITY):
        raise NotPermitted("reveal_identity")
    return reveal_identity(workspace, user, item, reason)


def template_text(
    workspace: Workspace, user: User, feedback_id: int, action: Action, template_id: int | None
) -> str:
    """A template that fits the action, filled in for this item in its language ("" if none)."""
    item = find_in_scope(workspace, user, feedback_id)
    for template in templates_for(workspace, item.institution_id, item.type, action):
        if template.id == template_id:
            return filled_text(template, item, item.language)
    return ""


def describe_detail(detail: str, lang: str) -> str:
    """An event's machine-readable detail in words (officer, institution, resolution…)."""
    parsed = parse_detail(detail or "")
    if parsed is None:
        return ""
    key, value = parsed
    if key == "rating":
        return rating_text(int(value), lang) if value.isdigit() else ""
    if key in ("assignee", "institution"):
        model = User if key == "assignee" else Institution
        row_id = parse_id(value)
        row = db.session.get(model, row_id) if row_id else None
        if row is None:
            return ""
        return row.display_name if key == "assignee" else row.name(lang)
    labelled = DETAIL_ENUMS.get(key)
    try:
        return labelled(value).label(lang) if labelled else ""
    except ValueError:
        return ""


def describe_actor(event: FeedbackEvent, lang: str) -> str:
    """Who acted, in the reader's language: the person's name, or citizen / system / a title."""
    if event.actor is not None:
        return event.actor.display_name
    return actor_name(event.actor_label, lang)


DETAIL_ENUMS = {
    "resolution": Resolution,
    "rejection": RejectionReason,
    "escalation": EscalationLevel,
    "channel": Channel,
}
