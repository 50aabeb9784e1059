"""Deterministic synthetic feedback: the world's mix of items, each built from a plan.

Pure Python (no Flask, no database session, no wall clock): ``generate(catalog, ...)``
yields ``GeneratedItem(feedback, events)`` of plain dicts ready for Core inserts; the
caller adds ``workspace_id`` and, on events, ``feedback_id``. The same catalog, seed and
``now`` give the same items. This module draws what each item is (type, channel,
institution, place, text, the plan its history follows, when it arrived) and hands an
``ItemPlan`` to ``items.ItemBuilder.build_item``, which a scenario setup can also call for
one item of its own; plans that end open mostly arrived recently, the rest are overdue.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from sandbox.seeding.catalog import Catalog, InstitutionEntry
from sandbox.seeding.data import SeedData, template_slots
from sandbox.seeding.items import GeneratedItem, ItemBuilder, ItemPlan
from sandbox.seeding.plans import (
    CHANNEL_WEIGHTS,
    COMPLAINANT_WEIGHTS,
    ENDS_ANSWERED,
    FOCUS_SHARE,
    OFF_HOURS_SHARE,
    PLANS,
    RECENT_SHARE,
    RECENT_WORKING_DAYS,
    TYPE_WEIGHTS,
    WINDOW_DAYS,
    T,
    compile_plan,
    expand,
)
from sandbox.workflow import (
    BASE_RULES,
    Channel,
    FeedbackState,
    WorkspaceRules,
    format_reference,
)


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


class _Generator(ItemBuilder):
    """The builder plus the world's mix: random plans, places, texts and arrival days."""

    def __init__(self, catalog: Catalog, seed: int, now: datetime, rules: WorkspaceRules) -> None:
        """Precompute every per-run table so each item costs a few lookups."""
        super().__init__(catalog, seed, now, rules)
        self.people = catalog.seed_data.people
        self.focus = tuple(i for i in self.institutions if i.code in catalog.focus)
        self.region_ids = tuple(sorted(catalog.regions))
        self.districts = catalog.districts
        self.district_names = {d: n for ds in catalog.districts.values() for d, n in ds}
        self.templates = self._templates(catalog.seed_data)
        self.types = expand(TYPE_WEIGHTS)
        self.channels = expand(CHANNEL_WEIGHTS)
        self.complainants = expand(COMPLAINANT_WEIGHTS)
        self.plans = {t: expand((compile_plan(p), w) for w, p in PLANS[t]) for t in T}
        self._arrivals()

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

    def _arrivals(self) -> None:
        """The days items arrive on: any day, working days, and the recent ones."""
        first = self.now.date() - timedelta(days=WINDOW_DAYS)
        last = self.now.toordinal()
        self.arrival_days = tuple(range(first.toordinal(), last))
        self.arrival_working = tuple(d for d in self.working if first.toordinal() <= d < last)
        self.recent_working = self.arrival_working[-RECENT_WORKING_DAYS:]
        self.recent_days = tuple(range(self.recent_working[0], last))

    def item(self, reference: str) -> GeneratedItem:
        """One random item: where and what it is about, who sent it, and its history."""
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
        planned = ItemPlan(
            type=ftype,
            institution_id=inst.id,
            received_at=received_at,
            description=text.format_map(values) if slots else text,
            steps=plan,
            channel=channel,
            complainant=complainant,
            category_id=category_id,
            region_id=region_id,
            district_id=district_id,
            language=language,
            is_sensitive=sensitive,
        )
        return self.build_item(planned, reference)

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


def state_fields(row: Mapping[str, Any]) -> FeedbackState:
    """The FeedbackState stored in a generated row (for checks and replays)."""
    return FeedbackState(**{name: row[name] for name in FeedbackState.__dataclass_fields__})
