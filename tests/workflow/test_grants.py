"""Who may grant which role, and what a login may be: pure rules, tested on their own."""

from __future__ import annotations

import pytest

from sandbox.workflow import Role
from sandbox.workflow.credentials import CredentialRefused, check_password, check_username
from sandbox.workflow.grants import RANK, grantable, may_grant
from sandbox.workflow.permissions import Capability, can


def test_every_role_has_a_rank():
    assert set(RANK) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_no_role_grants_its_own_rank_or_above(role):
    assert not may_grant(role, role)
    assert all(RANK[r] < RANK[role] for r in grantable(role, Role))


def test_an_ict_officer_grants_officers_only_and_never_a_head():
    desk = (Role.OFFICER, Role.HEAD, Role.ICT_OFFICER)
    assert grantable(Role.ICT_OFFICER, desk) == (Role.OFFICER,)
    assert grantable(Role.HEAD, desk) == (Role.OFFICER, Role.ICT_OFFICER)


DESK = [r for r in Role if r.is_institution_staff]


def _reveals(role: Role) -> bool:
    return can(type("Login", (), {"role": role}), Capability.REVEAL_IDENTITY)


@pytest.mark.parametrize("role", DESK)
def test_at_a_desk_no_one_who_cannot_reveal_identity_grants_someone_who_can(role):
    if not _reveals(role):
        assert [r for r in grantable(role, DESK) if _reveals(r)] == []


@pytest.mark.parametrize("name", ["Juma Two", "ju", "JUMA", "juma/2", "-juma", "a" * 65, ""])
def test_bad_usernames_are_refused(name):
    with pytest.raises(CredentialRefused) as refused:
        check_username(name)
    assert refused.value.field == "username"


@pytest.mark.parametrize("name", ["juma", "afisa2.dodoma", "j_m-1", "a" * 64])
def test_good_usernames_pass(name):
    check_username(name)


@pytest.mark.parametrize(
    "password",
    ["x", "123456789", "a" * 129, "afisa.dodoma.1", "  AFISA.DODOMA.1 ", "Mafunzo2024", None],
)
def test_bad_passwords_are_refused(password):
    with pytest.raises(CredentialRefused) as refused:
        check_password(password, username="afisa.dodoma.1", published=("mafunzo2024",))
    assert refused.value.message_sw and refused.value.message_en
    assert refused.value.message_sw != refused.value.message_en


def test_a_good_password_passes():
    check_password("mti-mrefu-wa-mwembe", username="afisa.dodoma", published=("mafunzo2024",))
