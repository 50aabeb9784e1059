"""Certificates: required scenarios, eligibility, issuing, revoking and verifying codes."""

from __future__ import annotations

import pytest

from sandbox.certificates.codes import (
    check_characters,
    grouped,
    has_valid_check,
    new_code,
    normalise_code,
)
from sandbox.services.facilitation.certificates import (
    CertificateRefused,
    Verdict,
    certificate_key,
    issue_all_eligible,
    issue_certificate,
    revoke_certificate,
    set_required_scenarios,
    verify_certificate,
)
from sandbox.services.facilitation.results import cohort_results, required_of
from sandbox.services.training.library import scenario_library
from tests.facilitator.planting import plant_attempt

REQUIRED = ["pongezi-kama-pongezi", "a-suggestion-is-a-suggestion"]


@pytest.fixture
def two_required(cohort):
    """The cohort requires two scenarios."""
    set_required_scenarios(cohort, list(REQUIRED))
    return cohort


def test_codes_carry_a_check_that_tells_a_typo_without_a_lookup():
    code = new_code("key-one")
    assert len(code) == 16 and has_valid_check(code, "key-one")
    assert not has_valid_check(code, "key-two")
    typo = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    assert not has_valid_check(typo, "key-one")
    assert not has_valid_check(code[:15], "key-one")
    assert normalise_code(grouped(code).lower()) == code
    assert grouped(code).count("-") == 3
    assert check_characters(code[:12], "key-one") == code[12:]


def test_the_default_requirement_is_the_whole_library(cohort):
    assert required_of(cohort) == tuple(s.id for s in scenario_library().in_order())


def test_required_scenarios_are_kept_in_library_order_and_unknown_ones_refused(cohort):
    assert set_required_scenarios(cohort, list(reversed(REQUIRED))) == tuple(REQUIRED)
    with pytest.raises(CertificateRefused):
        set_required_scenarios(cohort, ["no-such-scenario"])
    with pytest.raises(CertificateRefused):
        set_required_scenarios(cohort, [])
    assert required_of(cohort) == tuple(REQUIRED)


def test_eligible_only_when_every_required_scenario_was_passed(two_required, make_trainee):
    asha, juma = make_trainee("Asha Mushi"), make_trainee("Juma Said")
    plant_attempt(asha, REQUIRED[0], 1.0, success=True)
    plant_attempt(asha, REQUIRED[1], 0.5, success=False)
    plant_attempt(asha, REQUIRED[1], 0.9, success=True)  # a later attempt passed
    plant_attempt(juma, REQUIRED[0], 1.0, success=True)
    plant_attempt(juma, REQUIRED[1], 0.6, success=False)

    results = {r.name: r for r in cohort_results(two_required)}
    assert results["Asha Mushi"].is_eligible
    assert results["Asha Mushi"].average == pytest.approx((1.0 + 0.9) / 2)
    assert not results["Juma Said"].is_eligible
    assert results["Juma Said"].missing == (REQUIRED[1],)
    with pytest.raises(CertificateRefused):
        issue_certificate(two_required, juma.id, None)


def test_issue_gives_a_verifiable_certificate_once(two_required, make_trainee, facilitator):
    asha = make_trainee("Asha Mushi")
    for scenario_id in REQUIRED:
        plant_attempt(asha, scenario_id, 1.0, success=True)

    certificate = issue_certificate(two_required, asha.id, facilitator)
    assert issue_certificate(two_required, asha.id, facilitator).id == certificate.id
    assert issue_all_eligible(two_required, facilitator) == 0
    assert certificate.name == "Asha Mushi" and certificate.scenarios == REQUIRED
    found = verify_certificate(grouped(certificate.code).lower())
    assert found.verdict is Verdict.VALID and found.certificate.id == certificate.id


def test_issue_all_issues_to_every_eligible_trainee(two_required, make_trainee, facilitator):
    for name in ("Asha Mushi", "Neema Juma"):
        trainee = make_trainee(name)
        for scenario_id in REQUIRED:
            plant_attempt(trainee, scenario_id, 1.0, success=True)
    make_trainee("Juma Said")
    assert issue_all_eligible(two_required, facilitator) == 2
    holders = {r.name for r in cohort_results(two_required) if r.certificate}
    assert holders == {"Asha Mushi", "Neema Juma"}


def test_forged_codes_unknown_or_with_wrong_check_characters(two_required):
    unknown = new_code(certificate_key())  # checks, but was never issued
    assert verify_certificate(unknown).verdict is Verdict.UNKNOWN
    assert verify_certificate(new_code("another-installation")).verdict is Verdict.MISTYPED
    assert verify_certificate("not a code").verdict is Verdict.MISTYPED


def test_a_revoked_certificate_verifies_as_revoked(two_required, make_trainee, facilitator):
    asha = make_trainee("Asha Mushi")
    for scenario_id in REQUIRED:
        plant_attempt(asha, scenario_id, 1.0, success=True)
    certificate = issue_certificate(two_required, asha.id, facilitator)
    revoke_certificate(two_required, certificate.id, "Issued to the wrong person", facilitator)
    assert verify_certificate(certificate.code).verdict is Verdict.REVOKED
    with pytest.raises(LookupError):
        revoke_certificate(two_required, certificate.id, "again", facilitator)
    again = issue_certificate(two_required, asha.id, facilitator)
    assert again.id != certificate.id and again.code != certificate.code
