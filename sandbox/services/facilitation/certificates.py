"""Certificates: the scenarios a cohort requires, issuing, revoking and verifying.

Decisions (issue 12, point 6; what passing means is in ``results.py``):

- The facilitator issues certificates (one trainee, or every eligible trainee at once);
  nothing is issued by itself, so a certificate is a facilitator's act, recorded with who
  and when. Issuing again to a trainee who holds a valid one gives that one back.
- A certificate copies the trainee's name and the scenarios passed at issue time; changing
  the required scenarios later leaves the certificates already issued as they are.
- Revoking needs a reason (3 to 300 characters); the row stays, the verify page says
  "revoked" with the date, never the reason (it may name the trainee's conduct). The
  trainee may be issued a new certificate later, with a new code.
- The verify page shows the name, the cohort and the date of issue: never the trainee's
  phone, home institution or personal code.
- Codes carry an HMAC check under ``CERTIFICATE_KEY`` (default: derived from SECRET_KEY),
  so a typo or an invented code is told "not a code of this installation" without a lookup.
  A certificate imported from another installation verifies there only if both share
  ``CERTIFICATE_KEY``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

import sqlalchemy as sa
from flask import current_app

from sandbox.certificates.codes import has_valid_check, new_code, normalise_code
from sandbox.extensions import db
from sandbox.models import Certificate, Cohort
from sandbox.services.facilitation.results import TraineeResult, cohort_results, trainee_result
from sandbox.services.training.library import scenario_library
from sandbox.services.workspace.now import wall_now
from sandbox.workflow.errors import BilingualError


class CertificateRefused(BilingualError):
    """A certificate action was refused; the message says why."""


def certificate_key() -> str:
    """The key of the codes' check characters (``CERTIFICATE_KEY``, else from SECRET_KEY)."""
    configured = current_app.config.get("CERTIFICATE_KEY")
    if configured:
        return configured
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hashlib.sha256(b"certificate-key:" + secret).hexdigest()


def set_required_scenarios(cohort: Cohort, scenario_ids: list[str]) -> tuple[str, ...]:
    """Store the scenarios a trainee must pass; CertificateRefused when none or unknown."""
    known = scenario_library().scenarios
    unknown = sorted(s for s in scenario_ids if s not in known)
    if unknown or not scenario_ids:
        raise CertificateRefused(
            "Chagua angalau hali moja ya mafunzo kutoka maktaba.",
            "Choose at least one scenario from the library.",
        )
    cohort.required_scenarios = [
        s.id for s in scenario_library().in_order() if s.id in scenario_ids
    ]
    db.session.commit()
    return tuple(cohort.required_scenarios)


def issue_certificate(cohort: Cohort, enrolment_id: int, by) -> Certificate:
    """Issue (or give back) the certificate of an eligible trainee; CertificateRefused else."""
    result = trainee_result(cohort, enrolment_id)
    if result is None:
        raise LookupError(enrolment_id)
    if not result.is_eligible:
        raise CertificateRefused(
            "Mwanafunzi huyu bado hajafaulu hali zote za mafunzo zinazohitajika.",
            "This trainee has not yet passed every required scenario.",
        )
    certificate = result.certificate or _new_certificate(cohort, result, by)
    db.session.commit()
    return certificate


def issue_all_eligible(cohort: Cohort, by) -> int:
    """Issue a certificate to every eligible trainee who has none; how many were issued."""
    fresh = [r for r in cohort_results(cohort) if r.is_eligible and r.certificate is None]
    for result in fresh:
        _new_certificate(cohort, result, by)
    db.session.commit()
    return len(fresh)


def revoke_certificate(cohort: Cohort, certificate_id: int, reason: str, by) -> Certificate:
    """Revoke a valid certificate of the cohort with a reason; LookupError when none."""
    certificate = certificate_in(cohort, certificate_id)
    if certificate is None or certificate.is_revoked:
        raise LookupError(certificate_id)
    certificate.revoked_at = wall_now()
    certificate.revoked_reason = reason.strip()[:300]
    db.session.commit()
    return certificate


def certificate_in(cohort: Cohort, certificate_id: int) -> Certificate | None:
    """The cohort's certificate with this id, or None."""
    return db.session.scalar(
        sa.select(Certificate).where(
            Certificate.id == certificate_id, Certificate.cohort_id == cohort.id
        )
    )


def _new_certificate(cohort: Cohort, result: TraineeResult, by) -> Certificate:
    """A new certificate row for a trainee's result (added, not committed)."""
    passed = [*result.required, *sorted(result.passed - set(result.required))]
    certificate = Certificate(
        code=_unused_code(),
        cohort_id=cohort.id,
        enrolment_id=result.enrolment_id,
        name=result.name,
        scenarios=passed,
        issued_at=wall_now(),
        issued_by_id=by.id if by is not None else None,
    )
    db.session.add(certificate)
    db.session.flush()
    return certificate


def _unused_code() -> str:
    """A fresh code no certificate has (a clash is one in 31**12; the constraint decides)."""
    key = certificate_key()
    while True:
        code = new_code(key)
        if db.session.scalar(sa.select(Certificate.id).where(Certificate.code == code)) is None:
            return code


class Verdict(Enum):
    """What the verify page says about a code."""

    VALID = "valid"
    REVOKED = "revoked"
    MISTYPED = "mistyped"  # the check characters do not match: a typo or a forgery
    UNKNOWN = "unknown"  # checks, but no record: forged (or from another installation)


@dataclass(frozen=True)
class Verification:
    """A code's verdict and, for a valid or revoked one, the certificate."""

    code: str
    verdict: Verdict
    certificate: Certificate | None = None


def verify_certificate(typed: str) -> Verification:
    """Check a typed code: its check characters first (no lookup), then the record."""
    code = normalise_code(typed)
    if not has_valid_check(code, certificate_key()):
        return Verification(code, Verdict.MISTYPED)
    certificate = db.session.scalar(sa.select(Certificate).where(Certificate.code == code))
    if certificate is None:
        return Verification(code, Verdict.UNKNOWN)
    verdict = Verdict.REVOKED if certificate.is_revoked else Verdict.VALID
    return Verification(code, verdict, certificate)
