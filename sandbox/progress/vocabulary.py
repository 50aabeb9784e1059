"""The verbs, activity types and extension keys the sandbox's statements use, with sources.

Published vocabulary where one fits (xAPI 1.0.3, Part Two §3.1: "where a suitable identifier
already exists, the Metadata Provider SHOULD use the corresponding existing identifier"):

- ADL verbs (the ADL Vocabulary, https://profiles.adlnet.gov/profile/c752b257-047f-4718-b353-
  d29238fef2c2/concepts; ids as listed by ADL's own adlnet/xAPIWrapper ``verbs.js``):
  launched, attempted, progressed, passed, failed, completed, and **asked** ("an inquiry by
  an actor with the expectation of a response or answer to a question") for "I need help".
- **viewed** (``http://id.tincanapi.com/verb/viewed``, the Tin Can registry: "the actor has
  viewed the object", used e.g. by the xapi-fr Moodle profile) for opening a hint: the
  trainee saw the hint's text; the hint's cost is the scoring's business, not the verb's.
- ADL activity type ``simulation`` for a scenario.

The sandbox's own identifiers, where nothing published fits, live under the installation's
base IRI (``XAPI_BASE_IRI``, default ``https://mrejesho-sandbox.invalid``): the verb
``withdrew`` (a help request taken back), the activity types of a step, a hint, a cohort and
the help desk, and the extension ``sandbox-time`` (the workspace's simulated clock).
"""

from __future__ import annotations

from enum import Enum

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
TINCAN_VERBS = "http://id.tincanapi.com/verb/"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"


class Verb(Enum):
    """What the trainee did; ``value`` is the key, ``iri(base)`` the verb's IRI."""

    LAUNCHED = "launched"
    ATTEMPTED = "attempted"
    PROGRESSED = "progressed"
    PASSED = "passed"
    FAILED = "failed"
    COMPLETED = "completed"
    VIEWED = "viewed"
    ASKED = "asked"
    WITHDREW = "withdrew"

    def iri(self, base: str) -> str:
        """The verb's IRI: ADL's, the Tin Can registry's, or the sandbox's own under ``base``."""
        if self is Verb.VIEWED:
            return TINCAN_VERBS + "viewed"
        if self is Verb.WITHDREW:
            return own(base, "verbs", "withdrew")
        return ADL_VERBS + self.value

    @property
    def display(self) -> dict[str, str]:
        """The verb's display language map, Swahili and English."""
        return dict(zip(("sw", "en"), DISPLAY[self], strict=True))


DISPLAY = {
    Verb.LAUNCHED: ("alianza", "launched"),
    Verb.ATTEMPTED: ("alijaribu", "attempted"),
    Verb.PROGRESSED: ("alipiga hatua", "progressed"),
    Verb.PASSED: ("alifaulu", "passed"),
    Verb.FAILED: ("hakufaulu", "failed"),
    Verb.COMPLETED: ("alikamilisha", "completed"),
    Verb.VIEWED: ("alifungua", "viewed"),
    Verb.ASKED: ("aliomba msaada", "asked"),
    Verb.WITHDREW: ("aliondoa ombi", "withdrew"),
}


def own(base: str, *parts: str) -> str:
    """An IRI of the sandbox's own under the installation's base: ``base/xapi/<parts>``."""
    return "/".join([base.rstrip("/"), "xapi", *parts])


def sandbox_time_key(base: str) -> str:
    """The context extension holding the workspace's simulated clock (ISO 8601, +03:00)."""
    return own(base, "extensions", "sandbox-time")


def activity_type(base: str, kind: str) -> str:
    """The activity type of a scenario (ADL simulation) or of the sandbox's own kinds."""
    return SIMULATION if kind == "scenario" else own(base, "activity-types", kind)
