"""One feedback item with a coherent history, built from a plan (pure Python).

A plan (``ItemPlan``) says what the item is, where and when it arrived, and the steps its
history takes (tokens of ``plans.STEPS``, e.g. ``"ack assign start respond"``). The
builder drives each step through ``workflow.apply`` under the workspace's rules, so every
event is a legal transition and the row holds the final state; it stops early when the
next step would fall after ``now``. The generator's loop draws plans at random and calls
``ItemBuilder.build_item``; a scenario setup calls ``build_item`` with a plan of its own.

Event ``detail`` follows ``sandbox.workflow.history`` (the same functions the live services
use). Actors: a staff ``actor_id`` and display name for officer and head actions;
``actor_id`` None with ``actor_label`` "Mwananchi" for the citizen, "Mfumo" for the system
(automatic escalation) and a leader's title for a leader's directive. A walk-in item is
recorded (SUBMIT) by an officer of the institution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sandbox.seeding.catalog import Catalog, InstitutionEntry
from sandbox.seeding.plans import (
    CITIZEN,
    CLOSING,
    EMAIL_DOMAINS,
    SLOW_SHARE,
    SYSTEM,
    WINDOW_DAYS,
    A,
    C,
    S,
    T,
    compile_plan,
    expand,
)
from sandbox.seeding.provider import make_faker
from sandbox.seeding.speed import Dice, MemoCalendar, load_responses, responses_dir
from sandbox.seeding.steps import StepInputs
from sandbox.workflow import (
    BASE_RULES,
    TRANSITIONS,
    Action,
    Channel,
    Command,
    ComplainantType,
    EscalationLevel,
    FeedbackState,
    FeedbackType,
    Status,
    Toggle,
    WorkingCalendar,
    WorkspaceRules,
    apply,
    submit,
    working_days_left,
)
from sandbox.workflow.citizen_secret import secret_digest, seeded_secret
from sandbox.workflow.enums import RootCause
from sandbox.workflow.history import (
    REGIONAL_SECRETARY,
    escalation_reason,
    event_detail,
    submit_detail,
)

TITLE = REGIONAL_SECRETARY[0]  # a leader without an account acts under their title

Step = tuple[str, Action, str, int, int]  # (token, action, who, lo, hi): see plans.STEPS


class GeneratedItem(NamedTuple):
    """One feedback row (without id/workspace_id) and its events, oldest first."""

    feedback: dict[str, Any]
    events: list[dict[str, Any]]


@dataclass(frozen=True)
class ItemPlan:
    """One item to build: what it is, where and when it arrived, and its history's steps.

    ``steps`` is a plan string (``"ack assign start"``) or its compiled form; a category,
    region or district left out is the institution's own (its first category).
    """

    type: FeedbackType
    institution_id: int
    received_at: datetime
    description: str
    steps: str | tuple[Step, ...] = ""
    channel: Channel = Channel.WEB
    complainant: ComplainantType = ComplainantType.CITIZEN
    category_id: int | None = None
    region_id: int | None = None
    district_id: int | None = None
    language: str = "sw"
    is_sensitive: bool = False


def build_item(
    catalog: Catalog,
    plan: ItemPlan,
    *,
    reference: str,
    now: datetime,
    seed: int = 0,
    rules: WorkspaceRules = BASE_RULES,
) -> GeneratedItem:
    """One item and its history from ``plan`` (deterministic for a given seed)."""
    return ItemBuilder(catalog, seed, now, rules).build_item(plan, reference)


class ItemBuilder(StepInputs):
    """Per-run state for building items: random sources, staff, texts, working days."""

    # The random world escalates as the live system would have (a plan's "escalate" waits
    # for the automatic escalation); a scenario's builder keeps exactly the written history.
    escalates_automatically = True

    def __init__(self, catalog: Catalog, seed: int, now: datetime, rules: WorkspaceRules) -> None:
        """Precompute what each step needs so it costs a few lookups."""
        self.rng = Dice(seed)
        self.seed = seed
        fake = make_faker(seed)
        self.full_name, self.mobile_number = fake.tz_full_name, fake.tz_mobile_number
        self.now = now
        self.rules = replace(rules, calendar=MemoCalendar(rules.calendar))
        self.texts = load_responses(responses_dir(catalog.seed_data))
        self.institutions = tuple(i for i in catalog.institutions if i.categories)
        self.by_id = {i.id: i for i in catalog.institutions}
        self.regions = catalog.regions
        self.handlers = self._handlers()
        self.closings = {t: expand(CLOSING[t]) for t in T}
        self.commands: dict[tuple, Command] = {}
        self._working_days(rules.calendar)

    def _handlers(self) -> dict[int, tuple[InstitutionEntry, ...]]:
        """Institutions handling each category id, in catalog order (transfer targets)."""
        handlers: dict[int, list[InstitutionEntry]] = {}
        for inst in self.institutions:
            for category_id, _code in inst.categories:
                handlers.setdefault(category_id, []).append(inst)
        return {k: tuple(v) for k, v in handlers.items()}

    def _working_days(self, calendar: WorkingCalendar) -> None:
        """Working days (as ordinals) around the window, for stepping through histories."""
        first = self.now.date() - timedelta(days=WINDOW_DAYS)
        days = [first + timedelta(days=k) for k in range(-10, WINDOW_DAYS + 200)]
        self.working = [d.toordinal() for d in days if calendar.is_working_day(d)]
        self.working_set = frozenset(self.working)
        self.midnight = {d: datetime.fromordinal(d) for d in self.working}
        # Index in self.working of the first working day strictly after each day.
        ordinals = range(days[0].toordinal(), days[-1].toordinal() - 30)
        self.after_index = {d: bisect.bisect_right(self.working, d) for d in ordinals}

    def build_item(self, plan: ItemPlan, reference: str) -> GeneratedItem:
        """The row and history of one planned item."""
        inst = self.by_id[plan.institution_id]
        row = {
            "reference": reference,
            "complainant_type": plan.complainant,
            "channel": plan.channel,
            "category_id": plan.category_id or inst.categories[0][0],
            "region_id": plan.region_id or inst.region_id,
            "district_id": plan.district_id or inst.district_id,
            "description": plan.description,
            "language": plan.language,
            "is_sensitive": plan.is_sensitive,
            **self._identity(plan.complainant, plan.channel, inst),
            "citizen_secret_digest": secret_digest(reference, seeded_secret(self.seed, reference)),
        }
        steps = compile_plan(plan.steps) if isinstance(plan.steps, str) else plan.steps
        state, events = self._history(plan.type, inst, plan.channel, steps, plan.received_at, row)
        row.update(state.__dict__)
        row["updated_at"] = events[-1]["at"]
        return GeneratedItem(row, events)

    def _identity(self, complainant, channel, inst) -> dict[str, str | None]:
        """Name, phone and e-mail for identified items; all None for anonymous ones."""
        if complainant is S.ANONYMOUS:
            return {"complainant_name": None, "complainant_phone": None, "complainant_email": None}
        rng, online = self.rng, channel in (C.WEB, C.APP)
        name = self.full_name()
        phone = None if online and rng.random() < 0.15 else self.mobile_number()
        email = None
        if online and rng.random() < 0.4:
            local = ".".join(re.sub(r"[^a-z]", "", p) for p in name.lower().split()[:2])
            if complainant is S.PUBLIC_SERVANT:
                email = f"{local}@{inst.code.lower().replace('_', '')}.go.tz"
            else:
                email = f"{local}{rng.between(1, 99)}@{rng.pick(EMAIL_DOMAINS)}"
        return {"complainant_name": name, "complainant_phone": phone, "complainant_email": email}

    # -- history -------------------------------------------------------------------
    def _history(self, ftype, inst, channel, plan, received_at, row):
        """SUBMIT, then the plan's steps through workflow.apply until ``now`` is reached."""
        rng, now, rules = self.rng, self.now, self.rules
        lang = "en" if row["language"] == "en" else "sw"
        state = submit(ftype, inst.id, received_at, rules.policy, rules.calendar)
        side = rng.between(0, 1)  # which of the two officers handles the item
        handler = inst.officers[side]
        submitter = handler if channel is C.WALK_IN else None
        events = [
            {
                "action": A.SUBMIT,
                "actor_id": submitter and submitter.id,
                "actor_label": submitter.name if submitter else CITIZEN,
                "status_before": None,
                "status_after": Status.RECEIVED,
                "is_public": True,
                "text": "",
                "detail": submit_detail(inst.id),
                "at": received_at,
            }
        ]
        slow = rng.random() < SLOW_SHARE
        owner, at = inst, received_at
        automatic = self.escalates_automatically and rules.is_on(Toggle.AUTO_ESCALATION)
        for token, action, who, lo, hi in plan:
            if token == "escalate" and automatic:  # the system's: when it falls due, not drawn
                state, at = self._wait_for_escalation(state, events, at)
                if at is None:
                    break
                continue
            if _switched_off(state, action, rules):
                break  # a step this workspace's toggles took away: the history ends here
            at = self._next_time(at, token, who, lo, hi, slow, state)
            if automatic:  # whatever fell due while the item waited for this step
                state = self._escalate_until(state, events, min(at, now))
            if at > now:
                break
            if who == "target" and state.transfer_target_id is None:
                continue  # an immediate transfer already moved it: nothing to accept or return
            arg, text = self._inputs(token, state, owner, ftype, lang)
            if token == "assign":
                handler = owner.officers[0] if owner.officers[0].id == arg else owner.officers[1]
            actor_id, label = self._actor(who, state, owner, handler, side, arg, row)
            command = self._command(action, None if who == "target" else arg, text)
            tr = apply(state, self._with_required(command, state, rules), now=at, rules=rules)
            events.append(_event(tr, actor_id, label, at))
            state = tr.after
            owner, handler = self._handler_after(state, owner, handler, side)
        if automatic:
            state = self._escalate_until(state, events, now)
        return state, events

    def _handler_after(self, state, owner, handler, side):
        """(owner, handler) after a step: the receiver's officer once the item was transferred."""
        if state.institution_id == owner.id:
            return owner, handler
        owner = self.by_id[state.institution_id]
        return owner, owner.officers[side]

    def _with_required(self, command: Command, state, rules) -> Command:
        """The command with the inputs this workspace's toggles add (a complaint's root cause
        where ``root_cause_required`` is on); unchanged, drawing nothing, everywhere else."""
        needed = rules.tables.required.get(command.action, ())
        if any(f.name == "root_cause" and f.is_needed_for(state.type) for f in needed):
            return replace(command, root_cause=self.rng.pick(_ROOT_CAUSES))
        return command

    def _actor(self, who, state, owner, handler, side, arg, row) -> tuple[int | None, str]:
        """(actor id, stored label) of one step's actor."""
        if who == "officer" or who == "target":
            actor = handler if who == "officer" else self.by_id[arg].officers[side]
            return actor.id, actor.name
        if who == "head" or (who == "leader" and state.escalation_level is _HEAD):
            return owner.head.id, owner.head.name
        if who == "leader":
            return None, TITLE + self.regions[row["region_id"]]
        return None, CITIZEN if who == "citizen" else SYSTEM

    def _wait_for_escalation(self, state, events, at: datetime):
        """A plan's "escalate": the next automatic escalation, when it falls due.

        Returns the state and the step's time, or None for a time when the plan stops there
        (not due by now, or an item that cannot go up); a level already reached on the way
        makes the step a no-op.
        """
        due = self.rules.next_escalation_at(state)
        if due is None:
            return state, (None if state.escalation_level is EscalationLevel.NONE else at)
        at = max(due, at)
        state = self._escalate_until(state, events, min(at, self.now))
        return state, (at if at <= self.now else None)

    def _escalate_until(self, state, events, until: datetime):
        """Add the automatic escalations falling due up to ``until``, as the live system
        would have made them (``services/workspace/escalation.py``): actor "Mfumo", at the
        moment each fell due (just after the last event when already due then)."""
        rules = self.rules
        while (due := rules.next_escalation_at(state)) is not None:
            since = events[-1]["at"]
            at = due if due > since else since + _SYSTEM_PAUSE
            if at > until:
                break
            late = -working_days_left(state, at, rules.calendar)
            tr = apply(
                state, Command(A.ESCALATE, reason=escalation_reason(late)), now=at, rules=rules
            )
            events.append(_event(tr, None, SYSTEM, at))
            state = tr.after
        return state


def _event(tr, actor_id: int | None, label: str, at: datetime) -> dict[str, Any]:
    """One event row of a transition made by ``actor_id`` / ``label`` at ``at``."""
    return {
        "action": tr.action,
        "actor_id": actor_id,
        "actor_label": label,
        "status_before": tr.before.status,
        "status_after": tr.after.status,
        "is_public": tr.is_public,
        "text": tr.text,
        "detail": event_detail(tr, giver_level=tr.before.escalation_level),
        "at": at,
    }


_HEAD = EscalationLevel.HEAD
_ROOT_CAUSES = tuple(RootCause)
_SYSTEM_PAUSE = timedelta(minutes=1)  # an escalation due already comes just after the last event


def _switched_off(state: FeedbackState, action: Action, rules: WorkspaceRules) -> bool:
    """True when the base table allows the step but the workspace's rules do not (rating off,
    an immediate transfer); a step the base forbids still fails loudly in ``apply``."""
    key = (state.type, state.status, action)
    return key in TRANSITIONS and key not in rules.tables.transitions
