"""A structural validator for xAPI 1.0.3 statements, written from the specification.

Source: the xAPI 1.0.3 specification, Part Two "Experience API (xAPI) Data"
(github.com/adlnet/xAPI-Spec, ``xAPI-Data.md``): §2.2 formatting requirements (actor, verb
and object required; no null values outside extensions; booleans and numbers not given as
strings; no properties the specification does not allow), §2.4.1 id (a UUID in standard
form), §2.4.2 actor (an Agent with exactly one inverse functional identifier; an account has
``homePage`` (an IRL) and ``name``), §2.4.3 verb (an IRI id, a language map display),
§2.4.4 object (Activity with an IRI id and optional definition, or StatementRef with a UUID),
§2.4.5 result (score.scaled between -1 and 1, raw between min and max, min below max),
§2.4.6 context (registration a UUID, contextActivities keys parent/grouping/category/other,
revision and platform only with an Activity object), §2.4.7 and §4.5 timestamps (ISO 8601),
§4.1 extensions (keys are IRIs), §4.2 language maps (RFC 5646 tags), §4.6 durations (ISO
8601:2004 §4.4.3.2, the alternative format not allowed).

Best effort where the specification allows it (§2.2: IRIs and language tags may be checked
"best-effort"): an IRI is absolute (a scheme, no spaces), an IRL is http(s) with a host.

Stricter than the specification, on purpose (the sandbox's own rules, checked here too):
the actor is identified by an ``account`` only, carries no ``name``, ``mbox`` or ``openid``,
and its account name is opaque (a personal code ``ABC-DEF`` or ``user-<n>``), so no
personal name, phone or e-mail can sit in the actor; a timestamp carries its time zone (a
SHOULD in §4.5). SubStatements and Groups, which the sandbox never writes, are refused.
"""

from __future__ import annotations

import re
from typing import Any

STATEMENT_KEYS = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
    "version", "attachments",
}  # fmt: skip
REQUIRED = ("actor", "verb", "object")
AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
DEFINITION_KEYS = {
    "name", "description", "type", "moreInfo", "extensions", "interactionType",
    "correctResponsesPattern", "choices", "scale", "source", "target", "steps",
}  # fmt: skip
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
CONTEXT_KEYS = {
    "registration", "instructor", "team", "contextActivities", "revision", "platform",
    "language", "statement", "extensions",
}  # fmt: skip
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}

_HEX = "[0-9a-fA-F]"
UUID = re.compile(rf"^{_HEX}{{8}}-{_HEX}{{4}}-[1-5]{_HEX}{{3}}-[89abAB]{_HEX}{{3}}-{_HEX}{{12}}$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
IRL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_N = r"\d+(?:[.,]\d+)?"
DURATION = re.compile(
    rf"^P(?!$)(?:{_N}Y)?(?:{_N}M)?(?:{_N}D)?(?:T(?=\d)(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?$|^P\d+W$"
)
TIMESTAMP = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$"
)
OPAQUE_ACCOUNT = re.compile(r"^[A-Z2-9]{3}-?[A-Z2-9]{3}$|^user-\d+$")


class InvalidStatement(ValueError):
    """A statement that breaks the xAPI structure or the sandbox's rules; ``problems`` lists why."""

    def __init__(self, found: list[str]) -> None:
        """Keep the problems; the message lists them, one a line."""
        super().__init__("\n".join(found))
        self.problems = found


def validate(statement: Any) -> None:
    """Raise InvalidStatement unless the statement is well formed (see the module docstring)."""
    found = problems(statement)
    if found:
        raise InvalidStatement(found)


def problems(statement: Any) -> list[str]:
    """Every problem of a statement as ``path: what is wrong`` (empty when it is valid)."""
    out: list[str] = []
    if not _is_object("statement", statement, out):
        return out
    _no_nulls("statement", statement, out)
    _allowed("statement", statement, STATEMENT_KEYS, out)
    for key in REQUIRED:
        if key not in statement:
            out.append(f"statement: '{key}' is required")
    is_activity = isinstance(statement.get("object"), dict) and (
        statement["object"].get("objectType", "Activity") == "Activity"
    )
    parts = {
        "id": _uuid,
        "actor": _actor,
        "verb": _verb,
        "object": _object,
        "result": _result,
        "context": lambda path, value, found: _context(path, value, is_activity, found),
        "timestamp": _timestamp,
        "stored": _timestamp,
    }
    for key, check in parts.items():
        if key in statement:
            check(key, statement[key], out)
    return out


def _actor(path: str, actor: Any, out: list[str]) -> None:
    """An Agent identified by exactly one IFI; here: an opaque account, no personal data."""
    if not _is_object(path, actor, out):
        return
    _allowed(path, actor, AGENT_KEYS, out)
    if actor.get("objectType", "Agent") != "Agent":
        out.append(f"{path}.objectType: expected 'Agent', found {actor.get('objectType')!r}")
    ifis = [k for k in IFIS if k in actor]
    if len(ifis) != 1:
        out.append(f"{path}: exactly one inverse functional identifier expected, found {ifis}")
    for personal in ("name", "mbox", "mbox_sha1sum", "openid"):
        if personal in actor:
            out.append(f"{path}.{personal}: the sandbox identifies a trainee by account only")
    account = actor.get("account")
    if account is None or not _is_object(f"{path}.account", account, out):
        return
    _allowed(f"{path}.account", account, {"homePage", "name"}, out)
    _irl(f"{path}.account.homePage", account.get("homePage"), out)
    name = account.get("name")
    if not isinstance(name, str) or not name:
        out.append(f"{path}.account.name: a non-empty string is required")
    elif not OPAQUE_ACCOUNT.match(name):
        out.append(f"{path}.account.name: an opaque code expected (ABC-DEF), found {name!r}")


def _verb(path: str, verb: Any, out: list[str]) -> None:
    """An IRI id and an optional display language map."""
    if not _is_object(path, verb, out):
        return
    _allowed(path, verb, {"id", "display"}, out)
    _iri(f"{path}.id", verb.get("id"), out)
    if "display" in verb:
        _language_map(f"{path}.display", verb["display"], out)


def _object(path: str, target: Any, out: list[str]) -> None:
    """An Activity or a StatementRef (the only objects the sandbox writes)."""
    if not _is_object(path, target, out):
        return
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        _activity(path, target, out)
    elif kind == "StatementRef":
        _allowed(path, target, {"objectType", "id"}, out)
        _uuid(f"{path}.id", target.get("id"), out)
    else:
        out.append(f"{path}.objectType: expected Activity or StatementRef, found {kind!r}")


def _activity(path: str, activity: Any, out: list[str]) -> None:
    """An IRI id and an optional definition (language maps, an IRI type, IRI extension keys)."""
    if not _is_object(path, activity, out):
        return
    _allowed(path, activity, {"objectType", "id", "definition"}, out)
    if activity.get("objectType", "Activity") != "Activity":
        out.append(f"{path}.objectType: expected 'Activity'")
    _iri(f"{path}.id", activity.get("id"), out)
    definition = activity.get("definition")
    if definition is None or not _is_object(f"{path}.definition", definition, out):
        return
    _allowed(f"{path}.definition", definition, DEFINITION_KEYS, out)
    for key in ("name", "description"):
        if key in definition:
            _language_map(f"{path}.definition.{key}", definition[key], out)
    if "type" in definition:
        _iri(f"{path}.definition.type", definition["type"], out)
    if "moreInfo" in definition:
        _irl(f"{path}.definition.moreInfo", definition["moreInfo"], out)
    if "extensions" in definition:
        _extensions(f"{path}.definition.extensions", definition["extensions"], out)


def _result(path: str, result: Any, out: list[str]) -> None:
    """Score within its bounds, booleans as booleans, an ISO 8601 duration."""
    if not _is_object(path, result, out):
        return
    _allowed(path, result, RESULT_KEYS, out)
    if "score" in result:
        _score(f"{path}.score", result["score"], out)
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            out.append(f"{path}.{key}: a boolean is required, found {result[key]!r}")
    if "response" in result and not isinstance(result["response"], str):
        out.append(f"{path}.response: a string is required")
    if "duration" in result:
        duration = result["duration"]
        if not isinstance(duration, str) or not DURATION.match(duration):
            out.append(f"{path}.duration: an ISO 8601 duration expected, found {duration!r}")
    if "extensions" in result:
        _extensions(f"{path}.extensions", result["extensions"], out)


def _score(path: str, score: Any, out: list[str]) -> None:
    """scaled in [-1, 1]; raw within min and max; min below max; numbers, never strings."""
    if not _is_object(path, score, out):
        return
    _allowed(path, score, SCORE_KEYS, out)
    numbers = {}
    for key in SCORE_KEYS & set(score):
        value = score[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            out.append(f"{path}.{key}: a number is required, found {value!r}")
        else:
            numbers[key] = value
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        out.append(f"{path}.scaled: between -1 and 1 expected, found {numbers['scaled']}")
    low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
    if low is not None and high is not None and not low < high:
        out.append(f"{path}: min must be less than max")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        out.append(f"{path}.raw: between min and max expected, found {raw}")


def _context(path: str, context: Any, is_activity: bool, out: list[str]) -> None:
    """registration a UUID, known contextActivities, a language tag, IRI extension keys."""
    if not _is_object(path, context, out):
        return
    _allowed(path, context, CONTEXT_KEYS, out)
    if "registration" in context:
        _uuid(f"{path}.registration", context["registration"], out)
    if "language" in context:
        language = context["language"]
        if not isinstance(language, str) or not LANGUAGE_TAG.match(language):
            out.append(f"{path}.language: an RFC 5646 language tag expected, found {language!r}")
    for key in ("revision", "platform"):
        if key in context and not is_activity:
            out.append(f"{path}.{key}: only allowed when the object is an Activity")
    if "contextActivities" in context:
        _context_activities(f"{path}.contextActivities", context["contextActivities"], out)
    if "statement" in context:
        _object(f"{path}.statement", {"objectType": "StatementRef", **context["statement"]}, out)
    if "extensions" in context:
        _extensions(f"{path}.extensions", context["extensions"], out)


def _context_activities(path: str, found: Any, out: list[str]) -> None:
    """Keys parent, grouping, category, other; each an Activity or a list of them."""
    if not _is_object(path, found, out):
        return
    _allowed(path, found, CONTEXT_ACTIVITY_KEYS, out)
    for key, value in found.items():
        for index, activity in enumerate(value if isinstance(value, list) else [value]):
            _activity(f"{path}.{key}[{index}]", activity, out)


def _extensions(path: str, extensions: Any, out: list[str]) -> None:
    """Extension keys are IRIs (values are free)."""
    if _is_object(path, extensions, out):
        for key in extensions:
            _iri(f"{path}[{key!r}]", key, out)


def _language_map(path: str, found: Any, out: list[str]) -> None:
    """Keys are RFC 5646 tags, values strings."""
    if not _is_object(path, found, out):
        return
    for tag, text in found.items():
        if not LANGUAGE_TAG.match(tag):
            out.append(f"{path}: {tag!r} is not an RFC 5646 language tag")
        if not isinstance(text, str):
            out.append(f"{path}.{tag}: a string is required")


def _timestamp(path: str, value: Any, out: list[str]) -> None:
    """An ISO 8601 date and time with its time zone."""
    if not isinstance(value, str) or not TIMESTAMP.match(value):
        out.append(f"{path}: an ISO 8601 timestamp with a time zone expected, found {value!r}")


def _uuid(path: str, value: Any, out: list[str]) -> None:
    """A UUID in standard string form (RFC 4122, variant 2)."""
    if not isinstance(value, str) or not UUID.match(value):
        out.append(f"{path}: a UUID in standard form expected, found {value!r}")


def _iri(path: str, value: Any, out: list[str]) -> None:
    """An absolute IRI: a scheme, then no whitespace (a relative IRI or a fragment is refused)."""
    if not isinstance(value, str) or not IRI.match(value):
        out.append(f"{path}: an absolute IRI expected, found {value!r}")


def _irl(path: str, value: Any, out: list[str]) -> None:
    """An IRL: http or https with a host."""
    if not isinstance(value, str) or not IRL.match(value):
        out.append(f"{path}: an absolute http(s) IRL expected, found {value!r}")


def _is_object(path: str, value: Any, out: list[str]) -> bool:
    """True when the value is a JSON object; else the problem is noted."""
    if isinstance(value, dict):
        return True
    out.append(f"{path}: a JSON object is required, found {type(value).__name__}")
    return False


def _allowed(path: str, found: dict, allowed: set[str], out: list[str]) -> None:
    """Properties the specification does not allow (keys are case-sensitive)."""
    for key in sorted(set(found) - allowed):
        out.append(f"{path}: property {key!r} is not allowed")


def _no_nulls(path: str, value: Any, out: list[str]) -> None:
    """No null value anywhere, except inside extensions."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if inner is None:
                out.append(f"{path}.{key}: null is not allowed")
            elif key != "extensions":
                _no_nulls(f"{path}.{key}", inner, out)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _no_nulls(f"{path}[{index}]", inner, out)
