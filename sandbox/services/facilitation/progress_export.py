"""The cohort's progress as CSV (one row per trainee × scenario) and its xAPI statements.

Decisions (issue 12, point 5):

- The CSV is built from the room itself (``room.build_room``), so every status and score is
  the matrix's, and hints, attempts and minutes are the cell detail's: the same ``Cell``.
  UTF-8 with a BOM and formula-safe cells (``reports.csv_export``); headers and status
  words in the facilitator's language. Columns: row number, personal code, name (the
  facilitator's own record of who did what), scenario id and title, status, score %,
  hints, attempts, minutes. A trainee's phone and home institution are not exported.
- The xAPI export is the stored statement bodies of the cohort's trainees, in the order
  they were recorded, unchanged: the actor is the personal code's account, never a name.
- File names carry the cohort's name reduced to ASCII letters, digits and dashes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, XapiStatement
from sandbox.services.facilitation.room import STATUS_WORDS, Room, cohort_users
from sandbox.services.reports.csv_export import csv_text
from sandbox.services.training.runner import Status

HEADER = (
    ("Na.", "No."),
    ("Msimbo binafsi", "Personal code"),
    ("Jina", "Name"),
    ("Kitambulisho cha hali", "Scenario id"),
    ("Hali ya mafunzo", "Scenario"),
    ("Hali", "Status"),
    ("Alama (%)", "Score (%)"),
    ("Vidokezo", "Hints"),
    ("Majaribio", "Attempts"),
    ("Dakika", "Minutes"),
)


def status_word(status: Status, language: str) -> str:
    """A status in Swahili or English."""
    return STATUS_WORDS[status][language == "en"]


def progress_rows(room: Room, language: str) -> list[list[object]]:
    """One row per trainee × scenario, with the figures of the room's cells."""
    rows: list[list[object]] = []
    for trainee in room.rows:
        for scenario, cell in zip(room.scenarios, trainee.cells, strict=True):
            title = scenario.title.en if language == "en" else scenario.title.sw
            rows.append(
                [
                    trainee.number,
                    trainee.code,
                    trainee.name,
                    scenario.id,
                    title,
                    status_word(cell.status, language),
                    cell.score_percent,
                    cell.hints,
                    cell.attempts,
                    cell.minutes,
                ]
            )
    return rows


def progress_csv(room: Room, language: str) -> str:
    """The room as CSV text: BOM, a header in ``language``, every cell formula-safe."""
    header = [words[language == "en"] for words in HEADER]
    return csv_text(header, progress_rows(room, language))


def cohort_statements(cohort: Cohort) -> list[dict[str, Any]]:
    """The xAPI statements of the cohort's trainees, as stored, in the order recorded."""
    bodies = db.session.scalars(
        sa.select(XapiStatement.body)
        .where(XapiStatement.user_id.in_(cohort_users(cohort.id)))
        .order_by(XapiStatement.id)
    )
    return [dict(body) for body in bodies]


def export_filename(cohort: Cohort, kind: str, extension: str) -> str:
    """``mrejesho-<cohort name in ASCII>-<kind>.<extension>``, safe in a header and on disk."""
    ascii_name = unicodedata.normalize("NFKD", cohort.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:60]
    return f"mrejesho-{slug or f'cohort-{cohort.id}'}-{kind}.{extension}"
