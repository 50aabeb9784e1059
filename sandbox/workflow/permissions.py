"""Who may do what at the desk: declared once, as a table, and read everywhere.

Rules (training decisions, written down so trainers can explain them):

- **Feedback officer** (afisa mrejesho) works their institution's queue: acknowledge,
  assign, start, request information, record the citizen's answer, request / accept /
  return a transfer, respond, close, reject, add an internal note, escalate to the head,
  record walk-in feedback and add the institution's own response templates. An officer
  does NOT see the complainant's identity: the name and phone stay masked.
- **Head of institution** (mkuu wa taasisi): everything the officer does, plus directives,
  revealing the identity (with a reason, audited) and reading the reveal log.
- **Leader** (kiongozi, district / region / ministry): sees the items of their area and
  writes directives ("Sema na Kiongozi"); they do not work the queue.
- **ICT officer** (afisa TEHAMA): reads the institution's items (to support officers) and
  manages accounts elsewhere; no workflow actions, no identity.
- **Facilitator, stakeholder, administrator**: read-only observers of the workspace.
- **Trainee**: plays every desk role in their own workspace (scenarios ask them to act as
  officer and head), so they get the head's capabilities; scope keeps them in it.

Two further rules apply per item, in ``may_act``: institution staff act only on their own
institution's items, except that accepting or returning a transfer belongs to the
RECEIVING institution. Items outside a user's scope are never looked up here: services
answer "not found" (404) before any permission question is asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from sandbox.workflow.enums import Action, EscalationLevel, Role


class Capability(Enum):
    """Desk capabilities that are not workflow actions."""

    VIEW = "view"  # the inbox and item pages (within scope)
    REVEAL_IDENTITY = "reveal_identity"
    READ_REVEAL_LOG = "read_reveal_log"
    WALK_IN = "walk_in"
    MANAGE_TEMPLATES = "manage_templates"


Permission = Capability | Action

OFFICER_ACTIONS = frozenset(
    {
        Action.ACKNOWLEDGE,
        Action.ASSIGN,
        Action.START,
        Action.REQUEST_INFO,
        Action.CITIZEN_REPLIED,
        Action.TRANSFER_REQUEST,
        Action.TRANSFER_ACCEPT,
        Action.TRANSFER_RETURN,
        Action.RESPOND,
        Action.CLOSE,
        Action.REJECT,
        Action.NOTE,
        Action.ESCALATE,
    }
)
OFFICER = OFFICER_ACTIONS | {Capability.VIEW, Capability.WALK_IN, Capability.MANAGE_TEMPLATES}
HEAD = OFFICER | {Action.DIRECTIVE, Capability.REVEAL_IDENTITY, Capability.READ_REVEAL_LOG}
VIEW_ONLY = frozenset({Capability.VIEW})

POLICY: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.OFFICER: OFFICER,
        Role.HEAD: HEAD,
        Role.LEADER: frozenset({Capability.VIEW, Action.DIRECTIVE}),
        Role.ICT_OFFICER: VIEW_ONLY,
        Role.FACILITATOR: VIEW_ONLY,
        Role.STAKEHOLDER: VIEW_ONLY,
        Role.ADMIN: VIEW_ONLY,
        Role.TRAINEE: HEAD,
    }
)
"""Role → everything it may do. Citizen actions (RATE, REOPEN) belong to no desk role."""

RECEIVER_ACTIONS = frozenset({Action.TRANSFER_ACCEPT, Action.TRANSFER_RETURN})
DIRECTIVE_LEVEL = MappingProxyType({Role.LEADER: EscalationLevel.LEADER})


def can(user, permission: Permission) -> bool:
    """True when the user's role is granted this capability or action."""
    return permission in POLICY.get(user.role, frozenset())


def may_act(user, item, action: Action) -> bool:
    """The role may do ``action`` and the user works at the institution it concerns."""
    if not can(user, action):
        return False
    if not user.role.is_institution_staff:
        return True
    owner = item.transfer_target_id if action in RECEIVER_ACTIONS else item.institution_id
    return owner is not None and owner == user.institution_id


def permitted(user, item, allowed: list[Action]) -> list[Action]:
    """The actions the workflow allows now that this user may also perform, in order."""
    return [action for action in allowed if may_act(user, item, action)]


def giver_level(user) -> EscalationLevel:
    """The level a directive comes from: leaders give LEADER ones, everyone else HEAD."""
    return DIRECTIVE_LEVEL.get(user.role, EscalationLevel.HEAD)
