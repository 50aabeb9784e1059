"""Cohort archive benchmark (not a test): export and import a cohort of N trainees.

A cohort of ``--trainees`` (10) trainees, each with their own seeded world (the join's 200
items with their history, staff and leader), one of them with a scenario started, on a
temporary SQLite file. Measured in the same run:

- **export** (``export_cohort``: reflect, select, encode, zip) against a baseline that
  reads the same rows with raw ``sqlite3`` (``SELECT *`` of each exported table for the
  cohort's workspaces and users), writes them as JSON Lines and zips them the same way;
- **import** (``import_cohort`` into a second, fresh installation: read and check the
  archive, match references, remap ids, insert, one commit) against a baseline that
  inserts the same rows with raw ``sqlite3`` ``executemany`` into tables of the same DDL
  (no remapping, no checks, no foreign-key enforcement).

Best of ``--rounds`` (3) for each; the figures are the ratios.

    python bench/archive_bench.py                  # 10 trainees
    python bench/archive_bench.py --trainees 2     # a quick check
"""

from __future__ import annotations

import argparse
import io
import json
import secrets
import sqlite3
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox import create_app  # noqa: E402
from sandbox.extensions import db  # noqa: E402
from sandbox.models import Cohort  # noqa: E402
from sandbox.seeding.loader import load_seed_data  # noqa: E402
from sandbox.services.facilitation import archive_tables as plan  # noqa: E402
from sandbox.services.facilitation.archive import (  # noqa: E402
    cohort_workspace_ids,
    export_cohort,
    exported_tables,
    import_cohort,
)
from sandbox.services.facilitation.archive_format import read_archive  # noqa: E402
from sandbox.services.training.cohorts import create_cohort  # noqa: E402
from sandbox.services.training.joining import JoinRequest, join_cohort  # noqa: E402
from sandbox.services.workspace.world import load_world  # noqa: E402


def installation(folder: Path, name: str):
    """An app on a fresh SQLite file in ``folder`` with the reference world loaded."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / (name + '.sqlite3')}",
            "SECRET_KEY": "bench",
            "INSTANCE_DIR": folder / name,
        }
    )
    with app.app_context():
        db.create_all()
        load_world(load_seed_data())
    return app


def make_cohort(trainees: int) -> None:
    """A cohort with ``trainees`` trainees who joined (each world seeded)."""
    cohort = create_cohort("Warsha ya kipimo", seed=5, start=date(2026, 11, 9))
    for n in range(trainees):
        join_cohort(JoinRequest(cohort.join_code, f"Mwanafunzi {n}", "4821", phone="0712345678"))


def raw_export(path: Path, cohort: Cohort) -> bytes:
    """The baseline export: raw sqlite3 reads of the same rows, JSON Lines, one zip."""
    workspaces = cohort_workspace_ids(cohort)
    connection = sqlite3.connect(path)
    marks = ",".join("?" * len(workspaces))
    users = [
        r[0]
        for r in connection.execute(
            f"SELECT id FROM user WHERE workspace_id IN ({marks})", workspaces
        )
    ]
    owners = {"cohort": [cohort.id], "workspace": workspaces, "user": users}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, (column, owner) in plan.EXPORTED.items():
            ids = owners[owner]
            cursor = connection.execute(
                f'SELECT * FROM "{name}" WHERE "{column}" IN ({",".join("?" * len(ids))})', ids
            )
            names = [d[0] for d in cursor.description]
            lines = (
                json.dumps(dict(zip(names, row, strict=True)), sort_keys=True) for row in cursor
            )
            zipped.writestr(f"tables/{name}.jsonl", "".join(line + "\n" for line in lines))
    connection.close()
    return buffer.getvalue()


def raw_import(path: Path, data: bytes) -> None:
    """The baseline import: the archive's rows inserted by raw sqlite3 executemany."""
    archive = read_archive(data)
    connection = sqlite3.connect(path)
    for table in exported_tables():
        rows = archive.tables.get(table.name, [])
        if not rows:
            continue
        if table.name == "user":  # local to an installation: made anew, as the import does
            rows = [{**row, "session_token": secrets.token_hex(16)} for row in rows]
        columns = list(rows[0])
        quoted = ",".join(f'"{c}"' for c in columns)
        query = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({",".join("?" * len(columns))})'
        values = [[_plain(row[c]) for c in columns] for row in rows]
        connection.executemany(query, values)
    connection.commit()
    connection.close()


def _plain(value):
    """A JSON value as sqlite3 takes it (objects and lists as JSON text)."""
    return json.dumps(value) if isinstance(value, dict | list) else value


def best(function, rounds: int) -> float:
    """The fastest of ``rounds`` runs of ``function()``, in seconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Build the cohort, time both sides of export and import, print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        here = installation(folder, "here")
        with here.app_context():
            make_cohort(args.trainees)
            cohort = db.session.scalar(sa.select(Cohort))
            data = export_cohort(cohort)
            ours_export = best(lambda: export_cohort(cohort), args.rounds)
            raw_export_time = best(lambda: raw_export(folder / "here.sqlite3", cohort), args.rounds)
        rows = sum(len(r) for r in read_archive(data).tables.values())
        imports, raws = [], []
        for n in range(args.rounds):
            there = installation(folder, f"there{n}")
            with there.app_context():
                started = time.perf_counter()
                import_cohort(data)
                imports.append(time.perf_counter() - started)
            raw = installation(folder, f"raw{n}")
            with raw.app_context():
                db.engine.dispose()
            started = time.perf_counter()
            raw_import(folder / f"raw{n}.sqlite3", data)
            raws.append(time.perf_counter() - started)
    print(f"cohort: {args.trainees} trainees, {rows:,} rows, archive {len(data) / 1024:,.0f} KB")
    print(
        f"export  ours {ours_export:.2f} s  raw sqlite3 {raw_export_time:.2f} s  "
        f"ratio {ours_export / raw_export_time:.2f}"
    )
    print(
        f"import  ours {min(imports):.2f} s  raw sqlite3 {min(raws):.2f} s  "
        f"ratio {min(imports) / min(raws):.2f}"
    )


if __name__ == "__main__":
    main()
