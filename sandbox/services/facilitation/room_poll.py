"""The room's conditional poll: a compact JSON of the matrix and an ETag that is cheap to get.

Decisions (issue 12, point 2, "a JSON of at most 20 KB for 150 trainees"):

- The poll carries what changes during a session and nothing personal: per row the
  enrolment id, one string of cells (a status letter ``n``/``i``/``p``/``f``, then the
  score as a whole percentage when there is one; ``P`` is passed at 100 %, the common
  case: ``Pp95f62in``), the help flag (0 none,
  -1 open and acknowledged, else the open request's id, which its acknowledge button
  names) and the stuck reasons (letters; upper-case once acknowledged, else followed by
  ``@`` and the episode the acknowledge button names).
  Names never travel in the poll, so projector mode stays nameless after a refresh. At most
  about 120 bytes a row: 150 trainees × 25 scenarios, every cell scored, stay under 20 KB.
- Hints, attempts and time are in the cell's detail page and the CSV; they change only with
  a check, which changes the cell's score or status anyway, and would triple the payload.
- The ETag is one aggregate query (the highest ids and latest times of the cohort's
  statements, attempts, help requests, acknowledgements, enrolments and thresholds) plus
  the current minute, since "no progress for N minutes" changes with the clock alone.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    Enrolment,
    HelpRequest,
    RoomAcknowledgement,
    ScenarioAttempt,
    XapiStatement,
)
from sandbox.services.facilitation.room import STATUS_WORDS, Cell, Room, TraineeRow, cohort_users
from sandbox.services.facilitation.stuck import REASON_WORDS, cohort_settings_stamp
from sandbox.services.training.runner import Status
from sandbox.services.workspace.now import wall_now

LETTERS = {
    Status.NOT_STARTED: "n",
    Status.IN_PROGRESS: "i",
    Status.PASSED: "p",
    Status.FAILED: "f",
}


SYMBOLS = {"n": "·", "i": "…", "p": "✓", "f": "✗"}


def labels(language: str) -> dict[str, dict[str, str]]:
    """What the page and its script call each status and stuck reason, by letter."""
    english = language == "en"
    return {
        "s": {LETTERS[status]: words[english] for status, words in STATUS_WORDS.items()},
        "r": {reason.value: words[english] for reason, words in REASON_WORDS.items()},
        "y": SYMBOLS,
    }


def room_etag(cohort_id: int) -> str:
    """A strong validator of the cohort's room, from one aggregate query and the minute."""
    users = cohort_users(cohort_id)
    parts = [
        _stamp(XapiStatement, XapiStatement.id, XapiStatement.user_id.in_(users)),
        _stamp(ScenarioAttempt, ScenarioAttempt.id, ScenarioAttempt.user_id.in_(users)),
        _stamp(ScenarioAttempt, ScenarioAttempt.checked_wall, ScenarioAttempt.user_id.in_(users)),
        _stamp(HelpRequest, HelpRequest.id, HelpRequest.user_id.in_(users)),
        _stamp(HelpRequest, HelpRequest.withdrawn_at, HelpRequest.user_id.in_(users)),
        _stamp(
            RoomAcknowledgement, RoomAcknowledgement.id, RoomAcknowledgement.cohort_id == cohort_id
        ),
        _stamp(Enrolment, Enrolment.id, Enrolment.cohort_id == cohort_id),
        cohort_settings_stamp(cohort_id),
    ]
    values = db.session.execute(sa.select(*parts)).one()
    minute = wall_now().strftime("%Y%m%d%H%M")
    digest = hashlib.sha256(repr((cohort_id, *values, minute)).encode()).hexdigest()[:20]
    return f'"{digest}"'


def poll_payload(room: Room, etag: str) -> dict:
    """The compact JSON of the room (no names): version, thresholds and one list per row."""
    return {
        "v": etag.strip('"'),
        "n": room.thresholds.minutes,
        "k": room.thresholds.failed_checks,
        "r": [_row(row) for row in room.rows],
    }


def cells_text(cells: tuple[Cell, ...]) -> str:
    """The row's cells as one string: a status letter, then the score percentage if any."""
    return "".join(_cell_text(c) for c in cells)


def _cell_text(cell: Cell) -> str:
    """``P`` for passed at 100 %, else the status letter and the score if there is one."""
    if cell.status is Status.PASSED and cell.score_percent == 100:
        return "P"
    return LETTERS[cell.status] + ("" if cell.score_percent is None else str(cell.score_percent))


def _row(row: TraineeRow) -> list:
    """[enrolment id, cells, help (0, -1 or the request id), stuck (reasons[@episode])]."""
    help_flag = 0
    if row.help is not None:
        help_flag = -1 if row.help.acknowledged else int(row.help.episode[1:])
    reasons = "".join(r.value for r in row.stuck.reasons) if row.stuck else ""
    if row.stuck is not None:
        seen = row.stuck.acknowledged
        reasons = reasons.upper() if seen else f"{reasons}@{row.stuck.episode}"
    return [row.enrolment_id, cells_text(row.cells), help_flag, reasons]


def _stamp(model, column, where) -> sa.ScalarSelect:
    """The highest value of a column among the cohort's rows and their count, as text."""
    highest = sa.func.coalesce(sa.cast(sa.func.max(column), sa.String), "")
    return (
        sa.select(highest + "/" + sa.cast(sa.func.count(), sa.String))
        .select_from(model)
        .where(where)
        .scalar_subquery()
    )
