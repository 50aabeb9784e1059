"""Accounts: the demo personas and logging in."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.extensions import db
from sandbox.models import Institution, LoginSession, Region, User, Workspace
from sandbox.seeding.personas import DEMO_PASSWORD, Persona, load_personas
from sandbox.services.workspace.now import wall_now

# Checked when no such user exists, so an unknown username costs the same hashing work as a
# known one and answer times do not tell which usernames exist.
_DUMMY_HASH = generate_password_hash("no-such-user-mrejesho")


def find_user(user_id: int) -> User | None:
    """The active user with this id (a deactivated account is logged out)."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.is_active else None


def find_username(username: str) -> User | None:
    """The user with this username (any case, surrounding spaces ignored), if any."""
    return db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))


def find_session_user(session_id: str) -> User | None:
    """Flask-Login's loader: the active user whose token matches and whose browser session
    (``id:token:key``) is still open."""
    user_id, token, key = ([*(session_id or "").split(":", 2), "", ""])[:3]
    if not user_id.isdigit() or len(user_id) > 18 or not token or not key:
        return None
    user = find_user(int(user_id))
    if user is None or not user.holds_session(token):
        return None
    row = db.session.get(LoginSession, key[:64])
    if row is None or row.user_id != user.id:
        return None
    user.session_key = key
    return user


def open_session(user: User) -> None:
    """Record a new signed-in browser for ``user`` (its key goes into the cookie); commits."""
    user.session_key = secrets.token_hex(16)
    db.session.add(LoginSession(key=user.session_key, user_id=user.id, created_at=wall_now()))
    db.session.commit()


def authenticate(username: str, password: str) -> User | None:
    """The active user whose username and password match, else None (equal work either way)."""
    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def log_out(user: User) -> None:
    """End this browser's session: a cookie copied before logging out no longer works.

    Other browsers signed in as the same user stay signed in (a shared demo persona).
    """
    if user.session_key:
        db.session.execute(sa.delete(LoginSession).where(LoginSession.key == user.session_key))
    db.session.commit()


def end_every_sign_in(users: list[User]) -> None:
    """Sign these users out everywhere (every cookie issued so far stops working); no commit."""
    for user in users:
        user.end_sessions()
    ids = [user.id for user in users]
    db.session.execute(sa.delete(LoginSession).where(LoginSession.user_id.in_(ids)))


def ensure_demo_users(workspace: Workspace) -> list[tuple[Persona, User]]:
    """Create any missing demo persona in the demo workspace; returns every persona's user."""
    institutions = dict(db.session.execute(sa.select(Institution.code, Institution)).all())
    regions = dict(db.session.execute(sa.select(Region.code, Region)).all())
    pairs = []
    for persona in load_personas():
        user = db.session.scalar(sa.select(User).where(User.username == persona.username))
        if user is None:
            user = _new_persona_user(persona, workspace, institutions, regions)
            db.session.add(user)
        pairs.append((persona, user))
    db.session.commit()
    return pairs


def _new_persona_user(persona: Persona, workspace, institutions, regions) -> User:
    """A user built from a persona, placed in its institution or region."""
    institution = institutions.get(persona.institution) if persona.institution else None
    region = regions.get(persona.region) if persona.region else None
    if institution is not None and region is None:
        region = institution.region
    user = User(
        username=persona.username,
        display_name=persona.display_name,
        role=persona.role,
        institution=institution,
        region=region,
        workspace_id=workspace.id,
        created_at=wall_now(),
    )
    user.set_password(DEMO_PASSWORD)
    return user
