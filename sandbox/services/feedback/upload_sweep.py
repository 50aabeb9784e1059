"""Tidy instance/uploads/ after a crash: finish committed moves, remove files nobody owns.

A portal submission writes its file as ``<name>.part``, commits the item with the attachment
row, then renames the file (``attachments.Staging``). A process killed on the way leaves:
- ``<name>.part`` with a row: committed but not moved yet, so the sweep moves it into place;
- ``<name>.part`` or ``<name>`` without a row: never committed (or its workspace was reset),
  so the sweep removes it once it is older than the grace period (a submission in flight
  must not lose its file).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from sandbox.extensions import db
from sandbox.models.attachment import Attachment
from sandbox.services.feedback.attachments import PARTIAL_SUFFIX
from sandbox.services.workspace.now import EAT, wall_now

DEFAULT_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class SweepResult:
    """What one sweep did."""

    placed: int = 0
    removed: int = 0


def uploads_root() -> Path:
    """<instance>/uploads, the parent of every workspace's folder."""
    instance = current_app.config.get("INSTANCE_DIR") or current_app.instance_path
    return Path(instance) / "uploads"


def sweep_uploads(grace: timedelta = DEFAULT_GRACE) -> SweepResult:
    """Move committed ``.part`` files into place; remove unowned files older than ``grace``."""
    owned = {
        (str(ws), name)
        for ws, name in db.session.execute(
            sa.select(Attachment.workspace_id, Attachment.stored_name)
        )
    }
    cutoff = wall_now() - grace
    placed = removed = 0
    for path in _uploaded_files(uploads_root()):
        name = path.name.removesuffix(PARTIAL_SUFFIX)
        if (path.parent.name, name) in owned:
            if path.name != name:
                os.replace(path, path.with_name(name))
                placed += 1
        elif _modified(path) < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return SweepResult(placed, removed)


def _uploaded_files(root: Path) -> Iterator[Path]:
    """Every file one level down (uploads/<workspace_id>/<file>)."""
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        yield from sorted(p for p in folder.iterdir() if p.is_file())


def _modified(path: Path) -> datetime:
    """The file's last change, as naive East Africa Time (like every stored time)."""
    return datetime.fromtimestamp(path.stat().st_mtime, EAT).replace(tzinfo=None)
