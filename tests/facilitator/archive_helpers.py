"""Helpers of the archive tests: a cohort with a bit of everything, and an archive's
content with its ids normalised (each id replaced by its rank in its table)."""

from __future__ import annotations

import io
import json
import zipfile

from sandbox.extensions import db
from sandbox.services.facilitation import archive_tables as plan
from sandbox.services.facilitation.archive_format import read_archive, write_archive


def content(data: bytes) -> dict:
    """The archive's rows, every id replaced by its rank, references by their keys."""
    archive = read_archive(data)
    ranks = {
        name: {row["id"]: n for n, row in enumerate(sorted(rows, key=lambda r: r["id"]))}
        for name, rows in archive.tables.items()
    }
    for name, entries in archive.references.items():
        ranks[name] = {e["id"]: json.dumps(e["key"], sort_keys=True) for e in entries}
    tables = {t.name: t for t in db.metadata.sorted_tables}
    out = {}
    for name, rows in archive.tables.items():
        out[name] = [_row(tables[name], row, ranks) for row in rows]
    out["files"] = sorted(archive.files.values())
    return out


def _row(table, row, ranks) -> dict:
    """One row with its ids normalised."""
    row = dict(row)
    row["id"] = ranks[table.name][row["id"]]
    for column in table.columns:
        value = row.get(column.name)
        if column.foreign_keys and value is not None:
            target = next(iter(column.foreign_keys)).column.table.name
            row[column.name] = (target, _key(ranks, target, value))
    keys = plan.DETAIL_IDS.get((table.name, "detail"))
    if keys and ":" in (row.get("detail") or ""):
        key, _, value = row["detail"].partition(":")
        if key in keys:
            row["detail"] = (key, _key(ranks, keys[key], int(value)))
    if table.name == "scenario_attempt":
        placed = row["placed"]
        feedback = sorted(ranks["feedback"])
        row["placed"] = {
            "items": {k: ranks["feedback"][v] for k, v in placed["items"].items()},
            "staff": {k: ranks["user"][v] for k, v in placed["staff"].items()},
            "first_new": sum(1 for old in feedback if old < placed["first_new_id"]),
        }
    if table.name == "attachment":
        row["stored_name"] = "-"  # a random name; the files are compared by content
    return row


def _key(ranks, table, value):
    """The rank (or reference key) of an id; the id itself is never compared."""
    return ranks.get(table, {}).get(value, "outside")


def rewritten(data: bytes, change) -> bytes:
    """The archive's members rewritten by ``change(name, bytes) -> bytes | None`` (None drops
    the member), with a manifest left as it was: a tampered archive."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            new = change(info.filename, source.read(info))
            if new is not None:
                target.writestr(info.filename, new)
    return buffer.getvalue()


def forged(data: bytes, change) -> bytes:
    """The archive re-written after ``change(archive)`` edits its content, with a manifest
    that matches (sums and counts): only the checks of the rows themselves can catch it."""
    archive = read_archive(data)
    manifest = archive.manifest
    change(archive)
    return write_archive(
        archive,
        app_version=manifest.app_version,
        exported_at=manifest.exported_at,
        cohort_uuid=manifest.cohort_uuid,
        cohort_name=manifest.cohort_name,
    )


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip of exactly these members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return buffer.getvalue()
