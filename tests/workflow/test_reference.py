"""Fake training reference numbers."""

from __future__ import annotations

import pytest

from sandbox.workflow import REFERENCE_PATTERN, format_reference, parse_reference


def test_format_is_obviously_a_training_number() -> None:
    assert format_reference(2026, 123) == "MRJ-T-2026-000123"
    assert REFERENCE_PATTERN.match(format_reference(2026, 1_234_567))


@pytest.mark.parametrize(
    "text", ["MRJ-T-2026-000123", "  mrj-t-2026-000123 ", "Mrj-T-2026-000123\n"]
)
def test_parse_is_tolerant_of_case_and_spaces(text: str) -> None:
    assert parse_reference(text) == (2026, 123)


@pytest.mark.parametrize("text", ["", "MRJ-2026-000123", "MRJ-T-26-000123", "MRJ-T-2026-000000"])
def test_parse_rejects_other_text(text: str) -> None:
    assert parse_reference(text) is None


@pytest.mark.parametrize(("year", "seq"), [(2026, 0), (99, 5)])
def test_format_refuses_impossible_parts(year: int, seq: int) -> None:
    with pytest.raises(ValueError):
        format_reference(year, seq)
