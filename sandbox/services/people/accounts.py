"""Accounts: an ICT officer manages the officer logins of their institution in their workspace;
the installation's administrator manages every login of every institution, role and
workspace (``Capability.MANAGE_EVERY_ACCOUNT``), always only roles ranked below their own.

Who may grant which role is ``workflow/grants.py`` (an ICT officer ranks below the head, so
never creates, resets or deactivates a head); what a username and password may be is
``workflow/credentials.py``, shared with the command line. A new password or a
deactivation ends the account's sessions everywhere (``User.end_sessions``).

The synthetic staff that seeding creates (``ws<code>.<institution>.afisa1`` …, never able to
log in) are not accounts: they are neither listed nor managed. Anything outside the
manager's institution and workspace is "not found", so its existence does not leak.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Institution, User, Workspace
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import Role
from sandbox.workflow import credentials as policy
from sandbox.workflow.credentials import MAX_PASSWORD, MIN_PASSWORD, CredentialRefused
from sandbox.workflow.grants import grantable
from sandbox.workflow.permissions import Capability, can

__all__ = ["MAX_PASSWORD", "MIN_PASSWORD"]

LISTED_ROLES = (Role.OFFICER, Role.HEAD, Role.ICT_OFFICER)  # an institution desk's logins


class AccountNotFound(LookupError):
    """No such account among those this manager may manage (views answer 404)."""


class AccountRefused(CredentialRefused):
    """A refused change, with Swahili and English reasons and the form field concerned."""


@contextmanager
def _refused_as_account() -> Iterator[None]:
    """The credential policy's refusals, raised as this service's own."""
    try:
        yield
    except CredentialRefused as refused:
        raise AccountRefused(refused.field, refused.message_sw, refused.message_en) from None


@dataclass(frozen=True)
class NewAccount:
    """What the ICT officer types to create a login."""

    username: str
    display_name: str
    role: Role | str
    password: str
    institution_id: int | None = None  # the administrator's choice; else the manager's own


def can_manage_accounts(user: User) -> bool:
    """True for an ICT officer tied to an institution, or the administrator; in a workspace."""
    if not can(user, Capability.MANAGE_ACCOUNTS) or user.workspace_id is None:
        return False
    return user.institution_id is not None or manages_every_account(user)


def manages_every_account(user: User) -> bool:
    """True for the installation's administrator (every institution, role and workspace)."""
    return can(user, Capability.MANAGE_EVERY_ACCOUNT)


def manageable_roles(manager: User) -> tuple[Role, ...]:
    """The roles this manager may create and manage: those ranked below their own."""
    if not can_manage_accounts(manager):
        return ()
    among = tuple(Role) if manages_every_account(manager) else LISTED_ROLES
    return grantable(manager.role, among)


def _is_synthetic() -> sa.ColumnElement[bool]:
    """Seeded synthetic staff (``ws<code>.…`` in workspace <code>): never accounts."""
    prefix = sa.literal("ws") + Workspace.code + sa.literal(".")
    starts = sa.func.substr(User.username, 1, sa.func.length(prefix)) == prefix
    return sa.exists().where(Workspace.id == User.workspace_id, starts)


def _synthetic_prefix(manager: User) -> str:
    """Usernames of seeded synthetic staff in the manager's workspace start with this."""
    return f"ws{manager.workspace.code}."


def _mine(manager: User) -> sa.ColumnElement[bool]:
    """Real logins of the manager's institution in the manager's workspace."""
    if not can_manage_accounts(manager):
        return sa.false()
    if manages_every_account(manager):
        return ~_is_synthetic()
    return sa.and_(
        User.workspace_id == manager.workspace_id,
        User.institution_id == manager.institution_id,
        User.role.in_(LISTED_ROLES),
        ~User.username.startswith(_synthetic_prefix(manager), autoescape=True),
    )


def institution_accounts(manager: User) -> list[User]:
    """The logins this manager sees (the institution's, or every one), by role then name."""
    query = (
        sa.select(User)
        .where(_mine(manager))
        .order_by(User.workspace_id, User.role, User.display_name)
    )
    return list(db.session.scalars(query))


def managed_account(manager: User, user_id: int) -> User:
    """An account below the manager's rank that they may change; AccountNotFound otherwise."""
    roles = manageable_roles(manager)
    user = db.session.scalar(
        sa.select(User).where(_mine(manager), User.id == user_id, User.role.in_(roles))
    )
    if user is None:
        raise AccountNotFound(user_id)
    return user


def create_account(manager: User, new: NewAccount) -> User:
    """Create a login below the manager's rank in their institution and workspace."""
    if not can_manage_accounts(manager):
        raise AccountNotFound(None)
    username = policy.normal_username(new.username)
    _check_username(manager, username)
    display_name = _checked_display_name(new.display_name)
    role = _checked_role(manager, new.role)
    _check_password(new.password, username)
    institution = _institution_for(manager, new.institution_id, role)
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        institution_id=institution.id if institution else None,
        region_id=institution.region_id if institution else None,
        district_id=institution.district_id if institution else None,
        workspace_id=manager.workspace_id,
        is_active_account=True,
        created_at=wall_now(),
    )
    user.set_password(new.password)
    db.session.add(user)
    _commit_new(user)
    return user


def set_account_active(manager: User, user_id: int, active: bool) -> User:
    """Deactivate (ending its sessions) or reactivate an account, never the manager's own."""
    if user_id == manager.id:
        raise AccountRefused(
            "", "Huwezi kuzima akaunti yako mwenyewe.", "You cannot deactivate your own account."
        )
    user = managed_account(manager, user_id)
    user.is_active_account = active
    if not active:
        user.end_sessions()  # reactivating later must not revive a copied cookie
    db.session.commit()
    return user


def reset_password(manager: User, user_id: int, password: str) -> User:
    """Give an account a new password (stored hashed); its open sessions end."""
    user = managed_account(manager, user_id)
    _check_password(password, user.username)
    user.set_password(password)
    db.session.commit()
    return user


def institution_choices(manager: User) -> list[Institution]:
    """Institutions the administrator may place a new login in (none for an ICT officer)."""
    if not manages_every_account(manager):
        return []
    return list(db.session.scalars(sa.select(Institution).order_by(Institution.name_sw)))


def _institution_for(manager: User, institution_id: int | None, role: Role) -> Institution | None:
    """The new login's institution: the manager's own, or the administrator's choice.

    Institution staff and trainees need one; a leader's area is the chosen institution's
    district or region; facilitators, stakeholders and administrators may have none.
    """
    if not manages_every_account(manager):
        return manager.institution
    chosen = db.session.get(Institution, institution_id) if institution_id else None
    if chosen is None and (role.is_institution_staff or role in (Role.TRAINEE, Role.LEADER)):
        raise AccountRefused(
            "institution",
            "Chagua taasisi ya akaunti hii.",
            "Choose the institution of this account.",
        )
    return chosen


def _check_username(manager: User, username: str) -> None:
    """Letters, digits, dot, dash or underscore; unique; never a synthetic staff name."""
    with _refused_as_account():
        policy.check_username(username)
    if username.startswith(_synthetic_prefix(manager)):
        raise AccountRefused(
            "username",
            "Majina haya ni ya watumishi wa kubuni wa mafunzo; chagua jingine.",
            "Names like this belong to the training's synthetic staff; choose another.",
        )
    if db.session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        raise _username_taken()


def _username_taken() -> AccountRefused:
    """The refusal for a username someone already has."""
    return AccountRefused(
        "username",
        "Jina hili la mtumiaji limeshatumika. Chagua jingine.",
        "This username is already taken. Choose another.",
    )


def _checked_display_name(name: str) -> str:
    """The display name, trimmed, 2 to 120 characters."""
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= 120:
        raise AccountRefused(
            "display_name",
            "Andika jina kamili (herufi 2 hadi 120).",
            "Enter the full name (2 to 120 characters).",
        )
    return name


def _checked_role(manager: User, role: Role | str) -> Role:
    """Only a desk role ranked below the manager's own may be granted."""
    try:
        chosen = Role(role)
    except ValueError:
        chosen = None
    if chosen not in manageable_roles(manager):
        raise AccountRefused(
            "role",
            "Unaweza kuunda akaunti ya ngazi iliyo chini ya yako tu.",
            "You can only create an account ranked below your own.",
        )
    return chosen


def _check_password(password: str, username: str) -> None:
    """The shared password policy; the published demo password is refused here."""
    with _refused_as_account():
        policy.check_password(password, username=username, published=(DEMO_PASSWORD,))


def _commit_new(user: User) -> None:
    """Commit; a username taken at the same moment by another request is refused cleanly."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise _username_taken() from None
