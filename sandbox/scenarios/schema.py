"""What a scenario file may say: pydantic models, validated on load (``loader.py``).

A scenario is data only: bilingual texts, a setup (clock, items with a history plan,
toggles, staff), ordered steps with hints and typed checks, a model ``solution`` and the
``pitfalls`` it must catch. Each check's ``params`` are validated against the model its
type registered (``checks``), so an unknown type or param fails here, naming its path.
Competency ids are checked against the list passed in the validation context
(``{"competencies": {...}}``, from ``scenarios/competencies.yaml``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from sandbox.scenarios.acts import AnyAct, ItemAct
from sandbox.scenarios.checks import CHECKS
from sandbox.scenarios.checks.registry import InstitutionCode, ItemKey
from sandbox.seeding.plans import STEPS
from sandbox.workflow import Channel, ComplainantType, FeedbackType, Role, Toggle

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
CompetencyId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{1,39}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
StaffName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]
DEFAULT_PASS_MARK = 0.8


class Model(BaseModel):
    """Base of the scenario models: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Model):
    """A text a user sees, in Swahili and English (both required, non-empty)."""

    sw: NonEmpty
    en: NonEmpty

    def text(self, lang: str = "sw") -> str:
        """The text in ``lang`` ("en" gives English, anything else Swahili)."""
        return self.en if lang == "en" else self.sw


class Competency(Model):
    """One competency scenarios train (``competencies.yaml``)."""

    id: CompetencyId
    name: Bilingual
    description: Bilingual | None = None


class SetupItem(Model):
    """An item injected by the setup: what it is, when it arrived and its history so far.

    ``history`` is a seeding plan (tokens of ``sandbox.seeding.plans.STEPS``, e.g.
    ``"ack assign start"``); ``institution`` ``own`` is the trainee's institution; a ``name``
    or ``phone`` given replaces the generated (synthetic) identity; ``transfer_to`` names
    the target of a ``transfer`` step (a list: the targets of successive transfer steps, in
    order, the last one repeated when there are more steps).
    """

    key: ItemKey
    type: FeedbackType
    description: NonEmpty
    institution: InstitutionCode = "own"
    category: str | None = None
    channel: Channel = Channel.WEB
    complainant: ComplainantType = ComplainantType.CITIZEN
    language: Literal["sw", "en"] = "sw"
    received_working_days_ago: int = Field(default=0, ge=0, le=60)
    history: str = ""
    name: str | None = None
    phone: str | None = None
    transfer_to: InstitutionCode | list[InstitutionCode] | None = None
    is_sensitive: bool = False

    @field_validator("history")
    @classmethod
    def _known_steps(cls, value: str) -> str:
        """Every token is a step of the seeding plans."""
        unknown = [token for token in value.split() if token not in STEPS]
        if unknown:
            raise ValueError(f"unknown history steps {unknown}; known: {' '.join(STEPS)}")
        return value

    @model_validator(mode="after")
    def _anonymous_has_no_identity(self) -> SetupItem:
        """An anonymous item stores no identity, so none may be given."""
        if self.complainant is ComplainantType.ANONYMOUS and (self.name or self.phone):
            raise ValueError("an anonymous item has no name or phone")
        return self


class StaffNeed(Model):
    """A colleague the scenario needs in the workspace (a leader who gives a directive, an
    officer whose queue the trainee supervises); ``name``: how the desk shows them."""

    key: ItemKey
    role: Literal[Role.OFFICER, Role.HEAD, Role.LEADER]
    institution: InstitutionCode = "own"
    name: StaffName | None = None


class Clock(Model):
    """Where the workspace clock stands when the scenario starts."""

    advance_working_days: int = Field(default=0, ge=0, le=30)


class Setup(Model):
    """What the scenario puts into the trainee's workspace before they start."""

    clock: Clock = Clock()
    items: list[SetupItem] = []
    toggles: dict[Toggle, bool] = {}
    staff: list[StaffNeed] = []

    @model_validator(mode="after")
    def _unique_keys(self) -> Setup:
        """Item and staff keys are unique."""
        keys = [i.key for i in self.items] + [s.key for s in self.staff]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"keys used twice: {repeated}")
        return self


class Hint(Model):
    """One rung of a step's hint ladder; ``cost`` is a share of the step's weight."""

    text: Bilingual
    cost: float = Field(default=0.0, ge=0.0, le=1.0)
    guide: str | None = None


class CheckSpec(Model):
    """Base of every check in a step: its type, typed params and failure message.

    The message may use ``{item}``, ``{expected}`` and ``{found}``.
    """

    type: str
    failure: Bilingual

    def params_of(self) -> Any:
        """The typed params (a ``checks.Params`` model)."""
        return getattr(self, "params")  # noqa: B009 - declared by each generated subclass


def _spec_model(name: str, params: type) -> type[CheckSpec]:
    """The CheckSpec subclass for one registered check type."""
    try:
        default: Any = Field(default_factory=params, validate_default=False)
        params()
    except ValueError:
        default = ...
    return create_model(
        f"Check_{name}", __base__=CheckSpec, type=(Literal[name], ...), params=(params, default)
    )


_SPECS = tuple(_spec_model(name, kind.params) for name, kind in sorted(CHECKS.items()))
AnyCheck = Annotated[Union[_SPECS], Field(discriminator="type")]  # noqa: UP007 - built at run time
"""One check of a step, chosen by its ``type`` among the registered check types."""


class Step(Model):
    """One step: instruction, optional guide, hint ladder, checks (all must pass), weight."""

    id: Slug
    instruction: Bilingual
    guide: str | None = None
    hints: list[Hint] = []
    checks: list[AnyCheck] = Field(min_length=1)  # type: ignore[valid-type]
    weight: float = Field(default=1.0, gt=0, le=100)


class Expectation(Model):
    """What a pitfall must produce: a step's failing check (index or type) saying ``says``."""

    step: Slug
    check: int | str = 0
    says: str | None = None


class Pitfall(Model):
    """A wrong answer (``actions``) and the failure it must produce."""

    name: NonEmpty
    actions: list[AnyAct] = Field(min_length=1)  # type: ignore[valid-type]
    expect: Expectation


class Scenario(Model):
    """One guided scenario, as written in ``scenarios/<id>.yaml``."""

    id: Slug
    version: int = Field(ge=1)
    written_in: Literal["sw", "en"] = "sw"
    competencies: list[str] = Field(min_length=1)
    difficulty: int = Field(ge=1, le=3)
    minutes: int = Field(ge=1, le=240)
    prerequisites: list[Slug] = []
    title: Bilingual
    briefing: Bilingual
    debrief: Bilingual
    pass_mark: float = Field(default=DEFAULT_PASS_MARK, gt=0, le=1)
    setup: Setup = Setup()
    steps: list[Step] = Field(min_length=1)
    solution: list[AnyAct] = Field(min_length=1)  # type: ignore[valid-type]
    pitfalls: list[Pitfall] = Field(min_length=1)

    @field_validator("competencies")
    @classmethod
    def _known_competencies(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Competency ids come from competencies.yaml (when the context lists them)."""
        known = (info.context or {}).get("competencies")
        unknown = [c for c in value if known is not None and c not in known]
        if unknown:
            raise ValueError(f"unknown competencies {unknown}; known: {sorted(known)}")
        return value

    @model_validator(mode="after")
    def _references_exist(self) -> Scenario:
        """Step ids unique; item and staff keys used exist; pitfalls point at real checks."""
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError(f"step ids used twice: {sorted({i for i in ids if ids.count(i) > 1})}")
        _keys_exist(self)
        for pitfall in self.pitfalls:
            _expectation_exists(self, pitfall)
        return self

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError when none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def total_weight(self) -> float:
        """The sum of the steps' weights."""
        return sum(s.weight for s in self.steps)


def _keys_exist(scenario: Scenario) -> None:
    """Every item key a check or act names is a setup item; every ``by`` and ``officer`` of
    an act, and every ``to`` of a check, a staff key."""
    items = {i.key for i in scenario.setup.items}
    staff = {s.key for s in scenario.setup.staff}
    used: list[tuple[str, str]] = []
    for step in scenario.steps:
        for n, spec in enumerate(step.checks):
            key = getattr(spec.params_of(), "item", None)
            if key is not None:
                used.append((f"steps[{step.id}].checks[{n}]", key))
            to = getattr(spec.params_of(), "to", None)
            if to is not None and to not in staff:
                where = f"steps[{step.id}].checks[{n}]"
                raise ValueError(f"{where}: staff key {to!r} is not in setup.staff")
    acts = [("solution", a) for a in scenario.solution]
    acts += [(f"pitfalls[{p.name}]", a) for p in scenario.pitfalls for a in p.actions]
    for where, act in acts:
        if isinstance(act, ItemAct) or getattr(act, "item", None) is not None:
            used.append((where, act.item))
        for field in ("by", "officer"):
            key = getattr(act, field, None)
            if key is not None and key not in staff:
                raise ValueError(f"{where}: staff key {key!r} is not in setup.staff")
    missing = [(where, key) for where, key in used if key not in items]
    if missing:
        where, key = missing[0]
        raise ValueError(f"{where}: item {key!r} is not in setup.items (have {sorted(items)})")


def _expectation_exists(scenario: Scenario, pitfall: Pitfall) -> None:
    """The pitfall's expected step exists and has the check it names."""
    expect = pitfall.expect
    try:
        step = scenario.step(expect.step)
    except KeyError:
        raise ValueError(f"pitfall {pitfall.name!r}: no step {expect.step!r}") from None
    if isinstance(expect.check, int):
        if not 0 <= expect.check < len(step.checks):
            raise ValueError(f"pitfall {pitfall.name!r}: step has no check {expect.check}")
    elif expect.check not in {c.type for c in step.checks}:
        raise ValueError(f"pitfall {pitfall.name!r}: step has no {expect.check!r} check")
