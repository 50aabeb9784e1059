"""Invitation codes for the stakeholder preview: create, list, revoke, use once per joiner.

Decisions (written down):

- A code has six characters of the cohorts' readable alphabet (``KXP-4TM``), typed in any
  case with spaces and dashes ignored; it is never a cohort's join code.
- It is valid for 1 to 90 days from its creation (until the same time of day), for 1 to
  500 joiners. A use is counted in the joiner's own transaction by one guarded UPDATE
  (``uses < max_uses``, not revoked, not expired), so two joiners racing for the last use
  get one join and one refusal, never a 500.
- Revoking stops further joins at once; stakeholders who joined keep their access.
- The printable sheet of an invitation that takes no joiners (withdrawn, expired, every use
  taken) says so in both languages (``closed_reason``), strikes the code out and has no QR
  code: it is never printed as usable.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, User
from sandbox.models.proposal import Invitation
from sandbox.services.training.codes import new_code, normalise_code
from sandbox.services.workspace.now import wall_now
from sandbox.text import one_line
from sandbox.workflow import BilingualError

MAX_DAYS, MAX_USES = 90, 500


class InvitationRefused(BilingualError, ValueError):
    """An invitation refused (at creation or at joining); ``field`` names the form field."""

    def __init__(self, field: str, message_sw: str, message_en: str) -> None:
        """Keep the field and both languages."""
        super().__init__(message_sw, message_en)
        self.field = field


def create_invitation(label: str, days: int, max_uses: int, by: User) -> Invitation:
    """A new invitation code valid ``days`` days for ``max_uses`` joiners; commits."""
    label = one_line(label)[:120]
    if len(label) < 2:
        raise InvitationRefused(
            "label", "Andika jina la mwaliko (herufi 2+).", "Write a label (2+ characters)."
        )
    if not (1 <= days <= MAX_DAYS and 1 <= max_uses <= MAX_USES):
        raise InvitationRefused(
            "days",
            f"Siku 1 hadi {MAX_DAYS}, watumiaji 1 hadi {MAX_USES}.",
            f"1 to {MAX_DAYS} days, 1 to {MAX_USES} uses.",
        )
    now = wall_now()
    invitation = Invitation(
        code=_unused_code(),
        label=label,
        expires_at=now + timedelta(days=days),
        max_uses=max_uses,
        created_by_id=by.id,
        created_at=now,
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation


def invitations() -> list[Invitation]:
    """Every invitation, newest first (the organisers' list with uses)."""
    return list(db.session.scalars(sa.select(Invitation).order_by(Invitation.id.desc())))


def invitation_by_id(invitation_id: int) -> Invitation:
    """The invitation (LookupError: 404)."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None:
        raise LookupError(invitation_id)
    return invitation


def revoke_invitation(invitation: Invitation) -> Invitation:
    """Stop an invitation taking joiners (idempotent); commits."""
    invitation.is_revoked = True
    db.session.commit()
    return invitation


def is_open(invitation: Invitation) -> bool:
    """True while the invitation takes joiners (not revoked, not expired, uses left)."""
    return (
        not invitation.is_revoked
        and invitation.expires_at > wall_now()
        and invitation.uses < invitation.max_uses
    )


def closed_reason(invitation: Invitation) -> tuple[str, str] | None:
    """Why the invitation takes no joiners, (Swahili, English); None while it is open."""
    if invitation.is_revoked:
        return ("Mwaliko huu umeondolewa.", "This invitation was withdrawn.")
    if invitation.expires_at <= wall_now():
        return ("Muda wa mwaliko huu umekwisha.", "This invitation has expired.")
    if invitation.uses >= invitation.max_uses:
        return (
            "Nafasi zote za mwaliko huu zimetumika.",
            "Every place of this invitation is taken.",
        )
    return None


def open_invitation(typed: str | None) -> Invitation:
    """The invitation of a typed code that takes joiners now, else a refusal saying why."""
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.code == normalise_code(typed))
    )
    if invitation is None:
        raise _refused(
            "Hakuna mwaliko wenye msimbo huu. Angalia msimbo (mfano KXP-4TM).",
            "No invitation has this code. Check the code (like KXP-4TM).",
        )
    if invitation.is_revoked:
        raise _refused(
            "Mwaliko huu umefutwa. Muulize aliyekualika.",
            "This invitation was withdrawn. Ask whoever invited you.",
        )
    if invitation.expires_at <= wall_now():
        raise _refused(
            "Muda wa mwaliko huu umekwisha. Omba msimbo mpya.",
            "This invitation has expired. Ask for a new code.",
        )
    if invitation.uses >= invitation.max_uses:
        raise _refused(
            "Mwaliko huu umeshatumiwa na wote walioalikwa. Omba msimbo mpya.",
            "This invitation has been used by everyone it was for. Ask for a new code.",
        )
    return invitation


def take_use(invitation: Invitation) -> None:
    """Count one joiner, in the caller's transaction (the last use is taken once)."""
    taken = db.session.execute(
        sa.update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.uses < Invitation.max_uses,
            Invitation.is_revoked.is_(False),
            Invitation.expires_at > wall_now(),
        )
        .values(uses=Invitation.uses + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        db.session.rollback()
        open_invitation(invitation.code)  # says why: used up, revoked or expired meanwhile
        raise _refused("Mwaliko huu umejaa.", "This invitation is full.")  # pragma: no cover


def _refused(sw: str, en: str) -> InvitationRefused:
    """A refusal of the code field."""
    return InvitationRefused("code", sw, en)


def _unused_code() -> str:
    """A code no invitation has and no cohort uses to join."""
    while True:
        code = new_code()
        taken = db.session.scalar(
            sa.select(Invitation.id).where(Invitation.code == code)
        ) or db.session.scalar(sa.select(Cohort.id).where(Cohort.join_code == code))
        if not taken:
            return code
