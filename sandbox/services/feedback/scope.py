"""Which items of a workspace a user may see: declared once, used by every list and page.

Officers, heads and ICT officers see their institution's items (and items being
transferred to it); leaders see their area (district, region, or their ministry);
facilitators, admins and trainees see their whole workspace; stakeholders see the whole of
their workspace only when it is one of their own preview pairs' worlds (the demo world, or
any other, shows them no item).
"""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, Institution, User
from sandbox.models.proposal import PreviewPair
from sandbox.workflow import Role
from sandbox.workflow.permissions import Capability, can


def scope_clause(user: User) -> sa.ColumnElement[bool]:
    """A WHERE clause limiting Feedback to what this user may see (within their workspace)."""
    in_workspace = Feedback.workspace_id == user.workspace_id
    if user.role is Role.STAKEHOLDER:
        return sa.and_(in_workspace, _own_preview_world(user))
    if can(user, Capability.SEE_WHOLE_WORKSPACE):
        return in_workspace
    if user.role.is_institution_staff and user.institution_id:
        mine = sa.or_(
            Feedback.institution_id == user.institution_id,
            Feedback.transfer_target_id == user.institution_id,
        )
        return sa.and_(in_workspace, mine)
    if user.role is Role.LEADER:
        return sa.and_(in_workspace, _leader_area(user))
    return sa.false()


def _own_preview_world(user: User) -> sa.ColumnElement[bool]:
    """The item is in a world of one of the stakeholder's own preview pairs."""
    return sa.exists().where(
        PreviewPair.user_id == user.id,
        sa.or_(
            PreviewPair.before_id == Feedback.workspace_id,
            PreviewPair.after_id == Feedback.workspace_id,
        ),
    )


def _leader_area(user: User) -> sa.ColumnElement[bool]:
    """A district leader's district, a regional leader's region, a ministry leader's ministry."""
    if user.district_id:
        return Feedback.district_id == user.district_id
    if user.region_id:
        regional_institutions = sa.select(Institution.id).where(
            Institution.region_id == user.region_id
        )
        return sa.or_(
            Feedback.region_id == user.region_id,
            Feedback.institution_id.in_(regional_institutions),
        )
    if user.institution_id:
        return Feedback.institution_id == user.institution_id
    return sa.false()


def can_see(user: User, item: Feedback) -> bool:
    """True when the item is inside the user's scope (views answer 404 otherwise)."""
    return bool(
        db.session.scalar(
            sa.select(sa.func.count(Feedback.id)).where(Feedback.id == item.id, scope_clause(user))
        )
    )


def may_record_in(user: User, workspace_id: int) -> bool:
    """True when the user may add items to the workspace: a stakeholder only in a world of
    their own preview pairs (elsewhere they see no item, so they write none either)."""
    if user.role is not Role.STAKEHOLDER:
        return True
    own = sa.select(PreviewPair.id).where(
        PreviewPair.user_id == user.id,
        sa.or_(PreviewPair.before_id == workspace_id, PreviewPair.after_id == workspace_id),
    )
    return db.session.scalar(own.limit(1)) is not None
