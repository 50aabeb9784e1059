"""Alembic migrations build the models' schema from an empty database, on either engine."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from sandbox import create_app
from sandbox.extensions import db
from tests.databases import fresh_database_url


def test_upgrade_from_empty_matches_the_models_and_downgrades(tmp_path):
    url = fresh_database_url(tmp_path, "migrations")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "INSTANCE_DIR": tmp_path})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert differences == []
        assert "feedback" in db.inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert "feedback" not in db.inspect(db.engine).get_table_names()
        db.engine.dispose()
