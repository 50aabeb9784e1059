"""A trainee of one's own: a workspace (seeded once) and a login that plays every desk role.

Two ways in share these functions: ``mrejesho trainee`` (a username and password made by the
facilitator) and joining a cohort with its code (``services/training/joining.py``: a
personal code and a PIN). Either way the trainee's workspace holds the synthetic staff a
scenario needs: two officers and a head at every institution (``ensure_staff``, made by
seeding) and a leader of the training institution's region (``ensure_leader``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User, Workspace, WorkspaceKind
from sandbox.seeding.personas import DEMO_PASSWORD
from sandbox.seeding.provider import make_faker
from sandbox.services.desk.templates import load_response_templates
from sandbox.services.feedback.queries import counts_by
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import seed_workspace
from sandbox.services.workspace.workspaces import find_workspace, get_or_create_workspace
from sandbox.workflow import BilingualError, Role
from sandbox.workflow import credentials as policy

DEFAULT_INSTITUTION = "DODOMA_CC"  # a trainee's desk sits in a council, like most officers'
LEADER_STREAM = 1_000_003  # the leader's name comes from seed + this, apart from the staff's


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
    added = fill_trainee_workspace(workspace, institution, items=items, seed=seed)
    password = password or secrets.token_urlsafe(12)
    user = add_trainee_user(username, username, institution, workspace)
    user.set_password(password)
    db.session.commit()
    return NewTrainee(user, password, workspace, added)


def fill_trainee_workspace(
    workspace: Workspace, institution: Institution, *, items: int, seed: int
) -> int:
    """Seed an empty trainee workspace once (items, staff, a leader); the items added."""
    added = (
        0
        if counts_by(workspace, Feedback.status)
        else seed_workspace(workspace, count=items, seed=seed)
    )
    ensure_leader(workspace, institution, seed)
    load_response_templates()
    return added


def add_trainee_user(
    username: str, display_name: str, institution: Institution, workspace: Workspace
) -> User:
    """A TRAINEE login at ``institution`` in ``workspace``, added but not committed.

    It has no usable password until the caller sets one (joined trainees never need one:
    they sign in with their personal code and PIN).
    """
    user = User(
        username=username,
        display_name=display_name,
        role=Role.TRAINEE,
        institution_id=institution.id,
        region_id=institution.region_id,
        district_id=institution.district_id,
        workspace_id=workspace.id,
        created_at=wall_now(),
    )
    user.set_unusable_password()
    db.session.add(user)
    db.session.flush()
    return user


def ensure_leader(
    workspace: Workspace, institution: Institution, seed: int, *, commit: bool = True
) -> User:
    """The synthetic leader of the institution's region in this workspace (made once);
    commits when it makes one (else flushes).

    Like the seeded staff, an inactive account with a name drawn from the seed (on a stream
    apart from the staff's, so their names do not move): a scenario that needs a leader
    acts through it or activates it. Its username does not start with ``ws<code>.``, the
    seeded staff's prefix, which seeding reads back as institution staff.
    """
    username = f"kiongozi.ws{workspace.code}"
    leader = db.session.scalar(sa.select(User).where(User.username == username))
    if leader is None:
        leader = User(
            username=username,
            display_name=make_faker(seed + LEADER_STREAM).tz_full_name(),
            role=Role.LEADER,
            region_id=institution.region_id,
            workspace_id=workspace.id,
            is_active_account=False,
            created_at=wall_now(),
        )
        leader.set_unusable_password()  # inactive: a scenario acts through it
        db.session.add(leader)
        if commit:
            db.session.commit()
        else:
            db.session.flush()
    return leader


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
