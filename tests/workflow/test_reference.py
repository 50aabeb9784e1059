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


# -- a workspace's tag makes references unique across the installation (issue 9) ---------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sandbox.workflow.reference import (  # noqa: E402
    DEMO_TAG,
    in_workspace,
    parse_tagged,
    tag_workspace_id,
    workspace_tag,
)


@given(st.integers(min_value=1, max_value=10**7))
def test_every_workspace_id_has_its_own_letters_only_tag(workspace_id: int) -> None:
    tag = workspace_tag(workspace_id, is_demo=False)
    assert tag.startswith("T") and tag.isalpha() and not set(tag[1:]) & set("ILO")
    assert tag_workspace_id(tag) == workspace_id
    reference = format_reference(2026, 42, tag)
    assert parse_tagged(reference) == (tag, 2026, 42)


def test_the_demo_keeps_the_plain_format_and_digits_mean_the_workspace_s_own() -> None:
    assert workspace_tag(1, is_demo=True) == DEMO_TAG
    assert in_workspace("mrj-t-2026-000042", "TAB") == "MRJ-TAB-2026-000042"
    assert in_workspace("MRJ-TAC-2026-000042", "TAB") == "MRJ-TAC-2026-000042"
    assert in_workspace("MRJ-T-2026-000042", DEMO_TAG) == "MRJ-T-2026-000042"
    assert tag_workspace_id(DEMO_TAG) is None and tag_workspace_id("TA1") is None
