"""`mrejesho cohort`: create prints the join code; list; archive."""

from __future__ import annotations

import re

from sandbox.models import Cohort
from sandbox.services.training.cohorts import cohort_by_join_code, find_cohort

JOIN_CODE = re.compile(r"Join code: ([A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3})")


def test_create_prints_a_readable_join_code_that_finds_the_cohort(runner):
    result = runner.invoke(
        args=[
            "cohort",
            "create",
            "Mwanza Jan",
            "--seed",
            "9",
            "--start",
            "2027-01-11",
            "--language",
            "en",
        ]
    )
    assert result.exit_code == 0, result.output
    code = JOIN_CODE.search(result.output).group(1)
    cohort = cohort_by_join_code(code)
    assert isinstance(cohort, Cohort) and cohort.name == "Mwanza Jan"
    assert (cohort.seed, cohort.language, f"{cohort.start_at:%Y-%m-%d %H:%M}") == (
        9,
        "en",
        "2027-01-11 08:00",
    )
    assert "Msimbo wa kujiunga" in result.output


def test_create_refuses_a_taken_name_and_a_bad_date_in_both_languages(runner):
    runner.invoke(args=["cohort", "create", "Mwanza Jan"])
    taken = runner.invoke(args=["cohort", "create", "mwanza jan"])
    assert (
        taken.exit_code == 1 and "lipo tayari" in taken.output and "already exists" in taken.output
    )
    bad = runner.invoke(args=["cohort", "create", "Mpya", "--start", "11/01/2027"])
    assert bad.exit_code == 2 and "write the date like" in bad.output
    assert find_cohort("Mpya") is None


def test_list_and_archive(runner):
    assert "No cohort yet" in runner.invoke(args=["cohort", "list"]).output
    created = runner.invoke(args=["cohort", "create", "Mwanza Jan"]).output
    code = JOIN_CODE.search(created).group(1)
    listed = runner.invoke(args=["cohort", "list"]).output
    assert code in listed and "wazi/open" in listed and "Mwanza Jan" in listed
    assert runner.invoke(args=["cohort", "archive", "Mwanza Jan"]).exit_code == 0
    assert find_cohort("Mwanza Jan").is_archived
    assert "imefungwa/archived" in runner.invoke(args=["cohort", "list"]).output
    runner.invoke(args=["cohort", "archive", "Mwanza Jan", "--reopen"])
    assert not find_cohort("Mwanza Jan").is_archived
    assert runner.invoke(args=["cohort", "archive", "Nowhere"]).exit_code == 1
