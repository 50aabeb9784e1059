"""The poll's size for a full hall: 150 trainees × 25 scenarios stay under 20 KB (a count of
bytes on the worst case the encoding allows, not a timing; bench/room_bench.py measures a
realistic cohort)."""

from __future__ import annotations

import json
from datetime import datetime

from sandbox.services.facilitation.room import Cell, Flag, Room, TraineeRow
from sandbox.services.facilitation.room_poll import cells_text, poll_payload
from sandbox.services.facilitation.stuck import Reason, Thresholds
from sandbox.services.training.runner import Status

LIMIT = 20 * 1024


def worst_row(number: int) -> TraineeRow:
    """Every cell passed just below full marks, one in progress, both flags open."""
    cells = (Cell(Status.PASSED, 0.99),) * 24 + (Cell(Status.IN_PROGRESS, 0.55),)
    return TraineeRow(
        number,
        999_000 + number,
        1_000_000 + number,
        "Jina Refu la Mwanafunzi Mmoja",
        "KXP-4TM",
        cells,
        Flag("h9999999", False),
        Flag("9999999:99999999", False, tuple(Reason)),
    )


def test_150_trainees_by_25_scenarios_fit_in_20_kb():
    room = Room(None, (), tuple(worst_row(n) for n in range(1, 151)), Thresholds(), datetime.now())
    body = json.dumps(poll_payload(room, '"' + "f" * 20 + '"'), separators=(",", ":"))
    assert len(body.encode("utf-8")) <= LIMIT
    assert "Jina" not in body and "KXP" not in body  # and nothing personal travels


def test_the_cells_encode_status_and_score():
    cells = (
        Cell(Status.NOT_STARTED),
        Cell(Status.IN_PROGRESS),
        Cell(Status.IN_PROGRESS, 0.0),
        Cell(Status.PASSED, 1.0),
        Cell(Status.PASSED, 0.95),
        Cell(Status.FAILED, 0.7833),
    )
    assert cells_text(cells) == "nii0Pp95f78"
