"""A stakeholder joins the preview with an invitation code, and signs back in.

Decisions (written down):

- The form asks for the invitation code, a name, the role at work (``JobRole``), the
  institution (a select of the reference institutions), the region and a PIN of 4 to 6
  digits typed twice: under three minutes on a phone. Nothing is seeded at joining (it
  stays fast); each proposal's pair of worlds is made when the stakeholder first opens it
  (``services/preview/pairs.py``).
- Joining makes a ``User(role=STAKEHOLDER)`` at the preview's training institution
  (``DODOMA_CC``, where trainees play too: its desk has a real queue in every world), with
  a ``Stakeholder`` profile keeping the home institution and region (for the report only),
  a generated personal code and the PIN's salted hash. The personal code is shown on the
  welcome and on the proposals page; with the PIN it signs back in at
  ``/preview/signin`` (rate-limited like the trainees' sign-in). The login has no usable
  password (``User.set_unusable_password``), so the username form accepts nothing.
- The same form sent twice joins once (``Stakeholder.join_key``): the second answer is the
  first's profile; a racing second request is rolled back (its use of the invitation too).
- A wrong personal code and a wrong PIN get the same answer for the same hashing work.
- **One join per person and invitation**: a second join under the same invitation with the
  same name (compared without case or extra spaces) is refused on the name field, pointing
  to "sign in with your personal code" (and to the facilitator for a new PIN when it is
  forgotten): joining again would make a second login and split their opinions. Two
  different people with the same name under one invitation add a second name.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.extensions import db
from sandbox.models import Institution, Region, User
from sandbox.models.proposal import Stakeholder
from sandbox.proposals.enums import JobRole
from sandbox.services.preview.invitations import InvitationRefused, open_invitation, take_use
from sandbox.services.training.codes import grouped, is_well_formed, new_code, normalise_code
from sandbox.services.training.joining import (
    JoinRefused,
    check_pin,
    check_same_sending,
    folded_name,
)
from sandbox.services.workspace.now import wall_now
from sandbox.text import one_line
from sandbox.workflow import BilingualError, Role

TRAINING_INSTITUTION = "DODOMA_CC"
_DUMMY_PIN_HASH = generate_password_hash("no-such-stakeholder")


class StakeholderSignInRefused(BilingualError, ValueError):
    """Wrong personal code or PIN."""


@dataclass(frozen=True)
class StakeholderJoin:
    """What a stakeholder typed on the join form."""

    code: str
    name: str
    job_role: str
    institution_id: int | None
    region_id: int | None
    pin: str
    join_key: str = ""


def join_problems(request: StakeholderJoin) -> list[JoinRefused | InvitationRefused]:
    """Everything wrong with a join request at once, writing nothing (nothing for a form
    that joined already: its second sending answers with the first's profile)."""
    try:
        if _joined_with(request) is not None:
            return []
    except JoinRefused as refused:
        return [refused]
    checks = (
        lambda: open_invitation(request.code),
        lambda: _check_name(request.name),
        lambda: _check_not_joined(request.code, request.name),
        lambda: _job_role(request.job_role),
        lambda: _institution(request.institution_id),
        lambda: _region(request.region_id),
        lambda: check_pin(request.pin),
    )
    problems = []
    for check in checks:
        try:
            check()
        except (JoinRefused, InvitationRefused) as refused:
            problems.append(refused)
    return problems


def join_preview(request: StakeholderJoin) -> Stakeholder:
    """Make the stakeholder's login and profile and count the invitation's use; commits."""
    earlier = _joined_with(request)
    if earlier is not None:
        return earlier
    problems = join_problems(request)
    if problems:
        raise problems[0]
    invitation = open_invitation(request.code)
    take_use(invitation)
    training = db.session.scalar(
        sa.select(Institution).where(Institution.code == TRAINING_INSTITUTION)
    )
    code = _unused_personal_code()
    user = User(
        username=f"mdau.{code.lower()}",
        display_name=one_line(request.name)[:120],
        role=Role.STAKEHOLDER,
        institution_id=training.id if training else None,
        region_id=training.region_id if training else None,
        district_id=training.district_id if training else None,
        created_at=wall_now(),
    )
    user.set_unusable_password()  # signs in with the personal code and PIN only
    db.session.add(user)
    db.session.flush()
    stakeholder = Stakeholder(
        user_id=user.id,
        invitation_id=invitation.id,
        job_role=_job_role(request.job_role),
        home_institution_id=request.institution_id,
        home_region_id=request.region_id,
        personal_code=code,
        pin_hash=generate_password_hash(request.pin),
        join_key=request.join_key or None,
        joined_at=wall_now(),
    )
    db.session.add(stakeholder)
    try:
        db.session.commit()
    except IntegrityError:  # the same form, sent twice at once: the first one joined
        db.session.rollback()
        winner = _joined_with(request)
        if winner is None:
            raise
        return winner
    return stakeholder


def sign_in_stakeholder(personal_code: str | None, pin: str | None) -> Stakeholder:
    """The stakeholder whose personal code and PIN match, else a refusal (equal work)."""
    code = normalise_code(personal_code)
    found = (
        db.session.scalar(sa.select(Stakeholder).where(Stakeholder.personal_code == code))
        if is_well_formed(code)
        else None
    )
    if found is None or not found.user.is_active:
        check_password_hash(_DUMMY_PIN_HASH, pin or "")
        raise _wrong_code_or_pin()
    if not check_password_hash(found.pin_hash, pin or ""):
        raise _wrong_code_or_pin()
    return found


def stakeholder_of(user) -> Stakeholder | None:
    """The profile of a signed-in stakeholder (None for anyone else)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(Stakeholder).where(Stakeholder.user_id == user.id))


def shown_personal_code(stakeholder: Stakeholder) -> str:
    """The personal code as shown and read aloud (``KXP-4TM``)."""
    return grouped(stakeholder.personal_code or "")


def join_choices() -> tuple[list[Institution], list[Region]]:
    """The institutions and regions the join form offers, by name."""
    institutions = db.session.scalars(sa.select(Institution).order_by(Institution.name_sw))
    regions = db.session.scalars(sa.select(Region).order_by(Region.name))
    return list(institutions), list(regions)


def _joined_with(request: StakeholderJoin) -> Stakeholder | None:
    """The profile this very form already made (same key, name and PIN), if any."""
    if not request.join_key:
        return None
    earlier = db.session.scalar(
        sa.select(Stakeholder).where(Stakeholder.join_key == request.join_key)
    )
    if earlier is not None:
        same_code = normalise_code(request.code) == earlier.invitation.code
        check_same_sending(
            earlier.user.display_name, earlier.pin_hash, request.name, request.pin, same_code
        )
    return earlier


def _wrong_code_or_pin() -> StakeholderSignInRefused:
    """One answer for an unknown code and a wrong PIN."""
    return StakeholderSignInRefused(
        "Msimbo binafsi au PIN si sahihi. Angalia vyote viwili ujaribu tena.",
        "Wrong personal code or PIN. Check both and try again.",
    )


def _check_name(typed: str | None) -> None:
    """A name of 2 to 120 characters once trimmed."""
    if not 2 <= len(one_line(typed)) <= 120:
        raise JoinRefused(
            "name",
            "Andika jina lako (herufi 2 hadi 120).",
            "Write your name (2 to 120 characters).",
        )


def _check_not_joined(code: str | None, typed: str | None) -> None:
    """Nobody joined with this invitation under this name yet (else: sign in instead)."""
    try:
        invitation = open_invitation(code)
    except InvitationRefused:
        return  # the code's own problem is told on its own field
    name = folded_name(typed)
    names = db.session.scalars(
        sa.select(User.display_name)
        .join(Stakeholder, Stakeholder.user_id == User.id)
        .where(Stakeholder.invitation_id == invitation.id)
    )
    if name and any(folded_name(n) == name for n in names):
        raise JoinRefused(
            "name",
            "Umeshajiunga kwa mwaliko huu kwa jina hili. Ingia kwa msimbo wako binafsi na "
            "PIN; ukisahau PIN, muombe mwezeshaji akupe mpya.",
            "You have already joined with this invitation under this name. Sign in with your "
            "personal code and PIN; if you forgot your PIN, ask your facilitator for a new one.",
        )


def _job_role(typed: str | None) -> JobRole:
    """The role at work chosen from the list."""
    try:
        return JobRole(typed)
    except ValueError:
        raise JoinRefused(
            "job_role", "Chagua kazi yako kwenye orodha.", "Choose your role from the list."
        ) from None


def _institution(institution_id: int | None) -> None:
    """An institution of the reference list."""
    if institution_id is None or db.session.get(Institution, institution_id) is None:
        raise JoinRefused(
            "institution",
            "Chagua taasisi yako kwenye orodha.",
            "Choose your institution from the list.",
        )


def _region(region_id: int | None) -> None:
    """A region of the reference list."""
    if region_id is None or db.session.get(Region, region_id) is None:
        raise JoinRefused(
            "region", "Chagua mkoa wako kwenye orodha.", "Choose your region from the list."
        )


def _unused_personal_code() -> str:
    """A personal code no stakeholder has."""
    while True:
        code = new_code()
        if not db.session.scalar(
            sa.select(Stakeholder.id).where(Stakeholder.personal_code == code)
        ):
            return code
