"""Why a workspace behaves as it does: each toggle evaluated with a context and a reason.

The shape follows OpenFeature's evaluation API: an ``EvaluationContext`` (the targeting key is
the workspace's code; the workspace kind, cohort, reader's role, institution and language ride
along) and, per toggle, a ``Resolution`` (the value, a reason from OpenFeature's vocabulary,
where the value came from, and a sentence in both languages).

Decisions:
- **The value is per workspace, never per reader.** Behaviour never differs between two users
  of one workspace (an officer and their head must see the same flow, and a scenario's checks
  read one world). The reader's role, institution and language only shape the explanation:
  whether the toggle changes something *this reader* sees (``affects_reader``, from
  ``toggles.AUDIENCES``) and the language of the sentence.
- **Reasons**: ``DEFAULT`` when the workspace never switched the toggle (no stored row);
  ``TARGETING_MATCH`` when a row for this workspace decided it, even if it repeats the default
  (someone chose it, and the panel says who). OpenFeature's other reasons (``STATIC``,
  ``SPLIT``, ``CACHED``, ``ERROR``…) do not arise: there is no percentage rollout and no cache.
- **Sources** (``FlagSource``, stored in ``WorkspaceFlag.source``): a scenario's setup, a
  stakeholder preview pair, a facilitator, an administrator, or ``manual`` (the CLI, and rows
  stored before sources existed). ``DEFAULT`` is never stored: it is the absence of a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sandbox.workflow.enums import Role
from sandbox.workflow.labels import Labelled
from sandbox.workflow.toggles import AUDIENCES, CITIZEN, DESCRIPTIONS, Toggle

REASON_DEFAULT = "DEFAULT"
REASON_TARGETING_MATCH = "TARGETING_MATCH"


class FlagSource(Labelled):
    """Who or what switched a toggle in a workspace (the stored value of ``WorkspaceFlag``)."""

    DEFAULT = ("default", "chaguo-msingi la kila eneo", "the default for every workspace")
    SCENARIO = ("scenario", "maandalizi ya hali ya mafunzo", "a training scenario's setup")
    PREVIEW = ("preview", "jaribio la hoja ya maboresho", "the preview of a proposal")
    FACILITATOR = ("facilitator", "mwezeshaji", "a facilitator")
    ADMIN = ("admin", "msimamizi", "an administrator")
    MANUAL = ("manual", "amri ya mfumo", "a system command")

    @classmethod
    def of(cls, stored: str) -> FlagSource:
        """The source a row stored; an unknown value reads as ``MANUAL``."""
        return cls._value2member_map_.get(stored, cls.MANUAL)  # type: ignore[return-value]


@dataclass(frozen=True)
class EvaluationContext:
    """What a toggle is evaluated with: the workspace (targeting key) and who reads it."""

    targeting_key: str
    workspace_kind: str = ""
    cohort: str | None = None
    role: Role | None = None
    institution: str | None = None
    language: str = "sw"


@dataclass(frozen=True)
class StoredFlag:
    """A workspace's row for one toggle, as the evaluation needs it."""

    is_enabled: bool
    source: FlagSource = FlagSource.MANUAL
    note: str = ""
    set_at: datetime | None = None


@dataclass(frozen=True)
class Resolution:
    """One toggle's value in one workspace, with why (OpenFeature's resolution details)."""

    toggle: Toggle
    value: bool
    reason: str
    source: FlagSource
    note: str
    set_at: datetime | None
    affects_reader: bool
    sentence_sw: str
    sentence_en: str
    context: EvaluationContext | None = None  # what it was evaluated with

    @property
    def is_default(self) -> bool:
        """True when the value is the toggle's default (whoever decided it)."""
        return self.value == self.toggle.default

    @property
    def meets_citizen(self) -> bool:
        """True when the citizen meets this toggle on a channel."""
        return CITIZEN in AUDIENCES.get(self.toggle, frozenset())

    def sentence(self, lang: str = "sw") -> str:
        """Why the toggle has its value, in ``lang``."""
        return self.sentence_en if lang == "en" else self.sentence_sw

    def description(self, lang: str = "sw") -> str:
        """What the toggle changes and who sees it, in ``lang``."""
        sw, en = DESCRIPTIONS[self.toggle]
        return en if lang == "en" else sw


def resolve(toggle: Toggle, stored: StoredFlag | None, context: EvaluationContext) -> Resolution:
    """Evaluate ``toggle`` for the context's workspace from its stored row (None: no row)."""
    value = toggle.default if stored is None else stored.is_enabled
    source = FlagSource.DEFAULT if stored is None else stored.source
    sw, en = _sentence(value, stored)
    return Resolution(
        toggle=toggle,
        value=value,
        reason=REASON_DEFAULT if stored is None else REASON_TARGETING_MATCH,
        source=source,
        note="" if stored is None else stored.note,
        set_at=None if stored is None else stored.set_at,
        affects_reader=context.role is not None and context.role in AUDIENCES.get(toggle, ()),
        sentence_sw=sw,
        sentence_en=en,
        context=context,
    )


def resolve_all(stored: dict[Toggle, StoredFlag], context: EvaluationContext) -> list[Resolution]:
    """Every toggle, in declaration order, evaluated for one workspace."""
    return [resolve(toggle, stored.get(toggle), context) for toggle in Toggle]


def _sentence(value: bool, stored: StoredFlag | None) -> tuple[str, str]:
    """The bilingual "why": the default, or who set it, with the note and the date."""
    state_sw, state_en = ("Imewashwa", "On") if value else ("Imezimwa", "Off")
    if stored is None:
        return (
            f"{state_sw}: chaguo-msingi la kila eneo la kazi.",
            f"{state_en}: the default for every workspace.",
        )
    note = f" ({stored.note})" if stored.note else ""
    day_sw = day_en = ""
    if stored.set_at is not None:
        day = stored.set_at.strftime("%d/%m/%Y")
        day_sw, day_en = f" tarehe {day}", f" on {day}"
    return (
        f"{state_sw} katika eneo hili: imewekwa na {stored.source.label_sw}{note}{day_sw}.",
        f"{state_en} in this workspace: set by {stored.source.label_en}{note}{day_en}.",
    )
