"""The stakeholders who joined with an invitation, and a new PIN for one who forgot theirs.

Decisions (written down):

- An organiser (``Capability.MANAGE_PROPOSALS``) lists who joined with each invitation
  (name, personal code, role at work, joined at) and gives one of them a new PIN: generated
  (6 digits, as for trainees), shown once on a page the browser does not keep, only its
  hash stored. Every open sign-in of that stakeholder ends (a PIN someone else learnt stops
  working at once), as a trainee's PIN reset does.
- The personal-code rate limit is not lifted: as for trainees, a code locked after wrong
  PINs opens again by itself when the limit's window ends; the new-PIN page says so.
"""

from __future__ import annotations

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from sandbox.extensions import db
from sandbox.models.proposal import Invitation, Stakeholder
from sandbox.services.facilitation.enrolment import new_pin
from sandbox.services.people.users import end_every_sign_in


def joined_with(invitation: Invitation) -> list[Stakeholder]:
    """The stakeholders who joined with this invitation, first joined first."""
    query = (
        sa.select(Stakeholder)
        .where(Stakeholder.invitation_id == invitation.id)
        .order_by(Stakeholder.joined_at, Stakeholder.id)
    )
    return list(db.session.scalars(query))


def stakeholder_of_invitation(invitation: Invitation, stakeholder_id: int) -> Stakeholder:
    """The stakeholder with this id who joined with this invitation (LookupError: 404)."""
    found = db.session.get(Stakeholder, stakeholder_id)
    if found is None or found.invitation_id != invitation.id:
        raise LookupError(stakeholder_id)
    return found


def give_new_pin(stakeholder: Stakeholder) -> str:
    """A new generated PIN for the stakeholder (returned once), their sign-ins ended; commits."""
    pin = new_pin()
    stakeholder.pin_hash = generate_password_hash(pin)
    end_every_sign_in([stakeholder.user])
    db.session.commit()
    return pin
