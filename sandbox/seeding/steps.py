"""When each step of a planned history happens, and the inputs it gives (pure Python).

A mixin of ``items.ItemBuilder``: it reads the builder's dice, texts, staff and working-day
timeline.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sandbox.seeding.catalog import InstitutionEntry
from sandbox.seeding.plans import ARG_FIELD, REJECTIONS, REPLY_TEXTS, SLOW_EXTRA
from sandbox.workflow import Action, Command, RejectionReason
from sandbox.workflow.sla import deadline_for
from sandbox.workflow.table import TEXT_FIELD


class StepInputs:
    """The timing and inputs of one step (mixed into the item builder)."""

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
