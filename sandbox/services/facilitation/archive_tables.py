"""What a cohort archive holds, table by table (the plan, as data), and how a value travels.

Rows are serialised generically, by reflecting each table's columns (``db.metadata``): a
column another engineer adds to an exported table travels without a change here. A new
*table* must be placed in one of the lists below (``tests/facilitator/test_archive_plan``
fails until it is).

Decisions (issue 12, point 5):

- ``EXPORTED``: every row owned by the cohort, by one of its workspaces (each trainee's and
  the cohort's shared ones, ``archive.cohort_workspace_ids``) or by one of those workspaces'
  users (the trainees and the synthetic staff and leader of their worlds). The archive holds
  personal data: the trainees' names, personal codes, PIN hashes, home institutions and
  phones (the export page and the command line say so). Global response templates
  (``workspace_id`` empty) belong to the installation and are not exported.
- ``REFERENCE``: regions, districts, institutions and categories are never copied: the
  archive names each one it uses by its natural key, and the importer matches them with its
  own rows (an archive naming one this installation lacks is refused).
- ``LOCAL_ONLY``: a browser's sign-in (``login_session``), the Open311 channel's secret keys
  (``api_key``: a key belongs to the installation that issued it) and the institutions'
  categories (reference data each installation loads from ``seed_data/``), and the live
  room's console state (a cohort's stuck thresholds, this installation's facilitators'
  acknowledgements, whose episodes name local attempt and statement ids), and the undo
  history: the reset log, the cohort's base world and snapshots with their ``snapshot_*``
  mirror tables (a reset is undone where it was done).
- ``LOCAL_COLUMNS``: ``cohort.imported_digest`` (where *this* copy came from) and
  ``user.session_token`` (what a sign-in cookie is checked against: an archive must never
  let a copied cookie in; the importing installation makes fresh ones, so everyone signs in
  anew there). PIN and password hashes do travel (trainees sign in with their PIN on the
  other installation); the export page and the command line say the file is personal
  data to be kept like a password list.
- A reference to a row outside the archive is left empty: ``cohort.facilitator_id`` (the
  importer runs the imported cohort) and ``certificate.issued_by_id`` (the facilitator who
  issued it, an account of the exporting installation). A certificate verifies on the
  importing installation only if both share ``CERTIFICATE_KEY``.
- Ids inside values travel remapped: a ``scenario_attempt.placed`` (items, staff, the first
  id made after its setup) and an event's ``detail`` (``institution:<id>``,
  ``assignee:<id>``). xAPI statement bodies travel verbatim: a statement is a record, and
  its activity IRIs name the installation that recorded it.
- A USSD conversation travels only once it ended: an unfinished one lives seconds at a real
  gateway, and its state holds the exporting installation's institution ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum

import sqlalchemy as sa

from sandbox.models.snapshot import ATTEMPT_MIRROR, MIRRORS, WORKSPACE_MIRROR
from sandbox.services.facilitation.archive_format import damaged

# table: (the column that says who owns a row, the owner: "cohort", "workspace" or "user")
EXPORTED: Mapping[str, tuple[str, str]] = {
    "cohort": ("id", "cohort"),
    "workspace": ("id", "workspace"),
    "user": ("workspace_id", "workspace"),
    "enrolment": ("cohort_id", "cohort"),
    "workspace_flag": ("workspace_id", "workspace"),
    "declared_holiday": ("workspace_id", "workspace"),
    "sla_rule_setting": ("workspace_id", "workspace"),
    "response_template": ("workspace_id", "workspace"),
    "feedback": ("workspace_id", "workspace"),
    "feedback_event": ("workspace_id", "workspace"),
    "attachment": ("workspace_id", "workspace"),
    "sms_message": ("workspace_id", "workspace"),
    "ussd_session": ("workspace_id", "workspace"),
    "identity_reveal": ("workspace_id", "workspace"),
    "status_lookup": ("workspace_id", "workspace"),
    "scenario_attempt": ("workspace_id", "workspace"),
    "xapi_statement": ("user_id", "user"),
    "help_request": ("user_id", "user"),
    "certificate": ("cohort_id", "cohort"),
}
# table: its natural key (a key column that refers to another reference table is named by
# that table's own key)
REFERENCE: Mapping[str, tuple[str, ...]] = {
    "region": ("code",),
    "district": ("region_id", "name"),
    "institution": ("code",),
    "category": ("code",),
}
LOCAL_ONLY = frozenset(
    {
        "login_session",
        "api_key",
        "institution_category",
        "room_setting",
        "room_acknowledgement",
        "cohort_world",
        "reset_record",
        "snapshot",
        # The stakeholder preview belongs to this installation's decision, not to a cohort:
        # proposals, invitations, stakeholders and their pairs, behaviour and feedback
        # (trainees' feedback included) stay where the decision is taken.
        "proposal",
        "invitation",
        "stakeholder",
        "preview_pair",
        "walkthrough_step",
        "proposal_feedback",
        *(mirror.name for mirror in (*MIRRORS.values(), WORKSPACE_MIRROR, ATTEMPT_MIRROR)),
    }
)
LOCAL_COLUMNS: Mapping[str, frozenset[str]] = {
    "cohort": frozenset({"imported_digest"}),
    "user": frozenset({"session_token"}),
    "workspace_flag": frozenset({"set_by_id"}),  # a facilitator of this installation
}
# A value another row of this installation already has gets a fresh one ("suffix": value-2…,
# "numbered": "value (2)"…, "code": a new random code, "uuid": a new random hex name). A
# personal code already taken refuses the import (archive.py says why); any other unique
# value already taken refuses it too.
RENAMED_WHEN_TAKEN: Mapping[tuple[str, str], str] = {
    ("workspace", "code"): "suffix",
    ("user", "username"): "suffix",
    ("cohort", "name"): "numbered",
    ("cohort", "join_code"): "code",
    ("attachment", "stored_name"): "uuid",
}
# "key:<id>" texts: which table each key's id names
DETAIL_IDS: Mapping[tuple[str, str], Mapping[str, str]] = {
    ("feedback_event", "detail"): {"institution": "institution", "assignee": "user"},
}

IdMaps = dict[str, dict[int, int]]


def conversation_is_over(row: Mapping) -> bool:
    """True for a USSD session whose END was sent (the only ones that travel)."""
    try:
        return json.loads(row.get("state") or "{}").get("screen") == "ended"
    except (ValueError, AttributeError):
        return False


KEPT_ROWS: Mapping[str, Callable[[Mapping], bool]] = {"ussd_session": conversation_is_over}
# A complainant's identity never leaves in an archive: a facilitator or an administrator who
# exports a cohort may not see it (docs/CONFIDENTIALITY.md). These columns travel blanked
# (the value given); an imported world's identified items keep their type and history, with
# the identity withheld, and its texts keep their words.
BLANKED: Mapping[str, Mapping[str, object]] = {
    "feedback": {"complainant_name": None, "complainant_phone": None, "complainant_email": None},
    "sms_message": {"phone": ""},
}


def encode(value):
    """A column value as JSON: dates and times in ISO 8601, enums by their stored value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def decode(column: sa.Column, value, where: str):
    """The Python value of a JSON value for ``column``, or ArchiveRefused naming ``where``."""
    if value is None:
        if not column.nullable:
            raise damaged(f"{where} is empty")
        return None
    try:
        return _decode(column.type, value)
    except (TypeError, ValueError):
        raise damaged(f"{where} has the wrong type") from None


def _enum(kind: sa.Enum, value):
    """One of the enum's stored values."""
    if value not in kind.enums:
        raise ValueError(value)
    return value


def _moment(kind, value) -> datetime:
    """A naive ISO 8601 time (stored times are naive East Africa Time)."""
    moment = datetime.fromisoformat(_typed(value, str))
    if moment.tzinfo is not None:
        raise ValueError(value)
    return moment


def _integer(kind: sa.Integer, value) -> int:
    """An int within the column's width on PostgreSQL (the narrower of our databases)."""
    limit = 2**63 if isinstance(kind, sa.BigInteger) else 2**31
    if not -limit <= _typed(value, int) < limit:
        raise ValueError(value)
    return value


def _text(kind: sa.String, value) -> str:
    """A str no longer than the column."""
    if len(_typed(value, str)) > (kind.length or len(value)):
        raise ValueError("too long")
    return value


# The first entry whose type the column's type is decodes its values (Enum before String:
# an Enum is a String). JSON, and any type not listed, travels as it was exported.
DECODERS: tuple[tuple[type, Callable], ...] = (
    (sa.Enum, _enum),
    (sa.Boolean, lambda kind, value: _typed(value, bool)),
    (sa.DateTime, _moment),
    (sa.Date, lambda kind, value: date.fromisoformat(_typed(value, str))),
    (sa.Integer, _integer),
    (sa.Float | sa.Numeric, lambda kind, value: float(_typed(value, int | float))),
    (sa.String, _text),
)


def _decode(kind: sa.types.TypeEngine, value):
    """The value for a column of this type; TypeError or ValueError when it does not fit."""
    for types, decoder in DECODERS:
        if isinstance(kind, types):
            return decoder(kind, value)
    return value


def _typed(value, kind):
    """``value`` when it is of ``kind`` (a bool is never an int here); else TypeError."""
    if isinstance(value, bool) and kind is not bool:
        raise TypeError(value)
    if not isinstance(value, kind):
        raise TypeError(value)
    return value


def remap_placed(placed, ids: IdMaps, where: str) -> dict:
    """A scenario attempt's ``placed`` with its item and staff ids of this installation."""
    try:
        items = {key: ids["feedback"][old] for key, old in placed["items"].items()}
        staff = {key: ids["user"][old] for key, old in placed["staff"].items()}
        first = _first_new(placed["first_new_id"], ids["feedback"])
    except (KeyError, TypeError, AttributeError):
        raise damaged(f"{where} names rows that are not in the archive") from None
    return {**placed, "items": items, "staff": staff, "first_new_id": first}


def _first_new(old_first: int, feedback: Mapping[int, int]) -> int:
    """The new id of the first item at or after ``old_first`` (ids keep their order)."""
    later = [new for old, new in feedback.items() if old >= old_first]
    return min(later) if later else max(feedback.values(), default=0) + 1


REMAPPED_JSON: Mapping[tuple[str, str], Callable] = {("scenario_attempt", "placed"): remap_placed}
NAMED_IN_JSON: Mapping[tuple[str, str], frozenset[str]] = {
    ("scenario_attempt", "placed"): frozenset({"feedback", "user"}),
}


def named_inside(table: str) -> set[str]:
    """The exported tables whose ids a table's values hold (imported before it)."""
    named = set()
    for (name, _column), tables in NAMED_IN_JSON.items():
        named |= set(tables) if name == table else set()
    for (name, _column), keys in DETAIL_IDS.items():
        named |= set(keys.values()) - set(REFERENCE) if name == table else set()
    return named


def remap_detail(text: str, keys: Mapping[str, str], ids: IdMaps, where: str) -> str:
    """A ``key:<id>`` text with the id of this installation (other texts unchanged)."""
    key, sep, value = (text or "").partition(":")
    if not sep or key not in keys:
        return text
    try:
        return f"{key}:{ids[keys[key]][int(value)]}"
    except (KeyError, ValueError):
        raise damaged(f"{where} names a row that is not in the archive") from None
