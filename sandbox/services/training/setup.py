"""Applying a scenario's setup to a workspace: toggles, staff, the clock, then its items.

Items are built by the seeder's builder on a steady timeline
(``seeding.scenario_items.SteadyItemBuilder``: every event a legal ``workflow.apply``
under the workspace's rules, the same path as the seeded world) and written with Core
inserts, as ``services/workspace/seeding.py`` writes the world. ``own`` is the trainee's
institution. Commits once for the items (toggles, staff and the clock commit on their own,
through their services).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, Feedback, FeedbackEvent, Institution, User, Workspace
from sandbox.scenarios.schema import Scenario, SetupItem, StaffNeed
from sandbox.seeding.items import GeneratedItem, ItemPlan
from sandbox.seeding.loader import load_seed_data
from sandbox.seeding.personas import persona_institutions
from sandbox.seeding.scenario_items import SteadyItemBuilder
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.services.workspace.seeding import build_catalog, ensure_staff
from sandbox.workflow import BilingualError, WorkingCalendar, format_reference

RECEIVED_AT = time(9, 0)  # items received on an earlier working day arrive at 09:00


class SetupRefused(BilingualError, ValueError):
    """A setup that cannot be applied here (unknown institution, a history that does not fit)."""


@dataclass(frozen=True)
class Placed:
    """Where a setup put things: item ids and staff ids by key, and the attempt's mark.

    Items with an id of ``first_new_id`` or more, other than the setup's, were made during
    the attempt (walk-ins, citizen submissions); ``started_at`` is the simulated start.
    """

    items: dict[str, int]
    staff: dict[str, int] = field(default_factory=dict)
    first_new_id: int = 1
    started_at: datetime | None = None


def apply_setup(
    workspace: Workspace, trainee: User, scenario: Scenario, *, commit: bool = True
) -> Placed:
    """Put the scenario's toggles, staff, clock position and items into the workspace.

    ``commit=False`` (a facilitator's reset of a step, inside its one transaction) flushes
    the items instead; the scenario's staff must exist already (made at the attempt's start).
    """
    if trainee.institution_id is None:
        raise SetupRefused(
            "Mwanafunzi hana taasisi: hali hii inahitaji dawati la taasisi.",
            "The trainee has no institution: this scenario needs an institution's desk.",
        )
    setup = scenario.setup
    for toggle, enabled in setup.toggles.items():
        set_flag(
            workspace, toggle, enabled, source=FlagSource.SCENARIO, note=scenario.id, commit=commit
        )
    staff = ensure_staff(workspace, workspace.seed, commit=commit)
    needed = {need.key: _staff_user(workspace, trainee, need).id for need in setup.staff}
    if setup.clock.advance_working_days:
        move_clock(workspace, working_days=setup.clock.advance_working_days)
    now = workspace_now(workspace)
    rules = rules_for(workspace)
    catalog = build_catalog(staff, load_seed_data(), focus=persona_institutions())
    builder = SteadyItemBuilder(catalog, workspace.seed, now, rules)
    built = [
        _built(builder, workspace, trainee, item, now, rules.calendar, n)
        for n, item in enumerate(setup.items)
    ]
    workspace.next_reference_seq += len(built)
    ids = _insert(workspace, built)
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    keys = {
        item.key: ids[b.feedback["reference"]] for item, b in zip(setup.items, built, strict=True)
    }
    return Placed(keys, needed, first_new_id=_next_id(), started_at=now)


def _built(
    builder: SteadyItemBuilder,
    workspace: Workspace,
    trainee: User,
    item: SetupItem,
    now: datetime,
    calendar: WorkingCalendar,
    n: int,
) -> GeneratedItem:
    """One setup item built with its history (SetupRefused when it does not fit)."""
    institution_id = institution_id_of(item.institution, trainee)
    plan = ItemPlan(
        type=item.type,
        institution_id=institution_id,
        received_at=received_at(now, item.received_working_days_ago, calendar),
        description=item.description,
        steps=item.history,
        channel=item.channel,
        complainant=item.complainant,
        category_id=category_id_of(item.category),
        language=item.language,
        is_sensitive=item.is_sensitive,
    )
    reference = format_reference(
        now.year, workspace.next_reference_seq + n, workspace.reference_tag
    )
    targets = [item.transfer_to] if isinstance(item.transfer_to, str) else item.transfer_to
    target = [institution_id_of(code, trainee) for code in targets] if targets else None
    try:
        built = builder.build_scenario_item(plan, reference, transfer_to=target)
    except ValueError as error:
        raise SetupRefused(
            f"Kipengele {item.key}: historia yake haitoshi kabla ya sasa ({error}).",
            f"Item {item.key}: its history does not fit before now ({error}).",
        ) from None
    if item.name:
        built.feedback.update(complainant_name=item.name, complainant_email=None)
    if item.phone:
        built.feedback["complainant_phone"] = item.phone
    return built


def received_at(now: datetime, working_days_ago: int, calendar: WorkingCalendar) -> datetime:
    """When an item arrived: an hour before now, or 09:00 that many working days back."""
    if working_days_ago == 0:
        return now - timedelta(hours=1)
    day = now.date()
    for _ in range(working_days_ago):
        day = calendar.previous_working_day(day)
    return datetime.combine(day, RECEIVED_AT)


def institution_id_of(code: str, trainee: User) -> int:
    """The id of an institution code of a scenario, ``own`` being the trainee's."""
    if code == "own":
        return trainee.institution_id
    found = db.session.scalar(sa.select(Institution.id).where(Institution.code == code))
    if found is None:
        raise SetupRefused(
            f"Hakuna taasisi yenye msimbo '{code}'.", f"There is no institution '{code}'."
        )
    return found


def category_id_of(code: str | None) -> int | None:
    """The id of a category code (None: the institution's first category)."""
    if code is None:
        return None
    found = db.session.scalar(sa.select(Category.id).where(Category.code == code))
    if found is None:
        raise SetupRefused(f"Hakuna kundi '{code}'.", f"There is no category '{code}'.")
    return found


def _staff_user(workspace: Workspace, trainee: User, need: StaffNeed) -> User:
    """The synthetic colleague a scenario needs, created once per workspace."""
    username = f"ws{workspace.code}.scenario.{need.key.lower()}"
    user = db.session.scalar(sa.select(User).where(User.username == username))
    if user is not None:
        return user
    institution = db.session.get(Institution, institution_id_of(need.institution, trainee))
    user = User(
        username=username,
        display_name=need.name or f"{need.role.label_sw} ({institution.code})",
        password_hash="!",  # never logs in
        role=need.role,
        institution_id=institution.id,
        region_id=institution.region_id,
        district_id=institution.district_id,
        workspace_id=workspace.id,
        is_active_account=False,
        created_at=workspace_now(workspace),
    )
    db.session.add(user)
    db.session.commit()
    return user


def _insert(workspace: Workspace, built: list[GeneratedItem]) -> dict[str, int]:
    """Insert the items and their events (Core); their ids by reference."""
    if not built:
        return {}
    feedback, events = Feedback.__table__, FeedbackEvent.__table__
    db.session.execute(
        sa.insert(feedback).values(workspace_id=workspace.id), [b.feedback for b in built]
    )
    references = [b.feedback["reference"] for b in built]
    ids = dict(
        db.session.execute(
            sa.select(feedback.c.reference, feedback.c.id).where(
                feedback.c.workspace_id == workspace.id, feedback.c.reference.in_(references)
            )
        ).all()
    )
    rows = [
        {**event, "feedback_id": ids[b.feedback["reference"]]} for b in built for event in b.events
    ]
    db.session.execute(sa.insert(events).values(workspace_id=workspace.id), rows)
    return ids


def _next_id() -> int:
    """The id the next item of any workspace will get at least (ids only grow)."""
    return (db.session.scalar(sa.select(sa.func.max(Feedback.id))) or 0) + 1
