"""The one permission table, role by role and permission by permission."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sandbox.workflow import Action, EscalationLevel, Role
from sandbox.workflow.permissions import POLICY, Capability, can, giver_level, may_act, permitted

O, H, L, ICT, F, S, A, T = (  # noqa: E741 (one letter per role keeps the table readable)
    Role.OFFICER,
    Role.HEAD,
    Role.LEADER,
    Role.ICT_OFFICER,
    Role.FACILITATOR,
    Role.STAKEHOLDER,
    Role.ADMIN,
    Role.TRAINEE,
)
EVERY_ROLE = {O, H, L, ICT, F, S, A, T}
WORKERS = {O, H, T}
PLAYERS = WORKERS | {S}  # a stakeholder plays the desk in their own preview worlds

SUPERVISORS = {H, L, F, A, T}
EXPECTED = {
    Capability.VIEW: EVERY_ROLE,
    Capability.SEE_WHOLE_WORKSPACE: {F, A, T},  # a stakeholder: their preview worlds (scope)
    Capability.READ_REPORTS: SUPERVISORS,
    Capability.READ_BREAKDOWN: {L, F, A, T},
    Capability.MANAGE_ACCOUNTS: {ICT, A},
    Capability.MANAGE_EVERY_ACCOUNT: {A},
    Capability.ADMINISTER: {A},
    Capability.MANAGE_CALENDAR: {F, A},
    Capability.READ_GATEWAY_LOG: {O, H, ICT, F, S, A, T},  # S: own preview worlds (scope)
    Capability.TAKE_SCENARIOS: {T},
    Capability.RUN_COHORT: {F, A},
    Capability.RESET: {F, A},
    Capability.PREVIEW: {F, S, A},
    Capability.MANAGE_PROPOSALS: {F, A},
    Capability.DECIDE_PROPOSAL: {A},
    Capability.READ_PROPOSAL_REPORTS: {F, A},
    Capability.GIVE_OPINION: {S, T},
    Capability.REVEAL_IDENTITY: {H, T, S},
    Capability.READ_REVEAL_LOG: {H, T},
    Capability.WALK_IN: PLAYERS,
    Capability.MANAGE_TEMPLATES: WORKERS,
    Action.ACKNOWLEDGE: PLAYERS,
    Action.ASSIGN: PLAYERS,
    Action.START: PLAYERS,
    Action.REQUEST_INFO: PLAYERS,
    Action.CITIZEN_REPLIED: PLAYERS,
    Action.TRANSFER_REQUEST: PLAYERS,
    Action.TRANSFER_ACCEPT: PLAYERS,
    Action.TRANSFER_RETURN: PLAYERS,
    Action.RESPOND: PLAYERS,
    Action.CLOSE: PLAYERS,
    Action.REJECT: PLAYERS,
    Action.NOTE: PLAYERS,
    Action.ESCALATE: PLAYERS,
    Action.DIRECTIVE: {L, T},
    Action.RATE: set(),
    Action.REOPEN: set(),
    Action.SUBMIT: set(),
}


def user(role, institution_id=1, user_id=9):
    return SimpleNamespace(role=role, institution_id=institution_id, id=user_id)


@pytest.mark.parametrize("role", sorted(Role, key=str))
@pytest.mark.parametrize("permission", list(EXPECTED), ids=lambda p: p.value)
def test_policy_table(role, permission):
    assert can(user(role), permission) is (role in EXPECTED[permission])


def test_every_role_and_every_action_is_declared():
    assert set(POLICY) == set(Role)
    assert set(EXPECTED) >= set(Action) | set(Capability)


def test_institution_staff_act_only_on_their_institution():
    item = SimpleNamespace(institution_id=1, transfer_target_id=None)
    assert may_act(user(O, 1), item, Action.ACKNOWLEDGE)
    assert not may_act(user(O, 2), item, Action.ACKNOWLEDGE)


def test_accept_and_return_belong_to_the_receiving_institution():
    item = SimpleNamespace(institution_id=1, transfer_target_id=2)
    receiver, sender = user(O, 2), user(O, 1)
    allowed = [Action.TRANSFER_ACCEPT, Action.TRANSFER_RETURN, Action.NOTE]
    assert permitted(receiver, item, allowed) == [Action.TRANSFER_ACCEPT, Action.TRANSFER_RETURN]
    assert permitted(sender, item, allowed) == [Action.NOTE]


def test_leaders_only_give_directives_and_at_leader_level():
    item = SimpleNamespace(institution_id=1, transfer_target_id=None)
    leader = user(L, None)
    assert permitted(leader, item, list(Action)) == [Action.DIRECTIVE]
    assert giver_level(leader) is EscalationLevel.LEADER
    assert giver_level(user(H)) is EscalationLevel.HEAD


def test_a_trainee_directs_as_the_leader_they_play():
    assert giver_level(user(T)) is EscalationLevel.LEADER


def test_observers_may_do_nothing():
    item = SimpleNamespace(institution_id=1, transfer_target_id=None)
    for role in (ICT, F, A):  # a stakeholder plays the desk in their preview worlds
        assert permitted(user(role), item, list(Action)) == []
