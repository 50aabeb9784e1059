"""Fixtures for the SMS gateway tests."""

from __future__ import annotations

import itertools

import pytest

from sandbox.models import WorkspaceKind
from tests.ussd.conftest import forget_workspace

SENDER = "+255754000222"
_ids = itertools.count(1)


@pytest.fixture
def demo(app, make_workspace):
    """The demo workspace (empty), served at the plain /sms URLs."""
    return make_workspace(code=app.config["DEMO_WORKSPACE"], kind=WorkspaceKind.DEMO)


@pytest.fixture
def text_in(client, demo):
    """Send a text to the short code the way the gateway calls back: text_in("TANESCO …")."""

    def send(text: str, sender: str = SENDER, path: str = "/sms/inbound", **extra):
        forget_workspace()
        data = {"from": sender, "to": "15200", "text": text, "date": "2026-11-02 08:00:00"}
        data |= {"id": f"ATXid_{next(_ids)}", **extra}
        return client.post(path, data=data)

    return send
