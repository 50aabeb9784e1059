"""A trainee of one's own: a workspace (seeded once) and a login that plays every desk role."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User, Workspace, WorkspaceKind
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.services.desk.templates import load_response_templates
from sandbox.services.feedback.queries import counts_by
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import seed_workspace
from sandbox.services.workspace.workspaces import find_workspace, get_or_create_workspace
from sandbox.workflow import BilingualError, Role
from sandbox.workflow import credentials as policy

DEFAULT_INSTITUTION = "DODOMA_CC"  # a trainee's desk sits in a council, like most officers'


class TraineeRefused(BilingualError, ValueError):
    """A trainee that cannot be created (name taken, unknown institution)."""


@dataclass(frozen=True)
class NewTrainee:
    """What the facilitator hands the trainee: the login, the password, the workspace."""

    user: User
    password: str
    workspace: Workspace
    items_added: int


def create_trainee(
    username: str,
    *,
    workspace_code: str | None = None,
    institution_code: str = DEFAULT_INSTITUTION,
    items: int = 200,
    seed: int = 1,
    password: str | None = None,
    shared_workspaces: tuple[str, ...] = (),
) -> NewTrainee:
    """A TRAINEE login at an institution, in its own workspace seeded once with items."""
    username = policy.normal_username(username)
    _check_login(username, password)
    code = workspace_code or username
    _check_workspace_is_a_trainee_s(code, shared_workspaces)
    if db.session.scalar(sa.select(User.id).where(User.username == username)):
        raise TraineeRefused(
            f"Jina '{username}' tayari linatumika.", f"The username '{username}' is already taken."
        )
    institution = db.session.scalar(
        sa.select(Institution).where(Institution.code == institution_code)
    )
    if institution is None:
        raise TraineeRefused(
            f"Hakuna taasisi yenye msimbo '{institution_code}'.",
            f"There is no institution with the code '{institution_code}'.",
        )
    workspace = get_or_create_workspace(code, username, WorkspaceKind.TRAINEE, seed=seed)
    added = (
        0
        if counts_by(workspace, Feedback.status)
        else seed_workspace(workspace, count=items, seed=seed)
    )
    load_response_templates()
    password = password or secrets.token_urlsafe(12)
    user = User(
        username=username,
        display_name=username,
        role=Role.TRAINEE,
        institution_id=institution.id,
        region_id=institution.region_id,
        workspace_id=workspace.id,
        created_at=wall_now(),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return NewTrainee(user, password, workspace, added)


def _check_login(username: str, password: str | None) -> None:
    """The same username rule and password policy as the web forms (a given password only)."""
    try:
        policy.check_username(username)
        if password is not None:
            policy.check_password(password, username=username, published=(DEMO_PASSWORD,))
    except policy.CredentialRefused as refused:
        raise TraineeRefused(refused.message_sw, refused.message_en) from None


def _check_workspace_is_a_trainee_s(code: str, shared: tuple[str, ...]) -> None:
    """A trainee plays the head: never in the shared demo or any non-trainee workspace."""
    existing = find_workspace(code)
    if code in shared or (existing is not None and existing.kind is not WorkspaceKind.TRAINEE):
        raise TraineeRefused(
            f"Eneo '{code}' linashirikiwa na wengine; mwanafunzi (mwenye mamlaka ya mkuu) "
            "anahitaji eneo lake. Tumia --workspace jingine.",
            f"Workspace '{code}' is shared; a trainee (who has the head's powers) needs a "
            "workspace of their own. Use another --workspace.",
        )
