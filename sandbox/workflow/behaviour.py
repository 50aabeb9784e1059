"""Per-workspace rules: the base tables plus the overlays of the toggles that are on.

A ``Toggle`` is declared once, with its default; a workspace stores only the toggles it
changed (``WorkspaceFlag`` rows), so a new toggle needs no migration and no backfill.

What a toggle changes is data: an ``Overlay`` adds or removes moves per feedback type,
adds required inputs and guards, replaces effects, USSD screens and citizen notices.
``OVERLAYS`` maps each toggle to its overlay. ``WorkspaceRules`` (frozen) is one
workspace's SLA policy, working calendar and the set of toggles that are on; its
``tables`` are the base with the overlays of the toggles on laid over it, in the order the
toggles are declared (later overlays win), computed once per combination of overlays.

The two toggles shipped today have no overlay: they switch service behaviour (automatic
escalation, the reply identity warning), which the services read from ``is_on``. The
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
from typing import Any, Self

from sandbox.workflow.calendar import TANZANIA, WorkingCalendar
from sandbox.workflow.enums import Action, EscalationLevel, FeedbackType, Status
from sandbox.workflow.labels import Labelled
from sandbox.workflow.notices import NOTICES
from sandbox.workflow.rules import EFFECTS, GUARDS, REQUIRED, Effect, Field, Guard
from sandbox.workflow.sla import (
    DEFAULT_POLICY,
    SlaPolicy,
    can_escalate,
    escalation_due,
    next_escalation_at,
)
from sandbox.workflow.state import FeedbackState
from sandbox.workflow.table import FLOWS, Moves, Table, flatten

Screen = Mapping[str, Any]
Notice = tuple[str, str]  # (Swahili, English)


class Toggle(Labelled):
    """The behaviours a workspace can switch (value, Swahili, English, default)."""

    _default: bool

    def __new__(cls, value: str, label_sw: str, label_en: str, default: bool) -> Self:
        """Create a member storing ``value``, both labels and whether it is on by default."""
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_sw, member._label_en, member._default = label_sw, label_en, default
        return member

    @property
    def default(self) -> bool:
        """True when the behaviour is on in a workspace that never switched it."""
        return self._default

    AUTO_ESCALATION = (
        "auto_escalation",
        "Kupandisha ngazi kiotomatiki mrejesho uliochelewa",
        "Escalate overdue feedback automatically",
        True,
    )
    REPLY_IDENTITY_WARNING = (
        "reply_identity_warning",
        "Onya jibu linapotaja jina au simu ya mlalamikaji",
        "Warn when a reply names the complainant or their phone",
        True,
    )


DEFAULTS: Mapping[Toggle, bool] = MappingProxyType({t: t.default for t in Toggle})
ON_BY_DEFAULT = frozenset(t for t in Toggle if t.default)


def _empty() -> Mapping:
    """A fresh read-only empty mapping (the default of every overlay part)."""
    return MappingProxyType({})


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a registry constant
class Overlay:
    """What one toggle changes in the base tables; every part is optional data.

    ``removed`` takes actions out of a feedback type's flow before ``added`` puts moves
    in (so a move can be replaced); ``required`` and ``guards`` come on top of the
    base ones; ``effects``, ``ussd_screens`` (by screen name) and ``notices`` replace or
    add entries.
    """

    added: Mapping[FeedbackType, Moves] = field(default_factory=_empty)
    removed: Mapping[FeedbackType, frozenset[Action]] = field(default_factory=_empty)
    required: Mapping[Action, tuple[Field, ...]] = field(default_factory=_empty)
    guards: Mapping[Action, Guard] = field(default_factory=_empty)
    effects: Mapping[Action, Effect] = field(default_factory=_empty)
    ussd_screens: Mapping[str, Screen] = field(default_factory=_empty)
    notices: Mapping[Action, Notice] = field(default_factory=_empty)


def for_every_type(value: Any) -> Mapping[FeedbackType, Any]:
    """The same overlay part for every feedback type (e.g. moves removed from all flows)."""
    return MappingProxyType(dict.fromkeys(FeedbackType, value))


OVERLAYS: Mapping[Toggle, Overlay] = MappingProxyType({})
"""The registry: toggles that change the tables. The two toggles of today change none."""


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

    ``overlays`` is the registry to read (``OVERLAYS``; tests pass their own).
    """

    policy: SlaPolicy = DEFAULT_POLICY
    toggles: frozenset[Toggle] = ON_BY_DEFAULT
    calendar: WorkingCalendar = TANZANIA
    overlays: Mapping[Toggle, Overlay] = field(default_factory=lambda: OVERLAYS, repr=False)

    def is_on(self, toggle: Toggle) -> bool:
        """True when ``toggle`` is on in this workspace."""
        return toggle in self.toggles

    @cached_property
    def tables(self) -> Tables:
        """The effective tables: the base plus the overlays of the toggles that are on."""
        on = tuple(self.overlays[t] for t in Toggle if t in self.toggles and t in self.overlays)
        return effective_tables(on)

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
