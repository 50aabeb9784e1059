"""One USSD conversation served by two separate app instances sharing one database."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sandbox import create_app
from sandbox.extensions import db
from sandbox.models import Feedback
from tests.ussd.conftest import PHONE, check_protocol


@pytest.fixture
def two_apps(app, demo):
    """Two independent Flask apps (own engines, own contexts) on the suite's database."""
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "another-process",
    }
    apps = [create_app(config), create_app(config)]
    yield apps
    for other in apps:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def test_alternating_processes_continue_one_conversation(two_apps):
    clients = [a.test_client() for a in two_apps]
    inputs = ["9", "3", "2", "2", "1", "tanesco", "1", "Two processes * one session", "1", "1"]
    replies = []
    for step in range(len(inputs) + 1):
        data = {"sessionId": "ATUid_two", "phoneNumber": PHONE, "text": "*".join(inputs[:step])}
        with two_apps[step % 2].app_context():
            replies.append(check_protocol(clients[step % 2].post("/ussd", data=data)))
    assert replies[2].startswith("CON Chagua lugha")
    assert replies[3].startswith("CON e-Mrejesho (TRAINING)")  # language kept across processes
    assert replies[-1].startswith("END Thank you!")
    reference = re.search(r"MRJ-T[A-Z]*-\d{4}-\d{6}", replies[-1]).group(0)
    item = db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))
    assert item.description == "Two processes * one session"
    assert item.language == "en"
