"""Rows of a cohort archive made rows of this installation: typed, remapped, unique.

Used by ``archive.import_cohort`` inside its one transaction (nothing here commits).
Reference rows are matched by natural key; every id is remapped; unique values already
taken here get a fresh one or refuse the import (``archive_tables.RENAMED_WHEN_TAKEN`` and
the personal-code decision in ``archive.py``).
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment
from sandbox.services.facilitation import archive_tables as plan
from sandbox.services.facilitation.archive_format import Archive, ArchiveRefused, damaged
from sandbox.services.training.codes import new_code

SHARED_CODES = {("cohort", "join_code"), ("enrolment", "personal_code")}  # one space of codes
CHUNK = 500  # values per IN (…) list: well inside SQLite's and PostgreSQL's limits


def chunks(values: list) -> list[list]:
    """``values`` cut into lists of at most CHUNK."""
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)] or [[]]


def target(column: sa.Column) -> str:
    """The name of the table a foreign-key column refers to."""
    return next(iter(column.foreign_keys)).column.table.name


def as_id(value) -> int:
    """An id from the archive: an int, never a bool or a string."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise damaged("an id is not a number")
    return value


def resolve_references(archive: Archive) -> plan.IdMaps:
    """Old reference ids to this installation's, matched by natural key; else refused."""
    ids: plan.IdMaps = {}
    for table in db.metadata.sorted_tables:
        if table.name not in plan.REFERENCE:
            continue
        ids[table.name] = {}
        for entry in archive.references.get(table.name, []):
            ids[table.name][as_id(entry.get("id"))] = _match(table, entry, ids)
    return ids


def _match(table: sa.Table, entry: dict, ids: plan.IdMaps) -> int:
    """This installation's id of the reference row with the entry's key; else refused."""
    key = entry.get("key")
    if not isinstance(key, dict) or set(key) != set(plan.REFERENCE[table.name]):
        raise damaged(f"reference key of {table.name}")
    conditions = []
    for name, value in key.items():
        column = table.c[name]
        if column.foreign_keys:
            value = ids[target(column)].get(value)
        conditions.append(column == plan.decode(column, value, f"{table.name}.{name}"))
    found = db.session.scalar(sa.select(table.c.id).where(*conditions))
    if found is None:
        shown = ", ".join(str(v) for v in key.values())[:120]
        raise ArchiveRefused(
            f"Kumbukumbu inataja {table.name} '{shown}' ambayo mfumo huu hauna.",
            f"The archive names the {table.name} '{shown}', which this installation lacks.",
        )
    return found


def prepared(table: sa.Table, row: dict, ids: plan.IdMaps, overrides) -> dict:
    """One archived row ready to insert: typed, its references remapped, without its id."""
    values = {}
    for column in table.columns:
        where = f"{table.name}.{column.name}"
        if column.name == "id":
            as_id(row.get("id"))
        elif column.name in overrides.get(table.name, {}):
            values[column.name] = overrides[table.name][column.name]
        elif column.name in row:
            values[column.name] = _value(table, column, row[column.name], ids, where)
        elif not (
            column.nullable or column.default is not None or column.server_default is not None
        ):
            raise damaged(f"{where} is missing")
    return values


def _value(table: sa.Table, column: sa.Column, raw, ids: plan.IdMaps, where: str):
    """One column's value of this installation: decoded, remapped where it is an id."""
    value = plan.decode(column, raw, where)
    if value is not None and column.foreign_keys:
        mapped = ids.get(target(column), {})
        if value not in mapped:
            raise damaged(f"{where} names a row that is not in the archive")
        return mapped[value]
    remap = plan.REMAPPED_JSON.get((table.name, column.name))
    if remap is not None and value is not None:
        return remap(value, ids, where)
    keys = plan.DETAIL_IDS.get((table.name, column.name))
    return plan.remap_detail(value, keys, ids, where) if keys else value


def make_unique(table: sa.Table, rows: list[dict], renamed: dict) -> None:
    """Fresh values for those already taken here (RENAMED_WHEN_TAKEN); refuse other clashes."""
    for column in table.columns:
        if not column.unique or column.name == "id":
            continue
        values = [row[column.name] for row in rows if row.get(column.name) is not None]
        taken = _taken(column, values)
        how = plan.RENAMED_WHEN_TAKEN.get((table.name, column.name))
        for row in rows:
            if row.get(column.name) in taken:
                if how is None:
                    raise _taken_refusal(table.name, column.name, row[column.name])
                old, row[column.name] = row[column.name], _fresh(column, row[column.name], how)
                if table.name == "cohort":
                    renamed[column.name] = (old, row[column.name])


def _taken(column: sa.Column, values: list) -> set:
    """Which of ``values`` this installation already has in ``column`` (and, for a code, as
    a personal or join code: the two share one space)."""
    taken = set()
    columns = [column]
    if (column.table.name, column.name) in SHARED_CODES:
        columns = [Cohort.__table__.c.join_code, Enrolment.__table__.c.personal_code]
    for each in columns:
        for part in chunks(values):
            taken |= set(db.session.scalars(sa.select(each).where(each.in_(part))))
    if (column.table.name, column.name) == ("cohort", "name"):
        lowered = [v.lower() for v in values]
        found = db.session.scalars(sa.select(column).where(sa.func.lower(column).in_(lowered)))
        taken |= {v for v in values if v.lower() in {f.lower() for f in found}}
    return taken


def _fresh(column: sa.Column, value: str, how: str) -> str:
    """A value of ``column`` no row has yet, made from ``value`` as ``how`` says."""
    for number in range(2, 10_000):
        if how == "code":
            candidate = new_code()
        elif how == "uuid":
            candidate = secrets.token_hex(16)
        else:
            tail = f" ({number})" if how == "numbered" else f"-{number}"
            candidate = value[: (column.type.length or 64) - len(tail)] + tail
        if not _taken(column, [candidate]):
            return candidate
    raise _taken_refusal(column.table.name, column.name, value)  # pragma: no cover


def _taken_refusal(table: str, column: str, value) -> ArchiveRefused:
    """The refusal of a unique value (a personal code…) already used on this installation."""
    if (table, column) == ("enrolment", "personal_code"):
        return ArchiveRefused(
            f"Msimbo binafsi {value} wa mwanafunzi wa kundi hili tayari unatumika kwenye mfumo "
            "huu: wanafunzi hawa wamo tayari. Hakuna kilichoingizwa.",
            f"The personal code {value} of a trainee of this cohort is already used on this "
            "installation: these trainees are already here. Nothing was imported.",
        )
    return ArchiveRefused(
        f"Thamani ya {table}.{column} tayari ipo kwenye mfumo huu. Hakuna kilichoingizwa.",
        f"A value of {table}.{column} already exists on this installation. Nothing was imported.",
    )


def insert(table: sa.Table, rows: list[dict], old_ids: list[int]) -> dict[int, int]:
    """Insert the rows in their order; the old id of each mapped to its new one."""
    if not rows:
        return {}
    query = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    new_ids = list(db.session.scalars(query, rows))
    return dict(zip(old_ids, new_ids, strict=True))


def check_tables(archive: Archive, exported: list[sa.Table]) -> None:
    """Only tables this installation exports, each with only columns it knows."""
    known = {t.name: t for t in exported}
    for name, rows in archive.tables.items():
        if name not in known:
            raise _newer(name)
        unknown = {k for row in rows for k in row} - set(known[name].c.keys())
        if any(row.keys() != rows[0].keys() for row in rows):
            raise damaged(f"rows of {name} differ in their columns")
        if unknown:
            raise _newer(f"{name}.{sorted(unknown)[0]}")
    if len(archive.tables.get("cohort", [])) != 1:
        raise damaged("not exactly one cohort")
    unknown_refs = set(archive.references) - set(plan.REFERENCE)
    if unknown_refs:
        raise _newer(sorted(unknown_refs)[0])


def _newer(what: str) -> ArchiveRefused:
    """The refusal of an archive holding data this installation has no place for."""
    return ArchiveRefused(
        f"Kumbukumbu hii ina taarifa ({what[:80]}) ambazo toleo hili la mfumo halizijui: "
        "sasisha mfumo kwanza.",
        f"This archive holds data ({what[:80]}) this version of the application does not "
        "know: update it first.",
    )
