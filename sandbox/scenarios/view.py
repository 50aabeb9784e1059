"""What checks read: a frozen snapshot of one trainee's workspace for one scenario attempt.

Plain dataclasses, built by ``sandbox.services.training.snapshot`` from the database and by
tests by hand. Institutions are named by code, times are on the workspace's simulated
clock (naive East Africa Time), events are oldest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from sandbox.workflow import (
    TANZANIA,
    Action,
    Channel,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    Resolution,
    Status,
    WorkingCalendar,
)
from sandbox.workflow.labels import Labelled


class Actor(Labelled):
    """Who did something, as a check asks it."""

    TRAINEE = ("trainee", "Mwanafunzi", "Trainee")
    STAFF = ("staff", "Mtumishi mwingine", "Another staff member")
    CITIZEN = ("citizen", "Mwananchi", "Citizen")
    SYSTEM = ("system", "Mfumo", "System")
    LEADER = ("leader", "Kiongozi", "Leader")


@dataclass(frozen=True)
class Event:
    """One entry of an item's history; ``institution`` is the code its detail names, if any."""

    action: Action
    actor: Actor
    at: datetime
    actor_label: str = ""
    text: str = ""
    is_public: bool = False
    detail: str = ""
    status_after: Status | None = None
    institution: str | None = None


@dataclass(frozen=True)
class Identity:
    """What the complainant gave (synthetic); None on an anonymous item."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Reveal:
    """One entry of the identity reveal log: who looked, why, when."""

    actor: Actor
    reason: str
    at: datetime


@dataclass(frozen=True)
class Sms:
    """One text about the item: sent by the simulated gateway, or (``inbound``) received."""

    text: str
    at: datetime
    inbound: bool = False


@dataclass(frozen=True)
class Tracking:
    """The citizen asked for the item's status on a channel (by SMS: FUATILIA <reference>)."""

    channel: Channel
    at: datetime


@dataclass(frozen=True)
class Template:
    """A response template filled in for this item, in the item's language."""

    code: str
    text: str
    title_sw: str = ""  # the names the desk shows; the code when none is known
    title_en: str = ""


@dataclass(frozen=True)
class Item:
    """One feedback item as checks see it (``key``: the scenario's name for it, or "")."""

    key: str
    reference: str
    type: FeedbackType
    status: Status
    institution: str
    received_at: datetime
    acknowledge_due: datetime
    respond_due: datetime
    channel: Channel = Channel.WEB
    complainant_type: ComplainantType = ComplainantType.CITIZEN
    description: str = ""
    transfer_target: str | None = None
    transfer_count: int = 0
    escalation_level: EscalationLevel = EscalationLevel.NONE
    acknowledged_at: datetime | None = None
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    paused_since: datetime | None = None
    resolution: Resolution | None = None
    rating: int | None = None
    identity: Identity | None = None
    submitted_by: Actor = Actor.CITIZEN
    events: tuple[Event, ...] = ()
    reveals: tuple[Reveal, ...] = ()
    sms: tuple[Sms, ...] = ()
    templates: tuple[Template, ...] = ()
    trackings: tuple[Tracking, ...] = ()
    assignee: str = ""  # the setup staff key of the assignee, "trainee", "other" or "" (none)
    assignee_name: str = ""  # how the desk shows the assignee

    @property
    def is_anonymous(self) -> bool:
        """True when the complainant chose not to be identified."""
        return self.complainant_type is ComplainantType.ANONYMOUS

    @property
    def has_identity(self) -> bool:
        """True when any part of an identity is stored."""
        who = self.identity
        return who is not None and any((who.name, who.phone, who.email))

    @property
    def is_paused(self) -> bool:
        """True while the SLA clock waits on the citizen."""
        return self.paused_since is not None

    def events_of(self, action: Action) -> tuple[Event, ...]:
        """This item's events of one action, oldest first."""
        return tuple(e for e in self.events if e.action is action)


VIEW_PARTS = frozenset({"calendar", "templates", "reveals", "sms", "trackings", "assignee_names"})
"""The parts of a view a check may need beyond the items, their events and the clock: the
workspace's own calendar (else the default), each setup item's filled-in templates, reveal
logs, SMS, status requests and the assignees' names. A view built for a scenario holds only
the parts its checks declare (``checks/registry.check(..., reads=...)``); the others are
empty."""


@dataclass(frozen=True)
class WorkspaceView:
    """The scenario's items by key, the items made during the attempt, the clock, and the
    names of the setup's staff by key."""

    items: Mapping[str, Item]
    now: datetime
    own_institution: str
    created: tuple[Item, ...] = ()
    calendar: WorkingCalendar = field(default=TANZANIA, repr=False)
    staff: Mapping[str, str] = field(default_factory=dict)  # setup staff key → display name
    # institution code → (Swahili name, English name), for messages a trainee reads
    institution_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Freeze the mappings of items and staff."""
        object.__setattr__(self, "items", MappingProxyType(dict(self.items)))
        object.__setattr__(self, "staff", MappingProxyType(dict(self.staff)))
        names = MappingProxyType(dict(self.institution_names))
        object.__setattr__(self, "institution_names", names)

    def item(self, key: str) -> Item | None:
        """The scenario item with this key, or None."""
        return self.items.get(key)

    def institution(self, code: str) -> str:
        """An institution code of a check, with ``own`` read as the trainee's institution."""
        return self.own_institution if code == "own" else code

    def institution_named(self, code: str) -> tuple[str, str]:
        """How a message names an institution: (Swahili, English) names, else its code."""
        code = self.institution(code)
        return self.institution_names.get(code, (code, code))
