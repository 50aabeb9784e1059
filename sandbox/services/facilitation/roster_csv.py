"""Reading a roster CSV (name, institution, phone) into rows and per-row problems.

Decisions (a facilitator's expectations, written down):

- The file is UTF-8, with or without a byte-order mark (Excel writes one), separated by
  ``;`` (Excel in many locales) or ``,``: whichever the header row uses.
- The header row names the columns, in any order and case: ``name``, ``institution``,
  ``phone``, or in Swahili ``jina``, ``taasisi``, ``simu``. Only ``name`` is required;
  institution and phone may be left empty, as on the join form.
- Blank lines are skipped. At most ``MAX_ROWS`` trainees per file at the command line, and
  ``WEB_MAX_ROWS`` in the console: each trainee is a world of 300 items (about 1.5 s), and a
  web request must finish well inside the server's 120 s worker timeout, or the PINs of
  those already enrolled would be lost with the page. A longer list is split, or enrolled
  with ``mrejesho cohort enrol``. Two trainees may have the same name (people do), so that
  is not an error.
- Names are stored exactly as written, even one like ``=HYPERLINK(...)``: the app only
  ever shows them as text; exports make them formula-safe where they are written.
- Row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sandbox.services.training.joining import MAX_INSTITUTION, trainee_problems
from sandbox.workflow import BilingualError

MAX_ROWS = 300
WEB_MAX_ROWS = 50
COLUMNS = {
    "name": "name",
    "jina": "name",
    "institution": "institution",
    "taasisi": "institution",
    "phone": "phone",
    "simu": "phone",
}


@dataclass(frozen=True)
class RosterRow:
    """One trainee to enrol, as read from the file (row number as a spreadsheet shows it)."""

    row: int
    name: str
    institution: str
    phone: str


@dataclass(frozen=True)
class RowProblem:
    """What is wrong in one row and column, in both languages."""

    row: int
    column: str
    problem: BilingualError


@dataclass(frozen=True)
class Roster:
    """A read file: the rows that can be enrolled, and every problem found."""

    rows: list[RosterRow]
    problems: list[RowProblem]

    @property
    def is_clean(self) -> bool:
        """True when there is something to enrol and nothing wrong."""
        return bool(self.rows) and not self.problems


class RosterUnreadable(BilingualError, ValueError):
    """A file that is not a roster at all (not UTF-8, no name column, empty, too long)."""


def read_roster(data: bytes, max_rows: int = MAX_ROWS) -> Roster:
    """Every row of a roster file checked, nothing written; raises RosterUnreadable."""
    text = _text(data)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header = next(reader, None)
    columns = _columns(header or [])
    rows, problems = [], []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = RosterRow(number, *(_cell(cells, columns.get(c)) for c in COLUMN_ORDER))
        found = _row_problems(row)
        problems.extend(found)
        if not found:
            rows.append(row)
    if len(rows) + len({p.row for p in problems}) > max_rows:
        raise RosterUnreadable(
            f"Faili lina zaidi ya washiriki {max_rows}; ligawe, au tumia mrejesho cohort enrol.",
            f"The file has more than {max_rows} trainees; split it, or use mrejesho cohort enrol.",
        )
    return Roster(rows, problems)


COLUMN_ORDER = ("name", "institution", "phone")


def _text(data: bytes) -> str:
    """The file as text (UTF-8, a leading byte-order mark dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterUnreadable(
            "Faili si la UTF-8. Kwenye Excel: Hifadhi kama 'CSV UTF-8'.",
            "The file is not UTF-8. In Excel: Save as 'CSV UTF-8'.",
        ) from None


def _delimiter(text: str) -> str:
    """``;`` when the header row has more of them than commas, else ``,``."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _columns(header: list[str]) -> dict[str, int]:
    """Which position each known column has; refused without a name column."""
    columns = {}
    for index, title in enumerate(header):
        known = COLUMNS.get(title.strip().lower())
        if known and known not in columns:
            columns[known] = index
    if "name" not in columns:
        raise RosterUnreadable(
            "Safu ya kwanza iwe vichwa: name, institution, phone (au jina, taasisi, simu).",
            "The first row must be the headers: name, institution, phone.",
        )
    return columns


def _cell(cells: list[str], index: int | None) -> str:
    """The cell at ``index`` trimmed ('' when the column or the cell is missing)."""
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _row_problems(row: RosterRow) -> list[RowProblem]:
    """The row's problems: the join form's own checks, plus the institution's length."""
    found = [RowProblem(row.row, p.field, p) for p in trainee_problems(row.name, row.phone)]
    if len(row.institution) > MAX_INSTITUTION:
        found.append(
            RowProblem(
                row.row,
                "institution",
                BilingualError(
                    f"Jina la taasisi lisizidi herufi {MAX_INSTITUTION}.",
                    f"An institution has at most {MAX_INSTITUTION} characters.",
                ),
            )
        )
    return found
