"""Checks on what the citizen reads: the public replies and questions the trainee sent."""

from __future__ import annotations

from pydantic import Field

from sandbox.scenarios.checks.registry import (
    NOTHING,
    CheckResult,
    ItemParams,
    Phrases,
    both,
    check,
    missing_item,
    quoted,
    result,
)
from sandbox.scenarios.text import contains_any, normal, similarity
from sandbox.scenarios.view import Actor, Item, WorkspaceView
from sandbox.workflow import Action

NO_REPLY = ("hakuna jibu", "no reply")


class ReplyParams(ItemParams):
    """``text``: phrases (synonyms, both languages); ``actions``: which public texts count."""

    text: Phrases
    actions: list[Action] = Field(default_factory=lambda: [Action.RESPOND], min_length=1)


def replies(item: Item, actions: list[Action]) -> list[str]:
    """The trainee's public texts on this item for the actions given, oldest first."""
    return [
        e.text
        for e in item.events
        if e.is_public and e.text and e.actor is Actor.TRAINEE and e.action in actions
    ]


def _shown(text: str, limit: int = 80) -> tuple[str, str]:
    """A reply quoted, cut to ``limit`` characters: its start and its end (a reply from a
    template starts with the template; the trainee's own words are at the end)."""
    half = (limit - 3) // 2
    cut = text if len(text) <= limit else f"{text[:half].rstrip()} … {text[-half:].lstrip()}"
    return both(f"'{cut}'")


@check("reply_contains", ReplyParams)
def reply_contains(params: ReplyParams, view: WorkspaceView) -> CheckResult:
    """A public reply of the trainee holds one of the phrases (case, spacing, accents ignored)."""
    says = quoted(params.text)
    expected = (f"jibu linalotaja {says[0]}", f"a reply saying {says[1]}")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    texts = replies(item, params.actions)
    if not texts:
        return result(False, expected, NO_REPLY, item)
    hit = any(contains_any(t, params.text) for t in texts)
    return result(hit, expected, _shown(texts[-1]), item)


@check("reply_does_not_contain", ReplyParams)
def reply_does_not_contain(params: ReplyParams, view: WorkspaceView) -> CheckResult:
    """No public reply of the trainee contains any of the phrases."""
    says = quoted(params.text)
    expected = (f"jibu lisilotaja {says[0]}", f"no reply saying {says[1]}")
    item = view.item(params.item)
    if item is None:
        return missing_item(expected, params.item)
    texts = replies(item, params.actions)
    found = [p for t in texts if (p := contains_any(t, params.text))]
    shown = both(f"'{found[0]}'") if found else NOTHING
    return result(not found, expected, shown, item)


class TemplateParams(ItemParams):
    """The latest reply starts from a template (``template`` code, or any) and was edited."""

    template: str | None = None
    min_similarity: float = Field(default=0.4, gt=0, lt=1)
    actions: list[Action] = Field(default_factory=lambda: [Action.RESPOND], min_length=1)


@check("reply_from_template_edited", TemplateParams, reads=("templates",))
def reply_from_template_edited(params: TemplateParams, view: WorkspaceView) -> CheckResult:
    """The latest reply is close to a template filled in for the item, yet not identical to it.

    "Close" is a word-level similarity of at least ``min_similarity``; "edited" is anything
    but the template's exact words (case and spacing ignored).
    """
    item = view.item(params.item)
    named = next((t for t in item.templates if t.code == params.template), None) if item else None
    sw = (named.title_sw if named else "") or params.template or "kiolezo"
    en = (named.title_en if named else "") or params.template or "template"
    expected = (
        f"jibu kutoka kiolezo '{sw}', limehaririwa",
        f"a reply from template '{en}', edited",
    )
    if item is None:
        return missing_item(expected, params.item)
    texts = replies(item, params.actions)
    if not texts:
        return result(False, expected, NO_REPLY, item)
    templates = [t for t in item.templates if params.template in (None, t.code)]
    if not templates:
        return result(False, expected, ("kiolezo hakipo", "no such template"), item)
    reply = texts[-1]
    best = max(templates, key=lambda t: similarity(reply, t.text))
    score = similarity(reply, best.text)
    if normal(reply) == normal(best.text):
        found = ("kiolezo bila kuhaririwa", "the template, unedited")
        return result(False, expected, found, item)
    percent = round(score * 100)
    found = (f"kinafanana na kiolezo kwa {percent}%", f"{percent}% like the template")
    return result(score >= params.min_similarity, expected, found, item)
