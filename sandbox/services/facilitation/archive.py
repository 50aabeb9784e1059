"""A whole cohort as one archive file: exported on one installation, imported on another.

The file's format is ``archive_format.py``; what it holds, table by table, is
``archive_tables.py``. Decisions (issue 12, point 5; a facilitator's expectations):

- **Who.** A facilitator exports the cohorts they run (404 for another's); a facilitator or
  an administrator imports, and the imported cohort is then run by the importer (at the
  command line: by ``--facilitator``, or by the administrators alone).
- **Ids.** Reference rows are matched by their natural keys, never their ids; every other
  id gets a fresh one. A workspace code, username or cohort name already used here gets a
  fresh one (``-2``…, ``(2)``); a join code already used gets a new random one (the import
  says which). A **personal code** already used here refuses the import: it is printed on
  the trainee's card, is how they sign in and names them in every xAPI statement, so it
  cannot be renamed behind their back (with 887 million codes, a clash means the same
  trainees are already here under another cohort).
- **Twice.** A cohort is recognised by its UUID. Importing an archive whose content is the
  one this copy was imported from changes nothing and says so. A *different* export of a
  cohort already here (a newer one, after more work on the laptop) is refused with the
  reason: merging two diverging histories of the same workspaces (items, events, clocks)
  has no single right answer; the facilitator imports it on an installation without the
  cohort, or removes the copy here first.
- **All or nothing.** The whole import is one transaction: any refusal rolls back every row;
  attachment files are written as ``*.part`` beside their final name and moved into place
  only after the commit (``mrejesho sweep-uploads`` finishes or removes leftovers).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Workspace
from sandbox.services.facilitation import archive_tables as plan
from sandbox.services.facilitation.archive_files import StagedFiles, attachment_files
from sandbox.services.facilitation.archive_format import (
    Archive,
    ArchiveRefused,
    damaged,
    read_archive,
    write_archive,
)
from sandbox.services.facilitation.archive_rows import (
    check_tables,
    chunks,
    insert,
    make_unique,
    prepared,
    resolve_references,
    target,
)
from sandbox.services.workspace.now import wall_now


@dataclass(frozen=True)
class Imported:
    """What an import did: the cohort here, whether it is new, and the values it renamed."""

    cohort: Cohort
    is_new: bool
    renamed: dict[str, tuple[str, str]] = field(default_factory=dict)  # what: (old, new)
    counts: dict[str, int] = field(default_factory=dict)


def app_version() -> str:
    """The installed package's version (``unknown`` when run from a bare checkout)."""
    try:
        return version("mrejesho-sandbox")
    except PackageNotFoundError:
        return "unknown"


def cohort_workspace_ids(cohort: Cohort) -> list[int]:
    """Every workspace of the cohort: each trainee's, and a shared one however it is linked.

    A column of ``cohort`` naming a workspace, or a ``cohort_id`` column of ``workspace``,
    both count (the cohort's shared workspace, issue 12 point 1, is one or the other).
    """
    ids = set(
        db.session.scalars(
            sa.select(Enrolment.workspace_id).where(Enrolment.cohort_id == cohort.id)
        )
    )
    table, workspace = Cohort.__table__, Workspace.__table__
    for column in table.columns:
        if any(fk.column.table is workspace for fk in column.foreign_keys):
            ids.add(db.session.scalar(sa.select(column).where(table.c.id == cohort.id)))
    if "cohort_id" in workspace.c:
        ids |= set(
            db.session.scalars(sa.select(workspace.c.id).where(workspace.c.cohort_id == cohort.id))
        )
    return sorted(i for i in ids if i is not None)


def archive_filename(cohort: Cohort) -> str:
    """The download's file name: ``kundi-<name in ASCII>-<date>.zip``."""
    ascii_name = re.sub(r"[^a-z0-9]+", "-", cohort.name.lower().encode("ascii", "ignore").decode())
    return f"kundi-{ascii_name.strip('-')[:60] or cohort.id}-{wall_now():%Y-%m-%d}.zip"


def export_cohort(cohort: Cohort) -> bytes:
    """The cohort as one archive (zip bytes): its rows, the reference keys, the files."""
    owners = {"cohort": [cohort.id], "workspace": cohort_workspace_ids(cohort)}
    archive = Archive()
    for table in exported_tables():
        column, owner = plan.EXPORTED[table.name]
        if owner == "user" and "user" not in owners:
            owners["user"] = [row["id"] for row in archive.tables["user"]]
        archive.tables[table.name] = _rows_of(table, table.c[column], owners[owner])
    _detach_outsiders(archive)
    archive.references = _reference_keys(archive)
    archive.files = attachment_files(archive.tables["attachment"])
    return write_archive(
        archive,
        app_version=app_version(),
        exported_at=wall_now().replace(microsecond=0),
        cohort_uuid=cohort.uuid,
        cohort_name=cohort.name,
    )


def exported_tables() -> list[sa.Table]:
    """The exported tables, each after the tables it refers to (by a key or inside a value)."""
    waiting = [t for t in db.metadata.sorted_tables if t.name in plan.EXPORTED]
    ordered: list[sa.Table] = []
    while waiting:
        done = {t.name for t in ordered}
        ready = next(t for t in waiting if plan.named_inside(t.name) <= done)
        ordered.append(ready)
        waiting.remove(ready)
    return ordered


def _rows_of(table: sa.Table, owner: sa.Column, ids: list[int]) -> list[dict]:
    """The table's rows owned by ``ids``, by id, every column but the local ones, as JSON."""
    local = plan.LOCAL_COLUMNS.get(table.name, frozenset())
    columns = [c for c in table.columns if c.name not in local]
    keep = plan.KEPT_ROWS.get(table.name, lambda row: True)
    rows = []
    for part in chunks(ids):
        query = sa.select(*columns).where(owner.in_(part))
        rows += [dict(r._mapping) for r in db.session.execute(query)]
    rows.sort(key=lambda row: row["id"])
    blanked = plan.BLANKED.get(table.name, {})
    return [
        {k: plan.encode(blanked.get(k, v) if k in blanked else v) for k, v in row.items()}
        for row in rows
        if keep(row)
    ]


def _detach_outsiders(archive: Archive) -> None:
    """Empty every reference to a row neither in the archive nor reference data."""
    present = {name: {row["id"] for row in rows} for name, rows in archive.tables.items()}
    for table in exported_tables():
        for column in _foreign_keys(table):
            if target(column) in plan.REFERENCE:
                continue
            inside = present.get(target(column), set())
            for row in archive.tables[table.name]:
                if row[column.name] is None or row[column.name] in inside:
                    continue
                if not column.nullable:
                    raise damaged(f"{table.name}.{column.name} names a row of another cohort")
                row[column.name] = None


def _foreign_keys(table: sa.Table) -> list[sa.Column]:
    """The table's columns that refer to another row."""
    return [c for c in table.columns if c.foreign_keys]


def _reference_keys(archive: Archive) -> dict[str, list[dict]]:
    """Each reference row the archive names, as {"id", "key"}, by table."""
    needed: dict[str, set[int]] = defaultdict(set)
    for table in exported_tables():
        for column in _foreign_keys(table):
            if target(column) in plan.REFERENCE:
                needed[target(column)] |= {r[column.name] for r in archive.tables[table.name]}
        for (name, column_name), keys in plan.DETAIL_IDS.items():
            if name == table.name:
                _detail_references(archive.tables[name], column_name, keys, needed)
    references = {}
    for table in reversed([t for t in db.metadata.sorted_tables if t.name in plan.REFERENCE]):
        references[table.name] = _keys_of(table, needed)
    return {name: rows for name, rows in references.items() if rows}


def _detail_references(rows, column_name, keys, needed) -> None:
    """Add the reference ids named in ``key:<id>`` texts to ``needed``."""
    for row in rows:
        key, sep, value = (row[column_name] or "").partition(":")
        if sep and key in keys and keys[key] in plan.REFERENCE and value.isdigit():
            needed[keys[key]].add(int(value))


def _keys_of(table: sa.Table, needed: dict[str, set[int]]) -> list[dict]:
    """The needed rows of a reference table by natural key (adding what the keys name)."""
    key_columns = [table.c[name] for name in plan.REFERENCE[table.name]]
    ids = sorted(i for i in needed[table.name] if i is not None)
    rows = []
    for part in chunks(ids):
        query = sa.select(table.c.id, *key_columns).where(table.c.id.in_(part))
        rows += [dict(r._mapping) for r in db.session.execute(query)]
    for column in key_columns:
        if column.foreign_keys:
            needed[target(column)] |= {row[column.name] for row in rows}
    rows.sort(key=lambda row: row["id"])
    return [{"id": row.pop("id"), "key": row} for row in rows]


def import_cohort(data: bytes, importer=None) -> Imported:
    """Import an archive as a new cohort run by ``importer`` (a User or None); commits once.

    An archive of a cohort already here changes nothing (``is_new`` False) or, when its
    content differs, is refused. Raises ArchiveRefused (bilingual) for anything else wrong.
    """
    archive = read_archive(data)
    digest = archive.manifest.content_digest
    existing = db.session.scalar(
        sa.select(Cohort).where(Cohort.uuid == archive.manifest.cohort_uuid)
    )
    if existing is not None:
        return _already_here(existing, digest)
    check_tables(archive, exported_tables())
    staged = StagedFiles()
    try:
        imported = _insert_all(archive, importer, digest, staged)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        staged.discard()
        raise _clash() from None
    except StatementError:  # a value the database refuses (a NUL in a text, on PostgreSQL)
        db.session.rollback()
        staged.discard()
        raise damaged("a value refused by the database") from None
    except BaseException:
        db.session.rollback()
        staged.discard()
        raise
    staged.place()
    return imported


def _already_here(cohort: Cohort, digest: str) -> Imported:
    """The same content again: nothing to do. Another export of this cohort: refused."""
    if cohort.imported_digest == digest:
        return Imported(cohort, is_new=False)
    raise ArchiveRefused(
        f"Kundi hili ('{cohort.name}') lipo tayari kwenye mfumo huu, na kumbukumbu hii ni "
        "tofauti na ile iliyoingizwa (au kundi liliundwa hapa). Kuunganisha historia mbili "
        "hakuwezekani: liingize kwenye mfumo usio na kundi hili.",
        f"This cohort ('{cohort.name}') is already on this installation, and this archive "
        "differs from the one imported (or the cohort was made here). Two histories cannot "
        "be merged: import it on an installation without this cohort.",
    )


def _clash() -> ArchiveRefused:
    """The refusal when a row clashes with one of this installation at commit time."""
    return ArchiveRefused(
        "Kumbukumbu hii inagongana na taarifa zilizopo kwenye mfumo huu; hakuna kilichoingizwa.",
        "This archive clashes with data already on this installation; nothing was imported.",
    )


def _insert_all(archive: Archive, importer, digest: str, staged: StagedFiles) -> Imported:
    """Insert every row (the caller commits); the cohort, what was renamed, the counts."""
    ids: plan.IdMaps = resolve_references(archive)
    renamed: dict[str, tuple[str, str]] = {}
    overrides = {
        "cohort": {"facilitator_id": importer.id if importer else None, "imported_digest": digest},
        "certificate": {"issued_by_id": None},
    }
    made: dict[str, list[dict]] = {}
    for table in exported_tables():
        archived = archive.tables.get(table.name, [])
        made[table.name] = [prepared(table, row, ids, overrides) for row in archived]
        make_unique(table, made[table.name], renamed)
        ids[table.name] = insert(table, made[table.name], [row["id"] for row in archived])
    staged.write(archive.files, archive.tables.get("attachment", []), made["attachment"])
    cohort = db.session.get(Cohort, ids["cohort"][archive.tables["cohort"][0]["id"]])
    counts = {name: len(rows) for name, rows in archive.tables.items()}
    return Imported(cohort, is_new=True, renamed=renamed, counts=counts)
