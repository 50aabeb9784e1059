"""A USSD gateway stand-in: one conversation, every reply checked against the protocol."""

from __future__ import annotations

import itertools

import pytest
from flask import g, has_app_context

from sandbox.channels import gsm
from sandbox.channels.ussd.engine import MAX_SCREEN
from sandbox.models import WorkspaceKind

PHONE = "+255712000111"
_ids = itertools.count(1)


def forget_workspace() -> None:
    """The test's app context is reused by requests; each real request finds its workspace anew.

    (tests/conftest.py's RequestScopedClient clears Babel's and Login's caches the same way,
    but not the channel's cached workspace.)
    """
    if has_app_context():
        g.pop("workspace", None)
        g.pop("ws_code", None)


def check_protocol(response) -> str:
    """A USSD answer: 200, text/plain, CON/END, GSM only, at most 182 septets. Returns the text."""
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith(("CON ", "END ")), text
    assert len(text) <= MAX_SCREEN, (len(text), text)
    assert gsm.is_gsm(text), text
    assert gsm.septets(text) <= MAX_SCREEN, (gsm.septets(text), text)
    return text


class Dialler:
    """What the Africa's Talking gateway does for one session: text = inputs joined by '*'."""

    def __init__(self, client, path: str = "/ussd", phone: str = PHONE, session_id=None):
        self.client, self.path, self.phone = client, path, phone
        self.session_id = session_id or f"ATUid_test_{next(_ids)}"
        self.inputs: list[str] = []
        self.replies: list[str] = []

    def post(self, text: str) -> str:
        """One raw request with this text."""
        data = {
            "sessionId": self.session_id,
            "serviceCode": "*152*00#",
            "phoneNumber": self.phone,
            "text": text,
            "networkCode": "64004",
        }
        forget_workspace()
        reply = check_protocol(self.client.post(self.path, data=data))
        self.replies.append(reply)
        return reply

    def dial(self) -> str:
        """The first request (empty text)."""
        return self.post("")

    def send(self, *answers: str) -> str:
        """Type answers one by one; the reply to the last."""
        for value in answers:
            self.inputs.append(value)
            reply = self.post("*".join(self.inputs))
        return reply


@pytest.fixture
def demo(app, make_workspace):
    """The demo workspace (empty), served at the plain /ussd URL."""
    return make_workspace(code=app.config["DEMO_WORKSPACE"], kind=WorkspaceKind.DEMO)


@pytest.fixture
def dialler(client, demo):
    """Factory: dialler(phone=…, path=…) for a new session in the demo workspace."""

    def make(**kwargs) -> Dialler:
        return Dialler(client, **kwargs)

    return make
