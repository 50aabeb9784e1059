"""Named workflow errors, each explaining itself in Swahili and English.

Views catch ``WorkflowError`` and show ``error.message(lang)``; ``str(error)`` is English
so logs and tracebacks stay readable for every developer.
"""

from __future__ import annotations

from collections.abc import Iterable

from sandbox.workflow.enums import Action, FeedbackType, Status


class BilingualError(Exception):
    """A refusal that explains itself in Swahili and English (the base of every refusal)."""

    def __init__(self, message_sw: str, message_en: str) -> None:
        """Store both messages; the English one is also the exception argument."""
        super().__init__(message_en)
        self.message_sw = message_sw
        self.message_en = message_en

    def message(self, lang: str = "sw") -> str:
        """The message in ``lang`` ("en" gives English; anything else gives Swahili)."""
        return self.message_en if lang == "en" else self.message_sw

    def __str__(self) -> str:
        """The English message."""
        return self.message_en


class WorkflowError(BilingualError):
    """Base class: an action was refused; the messages say why and what to do instead."""


def _labels(actions: Iterable[Action], lang: str) -> str:
    """Comma-separated quoted labels, or a dash when there are none."""
    text = ", ".join(f"'{action.label(lang)}'" for action in actions)
    return text or "—"


# Swahili noun-class agreement of "having" for each type's singular noun.
_WITH_SW = {FeedbackType.COMPLIMENT: "yenye"}


class IllegalTransition(WorkflowError):
    """The action is not allowed for this feedback type in this status."""

    def __init__(
        self,
        feedback_type: FeedbackType,
        status: Status,
        action: Action,
        allowed: Iterable[Action] = (),
    ) -> None:
        """Build a message naming the action, type and status, and what is allowed now."""
        allowed = tuple(allowed)
        self.feedback_type, self.status, self.action = feedback_type, status, action
        super().__init__(
            f"Huwezi kufanya '{action.label_sw}' kwenye {feedback_type.label_sw.lower()} "
            f"{_WITH_SW.get(feedback_type, 'lenye')} hali '{status.label_sw}'. "
            f"Vitendo vinavyoruhusiwa sasa: {_labels(allowed, 'sw')}.",
            f"You cannot '{action.label_en}' this {feedback_type.label_en.lower()} "
            f"while it is '{status.label_en}'. "
            f"Actions allowed now: {_labels(allowed, 'en')}.",
        )


class MissingInput(WorkflowError):
    """A required reason, reply, resolution, rating or other input is missing or invalid."""


class NotOurInstitution(MissingInput):
    """Rejecting as "not our institution" is never allowed: transfer the item instead."""

    def __init__(self) -> None:
        """Explain that the item must be transferred, not rejected."""
        super().__init__(
            "Huwezi kukataa mrejesho kwa sababu 'si ya taasisi yetu'. "
            "Tumia 'Omba kuhamisha' ili uupeleke kwa taasisi inayohusika.",
            "You cannot reject feedback as 'not our institution'. "
            "Use 'Request transfer' to send it to the institution responsible.",
        )


class TransferLimitReached(WorkflowError):
    """The item has already been transferred the maximum number of times."""

    def __init__(self, limit: int) -> None:
        """Explain the cap and what to do instead."""
        super().__init__(
            f"Mrejesho huu umeshahamishwa mara {limit}, ambacho ndicho kikomo. "
            "Taasisi hii sasa inapaswa kuushughulikia au kupandisha ngazi.",
            f"This feedback has already been transferred {limit} times, which is the limit. "
            "This institution must now handle it or escalate it.",
        )


class ReopenNotAllowed(WorkflowError):
    """The appeal conditions (low rating or within the reopen window) do not hold."""


class EscalationLimitReached(WorkflowError):
    """The item is already escalated to the highest level (leader)."""

    def __init__(self) -> None:
        """Explain that there is no level above the leader."""
        super().__init__(
            "Mrejesho huu tayari umepandishwa hadi ngazi ya juu kabisa (Kiongozi).",
            "This feedback is already escalated to the highest level (Leader).",
        )


class VersionConflict(WorkflowError):
    """The item changed since the user loaded it (a stale version was submitted)."""

    def __init__(self, expected: int, actual: int) -> None:
        """Explain that someone else changed the item and it must be reloaded."""
        self.expected, self.actual = expected, actual
        super().__init__(
            "Mtu mwingine amebadilisha mrejesho huu tangu ulipoufungua "
            f"(toleo {expected}, sasa ni {actual}). Pakia upya ukurasa kisha ujaribu tena.",
            "Someone else changed this item since you opened it "
            f"(version {expected}, now {actual}). Reload the page and try again.",
        )
