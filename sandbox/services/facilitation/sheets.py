"""What the printable pages show: one certificate, the attendance and results sheet, and a
certificate as an Open Badges 3.0 credential.

Decisions:

- The certificate names the scenarios passed (required first) and the competencies they
  train, each in Swahili and English on one A4 page; its QR code is the verify address.
- The attendance sheet lists every trainee by name with when they joined, scenarios
  passed, required passed, average score and certificate code, and an empty signature
  column. It is passed round the hall for signatures, so it shows no phone, no home
  institution and no personal code (a personal code and a 4-digit PIN sign a trainee in).
- The Open Badges 3.0 JSON is an unsigned ``OpenBadgeCredential`` (no proof: this
  installation has no issuer key); its ``id`` is the verify address, which is the check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.certificates.codes import grouped
from sandbox.certificates.qr import qr_svg
from sandbox.extensions import db
from sandbox.models import Certificate, Cohort
from sandbox.services.facilitation.results import TraineeResult, cohort_results, required_of
from sandbox.services.training.library import scenario_library

Words = tuple[str, str]


@dataclass(frozen=True)
class CertificatesOverview:
    """The certificates page: the library to choose from, the required ones, every trainee,
    and the certificates revoked."""

    cohort: Cohort
    choices: tuple[tuple[str, Words], ...]
    required: tuple[str, ...]
    trainees: tuple[TraineeResult, ...]
    revoked: tuple[Certificate, ...]

    @property
    def eligible_without(self) -> int:
        """Eligible trainees who hold no certificate yet."""
        return sum(1 for t in self.trainees if t.is_eligible and t.certificate is None)


def certificates_overview(cohort: Cohort) -> CertificatesOverview:
    """What the certificates page shows for a cohort."""
    choices = tuple((s.id, (s.title.sw, s.title.en)) for s in scenario_library().in_order())
    revoked = db.session.scalars(
        sa.select(Certificate)
        .where(Certificate.cohort_id == cohort.id, Certificate.revoked_at.is_not(None))
        .order_by(Certificate.revoked_at.desc())
    ).all()
    return CertificatesOverview(
        cohort, choices, required_of(cohort), tuple(cohort_results(cohort)), tuple(revoked)
    )


@dataclass(frozen=True)
class CertificatePage:
    """A certificate as printed: the row, its cohort, scenario titles, competencies, QR."""

    certificate: Certificate
    cohort: Cohort
    code: str
    scenarios: tuple[Words, ...]
    competencies: tuple[Words, ...]
    qr: str
    verify_url: str


def certificate_page(certificate: Certificate, verify_url: str) -> CertificatePage:
    """The printable certificate, its QR code pointing at ``verify_url``."""
    library = scenario_library()
    known = [library.scenarios[s] for s in certificate.scenarios if s in library.scenarios]
    competency_ids = dict.fromkeys(c for s in known for c in s.competencies)
    competencies = tuple(
        (library.competencies[c].name.sw, library.competencies[c].name.en)
        for c in competency_ids
        if c in library.competencies
    )
    return CertificatePage(
        certificate,
        certificate.cohort,
        grouped(certificate.code),
        tuple((s.title.sw, s.title.en) for s in known),
        competencies,
        qr_svg(verify_url, f"QR: {verify_url}"),
        verify_url,
    )


def valid_certificate_pages(cohort: Cohort, address: Callable[[str], str]) -> list[CertificatePage]:
    """Every valid certificate of the cohort by name, printable; ``address(code)`` is the
    verify address of a code (for the QR codes)."""
    certificates = db.session.scalars(
        sa.select(Certificate)
        .where(Certificate.cohort_id == cohort.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.name, Certificate.id)
    )
    return [certificate_page(c, address(c.code)) for c in certificates]


@dataclass(frozen=True)
class ResultsSheet:
    """The attendance and results sheet: the cohort, its required scenarios, every trainee."""

    cohort: Cohort
    required: tuple[str, ...]
    total: int
    trainees: tuple[TraineeResult, ...]


def results_sheet(cohort: Cohort) -> ResultsSheet:
    """Every trainee of the cohort with their results, for printing."""
    total = len(scenario_library().scenarios)
    return ResultsSheet(cohort, required_of(cohort), total, tuple(cohort_results(cohort)))


def open_badge(certificate: Certificate, verify_url: str, issuer_url: str) -> dict:
    """The certificate as an unsigned Open Badges 3.0 ``OpenBadgeCredential``."""
    cohort = certificate.cohort
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Mrejesho Sandbox: {cohort.name}",
        "issuer": {"id": issuer_url, "type": ["Profile"], "name": "Mrejesho Sandbox"},
        "validFrom": certificate.issued_at.isoformat() + "+03:00",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.name,
            "achievement": _achievement(certificate, issuer_url),
        },
    }


def _achievement(certificate: Certificate, issuer_url: str) -> dict:
    """The badge's achievement: the cohort's training, with the scenarios passed."""
    library = scenario_library()
    titles = [
        library.scenarios[s].title.en for s in certificate.scenarios if s in library.scenarios
    ]
    return {
        "id": f"{issuer_url}#cohort-{certificate.cohort_id}",
        "type": ["Achievement"],
        "name": f"e-Mrejesho training: {certificate.cohort.name}",
        "description": "Passed the guided e-Mrejesho scenarios: " + "; ".join(titles),
        "criteria": {"narrative": "Passed every scenario the cohort's facilitator required."},
    }
