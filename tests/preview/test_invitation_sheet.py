"""The printable sheet of an invitation that takes no joiners says so and is not usable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sandbox.extensions import db
from sandbox.services.preview.invitations import revoke_invitation


def sheet(client, invitation) -> str:
    return client.get(f"/preview/invitations/{invitation.id}/sheet").get_data(as_text=True)


def test_an_open_invitation_prints_its_code_and_qr(client, login_as, invitation):
    login_as("mwezeshaji")
    page = sheet(client, invitation)
    assert "<svg" in page and "data-print" in page
    assert 'data-testid="invitation-closed"' not in page


@pytest.mark.parametrize(
    ("close", "sw", "en"),
    [
        (revoke_invitation, "Mwaliko huu umeondolewa.", "This invitation was withdrawn."),
        (
            lambda i: setattr(i, "expires_at", i.expires_at - timedelta(days=30)),
            "Muda wa mwaliko huu umekwisha.",
            "This invitation has expired.",
        ),
        (
            lambda i: setattr(i, "uses", i.max_uses),
            "Nafasi zote za mwaliko huu zimetumika.",
            "Every place of this invitation is taken.",
        ),
    ],
)
def test_a_closed_invitation_sheet_says_why_and_has_no_qr(
    client, login_as, invitation, close, sw, en
):
    close(invitation)
    db.session.commit()
    login_as("mwezeshaji")
    page = sheet(client, invitation)
    assert 'data-testid="invitation-closed"' in page and sw in page and en in page
    assert "<svg" not in page and "data-print" not in page
    assert "<del" in page
