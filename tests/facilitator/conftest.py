"""Fixtures for the facilitator console: the demo world with its facilitator, a cohort they
run, a cohort another facilitator runs, and trainees who joined."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest

from sandbox import create_app
from sandbox.extensions import db
from sandbox.seeding.loader import load_seed_data
from sandbox.services.people.accounts import NewAccount, create_account
from sandbox.services.people.users import find_username
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.joining import JoinRequest, join_cohort
from sandbox.services.workspace.world import load_world
from tests.conftest import REFERENCE_TABLES
from tests.databases import fresh_database_url

PIN = "4821"


@pytest.fixture
def facilitator(demo_world):
    """The demo world's facilitator persona (``mwezeshaji``)."""
    return find_username("mwezeshaji")


@pytest.fixture
def other_facilitator(demo_world):
    """A second facilitator of the installation, made by the administrator."""
    admin = find_username("msimamizi")
    return create_account(
        admin,
        NewAccount("mwezeshaji.pili", "Mwezeshaji wa Pili", "facilitator", "Nenosiri-la-pili-42"),
    )


@pytest.fixture
def cohort(facilitator):
    """An open cohort run by the demo facilitator, starting on Monday 9 November 2026."""
    return create_cohort(
        "Warsha ya Dodoma", seed=3, start=date(2026, 11, 9), facilitator=facilitator
    )


@pytest.fixture
def make_trainee(cohort):
    """Factory: make_trainee("Asha Mushi") joins ``cohort`` (service, no browser)."""

    def make(name: str = "Asha Mushi", pin: str = PIN, **extra):
        return join_cohort(JoinRequest(cohort.join_code, name, pin, **extra))

    return make


@pytest.fixture(scope="session")
def second_installation(tmp_path_factory):
    """Another installation (its own empty database and upload folder, the reference world
    loaded): where an archive exported here is imported."""
    other = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": fresh_database_url(tmp_path_factory.mktemp("db2"), "other"),
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test-secret-2",
            "INSTANCE_DIR": tmp_path_factory.mktemp("instance2"),
            "SERVER_NAME": None,
        }
    )
    with other.app_context():
        db.drop_all()
        db.create_all()
        load_world(load_seed_data())
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def on_second(second_installation):
    """A context manager: ``with on_second():`` runs its block on the other installation,
    whose cohort rows are removed after the test."""

    @contextmanager
    def inside():
        with second_installation.app_context():
            yield second_installation
            db.session.remove()

    yield inside
    with second_installation.app_context():
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                if table.name not in REFERENCE_TABLES:
                    conn.execute(table.delete())
        db.session.remove()
