"""Items for scenario setups: the seeder's builder on a steady timeline (pure Python).

A scenario says "received 3 working days ago, history ``ack assign start``" and its checks
rely on that history being there whatever the seed: so, unlike the random world, every
staff step follows the previous one an hour later within office hours (else at 08:30 on
the next working day), the citizen answers an hour later, and an automatic escalation
happens at 09:00 on the working day after the missed deadline. A ``transfer`` step goes
to the institution the scenario names (successive ones to the next of a list). Texts and
identities still come from the seed.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sandbox.seeding.catalog import InstitutionEntry
from sandbox.seeding.items import GeneratedItem, ItemBuilder, ItemPlan
from sandbox.workflow.sla import deadline_for

STEP_GAP = timedelta(hours=1)
OFFICE_OPENS, OFFICE_CLOSES, ESCALATION_HOUR = time(8, 30), time(16, 30), time(9, 0)


class SteadyItemBuilder(ItemBuilder):
    """An ItemBuilder whose histories follow a fixed timeline (see the module docstring)."""

    transfer_target_ids: tuple[int, ...] = ()
    _transfers_made = 0
    escalates_automatically = False  # the history is what the scenario wrote, event for event

    def build_scenario_item(
        self, plan: ItemPlan, reference: str, transfer_to: int | list[int] | None = None
    ) -> GeneratedItem:
        """The item of ``plan``; ValueError when its history does not fit before ``now``.

        ``transfer_to``: the target of the transfer steps, or a list of targets taken in
        order by successive transfer steps (the last one repeated)."""
        if transfer_to is None:
            self.transfer_target_ids = ()
        elif isinstance(transfer_to, int):
            self.transfer_target_ids = (transfer_to,)
        else:
            self.transfer_target_ids = tuple(transfer_to)
        self._transfers_made = 0
        built = self.build_item(plan, reference)
        wanted = len(plan.steps.split()) if isinstance(plan.steps, str) else len(plan.steps)
        if len(built.events) != wanted + 1:
            raise ValueError(
                f"{reference}: only {len(built.events) - 1} of {wanted} history steps fit "
                f"between {plan.received_at:%Y-%m-%d %H:%M} and now"
            )
        return built

    def _next_time(self, at, token, who, lo, hi, slow, state) -> datetime:
        """When the next step happens, on the steady timeline."""
        if who == "citizen":
            return at + STEP_GAP
        if token == "escalate":
            missed = deadline_for(state.status, state.acknowledge_due, state.respond_due)
            day = self.rules.calendar.next_working_moment(max(at, missed) + timedelta(seconds=1))
            return datetime.combine(day.date(), ESCALATION_HOUR)
        nxt = at + STEP_GAP
        calendar = self.rules.calendar
        if calendar.is_working_day(nxt.date()) and nxt.time() <= OFFICE_CLOSES:
            return max(nxt, datetime.combine(nxt.date(), OFFICE_OPENS))
        day = nxt.date() + timedelta(days=1)
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        return datetime.combine(day, OFFICE_OPENS)

    def _transfer_target(self, owner: InstitutionEntry) -> InstitutionEntry:
        """The scenario's next target when it named them, else the seeder's choice."""
        if self.transfer_target_ids:
            n = min(self._transfers_made, len(self.transfer_target_ids) - 1)
            self._transfers_made += 1
            return self.by_id[self.transfer_target_ids[n]]
        return super()._transfer_target(owner)
