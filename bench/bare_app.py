"""The bare baseline (not the sandbox): Flask + Flask-SQLAlchemy and nothing else.

``GET /`` reads the 20 newest of 100,000 indexed rows into a tiny template; ``POST /step``
reads one row by id, updates it and commits (what a USSD step does at its least). It is
served exactly as `mrejesho run` serves the sandbox (sandbox/serving.py, same sizes), so
the ratio between them is the cost of our own work:

    python bench/bare_app.py --db /tmp/bare.sqlite3 --port 5701 [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, render_template, request
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox.serving import Hall, serve_gunicorn, serve_waitress  # noqa: E402

ROWS = 100_000
PAGE = """<!doctype html><html lang="sw"><head><title>Orodha</title></head><body>
<h1>Mrejesho</h1><table><thead><tr><th>Namba</th><th>Aina</th><th>Hali</th>
<th>Taasisi</th><th>Imepokelewa</th></tr></thead><tbody>
{% for r in rows %}<tr><td>{{ r.reference }}</td><td>{{ r.type }}</td><td>{{ r.status }}</td>
<td>{{ r.institution }}</td><td>{{ r.received_at.strftime('%d/%m/%Y %H:%M') }}</td></tr>
{% endfor %}</tbody></table></body></html>"""


class Base(DeclarativeBase):
    """Declarative base of the bare app."""


class Row(Base):
    """A ten-column row, indexed on the column the page sorts by."""

    __tablename__ = "row"
    __table_args__ = (sa.Index("ix_row_received", "received_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(32))
    type: Mapped[str] = mapped_column(sa.String(32))
    status: Mapped[str] = mapped_column(sa.String(32))
    institution: Mapped[str] = mapped_column(sa.String(200))
    channel: Mapped[str] = mapped_column(sa.String(32))
    region: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.Text)
    rating: Mapped[int | None]
    received_at: Mapped[datetime]


bare_db = SQLAlchemy(model_class=Base)


def create_bare_app(path: Path) -> Flask:
    """The bare app on a SQLite file (filled with ROWS rows when new)."""
    app = Flask("bare")
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    app.jinja_env.loader = DictLoader({"page.html": PAGE})
    bare_db.init_app(app)

    @app.get("/")
    def page():
        rows = bare_db.session.scalars(
            sa.select(Row).order_by(Row.received_at.desc()).limit(20)
        ).all()
        return render_template("page.html", rows=rows)

    @app.post("/step")
    def step():
        row = bare_db.session.get(Row, int(request.form.get("id", "1")))
        row.status = "in_progress" if row.status == "received" else "received"
        bare_db.session.commit()
        return f"CON {row.reference} {row.status}", 200, {"Content-Type": "text/plain"}

    with app.app_context():
        if not sa.inspect(bare_db.engine).has_table("row"):
            _fill()
    return app


def _fill() -> None:
    """Create the table and insert ROWS rows in one transaction."""
    bare_db.create_all()
    start = datetime(2026, 8, 1)
    bare_db.session.execute(
        sa.insert(Row),
        [
            {
                "reference": f"MRJ-T-2026-{i:06d}",
                "type": "complaint",
                "status": "received",
                "institution": "Halmashauri ya Jiji la Dodoma",
                "channel": "web",
                "region": "Dodoma",
                "description": "Maji hayatoki mtaani kwetu kwa siku tatu.",
                "rating": None,
                "received_at": start + timedelta(minutes=i),
            }
            for i in range(ROWS)
        ],
    )
    bare_db.session.commit()


def main() -> None:
    """Create the database if needed and serve it (waitress, or gunicorn with --workers)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="SQLite file (made when missing)")
    parser.add_argument("--port", type=int, default=5701)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn processes; 0: waitress")
    parser.add_argument("--create-only", action="store_true", help="fill the database and stop")
    args = parser.parse_args()
    app = create_bare_app(args.db)
    if args.create_only:
        return
    hall = Hall(host="127.0.0.1", port=args.port)
    if args.workers:
        serve_gunicorn(app, hall, args.workers)
    else:
        serve_waitress(app, hall)


if __name__ == "__main__":
    main()
