"""Per-workspace rules: the base tables plus the overlays of the toggles that are on.

A ``Toggle`` is declared once, with its default; a workspace stores only the toggles it
changed (``WorkspaceFlag`` rows), so a new toggle needs no migration and no backfill.

What a toggle changes is data: an ``Overlay`` adds or removes moves per feedback type,
adds required inputs and guards, replaces effects, USSD screens and citizen notices.
``OVERLAYS`` maps each toggle to its overlay. ``WorkspaceRules`` (frozen) is one
workspace's SLA policy, working calendar and the set of toggles that are on; its
``tables`` are the base with the overlays of the toggles on laid over it, in the order the
toggles are declared (later overlays win), computed once per combination of overlays.

The toggles and their texts are declared in ``toggles.py``; the overlays, and the
registries ``OVERLAYS`` (what a toggle changes while on) and ``OFF_OVERLAYS`` (while off, for
toggles whose default is today's behaviour), in ``overlays.py``. Two toggles have no overlay:
they switch service behaviour (automatic escalation, the reply identity warning), which the
services read from ``is_on``; ``tracking_deadline`` is read the same way by the tracking
answers of every channel. The
workflow does not know the USSD channel's base screens (the channel depends on the
workflow, not the reverse): ``tables.ussd_screens`` holds only the replacements, laid over
the base by ``sandbox.channels.ussd.menus.screens_for``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from types import MappingProxyType

from sandbox.workflow.calendar import TANZANIA, WorkingCalendar
from sandbox.workflow.enums import Action, EscalationLevel, FeedbackType, Status
from sandbox.workflow.notices import NOTICES
from sandbox.workflow.overlays import (
    OFF_OVERLAYS,
    OVERLAYS,
    Notice,
    Overlay,
    Screen,
    for_every_type,
)
from sandbox.workflow.rules import EFFECTS, GUARDS, REQUIRED, Effect, Field, Guard
from sandbox.workflow.sla import (
    DEFAULT_POLICY,
    SlaPolicy,
    can_escalate,
    escalation_due,
    next_escalation_at,
)
from sandbox.workflow.state import FeedbackState
from sandbox.workflow.table import FLOWS, Table, flatten
from sandbox.workflow.toggles import DEFAULTS, ON_BY_DEFAULT, Toggle

# Re-exported: the toggles, overlays and registries are declared in their own modules.
__all__ = [
    "BASE_RULES",
    "DEFAULTS",
    "OFF_OVERLAYS",
    "ON_BY_DEFAULT",
    "OVERLAYS",
    "Notice",
    "Overlay",
    "Screen",
    "Tables",
    "Toggle",
    "WorkspaceRules",
    "effective_tables",
    "for_every_type",
]


@dataclass(frozen=True, eq=False)
class Tables:
    """The effective tables the interpreters read (base, or base plus overlays)."""

    transitions: Table
    required: Mapping[Action, tuple[Field, ...]]
    guards: Mapping[Action, tuple[Guard, ...]]
    effects: Mapping[Action, Effect]
    notices: Mapping[Action, Notice]
    ussd_screens: Mapping[str, Screen]


@lru_cache(maxsize=64)
def effective_tables(overlays: tuple[Overlay, ...]) -> Tables:
    """The base tables with ``overlays`` laid over them in order (memoised)."""
    return Tables(
        transitions=_transitions(overlays),
        required=_stacked(REQUIRED, (o.required for o in overlays)),
        guards=_stacked(_singles(GUARDS), (_singles(o.guards) for o in overlays)),
        effects=_merged(EFFECTS, (o.effects for o in overlays)),
        notices=_merged(NOTICES, (o.notices for o in overlays)),
        ussd_screens=_merged({}, (o.ussd_screens for o in overlays)),
    )


def _transitions(overlays: tuple[Overlay, ...]) -> Table:
    """The flat transition table after each overlay's removals, then additions."""
    flows = {kind: dict(moves) for kind, moves in FLOWS.items()}
    for overlay in overlays:
        for kind, actions in overlay.removed.items():
            for action in actions:
                flows[kind].pop(action, None)
        for kind, moves in overlay.added.items():
            flows[kind].update(moves)
    return flatten(flows)


def _stacked(base: Mapping[Action, tuple], extras: Iterable[Mapping[Action, tuple]]) -> Mapping:
    """Per-action tuples: the base entries, then each overlay's, without repeats."""
    result = dict(base)
    for extra in extras:
        for action, values in extra.items():
            known = result.get(action, ())
            result[action] = known + tuple(v for v in values if v not in known)
    return MappingProxyType(result)


def _singles(guards: Mapping[Action, Guard]) -> Mapping[Action, tuple[Guard, ...]]:
    """One-guard tuples, so guards stack like required inputs."""
    return {action: (guard,) for action, guard in guards.items()}


def _merged(base: Mapping, extras: Iterable[Mapping]) -> Mapping:
    """The base entries, replaced or extended by each overlay's in order."""
    result = dict(base)
    for extra in extras:
        result.update(extra)
    return MappingProxyType(result)


@dataclass(frozen=True)
class WorkspaceRules:
    """One workspace's rules: SLA policy, the toggles that are on, the working calendar.

    ``overlays`` and ``off_overlays`` are the registries to read (``OVERLAYS`` for toggles
    that are on, ``OFF_OVERLAYS`` for toggles that are off). Tests pass their own: a registry
    given by hand for ``overlays`` comes with no OFF overlays unless ``off_overlays`` is given
    too, so a test's toggle set means only the test's overlays.
    """

    policy: SlaPolicy = DEFAULT_POLICY
    toggles: frozenset[Toggle] = ON_BY_DEFAULT
    calendar: WorkingCalendar = TANZANIA
    overlays: Mapping[Toggle, Overlay] = field(default_factory=lambda: OVERLAYS, repr=False)
    off_overlays: Mapping[Toggle, Overlay] | None = field(default=None, repr=False)

    def is_on(self, toggle: Toggle) -> bool:
        """True when ``toggle`` is on in this workspace."""
        return toggle in self.toggles

    @cached_property
    def tables(self) -> Tables:
        """The effective tables: the base plus, per toggle in order, its on or off overlay."""
        laid = tuple(o for o in (self._overlay_of(t) for t in Toggle) if o is not None)
        return effective_tables(laid)

    def _overlay_of(self, toggle: Toggle) -> Overlay | None:
        """The overlay ``toggle`` lays in this workspace: its ON one or its OFF one, if any."""
        registry = self.overlays if toggle in self.toggles else self._off_registry
        return registry.get(toggle)

    @property
    def _off_registry(self) -> Mapping[Toggle, Overlay]:
        """``off_overlays``, else the shipped one unless ``overlays`` was given by hand."""
        if self.off_overlays is not None:
            return self.off_overlays
        return OFF_OVERLAYS if self.overlays is OVERLAYS else {}

    def can_escalate(self, feedback_type: FeedbackType, status: Status) -> bool:
        """True when the effective table lets this type escalate in this status."""
        return can_escalate(feedback_type, status, self.tables.transitions)

    def escalation_due(self, state: FeedbackState, now: datetime) -> EscalationLevel | None:
        """The next automatic escalation level due for ``state`` at ``now``, if any."""
        return escalation_due(state, now, self.policy, self.calendar, self.tables.transitions)

    def next_escalation_at(self, state: FeedbackState) -> datetime | None:
        """When ``state``'s next automatic escalation falls due (None: never, or switched off)."""
        if not self.is_on(Toggle.AUTO_ESCALATION):
            return None
        return next_escalation_at(state, self.policy, self.calendar, self.tables.transitions)


BASE_RULES = WorkspaceRules()
"""The rules of a workspace that changed nothing: training-default SLA, default toggles."""
