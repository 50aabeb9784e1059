"""The small interpreter over the USSD screens: one answer in, one screen out (pure Python).

The screens are ``menus.SCREENS`` unless the caller passes a workspace's own
(``menus.screens_for(rules)``: the base with its toggles' replacements).

The gateway sends ``text`` = every input of the session joined by ``*``. A user may type
``*`` inside free text, so the history cannot simply be split: the conversation remembers
the last ``text`` it saw, and the new input is what follows that prefix (``*`` inside it is
kept). A repeated request re-shows the current screen; a history that does not extend the
stored one falls back to its last ``*`` segment. Database lookups go through a ``Port``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sandbox.channels import gsm
from sandbox.channels.ussd.menus import (
    BACK,
    ENDINGS,
    ERRORS,
    IDENTITY,
    MIN_QUERY,
    MORE,
    NATIONAL,
    NO_REPLY_YET,
    SCREENS,
    Screen,
)
from sandbox.channels.ussd.text import fit, normalise_reference, short_name
from sandbox.workflow import FeedbackType, Status

MAX_SCREEN = gsm.USSD_SCREEN  # GSM septets of a USSD reply, including "CON " / "END "
PREFIX_LEN = 4
MAX_SHORTCUT_STEPS = 12
TYPE_VALUES = frozenset(t.value for t in FeedbackType)
ERROR_RESERVE = 1 + max(gsm.septets(t) for texts in ERRORS.values() for t in texts.values())


@dataclass
class Reply:
    """One screen for the gateway: CON expects an answer, END closes the session."""

    body: str
    is_end: bool = False

    def render(self) -> str:
        """The protocol text: GSM alphabet only, never longer than MAX_SCREEN septets."""
        return ("END " if self.is_end else "CON ") + fit(self.body, MAX_SCREEN - PREFIX_LEN)


@dataclass(frozen=True)
class Tracked:
    """What tracking shows of an item: no identity, only public facts."""

    reference: str
    status: Status
    institution: str
    reply: str | None
    due: str | None = None  # the deadline sentence, where the workspace shows it


@dataclass(frozen=True)
class Receipt:
    """What a submission gives the citizen: the reference and the secret to act on it."""

    reference: str
    secret: str


class Port(Protocol):
    """What the interpreter asks of the outside world."""

    def search_institutions(self, query: str, lang: str) -> list[tuple[int, str]]: ...
    def regions(self, lang: str) -> list[tuple[int, str]]: ...
    def institutions_in_region(self, region_id: int | None, lang: str) -> list[tuple[int, str]]: ...
    def track(self, reference: str, lang: str) -> Tracked | None: ...
    def submit(self, answers: dict[str, Any], lang: str) -> Receipt | None: ...
    def submitted_reference(self) -> str | None: ...


@dataclass
class Conversation:
    """The state of one session, stored as JSON between requests."""

    screen: str = "gateway"
    lang: str = "sw"
    text: str = ""
    error: str | None = None
    page: int = 0
    answers: dict[str, Any] = field(default_factory=dict)
    matches: list[list[Any]] = field(default_factory=list)
    ending: str = ""  # which END was sent (its name: the session never stores a reference)

    @property
    def is_over(self) -> bool:
        """True once an END was sent."""
        return self.screen == "ended"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy."""
        return dict(vars(self))

    @classmethod
    def from_dict(
        cls, data: Any, lang: str = "sw", screens: Mapping[str, Screen] = SCREENS
    ) -> Conversation:
        """Rebuild from stored JSON; anything unreadable starts afresh."""
        if not isinstance(data, dict) or data.get("screen") not in {*screens, "ended"}:
            return cls(lang=lang)
        try:
            conv = cls(**{k: data[k] for k in vars(cls()) if k in data})
        except TypeError:
            return cls(lang=lang)
        conv.lang = "en" if lang == "en" else "sw"
        return conv


def new_inputs(conv: Conversation, text: str, is_new: bool) -> list[str]:
    """The inputs this request adds to the conversation (see the module docstring)."""
    if is_new:
        return text.split("*")[:MAX_SHORTCUT_STEPS] if text else []
    if text == conv.text:
        return []
    if not conv.text:
        return [text]
    if text.startswith(conv.text + "*"):
        return [text[len(conv.text) + 1 :]]
    return [text.rsplit("*", 1)[-1]]


def advance(
    conv: Conversation,
    text: str,
    is_new: bool,
    port: Port,
    screens: Mapping[str, Screen] = SCREENS,
) -> Reply:
    """Feed this request's inputs to the conversation and give the screen to show."""
    if conv.is_over:
        return _after_the_end(conv, text, is_new, port)
    inputs = new_inputs(conv, text, is_new)
    conv.text = text
    for value in inputs:
        reply = answer(conv, value.strip(), port, screens)
        if reply is not None:
            return reply
    return render(conv, screens)


def answer(
    conv: Conversation, value: str, port: Port, screens: Mapping[str, Screen] = SCREENS
) -> Reply | None:
    """Apply one input to the current screen; an END reply, or None to show the next screen."""
    screen = screens[conv.screen]
    conv.error = None
    if value == BACK and "back" in screen:
        return _back(conv, screen)
    return KINDS[screen["kind"]](conv, screen, value, port)


def _back(conv: Conversation, screen: dict) -> None:
    """0: the previous page of a list, else the screen before."""
    if screen["kind"] == "list" and conv.page > 0:
        conv.page -= 1
    else:
        conv.screen = screen["back"]


def _menu(conv: Conversation, screen: dict, value: str, port: Port) -> Reply | None:
    """A numbered choice."""
    step = screen["options"].get(value)
    if step is None:
        conv.error = "empty" if not value else "invalid"
        return None
    return follow(conv, step, value, port)


def _input(conv: Conversation, screen: dict, value: str, port: Port) -> Reply | None:
    """Free text: required, at most the screen's maximum."""
    if not value:
        conv.error = "empty"
    elif len(value) > screen["max"]:
        conv.error = "too_long"
    else:
        return follow(conv, screen["step"], value, port)
    return None


def _list(conv: Conversation, screen: dict, value: str, port: Port) -> Reply | None:
    """A numbered page of matches: a number picks, 98 shows more."""
    pages = list_pages(conv, screen)
    current = pages[min(conv.page, len(pages) - 1)]
    if value == MORE:
        if conv.page + 1 < len(pages):
            conv.page += 1
        else:
            conv.error = "no_more"
        return None
    if not value.isdigit() or not 1 <= int(value) <= len(current):
        conv.error = "empty" if not value else "invalid"
        return None
    choice_id, label = current[int(value) - 1]
    kind = screen.get("pick_as", "institution")  # what the list offers: institutions, regions
    conv.answers.update({f"{kind}_id": choice_id, kind: label})
    return follow(conv, screen["step"], value, port)


KINDS = {"menu": _menu, "input": _input, "list": _list}


def follow(conv: Conversation, step: dict, value: str, port: Port) -> Reply | None:
    """Carry out one step of the menu data."""
    conv.answers.update(step.get("store", {}))
    if "store_as" in step:
        conv.answers[step["store_as"]] = value
    conv.lang = step.get("lang", conv.lang)
    if "error" in step:
        conv.error = step["error"]
        return None
    if "action" in step:
        return ACTIONS[step["action"]](conv, step, value, port)
    if "end" in step:
        return end(conv, step["end"])
    conv.screen = step["go"]
    return None


def _search(conv: Conversation, step: dict, value: str, port: Port) -> None:
    """Institutions whose name contains what was typed."""
    if len(value) < MIN_QUERY:
        conv.error = "query_short"
        return None
    matches = port.search_institutions(value, conv.lang)
    if not matches:
        conv.error = "no_match"
        return None
    conv.matches = [[i, short_name(name)] for i, name in matches]
    conv.page = 0
    conv.screen = step["go"]
    return None


def _track(conv: Conversation, step: dict, value: str, port: Port) -> Reply | None:
    """Status and latest public reply of a reference."""
    reference = normalise_reference(value)
    found = port.track(reference, conv.lang) if reference else None
    if found is None:
        conv.error = "not_found"
        return None
    reply = gsm.to_gsm(found.reply, single_line=True) if found.reply else _t(NO_REPLY_YET, conv)
    status = found.status.label(conv.lang)
    if found.due:  # the deadline line, where the workspace shows it (tracking_deadline)
        status = f"{status}\n{gsm.to_gsm(found.due, single_line=True)}"
    values = {"reference": found.reference, "status": status}
    values |= {"institution": short_name(found.institution), "reply": reply}
    return end(conv, "tracked", **values)


def _submit(conv: Conversation, step: dict, value: str, port: Port) -> Reply | None:
    """Hand the answers over; END with the reference and the citizen's secret."""
    receipt = port.submit(dict(conv.answers), conv.lang)
    if receipt is None:
        conv.error = "submit_failed"
        return None
    if not receipt.secret:  # the same final request, delivered twice at once, lost the race
        return end(conv, "resubmitted", reference=receipt.reference)
    return end(conv, "submitted", reference=receipt.reference, secret=receipt.secret)


def _regions(conv: Conversation, step: dict, value: str, port: Port) -> None:
    """The regions to choose from (region first), national institutions first (id 0)."""
    national = [0, _t(NATIONAL, conv)]
    conv.matches = [national] + [[i, name] for i, name in port.regions(conv.lang)]
    conv.page = 0
    conv.screen = step["go"]
    return None


def _in_region(conv: Conversation, step: dict, value: str, port: Port) -> None:
    """The institutions of the region just chosen (0: those with no region, the national)."""
    region_id = conv.answers.get("region_id") or None
    matches = port.institutions_in_region(region_id, conv.lang)
    if not matches:
        conv.error = "no_match"
        return None
    conv.matches = [[i, short_name(name)] for i, name in matches]
    conv.page = 0
    conv.screen = step["go"]
    return None


ACTIONS = {
    "search": _search,
    "track": _track,
    "submit": _submit,
    "regions": _regions,
    "in_region": _in_region,
}


def end(conv: Conversation, ending: str, **values: str) -> Reply:
    """The last screen; the conversation forgets its answers."""
    conv.screen, conv.answers, conv.matches, conv.error = "ended", {}, [], None
    conv.ending = ending
    return Reply(_t(ENDINGS[ending], conv).format(**values), is_end=True)


def _after_the_end(conv: Conversation, text: str, is_new: bool, port: Port) -> Reply:
    """A gateway repeating the request that ended the session gets the same END screen.

    After a submission it is the same but for the secret, which exists only on the first
    answer and in the reference SMS (only its digest is stored): it says where the secret went.
    """
    repeat = text == conv.text and not is_new
    if repeat and conv.ending in ("submitted", "resubmitted"):
        reference = port.submitted_reference()
        if reference:
            return end(conv, "resubmitted", reference=reference)
    if repeat and conv.ending == "cancelled":
        return end(conv, "cancelled")
    return Reply(_t(ENDINGS["over"], conv), is_end=True)


def render(conv: Conversation, screens: Mapping[str, Screen] = SCREENS) -> Reply:
    """The current screen with its error line, placeholders and list page."""
    screen = screens[conv.screen]
    lines = [_t(ERRORS[conv.error], conv)] if conv.error in ERRORS else []
    lines.append(_t(screen["text"], conv).format_map(_placeholders(conv)))
    if screen["kind"] == "list":
        lines += _list_lines(conv, screen)
    return Reply("\n".join(lines))


def _placeholders(conv: Conversation) -> dict[str, str]:
    """Values for {type}, {institution}, {identity} from the answers so far."""
    answers, lang = conv.answers, conv.lang
    kind = answers.get("type")
    identity = IDENTITY.get(answers.get("identity", ""), {})
    return {
        "type": FeedbackType(kind).label(lang) if kind in TYPE_VALUES else "",
        "institution": str(answers.get("institution", "")),
        "identity": identity.get(lang, ""),
    }


def list_pages(conv: Conversation, screen: dict) -> list[list[list[Any]]]:
    """The matches cut into pages that fit the screen with its header, footer and error."""
    fixed = _size(_t(screen["text"], conv)) + _size(_t(screen["more"], conv))
    budget = MAX_SCREEN - PREFIX_LEN - ERROR_RESERVE - fixed - _size(_t(screen["footer"], conv)) - 2
    pages: list[list[list[Any]]] = [[]]
    used = 0
    for match in conv.matches:
        size = _size(f"\n{len(pages[-1]) + 1}. {match[1]}")
        if pages[-1] and used + size > budget:
            pages.append([])
            size, used = _size(f"\n1. {match[1]}"), 0
        pages[-1].append(match)
        used += size
    return pages


def _size(text: str) -> int:
    """Septets ``text`` takes on the screen, transliterated as ``Reply.render`` sends it."""
    return gsm.septets(gsm.to_gsm(str(text)))


def _list_lines(conv: Conversation, screen: dict) -> list[str]:
    """The numbered lines of the current page, then 98 (when there is more) and 0."""
    pages = list_pages(conv, screen)
    conv.page = min(conv.page, len(pages) - 1)
    lines = [f"{n}. {label}" for n, (_id, label) in enumerate(pages[conv.page], 1)]
    if conv.page + 1 < len(pages):
        lines.append(_t(screen["more"], conv))
    return [*lines, _t(screen["footer"], conv)]


def _t(texts: dict[str, str], conv: Conversation) -> str:
    """The text in the conversation's language."""
    return texts["en"] if conv.lang == "en" else texts["sw"]
