"""Who may grant which role: an ordering of the roles, written down as data.

A role may grant (create, reset, deactivate) only roles strictly below its own rank, so no
one can make an account as powerful as theirs, or more. The ranks follow what each role
may do to a complainant (permissions.py): the head reveals identities and gives directives,
so an ICT officer (rank 2, no identity) can never create or take over a head (rank 3).
A trainee plays the head in their own workspace, so they rank with the head.
Training decisions, kept here so trainers can explain them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from sandbox.workflow.enums import Role

RANK: Mapping[Role, int] = MappingProxyType(
    {
        Role.STAKEHOLDER: 0,  # reads a preview workspace
        Role.OFFICER: 1,  # works the queue; identity masked
        Role.ICT_OFFICER: 2,  # supports officers and manages their logins; identity masked
        Role.HEAD: 3,  # reveals identity (audited), gives directives
        Role.TRAINEE: 3,  # plays every desk role, the head's included, in their own workspace
        Role.LEADER: 4,  # directs the heads of their area
        Role.FACILITATOR: 5,  # runs cohorts of trainees
        Role.ADMIN: 6,
    }
)


def may_grant(granter: Role, role: Role) -> bool:
    """True when ``granter`` ranks strictly above ``role``."""
    return RANK[role] < RANK[granter]


def grantable(granter: Role, among: Iterable[Role]) -> tuple[Role, ...]:
    """The roles of ``among`` that ``granter`` may grant, in the given order."""
    return tuple(role for role in among if may_grant(granter, role))
