"""Building the ``WorkspaceView`` checks read, from the database, for one attempt.

The view holds the setup's items by key and the items made during the attempt (an id of
``Placed.first_new_id`` or more), each with its events oldest first, its reveal log, the
SMS about it, the citizen's status requests (by SMS, and looked up on USSD or the portal),
its assignee (a setup staff key, "trainee" or "other") and, for the setup's items, the
reply templates filled in for it.
Who acted is read from the event: the trainee's own account, another account (a leader's
role makes a leader), or the stored label of the citizen, the system or a leader's title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from sandbox.channels.sms import Track, parse_sms
from sandbox.extensions import db
from sandbox.models import (
    Feedback,
    FeedbackEvent,
    Institution,
    SmsDirection,
    SmsMessage,
    StatusLookup,
    User,
    Workspace,
)
from sandbox.models.desk import IdentityReveal
from sandbox.scenarios import view as v
from sandbox.services.desk.templates import filled_text, templates_for
from sandbox.services.training.setup import Placed
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Action, Channel, Role
from sandbox.workflow.history import CITIZEN_ACTOR, SYSTEM_ACTOR, parse_detail

TEMPLATE_ACTIONS = (Action.RESPOND, Action.REQUEST_INFO)


def build_view(
    workspace: Workspace,
    trainee: User,
    placed: Placed,
    parts: frozenset[str] = v.VIEW_PARTS,
) -> v.WorkspaceView:
    """The snapshot of the scenario's items and the attempt's new items, on the workspace clock.

    ``parts`` (``view.VIEW_PARTS``) says what to read beyond items and events; a part left out
    stays empty (the default calendar for "calendar") and costs no query. The filled-in
    templates are most of the cost of a view, and few checks read any part.
    """
    keyed = {feedback_id: key for key, feedback_id in placed.items.items()}
    query = sa.select(Feedback).where(
        Feedback.workspace_id == workspace.id,
        sa.or_(Feedback.id.in_(list(keyed)), Feedback.id >= placed.first_new_id),
    )
    if "assignee_names" in parts:
        query = query.options(joinedload(Feedback.assignee))
    rows = list(db.session.scalars(query.order_by(Feedback.id)))
    ids = [row.id for row in rows]
    event_rows = _event_rows(ids)
    codes = _institution_codes(
        {trainee.institution_id}
        | {i for row in rows for i in (row.institution_id, row.transfer_target_id)}
        | {_institution_id(e.detail) for e in event_rows}
    )
    events = _events(event_rows, trainee, codes)
    reveals = _reveals(ids, trainee) if "reveals" in parts else {}
    sms, trackings = _sms(ids, "sms" in parts, "trackings" in parts)
    if "trackings" in parts:
        for feedback_id, tracking in _lookups(ids):
            trackings[feedback_id].append(tracking)
    staff = {user_id: key for key, user_id in placed.staff.items()} | {trainee.id: "trainee"}
    templated = workspace if "templates" in parts else None
    items = {
        row.id: replace(
            _item(row, keyed.get(row.id, ""), codes, events, reveals, sms, templated),
            trackings=tuple(trackings.get(row.id, ())),
            assignee=_assignee(row.assignee_id, staff),
            assignee_name=_assignee_name(row) if "assignee_names" in parts else "",
        )
        for row in rows
    }
    view = v.WorkspaceView(
        items={keyed[i]: item for i, item in items.items() if i in keyed},
        created=tuple(item for i, item in items.items() if i not in keyed),
        now=workspace_now(workspace),
        own_institution=codes.get(trainee.institution_id, ""),
        staff=_staff_names(placed),
        institution_names={code: (sw, en) for code, sw, en in _institutions(set(codes)).values()},
    )
    return replace(view, calendar=rules_for(workspace).calendar) if "calendar" in parts else view


def _assignee_name(row: Feedback) -> str:
    """How the desk shows the item's assignee ("" when nobody)."""
    return row.assignee.display_name if row.assignee is not None else ""


def _item(row: Feedback, key, codes, events, reveals, sms, workspace) -> v.Item:
    """One item of the view (its templates only when given the workspace)."""
    history = tuple(events.get(row.id, ()))
    identity = None
    if not row.is_anonymous:
        identity = v.Identity(row.complainant_name, row.complainant_phone, row.complainant_email)
    return v.Item(
        key=key,
        reference=row.reference,
        type=row.type,
        status=row.status,
        institution=codes[row.institution_id],
        received_at=row.received_at,
        acknowledge_due=row.acknowledge_due,
        respond_due=row.respond_due,
        channel=row.channel,
        complainant_type=row.complainant_type,
        description=row.description,
        transfer_target=codes.get(row.transfer_target_id),
        transfer_count=row.transfer_count,
        escalation_level=row.escalation_level,
        acknowledged_at=row.acknowledged_at,
        responded_at=row.responded_at,
        closed_at=row.closed_at,
        paused_since=row.paused_since,
        resolution=row.resolution,
        rating=row.rating,
        identity=identity,
        submitted_by=history[0].actor if history else v.Actor.CITIZEN,
        events=history,
        reveals=tuple(reveals.get(row.id, ())),
        sms=tuple(sms.get(row.id, ())),
        templates=_templates(workspace, row) if key and workspace is not None else (),
    )


def _staff_names(placed: Placed) -> dict[str, str]:
    """The display names of the setup's staff, by key."""
    if not placed.staff:
        return {}
    names = dict(
        db.session.execute(
            sa.select(User.id, User.display_name).where(User.id.in_(list(placed.staff.values())))
        ).all()
    )
    return {key: names.get(user_id, key) for key, user_id in placed.staff.items()}


_KNOWN: dict[str, dict[int, tuple[str, str, str]]] = {}
"""Institutions by id (code, Swahili name, English name), per database: institutions are
reference data (loaded with the world, never changed while serving), so a check after each
desk action reads only the ids it has not seen yet."""


def _institutions(ids: set[int | None]) -> dict[int, tuple[str, str, str]]:
    """(code, Swahili name, English name) of these institutions, by id."""
    known = _KNOWN.setdefault(db.engine.url.render_as_string(), {})
    missing = ids - {None} - known.keys()
    if missing:
        i = Institution
        query = sa.select(i.id, i.code, i.name_sw, i.name_en).where(i.id.in_(missing))
        known.update(
            (row.id, (row.code, row.name_sw, row.name_en)) for row in db.session.execute(query)
        )
    return {i: known[i] for i in ids if i in known}


def _institution_codes(ids: set[int | None]) -> dict[int, str]:
    """The codes of these institutions, by id."""
    return {i: found[0] for i, found in _institutions(ids).items()}


def actor_of(actor_id: int | None, label: str, trainee: User, roles: dict[int, Role]) -> v.Actor:
    """Who acted, as checks ask it."""
    if actor_id is not None:
        if actor_id == trainee.id:
            return v.Actor.TRAINEE
        return v.Actor.LEADER if roles.get(actor_id) is Role.LEADER else v.Actor.STAFF
    if label == CITIZEN_ACTOR:
        return v.Actor.CITIZEN
    return v.Actor.SYSTEM if label == SYSTEM_ACTOR else v.Actor.LEADER


def _event_rows(ids: list[int]) -> list[sa.Row]:
    """The items' events, oldest first, with each acting account's role (plain rows)."""
    e_ = FeedbackEvent
    columns = (e_.feedback_id, e_.action, e_.actor_id, e_.actor_label, e_.at, e_.text)
    columns += (e_.is_public, e_.detail, e_.status_after)
    query = (  # plain rows, not entities: a check runs after every action
        sa.select(*columns, User.role)
        .outerjoin(User, User.id == e_.actor_id)
        .where(e_.feedback_id.in_(ids))
        .order_by(e_.at, e_.id)
    )
    return list(db.session.execute(query))


def _events(rows: list[sa.Row], trainee: User, codes) -> dict[int, list[v.Event]]:
    """The events of the items, by item id."""
    found: dict[int, list[v.Event]] = defaultdict(list)
    for e in rows:
        found[e.feedback_id].append(
            v.Event(
                action=e.action,
                actor=actor_of(e.actor_id, e.actor_label, trainee, {e.actor_id: e.role}),
                at=e.at,
                actor_label=e.actor_label,
                text=e.text or "",
                is_public=e.is_public,
                detail=e.detail or "",
                status_after=e.status_after,
                institution=_institution_in(e.detail, codes),
            )
        )
    return found


def _institution_in(detail: str | None, codes: dict[int, str]) -> str | None:
    """The institution code an ``institution:<id>`` detail names, else None."""
    found = _institution_id(detail)
    return codes.get(found) if found is not None else None


def _institution_id(detail: str | None) -> int | None:
    """The institution id an ``institution:<id>`` detail names, else None."""
    parsed = parse_detail(detail or "")
    if parsed is None or parsed[0] != "institution" or not parsed[1].isdigit():
        return None
    return int(parsed[1])


def _reveals(ids: list[int], trainee: User) -> dict[int, list[v.Reveal]]:
    """The reveal log entries of the items, oldest first."""
    found: dict[int, list[v.Reveal]] = defaultdict(list)
    rows = db.session.scalars(
        sa.select(IdentityReveal)
        .where(IdentityReveal.feedback_id.in_(ids))
        .order_by(IdentityReveal.at, IdentityReveal.id)
    )
    for r in rows:
        actor = v.Actor.TRAINEE if r.user_id == trainee.id else v.Actor.STAFF
        found[r.feedback_id].append(v.Reveal(actor, r.reason, r.at))
    return found


def _sms(
    ids: Iterable[int], texts: bool = True, requests: bool = True
) -> tuple[dict[int, list[v.Sms]], dict[int, list[v.Tracking]]]:
    """The texts about the items, oldest first, and the SMS status requests among them (each
    only when asked for; neither costs no query)."""
    found: dict[int, list[v.Sms]] = defaultdict(list)
    trackings: dict[int, list[v.Tracking]] = defaultdict(list)
    if not (texts or requests):
        return found, trackings
    rows = db.session.scalars(
        sa.select(SmsMessage)
        .where(SmsMessage.feedback_id.in_(list(ids)))
        .order_by(SmsMessage.at, SmsMessage.id)
    )
    for m in rows:
        inbound = m.direction is SmsDirection.INBOUND
        if texts:
            found[m.feedback_id].append(v.Sms(m.text, m.at, inbound=inbound))
        if requests and inbound and isinstance(parse_sms(m.text), Track):
            trackings[m.feedback_id].append(v.Tracking(Channel.SMS, m.at))
    return found, trackings


def _lookups(ids: Iterable[int]) -> list[tuple[int, v.Tracking]]:
    """(item id, tracking) for each USSD or portal status lookup of the items, oldest first."""
    rows = db.session.execute(
        sa.select(StatusLookup.feedback_id, StatusLookup.channel, StatusLookup.at)
        .where(StatusLookup.feedback_id.in_(list(ids)))
        .order_by(StatusLookup.at, StatusLookup.id)
    )
    return [(feedback_id, v.Tracking(channel, at)) for feedback_id, channel, at in rows]


def _assignee(assignee_id: int | None, staff: dict[int, str]) -> str:
    """Who the item is assigned to: a setup staff key, "trainee", "other" or "" (nobody)."""
    if assignee_id is None:
        return ""
    return staff.get(assignee_id, "other")


def _templates(workspace: Workspace, row: Feedback) -> tuple[v.Template, ...]:
    """The reply and question templates offered for the item, filled in its language."""
    offered = {
        t.id: t
        for action in TEMPLATE_ACTIONS
        for t in templates_for(workspace, row.institution_id, row.type, action)
    }
    return tuple(
        v.Template(t.code, filled_text(t, row, row.language), t.title("sw"), t.title("en"))
        for t in offered.values()
    )
