"""What an event row records besides its action: a short machine-readable ``detail``.

Convention (``key:value``; empty for actions that need none):

- ``institution:<id>`` on SUBMIT (the institution the citizen picked), TRANSFER_REQUEST
  (the target), TRANSFER_ACCEPT (the new owner), TRANSFER_RETURN (who sends it back);
- ``assignee:<user id>`` on ASSIGN; ``rating:<1-5>`` on RATE;
- ``resolution:<Resolution>`` on CLOSE; ``rejection:<RejectionReason>`` on REJECT;
- ``escalation:<EscalationLevel>`` on ESCALATE (the new level) and DIRECTIVE (the giver's).

How a history reads, as data in both languages: each action's event phrasing ("Imefungwa",
not the button's "Funga"), what an event's text is to its reader (the citizen's answer is
not a reply *to* the citizen), and the stored actor labels of actors without an account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from sandbox.workflow.enums import Action, EscalationLevel
from sandbox.workflow.labels import Labelled
from sandbox.workflow.state import Transition

# What happened, as a history line says it (Swahili, English); the buttons keep Action's labels.
EVENT_LABELS: Mapping[Action, tuple[str, str]] = MappingProxyType(
    {
        Action.SUBMIT: ("Imewasilishwa", "Submitted"),
        Action.ACKNOWLEDGE: ("Imethibitishwa kupokelewa", "Receipt acknowledged"),
        Action.ASSIGN: ("Imepangiwa afisa", "Assigned to an officer"),
        Action.START: ("Imeanza kushughulikiwa", "Work started"),
        Action.REQUEST_INFO: ("Taarifa zaidi zimeombwa", "More information requested"),
        Action.CITIZEN_REPLIED: ("Mwananchi amejibu", "The citizen answered"),
        Action.TRANSFER_REQUEST: ("Uhamisho umeombwa", "Transfer requested"),
        Action.TRANSFER_ACCEPT: ("Uhamisho umekubaliwa", "Transfer accepted"),
        Action.TRANSFER_RETURN: ("Uhamisho umerudishwa", "Transfer returned"),
        Action.RESPOND: ("Imejibiwa", "Replied"),
        Action.CLOSE: ("Imefungwa", "Closed"),
        Action.REJECT: ("Imekataliwa", "Rejected"),
        Action.ESCALATE: ("Imepandishwa ngazi", "Escalated"),
        Action.DIRECTIVE: ("Maelekezo ya kiongozi yametolewa", "Leader's directive given"),
        Action.RATE: ("Mwananchi ametathmini", "The citizen rated the reply"),
        Action.REOPEN: ("Imefunguliwa upya (rufaa)", "Reopened (appeal)"),
        Action.NOTE: ("Dokezo la ndani limeongezwa", "Internal note added"),
    }
)


def event_label(action: Action, lang: str = "sw") -> str:
    """What happened, in ``lang`` ("en" gives English; anything else Swahili)."""
    sw, en = EVENT_LABELS[action]
    return en if lang == "en" else sw


class EventText(Labelled):
    """What an event's text is to the person reading the history."""

    REPLY = ("reply", "Jibu kwa mwananchi", "Reply to the citizen")
    QUESTION = ("question", "Swali kwa mwananchi", "Question to the citizen")
    MESSAGE = ("message", "Ujumbe kwa mwananchi", "Message to the citizen")
    EXPLANATION = ("explanation", "Maelezo kwa mwananchi", "Explanation for the citizen")
    CITIZEN_ANSWER = ("citizen_answer", "Jibu la mwananchi", "The citizen's answer")
    APPEAL = ("appeal", "Sababu ya rufaa", "Reason for the appeal")
    REASON = ("reason", "Sababu", "Reason")
    NOTE = ("note", "Dokezo la ndani", "Internal note")
    DIRECTIVE = ("directive", "Maelekezo", "Directive")


EVENT_TEXT: Mapping[Action, EventText] = MappingProxyType(
    {
        Action.RESPOND: EventText.REPLY,
        Action.REQUEST_INFO: EventText.QUESTION,
        Action.TRANSFER_ACCEPT: EventText.MESSAGE,
        Action.REJECT: EventText.EXPLANATION,
        Action.CITIZEN_REPLIED: EventText.CITIZEN_ANSWER,
        Action.REOPEN: EventText.APPEAL,
        Action.TRANSFER_REQUEST: EventText.REASON,
        Action.TRANSFER_RETURN: EventText.REASON,
        Action.ESCALATE: EventText.REASON,
        Action.NOTE: EventText.NOTE,
        Action.DIRECTIVE: EventText.DIRECTIVE,
    }
)

# Stored ``actor_label`` of events without an account (the column keeps the Swahili word).
CITIZEN_ACTOR = "Mwananchi"
SYSTEM_ACTOR = "Mfumo"
ACTOR_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {CITIZEN_ACTOR: ("Mwananchi", "Citizen"), SYSTEM_ACTOR: ("Mfumo", "System")}
)


def escalation_reason(late: int) -> str:
    """The stored text of an automatic escalation ``late`` working days overdue (both
    languages in one string: a history is read by everyone)."""
    return (
        f"Imepandishwa ngazi na mfumo: imechelewa siku {late} za kazi. / "
        f"Escalated automatically: {late} working days overdue."
    )


# A leader without an account is stored by title and place: (Swahili prefix, English prefix).
REGIONAL_SECRETARY = ("Katibu Tawala wa Mkoa wa ", "Regional Administrative Secretary, ")
ACTOR_TITLES: tuple[tuple[str, str], ...] = (REGIONAL_SECRETARY,)


def actor_name(stored_label: str, lang: str = "sw") -> str:
    """A stored actor label in ``lang``: citizen, system or a title; a person's name as is."""
    words = ACTOR_WORDS.get(stored_label)
    if words is not None:
        return words[1] if lang == "en" else words[0]
    for sw_prefix, en_prefix in ACTOR_TITLES:
        if lang == "en" and stored_label.startswith(sw_prefix):
            return en_prefix + stored_label.removeprefix(sw_prefix)
    return stored_label


def rating_text(rating: int, lang: str = "sw") -> str:
    """The citizen's rating as the history shows it: "Tathmini: 2/5" / "Rating: 2/5"."""
    return f"{'Rating' if lang == 'en' else 'Tathmini'}: {rating}/5"


def rating_of(detail: str) -> int | None:
    """The rating recorded in a RATE event's detail ("rating:2" gives 2), else None."""
    parsed = parse_detail(detail or "")
    if parsed is None or parsed[0] != "rating" or not parsed[1].isdigit():
        return None
    return int(parsed[1])


_DETAIL: dict[Action, Callable[[Transition], str]] = {
    Action.ASSIGN: lambda t: f"assignee:{t.after.assignee_id}",
    # the target: pending, or (an immediate transfer) the item's new institution already
    Action.TRANSFER_REQUEST: lambda t: (
        f"institution:{t.after.transfer_target_id or t.after.institution_id}"
    ),
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
