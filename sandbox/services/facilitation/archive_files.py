"""The attachment files of a cohort archive: read for an export, staged for an import.

An imported file is written as ``<name>.part`` (fsynced) in its new workspace's upload
folder, under the name its row got here (never a name read from the zip), and moved into
place only after the import commits; a failed import removes what it wrote
(``services/feedback/attachments.Staging`` does the same for a portal upload).
"""

from __future__ import annotations

import os
from pathlib import Path

from sandbox.services.feedback.attachments import PARTIAL_SUFFIX, upload_folder


def attachment_files(rows: list[dict]) -> dict[str, bytes]:
    """The bytes of each attachment row's file, by stored name (a missing file is left out)."""
    files = {}
    for row in rows:
        path = upload_folder(row["workspace_id"]) / row["stored_name"]
        if path.is_file():
            files[row["stored_name"]] = path.read_bytes()
    return files


class StagedFiles:
    """An import's files, written under temporary names and moved into place after commit."""

    def __init__(self) -> None:
        """Nothing staged yet."""
        self._moves: list[tuple[Path, Path]] = []

    def write(self, files: dict[str, bytes], archived: list[dict], prepared: list[dict]) -> None:
        """Write each archived row's file under the name and folder its new row has."""
        for old, new in zip(archived, prepared, strict=True):
            data = files.get(old["stored_name"])
            if data is None:
                continue
            folder = upload_folder(new["workspace_id"])
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / new["stored_name"]
            temporary = final.with_name(final.name + PARTIAL_SUFFIX)
            self._moves.append((temporary, final))
            _write_durably(temporary, data)

    def place(self) -> None:
        """After the commit: move every staged file to its final name."""
        for temporary, final in self._moves:
            os.replace(temporary, final)
        self._moves.clear()

    def discard(self) -> None:
        """The import did not commit: remove the staged files."""
        for temporary, _final in self._moves:
            temporary.unlink(missing_ok=True)
        self._moves.clear()


def _write_durably(path: Path, data: bytes) -> None:
    """Write and fsync, so a committed row never points at bytes still in a cache."""
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
