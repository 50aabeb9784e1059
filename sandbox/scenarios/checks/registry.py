"""The registry of check types: a name, a typed params model and an ``evaluate`` function.

A check type is registered with ``@check("name", ParamsModel, reads=(...))`` over a function
``evaluate(params, view) -> CheckResult``; a scenario names the type and gives its params as
data, validated against the model (``schema.py``). Nothing in a scenario is ever evaluated
as code. ``reads`` names the parts of the view beyond items and events the check needs
(``view.VIEW_PARTS``): a view is built with only what its scenario's checks read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sandbox.scenarios.text import contains_any, normal
from sandbox.scenarios.view import VIEW_PARTS, Item, WorkspaceView
from sandbox.workflow.labels import Labelled

Words = tuple[str, str]  # (Swahili, English)
ItemKey = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,19}$")]
InstitutionCode = Annotated[str, StringConstraints(pattern=r"^(own|[A-Z][A-Z0-9_]{1,39})$")]
Phrases = Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]


class Params(BaseModel):
    """Base of every check's params: unknown fields are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemParams(Params):
    """Params of a check about one scenario item (its ``key`` in the setup)."""

    item: ItemKey


@dataclass(frozen=True)
class CheckResult:
    """A check's answer: passed, expected and found (Swahili, English), the item's reference."""

    passed: bool
    expected: Words
    found: Words
    item: str = ""


Evaluate = Callable[[Params, WorkspaceView], CheckResult]


@dataclass(frozen=True)
class CheckType:
    """One registered check type."""

    name: str
    params: type[Params]
    evaluate: Evaluate
    summary: str
    reads: frozenset[str] = frozenset()  # parts of the view it needs (view.VIEW_PARTS)


_REGISTRY: dict[str, CheckType] = {}
CHECKS: Mapping[str, CheckType] = MappingProxyType(_REGISTRY)


def check(
    name: str, params: type[Params], reads: tuple[str, ...] = ()
) -> Callable[[Evaluate], Evaluate]:
    """Register ``evaluate`` as check type ``name`` with its params and the view parts it
    reads (ValueError if the name is taken or a part unknown)."""
    unknown = set(reads) - VIEW_PARTS
    if unknown:
        raise ValueError(f"check type {name!r} reads unknown view parts {sorted(unknown)}")

    def register(evaluate: Evaluate) -> Evaluate:
        if name in _REGISTRY:
            raise ValueError(f"check type {name!r} is registered twice")
        summary = (evaluate.__doc__ or "").strip().splitlines()[0]
        _REGISTRY[name] = CheckType(name, params, evaluate, summary, frozenset(reads))
        return evaluate

    return register


def evaluate(name: str, params: Params, view: WorkspaceView) -> CheckResult:
    """Run the registered check ``name`` (KeyError for an unknown type)."""
    return _REGISTRY[name].evaluate(params, view)


# -- helpers for check functions -------------------------------------------------------


def both(text: object) -> Words:
    """The same words in both languages (a reference, a number, a quoted phrase)."""
    return (str(text), str(text))


def label(value: Labelled | None) -> Words:
    """An enum's labels, or a dash for None."""
    return (value.label_sw, value.label_en) if value is not None else NOTHING


def labels(values) -> Words:
    """Several enums' labels joined by " / " (for "one of …")."""
    parts = [label(v) for v in values]
    return (" / ".join(p[0] for p in parts), " / ".join(p[1] for p in parts))


def quoted(phrases: list[str]) -> Words:
    """Phrases in quotes, joined by "au" / "or"."""
    shown = [f"'{p}'" for p in phrases]
    return (" au ".join(shown), " or ".join(shown))


class ReasonParams(ItemParams):
    """A written reason (a return, a reveal, a rejection): at least ``min_length`` letters,
    holding one of ``text`` when given."""

    min_length: int = Field(default=20, ge=1, le=500)
    text: Phrases | None = None

    def expected(self, sw: str, en: str, saying_sw: str = "ikitaja") -> Words:
        """``sw``/``en`` with the length asked, and the words asked for when there are any
        (``saying_sw`` agrees with the Swahili noun: "ikitaja", "yakitaja")."""
        words = (f"{sw} (herufi {self.min_length}+)", f"{en} ({self.min_length}+ characters)")
        if not self.text:
            return words
        says = quoted(self.text)
        return (f"{words[0]} {saying_sw} {says[0]}", f"{words[1]} saying {says[1]}")

    def is_met_by(self, reason: str) -> bool:
        """True when ``reason`` is long enough and holds the words asked for."""
        return len(normal(reason)) >= self.min_length and (
            self.text is None or contains_any(reason, self.text) is not None
        )


NOTHING: Words = ("hakuna", "nothing")
NO_ITEM: Words = ("kipengele hakipo", "the item is missing")


def result(passed: bool, expected: Words, found: Words, item: Item | None) -> CheckResult:
    """A CheckResult naming the item by its reference (its key when it has none)."""
    return CheckResult(passed, expected, found, item.reference if item else "")


def missing_item(expected: Words, key: str) -> CheckResult:
    """The result when the scenario item ``key`` is not in the view."""
    return CheckResult(False, expected, NO_ITEM, key)
