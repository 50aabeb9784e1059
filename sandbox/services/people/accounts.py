"""An ICT officer manages the officer and head logins of their institution in their workspace.

The synthetic staff that seeding creates (``ws<code>.<institution>.afisa1`` …, never able to
log in) are not accounts: they are neither listed nor managed. Anything outside the
manager's institution and workspace is "not found", so its existence does not leak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import User
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import Role
from sandbox.workflow.errors import BilingualError

MANAGEABLE_ROLES = (Role.OFFICER, Role.HEAD)
LISTED_ROLES = (Role.OFFICER, Role.HEAD, Role.ICT_OFFICER)
MIN_PASSWORD = 10
MAX_PASSWORD = 128
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")


class AccountNotFound(LookupError):
    """No such account among those this manager may manage (views answer 404)."""


class AccountRefused(BilingualError, ValueError):
    """A refused change, with Swahili and English reasons and the form field concerned."""

    def __init__(self, field: str, message_sw: str, message_en: str) -> None:
        """Keep the field and both languages; str() is English."""
        super().__init__(message_sw, message_en)
        self.field = field


@dataclass(frozen=True)
class NewAccount:
    """What the ICT officer types to create a login."""

    username: str
    display_name: str
    role: Role | str
    password: str


def can_manage_accounts(user: User) -> bool:
    """True for an ICT officer tied to an institution and a workspace."""
    return (
        user.role is Role.ICT_OFFICER
        and user.institution_id is not None
        and user.workspace_id is not None
    )


def _synthetic_prefix(manager: User) -> str:
    """Usernames of seeded synthetic staff in the manager's workspace start with this."""
    return f"ws{manager.workspace.code}."


def _mine(manager: User) -> sa.ColumnElement[bool]:
    """Real logins of the manager's institution in the manager's workspace."""
    if not can_manage_accounts(manager):
        return sa.false()
    return sa.and_(
        User.workspace_id == manager.workspace_id,
        User.institution_id == manager.institution_id,
        User.role.in_(LISTED_ROLES),
        ~User.username.startswith(_synthetic_prefix(manager), autoescape=True),
    )


def institution_accounts(manager: User) -> list[User]:
    """The institution's officer, head and ICT officer logins, by role then name."""
    query = sa.select(User).where(_mine(manager)).order_by(User.role, User.display_name)
    return list(db.session.scalars(query))


def managed_account(manager: User, user_id: int) -> User:
    """An officer or head account this manager may change; AccountNotFound otherwise."""
    user = db.session.scalar(
        sa.select(User).where(_mine(manager), User.id == user_id, User.role.in_(MANAGEABLE_ROLES))
    )
    if user is None:
        raise AccountNotFound(user_id)
    return user


def create_account(manager: User, new: NewAccount) -> User:
    """Create an officer or head login in the manager's institution and workspace."""
    if not can_manage_accounts(manager):
        raise AccountNotFound(None)
    username = (new.username or "").strip().lower()
    _check_username(manager, username)
    display_name = _checked_display_name(new.display_name)
    role = _checked_role(new.role)
    _check_password(new.password)
    institution = manager.institution
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        institution_id=institution.id,
        region_id=institution.region_id,
        district_id=institution.district_id,
        workspace_id=manager.workspace_id,
        is_active_account=True,
        created_at=wall_now(),
    )
    user.set_password(new.password)
    db.session.add(user)
    _commit_new(user)
    return user


def set_account_active(manager: User, user_id: int, active: bool) -> User:
    """Deactivate or reactivate an account (never the manager's own)."""
    if user_id == manager.id:
        raise AccountRefused(
            "", "Huwezi kuzima akaunti yako mwenyewe.", "You cannot deactivate your own account."
        )
    user = managed_account(manager, user_id)
    user.is_active_account = active
    db.session.commit()
    return user


def reset_password(manager: User, user_id: int, password: str) -> User:
    """Give an account a new password (stored hashed)."""
    user = managed_account(manager, user_id)
    _check_password(password)
    user.set_password(password)
    db.session.commit()
    return user


def _check_username(manager: User, username: str) -> None:
    """Letters, digits, dot, dash or underscore; unique; never a synthetic staff name."""
    if not USERNAME.fullmatch(username) or username.startswith(_synthetic_prefix(manager)):
        raise AccountRefused(
            "username",
            "Jina la mtumiaji liwe herufi 3 hadi 64: herufi ndogo, tarakimu, . - au _.",
            "A username has 3 to 64 characters: lowercase letters, digits, . - or _.",
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


def _checked_role(role: Role | str) -> Role:
    """Only officer and head accounts may be created here."""
    try:
        chosen = Role(role)
    except ValueError:
        chosen = None
    if chosen not in MANAGEABLE_ROLES:
        raise AccountRefused(
            "role",
            "Unaweza kuunda akaunti ya afisa mrejesho au mkuu wa taasisi tu.",
            "You can only create a feedback officer or head of institution account.",
        )
    return chosen


def _check_password(password: str) -> None:
    """At least MIN_PASSWORD characters (and a sane maximum)."""
    if not MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD:
        raise AccountRefused(
            "password",
            f"Nenosiri liwe na herufi {MIN_PASSWORD} hadi {MAX_PASSWORD}.",
            f"A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters.",
        )


def _commit_new(user: User) -> None:
    """Commit; a username taken at the same moment by another request is refused cleanly."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise _username_taken() from None
