"""What an event row records besides its action: a short machine-readable ``detail``.

Convention (``key:value``; empty for actions that need none):

- ``institution:<id>`` on SUBMIT (the institution the citizen picked), TRANSFER_REQUEST
  (the target), TRANSFER_ACCEPT (the new owner), TRANSFER_RETURN (who sends it back);
- ``assignee:<user id>`` on ASSIGN; ``rating:<1-5>`` on RATE;
- ``resolution:<Resolution>`` on CLOSE; ``rejection:<RejectionReason>`` on REJECT;
- ``escalation:<EscalationLevel>`` on ESCALATE (the new level) and DIRECTIVE (the giver's).
"""

from __future__ import annotations

from collections.abc import Callable

from sandbox.workflow.enums import Action, EscalationLevel
from sandbox.workflow.state import Transition

_DETAIL: dict[Action, Callable[[Transition], str]] = {
    Action.ASSIGN: lambda t: f"assignee:{t.after.assignee_id}",
    Action.TRANSFER_REQUEST: lambda t: f"institution:{t.after.transfer_target_id}",
    Action.TRANSFER_ACCEPT: lambda t: f"institution:{t.after.institution_id}",
    Action.TRANSFER_RETURN: lambda t: f"institution:{t.before.transfer_target_id}",
    Action.CLOSE: lambda t: f"resolution:{t.after.resolution.value}",
    Action.REJECT: lambda t: f"rejection:{t.command.rejection_reason.value}",
    Action.RATE: lambda t: f"rating:{t.after.rating}",
    Action.ESCALATE: lambda t: f"escalation:{t.after.escalation_level.value}",
}


def event_detail(transition: Transition, *, giver_level: EscalationLevel | None = None) -> str:
    """The ``detail`` string for the event of a transition."""
    if transition.action is Action.DIRECTIVE and giver_level is not None:
        return f"escalation:{giver_level.value}"
    describe = _DETAIL.get(transition.action)
    return describe(transition) if describe else ""


def submit_detail(institution_id: int) -> str:
    """The ``detail`` string of a SUBMIT event: the institution first chosen (transfers move it)."""
    return f"institution:{institution_id}"


def parse_detail(detail: str) -> tuple[str, str] | None:
    """``("institution", "12")`` from ``"institution:12"``; None when empty or malformed."""
    key, sep, value = detail.partition(":")
    return (key, value) if sep and key and value else None
