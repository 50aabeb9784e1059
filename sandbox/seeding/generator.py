"""Deterministic synthetic feedback: one row and a coherent event history per item.

Pure Python (no Flask, no database session, no wall clock): ``generate(catalog, ...)``
yields ``GeneratedItem(feedback, events)`` of plain dicts ready for Core inserts; the
caller adds ``workspace_id`` and, on events, ``feedback_id``. The same catalog, seed and
``now`` give the same items. Each history follows a *plan* (a short list of steps) driven
through ``workflow.apply`` one step at a time, so every event is a legal transition and
the row holds the final state; a plan stops early when its next step would fall after
``now``, which leaves recent items open and slow ones overdue.

Event ``detail`` follows the convention of ``sandbox.workflow.history`` (the same
functions the live services use).

Actors: a staff ``actor_id`` and display name for officer and head actions; ``actor_id``
None with ``actor_label`` "Mwananchi" for the citizen, "Mfumo" for the system (automatic
escalation) and a leader's title for a leader's directive. A walk-in item is recorded
(SUBMIT) by an officer of the institution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sandbox.seeding.catalog import Catalog, InstitutionEntry
from sandbox.seeding.data import SeedData, template_slots
from sandbox.seeding.plans import (
    ARG_FIELD,
    CHANNEL_WEIGHTS,
    CITIZEN,
    CLOSING,
    COMPLAINANT_WEIGHTS,
    EMAIL_DOMAINS,
    ENDS_ANSWERED,
    FOCUS_SHARE,
    OFF_HOURS_SHARE,
    PLANS,
    RECENT_SHARE,
    RECENT_WORKING_DAYS,
    REJECTIONS,
    REPLY_TEXTS,
    SLOW_EXTRA,
    SLOW_SHARE,
    SYSTEM,
    TYPE_WEIGHTS,
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
from sandbox.workflow import (
    BASE_RULES,
    Action,
    Channel,
    Command,
    EscalationLevel,
    FeedbackState,
    RejectionReason,
    Status,
    WorkingCalendar,
    WorkspaceRules,
    apply,
    format_reference,
    submit,
)
from sandbox.workflow.history import event_detail, submit_detail
from sandbox.workflow.sla import deadline_for
from sandbox.workflow.table import TEXT_FIELD


class GeneratedItem(NamedTuple):
    """One feedback row (without id/workspace_id) and its events, oldest first."""

    feedback: dict[str, Any]
    events: list[dict[str, Any]]


def generate(
    catalog: Catalog,
    *,
    count: int,
    seed: int,
    now: datetime,
    start_seq: int = 1,
    rules: WorkspaceRules = BASE_RULES,
) -> Iterator[GeneratedItem]:
    """``count`` items received over the 90 days before ``now``, numbered from start_seq."""
    generator = _Generator(catalog, seed, now, rules)
    for seq in range(start_seq, start_seq + count):
        yield generator.item(format_reference(now.year, seq))


class _Generator:
    """Per-run state: random sources, precomputed choices, the working-day timeline."""

    def __init__(self, catalog, seed, now, rules: WorkspaceRules) -> None:
        """Precompute every per-run table so each item costs a few lookups."""
        self.rng = Dice(seed)
        fake = make_faker(seed)
        self.full_name, self.mobile_number = fake.tz_full_name, fake.tz_mobile_number
        self.now = now
        self.rules = replace(rules, calendar=MemoCalendar(rules.calendar))
        calendar = rules.calendar
        self.texts = load_responses(responses_dir(catalog.seed_data))
        self.people = catalog.seed_data.people
        self.institutions = tuple(i for i in catalog.institutions if i.categories)
        self.by_id = {i.id: i for i in catalog.institutions}
        self.focus = tuple(i for i in self.institutions if i.code in catalog.focus)
        self.regions = catalog.regions
        self.region_ids = tuple(sorted(catalog.regions))
        self.districts = catalog.districts
        self.district_names = {d: n for ds in catalog.districts.values() for d, n in ds}
        self.handlers = self._handlers()
        self.templates = self._templates(catalog.seed_data)
        self.types = expand(TYPE_WEIGHTS)
        self.channels = expand(CHANNEL_WEIGHTS)
        self.complainants = expand(COMPLAINANT_WEIGHTS)
        self.plans = {t: expand((compile_plan(p), w) for w, p in PLANS[t]) for t in T}
        self.closings = {t: expand(CLOSING[t]) for t in T}
        self.commands: dict[tuple, Command] = {}
        self._timeline(calendar)

    # -- precomputation ------------------------------------------------------------
    def _handlers(self) -> dict[int, tuple[InstitutionEntry, ...]]:
        """Institutions handling each category id, in catalog order (transfer targets)."""
        handlers: dict[int, list[InstitutionEntry]] = {}
        for inst in self.institutions:
            for category_id, _code in inst.categories:
                handlers.setdefault(category_id, []).append(inst)
        return {k: tuple(v) for k, v in handlers.items()}

    def _templates(self, seed_data: SeedData) -> dict[tuple[T, str], tuple]:
        """(text, slots, language, sensitive) per (type, category code), else per type."""
        prepared: dict[tuple[T, str], tuple] = {}
        for t in T:
            fallback = seed_data.templates_for(t.value)
            for c in seed_data.categories:
                found = seed_data.templates_for(t.value, c.code) or fallback
                prepared[t, c.code] = tuple(
                    (tpl.text, tuple(sorted(template_slots(tpl.text))), tpl.language, tpl.sensitive)
                    for tpl in found
                )
        return prepared

    def _timeline(self, calendar: WorkingCalendar) -> None:
        """Working days (as ordinals) around the window, and the days items arrive on."""
        first = self.now.date() - timedelta(days=WINDOW_DAYS)
        days = [first + timedelta(days=k) for k in range(-10, WINDOW_DAYS + 200)]
        self.working = [d.toordinal() for d in days if calendar.is_working_day(d)]
        self.working_set = frozenset(self.working)
        self.midnight = {d: datetime.fromordinal(d) for d in self.working}
        # Index in self.working of the first working day strictly after each day.
        ordinals = range(days[0].toordinal(), days[-1].toordinal() - 30)
        self.after_index = {d: bisect.bisect_right(self.working, d) for d in ordinals}
        last = self.now.toordinal()
        self.arrival_days = tuple(range(first.toordinal(), last))
        self.arrival_working = tuple(d for d in self.working if first.toordinal() <= d < last)
        self.recent_working = self.arrival_working[-RECENT_WORKING_DAYS:]
        self.recent_days = tuple(range(self.recent_working[0], last))

    # -- one item ------------------------------------------------------------------
    def item(self, reference: str) -> GeneratedItem:
        """One item: where and what it is about, who sent it, and its history."""
        rng = self.rng
        ftype = rng.pick(self.types)
        channel = rng.pick(self.channels)
        complainant = rng.pick(self.complainants)
        inst = self._institution()
        category_id, category_code = rng.pick(inst.categories)
        region_id, district_id = self._place(inst)
        text, slots, language, sensitive = rng.pick(self.templates[ftype, category_code])
        plan = rng.pick(self.plans[ftype])
        received_at = self._received_at(channel, bool(plan) and plan[-1][0] not in ENDS_ANSWERED)
        values = self._slot_values(slots, inst, region_id, district_id, language, received_at)
        row = {
            "reference": reference,
            "complainant_type": complainant,
            "channel": channel,
            "category_id": category_id,
            "region_id": region_id,
            "district_id": district_id,
            "description": text.format_map(values) if slots else text,
            "language": language,
            "is_sensitive": sensitive,
            **self._identity(complainant, channel, inst),
        }
        state, events = self._history(ftype, inst, channel, plan, received_at, row)
        row.update(state.__dict__)
        row["updated_at"] = events[-1]["at"]
        return GeneratedItem(row, events)

    def _institution(self) -> InstitutionEntry:
        """Any institution, or (FOCUS_SHARE of the time) one of the focus institutions."""
        if self.focus and self.rng.random() < FOCUS_SHARE:
            return self.rng.pick(self.focus)
        return self.rng.pick(self.institutions)

    def _place(self, inst: InstitutionEntry) -> tuple[int, int]:
        """The item's region and district: the council's own, else one in the area."""
        if inst.district_id is not None:
            return inst.region_id, inst.district_id
        region_id = inst.region_id or self.rng.pick(self.region_ids)
        return region_id, self.rng.pick(self.districts[region_id])[0]

    def _received_at(self, channel: Channel, ends_open: bool) -> datetime:
        """Mostly office hours on working days; some evenings and weekends off the desk.

        Items whose plan ends open mostly arrived recently; the rest are stuck (overdue).
        """
        rng = self.rng
        recent = ends_open and rng.random() < RECENT_SHARE
        if rng.random() < OFF_HOURS_SHARE[channel]:
            days = self.recent_days if recent else self.arrival_days
            day, minute = rng.pick(days), rng.between(6 * 60, 23 * 60 - 1)
        else:
            days = self.recent_working if recent else self.arrival_working
            day, minute = rng.pick(days), rng.between(450, 990)
        return datetime.fromordinal(day) + timedelta(minutes=minute)

    def _slot_values(self, slots, inst, region_id, district_id, language, received_at):
        """Values for the template's slots, coherent with the item's place and date."""
        rng, people, english = self.rng, self.people, language == "en"
        values = {}
        for slot in slots:
            if slot == "institution":
                values[slot] = inst.name_sw
            elif slot == "region":
                values[slot] = self.regions[region_id]
            elif slot == "district":
                values[slot] = self.district_names[district_id]
            elif slot == "place":
                values[slot] = rng.pick(people.places)
            elif slot == "days":
                values[slot] = str(rng.between(2, 21))
            elif slot == "amount":
                values[slot] = f"{rng.between(2, 300) * 1000:,}"
            elif slot == "official":
                titles = people.official_titles_en if english else people.official_titles_sw
                values[slot] = rng.pick(titles or ("afisa",))
            elif slot == "month":
                months = people.months_en if english else people.months_sw
                values[slot] = months[(received_at.month - 1 - rng.between(0, 2)) % 12]
        return values

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
        for token, action, who, lo, hi in plan:
            at = self._next_time(at, token, who, lo, hi, slow, state)
            if at > now:
                break
            arg, text = self._inputs(token, state, owner, ftype, lang)
            if token == "assign":
                handler = owner.officers[0] if owner.officers[0].id == arg else owner.officers[1]
            if who == "officer" or who == "target":
                actor = handler if who == "officer" else self.by_id[arg].officers[side]
                actor_id, label = actor.id, actor.name
            elif who == "head" or (who == "leader" and state.escalation_level is _HEAD):
                actor_id, label = owner.head.id, owner.head.name
            elif who == "leader":
                actor_id, label = None, f"Katibu Tawala wa Mkoa wa {self.regions[row['region_id']]}"
            else:
                actor_id, label = None, CITIZEN if who == "citizen" else SYSTEM
            command = self._command(action, None if who == "target" else arg, text)
            tr = apply(state, command, now=at, rules=rules)
            before, state = state, tr.after
            if token == "accept":  # the receiving institution's officer now handles it
                owner = self.by_id[state.institution_id]
                handler = owner.officers[side]
            events.append(
                {
                    "action": action,
                    "actor_id": actor_id,
                    "actor_label": label,
                    "status_before": before.status,
                    "status_after": state.status,
                    "is_public": tr.is_public,
                    "text": tr.text,
                    "detail": event_detail(tr, giver_level=before.escalation_level),
                    "at": at,
                }
            )
        return state, events

    def _next_time(self, at, token, who, lo, hi, slow, state) -> datetime:
        """When the next step happens: citizen hours later, or some working days later."""
        rng = self.rng
        if who == "citizen":
            nxt = at + timedelta(minutes=rng.between(lo * 60, hi * 60))
            return nxt + timedelta(hours=7) if nxt.hour < 6 else nxt
        if token == "escalate":  # automatic: some working days after the missed deadline
            at = max(at, deadline_for(state.status, state.acknowledge_due, state.respond_due))
        elif slow:
            lo, hi = lo + SLOW_EXTRA[0], hi + SLOW_EXTRA[1]
        k = rng.between(lo, hi)
        day = at.toordinal()
        if k == 0:
            nxt = at + rng.pick(_SAME_DAY_GAPS)
            if nxt.day == at.day and nxt.hour < 17 and day in self.working_set:
                return nxt
            k = 1
        day = self.working[self.after_index[day] + k - 1]
        return self.midnight[day] + rng.pick(_OFFICE_MINUTES)

    def _inputs(self, token, state, owner, ftype, lang):
        """(command argument, free text) for one step."""
        rng, texts = self.rng, self.texts
        if token == "ack" or token == "start":
            return None, ""
        if token == "assign":
            return rng.pick(owner.officers).id, ""
        if token in _TEXT_KEYS:
            return None, rng.pick(texts[_TEXT_KEYS[token]][lang])
        if token == "respond":
            return None, rng.pick(texts[REPLY_TEXTS[ftype]][lang])
        if token == "close":
            return rng.pick(self.closings[ftype]), ""
        if token == "rate" or token == "rate_low":
            return rng.pick(_LOW_RATINGS if token == "rate_low" else _HIGH_RATINGS), ""
        if token == "transfer":
            target = self._transfer_target(owner)
            text = rng.pick(texts["transfer_reason"][lang]).format(institution=target.name_sw)
            return target.id, text
        if token == "accept" or token == "return":
            key = "transfer_accept" if token == "accept" else "transfer_return"
            return state.transfer_target_id, rng.pick(texts[key][lang])
        reason = RejectionReason.NO_CITIZEN_RESPONSE if token == "reject_silent" else None
        reason = reason or rng.pick(REJECTIONS)
        return reason, rng.pick(texts["reject"][reason.value][lang])

    def _transfer_target(self, owner: InstitutionEntry) -> InstitutionEntry:
        """Another institution handling one of the owner's categories (else any other)."""
        rng = self.rng
        category_id = rng.pick(owner.categories)[0]
        others = [i for i in self.handlers[category_id] if i.id != owner.id]
        return rng.pick(others or [i for i in self.institutions if i.id != owner.id])

    def _command(self, action: Action, arg, text: str) -> Command:
        """The Command for (action, argument, text); identical ones are shared."""
        key = (action, arg, text)
        command = self.commands.get(key)
        if command is None:
            fields = {TEXT_FIELD[action]: text} if text else {}
            if action in ARG_FIELD:
                fields[ARG_FIELD[action]] = arg
            command = self.commands[key] = Command(action, **fields)
        return command


_HEAD = EscalationLevel.HEAD
_SAME_DAY_GAPS = tuple(timedelta(minutes=m) for m in range(10, 181))
_OFFICE_MINUTES = tuple(timedelta(minutes=m) for m in range(450, 991))  # 07:30-16:30
_LOW_RATINGS, _HIGH_RATINGS = (1, 2, 2), (3, 4, 4, 5, 5)
_TEXT_KEYS = {
    "ask": "request_info",
    "reply": "citizen_reply",
    "note": "note",
    "escalate": "escalate",
    "directive": "directive",
    "reopen": "reopen",
}


def state_fields(row: Mapping[str, Any]) -> FeedbackState:
    """The FeedbackState stored in a generated row (for checks and replays)."""
    return FeedbackState(**{name: row[name] for name in FeedbackState.__dataclass_fields__})
