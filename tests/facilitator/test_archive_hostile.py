"""Archives that are damaged, of another version or hostile are refused, in both languages,
before anything is written; and every table is either exported, reference or local."""

from __future__ import annotations

import io
import json
import os
import zipfile
import zlib

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, User, Workspace
from sandbox.services.facilitation import archive_tables as plan
from sandbox.services.facilitation.archive import export_cohort, import_cohort
from sandbox.services.facilitation.archive_format import MAX_LINE_BYTES, ArchiveRefused
from tests.facilitator.archive_helpers import forged, rewritten, zipped


def _counts() -> dict:
    return {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Cohort, Enrolment, User, Workspace)
    }


def _refused(data: bytes, *words: str) -> ArchiveRefused:
    """Import ``data``: it must be refused, naming ``words`` in English, and change nothing."""
    before = _counts()
    with pytest.raises(ArchiveRefused) as refused:
        import_cohort(data)
    assert refused.value.message_sw and refused.value.message_sw != refused.value.message_en
    for word in words:
        assert word in refused.value.message_en
    db.session.rollback()
    assert _counts() == before
    return refused.value


def test_every_table_is_exported_reference_or_local_only(app_ctx):
    tables = {table.name for table in db.metadata.sorted_tables}
    placed = [set(plan.EXPORTED), set(plan.REFERENCE), set(plan.LOCAL_ONLY)]
    unplaced = tables - set().union(*placed)
    assert not unplaced, f"place these tables in archive_tables.py: {sorted(unplaced)}"
    assert sum(len(p) for p in placed) == len(set().union(*placed)), "a table placed twice"
    for name, (column, _owner) in plan.EXPORTED.items():
        assert column in db.metadata.tables[name].c, (name, column)


def test_a_file_that_is_not_an_archive_is_refused(cohort):
    _refused(b"just some text", "not a whole cohort archive")
    _refused(export_cohort(cohort)[:-40], "not a whole cohort archive")  # cut short
    _refused(zipped({"hello.txt": b"hi"}), "unexpected member")
    _refused(zipped({"tables/cohort.jsonl": b"{}\n"}), "no manifest")


def test_an_archive_of_another_format_version_is_refused(cohort):
    def version_2(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["format_version"] = 2
        return json.dumps(manifest).encode()

    refused = _refused(rewritten(export_cohort(cohort), version_2), "format version 2")
    assert "toleo 2" in refused.message_sw


@pytest.mark.parametrize(
    "name", ["../../evil.txt", "/etc/passwd", "files/../../evil", "tables/../x.jsonl", "files/a/b"]
)
def test_member_names_that_leave_the_archive_are_refused(cohort, tmp_path, name):
    data = rewritten(export_cohort(cohort), lambda n, d: d)
    data = zipped({**_members(data), name: b"owned"})
    _refused(data, "unexpected member")
    assert not list(tmp_path.rglob("evil*"))


def _members(data: bytes) -> dict[str, bytes]:
    source = zipfile.ZipFile(io.BytesIO(data))
    return {info.filename: source.read(info) for info in source.infolist()}


def test_a_zip_bomb_is_refused_before_it_is_inflated(cohort):
    zeros = b"\0" * (64 * 1024 * 1024)
    assert len(zlib.compress(zeros)) < 1024 * 1024  # it would inflate 64 MiB from little
    members = {**_members(export_cohort(cohort)), "files/bomb": zeros}
    _refused(zipped(members), "inflates beyond the limits")


def test_a_tampered_member_fails_its_checksum(cohort):
    def tamper(name, data):
        return data.replace(b"Warsha", b"Wassha") if name == "tables/cohort.jsonl" else data

    _refused(rewritten(export_cohort(cohort), tamper), "checksum")


def test_a_huge_line_is_refused(cohort):
    def huge(archive):
        # random text: it does not compress, so only the line limit can catch it
        archive.tables["cohort"][0]["name"] = os.urandom(MAX_LINE_BYTES // 2 + 1).hex()

    _refused(forged(export_cohort(cohort), huge), "too long")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("seed", "3"),
        ("seed", True),
        ("seed", 2**40),
        ("start_at", "yesterday"),
        ("start_at", "2026-11-09T08:00:00+03:00"),
        ("language", 7),
        ("name", None),
    ],
)
def test_wrong_types_are_refused(cohort, on_second, column, value):
    def wrong(archive):
        archive.tables["cohort"][0][column] = value

    data = forged(export_cohort(cohort), wrong)
    with on_second():
        _refused(data, f"cohort.{column}")


def test_an_archive_naming_an_institution_this_installation_lacks_is_refused(cohort, on_second):
    def unknown(archive):
        archive.references["institution"][0]["key"]["code"] = "NO_SUCH_COUNCIL"

    data = forged(export_cohort(cohort), unknown)
    with on_second():
        refused = _refused(data, "NO_SUCH_COUNCIL")
    assert "NO_SUCH_COUNCIL" in refused.message_sw


def test_a_failure_in_the_last_table_leaves_nothing_half_imported(cohort, make_trainee, on_second):
    make_trainee("Asha Mushi")

    def last_row_wrong(archive):  # the cohort, workspaces, users and items come before
        archive.tables["feedback_event"][-1]["at"] = "not a time"

    data = forged(export_cohort(cohort), last_row_wrong)
    with on_second():
        _refused(data, "feedback_event.at")


def test_a_table_this_version_does_not_know_is_refused(cohort, on_second):
    def newer(archive):
        archive.tables["hologram"] = [{"id": 1}]

    data = forged(export_cohort(cohort), newer)
    with on_second():
        _refused(data, "hologram", "update it first")


def test_a_value_the_database_refuses_is_refused_cleanly(cohort, on_second):
    def nul(archive):
        archive.tables["cohort"][0]["name"] = "Warsha\x00ya Dodoma"
        archive.tables["cohort"][0]["language"] = "en"

    data = forged(export_cohort(cohort), nul)
    with on_second():
        before = _counts()
        try:
            import_cohort(data)  # SQLite stores a NUL; PostgreSQL refuses it
        except ArchiveRefused as refused:
            assert "not a whole cohort archive" in refused.message_en
            db.session.rollback()
            assert _counts() == before
