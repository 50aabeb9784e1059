"""Desk fixtures: a workspace with staff of two institutions, a leader, and a login helper."""

from __future__ import annotations

import pytest

from sandbox.workflow import Role
from tests.desk.factories import institution, make_user


@pytest.fixture
def desk(make_workspace, client):
    """A workspace with staff of two institutions, a leader, and a login helper."""
    ws = make_workspace()
    users = {
        "afisa": make_user(ws, "afisa", Role.OFFICER, "DODOMA_CC"),
        "afisa2": make_user(ws, "afisa2", Role.OFFICER, "DODOMA_CC"),
        "mkuu": make_user(ws, "mkuu", Role.HEAD, "DODOMA_CC"),
        "tanesco": make_user(ws, "tanesco", Role.OFFICER, "TANESCO"),
        "ict": make_user(ws, "ict", Role.ICT_OFFICER, "DODOMA_CC"),
    }
    dodoma = institution("DODOMA_CC")
    users["kiongozi"] = make_user(ws, "kiongozi", Role.LEADER, region_id=dodoma.region_id)

    def login(name):
        client.post("/logout")
        client.post("/login", data={"username": name, "password": "pw"})

    return ws, users, login
