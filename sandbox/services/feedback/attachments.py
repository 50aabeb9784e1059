"""Attachments: check an upload (type by its bytes, size), store it, serve it only in scope."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.models.attachment import Attachment, AttachmentType
from sandbox.services.feedback.scope import can_see
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow.errors import BilingualError

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_FILENAME = 120
FALLBACK_FILENAME = "kiambatisho"
PARTIAL_SUFFIX = ".part"  # a staged file, not yet committed (or committed, not yet moved)
# The first bytes of each accepted type (WEBP is "RIFF", 4 size bytes, then "WEBP").
SIGNATURES: tuple[tuple[bytes, AttachmentType], ...] = (
    (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG),
    (b"\xff\xd8\xff", AttachmentType.JPEG),
    (b"GIF87a", AttachmentType.GIF),
    (b"GIF89a", AttachmentType.GIF),
    (b"%PDF-", AttachmentType.PDF),
)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


class AttachmentRejected(BilingualError, ValueError):
    """An upload refused for its type or size, with Swahili and English reasons."""


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed the checks, held in memory until the item exists."""

    filename: str
    content_type: AttachmentType
    data: bytes


def sniff_type(head: bytes) -> AttachmentType | None:
    """The accepted type these first bytes belong to, whatever the file is called."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return AttachmentType.WEBP
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def sanitise_filename(name: str | None) -> str:
    """The citizen's file name without any path, control or reserved characters."""
    base = re.split(r"[/\\]", name or "")[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" ._")
    return cleaned[-MAX_FILENAME:] or FALLBACK_FILENAME


def check_upload(filename: str | None, stream: BinaryIO) -> CheckedUpload:
    """Read an upload (at most 5 MB) and accept only a PNG, JPEG, GIF, WEBP image or a PDF."""
    data = stream.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRejected(
            "Faili ni kubwa mno: ukubwa wa juu ni MB 5. Chagua faili dogo zaidi.",
            "The file is too large: the maximum is 5 MB. Choose a smaller file.",
        )
    kind = sniff_type(data[:16])
    if not data or kind is None:
        raise AttachmentRejected(
            "Ambatisha picha (PNG, JPEG, GIF, WEBP) au hati ya PDF tu.",
            "Attach only an image (PNG, JPEG, GIF, WEBP) or a PDF document.",
        )
    return CheckedUpload(sanitise_filename(filename), kind, data)


def upload_folder(workspace_id: int) -> Path:
    """Where a workspace's files live: <instance>/uploads/<workspace_id>/."""
    instance = current_app.config.get("INSTANCE_DIR") or current_app.instance_path
    return Path(instance) / "uploads" / str(workspace_id)


class Staging:
    """A submission's files, written under temporary names and moved into place after commit.

    A crash before the commit leaves only a ``*.part`` file (no row points at it: the sweep
    removes it); a crash between the commit and the move leaves a ``*.part`` file whose row
    exists (the sweep moves it into place). No row ever points at a half-written file.
    """

    def __init__(self, workspace: Workspace) -> None:
        """Stage files for one workspace."""
        self.workspace = workspace
        self._moves: list[tuple[Path, Path]] = []

    def attach(self, item: Feedback, upload: CheckedUpload) -> Attachment:
        """Write the file under a temporary name and add its row (the caller commits)."""
        folder = upload_folder(self.workspace.id)
        folder.mkdir(parents=True, exist_ok=True)
        stored_name = uuid.uuid4().hex
        final = folder / stored_name
        self._moves.append((final.with_name(stored_name + PARTIAL_SUFFIX), final))
        _write_durably(self._moves[-1][0], upload.data)
        attachment = Attachment(
            workspace_id=self.workspace.id,
            feedback_id=item.id,
            filename=upload.filename,
            content_type=upload.content_type,
            size=len(upload.data),
            stored_name=stored_name,
            created_at=workspace_now(self.workspace),
        )
        db.session.add(attachment)
        return attachment

    def place(self) -> None:
        """After the commit: move every staged file to its final name."""
        for temporary, final in self._moves:
            os.replace(temporary, final)
        self._moves.clear()

    def discard(self) -> None:
        """The commit did not happen (or made nothing): remove the staged files."""
        for temporary, _final in self._moves:
            temporary.unlink(missing_ok=True)
        self._moves.clear()


@contextmanager
def staged_uploads(workspace: Workspace) -> Iterator[Staging]:
    """A Staging whose files not placed by the end of the block are removed."""
    staging = Staging(workspace)
    try:
        yield staging
    finally:
        staging.discard()


def _write_durably(path: Path, data: bytes) -> None:
    """Write and fsync, so a committed row never points at bytes still in a cache."""
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def attachments_for(feedback: Feedback) -> list[Attachment]:
    """An item's attachments, oldest first (for the officer's item page)."""
    return list(
        db.session.scalars(
            sa.select(Attachment)
            .where(
                Attachment.workspace_id == feedback.workspace_id,
                Attachment.feedback_id == feedback.id,
            )
            .order_by(Attachment.id)
        )
    )


def attachment_for_viewer(
    workspace: Workspace, user: User | None, attachment_id: int
) -> tuple[Attachment, Path] | None:
    """The attachment and its file when this user may see its item; None for everyone else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.workspace_id != workspace.id:
        return None
    if user.workspace_id != workspace.id or not can_see(user, attachment.feedback):
        return None
    path = upload_folder(workspace.id) / attachment.stored_name
    return (attachment, path) if path.is_file() else None
