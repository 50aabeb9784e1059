"""A cohort's shared workspace for group exercises in plenary.

Decisions (a facilitator's expectations, written down):

- A cohort has at most one shared workspace (``WorkspaceKind.COHORT``), made on request
  from the cohort's seed and start like a trainee's, so it holds the very items every
  trainee has: "open MRJ-…-000042" means the same item on the projector and on each desk.
- The group acts in it through ONE group desk login: a TRAINEE login of the cohort's
  training institution (``kundi.<workspace code>``), with a generated password shown to
  the facilitator once (and a new one on request, which ends the group's open sign-ins).
  The facilitator signs in with it on the projector laptop, or reads it out for a group
  to use; nobody's own progress is touched by what the group does there.
- The trainees reach its citizen channels at ``/w/<code>/…`` like any workspace's (portal,
  USSD phone, SMS); the page shows those addresses.
- It moves with the cohort's clock (``facilitation/clock.py``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, LoginSession, User, Workspace, WorkspaceKind
from sandbox.services.people.trainees import add_trainee_user
from sandbox.services.training.joining import seeded_workspace
from sandbox.text import LIKE_ESCAPE, like_pattern
from sandbox.workflow import BilingualError


class SharedWorkspaceRefused(BilingualError, ValueError):
    """The cohort already has a shared workspace, or has none yet."""


@dataclass(frozen=True)
class GroupLogin:
    """The group desk login of a shared workspace: username, and the password (once)."""

    workspace: Workspace
    username: str
    password: str | None = None


def group_login(cohort: Cohort) -> GroupLogin | None:
    """The cohort's shared workspace and its group login (no password), None without one."""
    workspace = cohort.shared_workspace
    if workspace is None:
        return None
    return GroupLogin(workspace, _group_user(workspace).username)


def give_shared_workspace(cohort: Cohort) -> GroupLogin:
    """Make the cohort's shared workspace and its group login; commits. The password once."""
    if cohort.shared_workspace_id is not None:
        raise SharedWorkspaceRefused(
            "Kundi hili lina mazingira ya pamoja tayari.",
            "This cohort already has a shared workspace.",
        )
    workspace = seeded_workspace(cohort, WorkspaceKind.COHORT)
    user = add_trainee_user(
        f"kundi.{workspace.code}", f"Kundi · {cohort.name}"[:120], cohort.institution, workspace
    )
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    cohort.shared_workspace_id = workspace.id
    db.session.commit()
    return GroupLogin(workspace, user.username, password)


def new_group_password(cohort: Cohort) -> GroupLogin:
    """A new password for the group login, its open sign-ins ended; commits."""
    if cohort.shared_workspace is None:
        raise SharedWorkspaceRefused(
            "Kundi hili halina mazingira ya pamoja bado.",
            "This cohort has no shared workspace yet.",
        )
    user = _group_user(cohort.shared_workspace)
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    db.session.execute(sa.delete(LoginSession).where(LoginSession.user_id == user.id))
    db.session.commit()
    return GroupLogin(cohort.shared_workspace, user.username, password)


def _group_user(workspace: Workspace) -> User:
    """The group login of a shared workspace."""
    return db.session.scalars(
        sa.select(User).where(
            User.workspace_id == workspace.id,
            User.username.like(like_pattern("kundi.", prefix=True), escape=LIKE_ESCAPE),
        )
    ).one()
