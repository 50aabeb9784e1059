"""A submission with a file commits whole or not at all; a crash leaves nothing half-done.

Failures are injected between the file write and the commit (and between the commit and
the move); ``kill -9`` is modelled by also skipping the clean-up a dying process never runs.
"""

from __future__ import annotations

import io
import os
from datetime import timedelta

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage
from sandbox.models.attachment import Attachment
from sandbox.services.feedback import attachments
from sandbox.services.feedback.attachments import PARTIAL_SUFFIX, upload_folder
from sandbox.services.feedback.upload_sweep import sweep_uploads
from tests.portal.conftest import PNG


class Crash(Exception):
    """The process dies here."""


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _files(workspace) -> set[str]:
    folder = upload_folder(workspace.id)
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


@pytest.fixture
def submit_with_file(post_feedback, form_data):
    """POST the form with a PNG attached."""

    def submit():
        return post_feedback({**form_data(), "attachment": (io.BytesIO(PNG), "picha.png")})

    return submit


@pytest.fixture
def commit_fails(monkeypatch, demo):
    """The first commit made once the file is on disk raises: between file write and commit."""
    before, commit = _files(demo), db.session.commit

    def crash():
        if _files(demo) - before:
            raise Crash
        commit()

    monkeypatch.setattr(db.session, "commit", crash)


def _age(workspace, older: timedelta) -> None:
    """Make every upload file look older than it is."""
    for path in upload_folder(workspace.id).iterdir():
        then = path.stat().st_mtime - older.total_seconds()
        os.utime(path, (then, then))


def test_a_failure_before_the_commit_keeps_nothing(
    client, demo, submit_with_file, commit_fails, monkeypatch
):
    before = _files(demo)
    with pytest.raises(Crash):
        submit_with_file()
    monkeypatch.undo()
    assert _count(Feedback) == _count(Attachment) == _count(SmsMessage) == 0
    assert _files(demo) == before  # the staged file was removed on the way out


def test_a_process_killed_before_the_commit_leaves_an_orphan_the_sweep_removes(
    client, demo, submit_with_file, commit_fails, monkeypatch
):
    before = _files(demo)
    monkeypatch.setattr(attachments.Staging, "discard", lambda self: None)  # no clean-up
    with pytest.raises(Crash):
        submit_with_file()
    monkeypatch.undo()
    [orphan] = _files(demo) - before
    assert orphan.endswith(PARTIAL_SUFFIX)
    assert _count(Feedback) == _count(Attachment) == _count(SmsMessage) == 0
    assert sweep_uploads().removed == 0  # too recent: it could be a submission in flight
    _age(demo, timedelta(hours=2))
    assert sweep_uploads().removed >= 1
    assert orphan not in _files(demo)


def test_a_process_killed_after_the_commit_is_finished_by_the_sweep(
    client, demo, submit_with_file, monkeypatch
):
    monkeypatch.setattr(attachments.Staging, "place", lambda self: None)  # dies before moving
    monkeypatch.setattr(attachments.Staging, "discard", lambda self: None)
    assert submit_with_file().status_code == 302
    monkeypatch.undo()
    stored = db.session.scalar(sa.select(Attachment.stored_name))
    assert stored + PARTIAL_SUFFIX in _files(demo) and stored not in _files(demo)
    _age(demo, timedelta(hours=2))
    result = sweep_uploads()
    assert result.placed == 1
    assert stored in _files(demo) and stored + PARTIAL_SUFFIX not in _files(demo)
    assert (upload_folder(demo.id) / stored).read_bytes() == PNG


def test_files_of_a_reset_workspace_are_swept_and_owned_files_are_kept(
    client, demo, submit_with_file
):
    submit_with_file()
    stored = db.session.scalar(sa.select(Attachment.stored_name))
    stray = upload_folder(demo.id) / "0123456789abcdef"
    stray.write_bytes(b"left by an old version")
    _age(demo, timedelta(hours=2))
    sweep_uploads()
    assert stored in _files(demo)
    assert stray.name not in _files(demo)


def test_the_sweep_command_speaks_both_languages(runner, demo):
    result = runner.invoke(args=["sweep-uploads", "--older-than-minutes", "0"])
    assert result.exit_code == 0, result.output
    assert "zimefutwa" in result.output and "unowned files removed" in result.output
