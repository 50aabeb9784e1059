"""Accounts: the demo personas and logging in."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Institution, Region, User, Workspace
from sandbox.seeding.personas import DEMO_PASSWORD, Persona, load_personas
from sandbox.services.workspace.now import wall_now


def find_user(user_id: int) -> User | None:
    """The active user with this id (Flask-Login's loader: a deactivated account is logged out)."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.is_active else None


def authenticate(username: str, password: str) -> User | None:
    """The active user whose username and password match, else None."""
    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if user is None or not user.is_active or not user.check_password(password):
        return None
    return user


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
