"""A proposal's decision report: read the rows of one version, let ``proposals.report`` count.

Decisions (written down):

- **Invited** = every stakeholder who joined with an invitation, plus every trainee of a
  cohort that collects proposal feedback now, plus anyone who answered this proposal
  without being in those two lists (a trainee whose cohort has since stopped collecting,
  a stakeholder made by an administrator): whoever answered was asked. Trainees' role is
  the one they gave in an answer (any proposal), else "not stated"; their institution
  kind and region are never known (their login belongs to the training world).
- **The version** shown is the proposal's current one unless ``version`` names an older
  one that has answers or walkthrough rows; the selector lists the versions with data
  and the current one.
- **Behaviour**: the walkthrough rows (``WalkthroughStep``) of the same version, in the
  walkthrough's step order.
- **CSV** (``report_csv``): UTF-8 with a BOM, formula-safe, headers in the page's
  language. One row per response of the version (version, respondent kind, role,
  institution kind, region, language, rating, helps, ease, concerns, other concern,
  comment, screen or step in words and its id, answered on) — never a name, a person's
  id or a cohort; then an empty row and one row per walkthrough step and side (the step in
  words, its id, started, completed, median seconds, refusals).
  A row's role, institution kind and region follow the page's small-group rule
  (``proposals.report.disclosed``): a fact shared by fewer than 3 invited people, or a
  combination of them describing fewer than 3, reads "Other groups", so the CSV never
  points at one person the page keeps hidden. The CSV is for the people who decide (the
  same capability as the page).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Institution, Region, User
from sandbox.models.proposal import Proposal, ProposalFeedback, Stakeholder, WalkthroughStep
from sandbox.models.reference import InstitutionKind
from sandbox.proposals.enums import Concern, JobRole, Respondent
from sandbox.proposals.report import (
    OTHER_GROUPS,
    Person,
    Report,
    Response,
    StepRow,
    build_report,
    disclosed,
)
from sandbox.services.preview.feedback import GENERAL, NotAsked
from sandbox.services.preview.labels import choice_labels, walkthrough_steps
from sandbox.services.reports.csv_export import csv_text


@dataclass(frozen=True)
class ReportPage:
    """One proposal, the version shown, the versions to choose from, and the figures."""

    proposal: Proposal
    version: int
    versions: tuple[int, ...]
    report: Report
    responses: tuple[ProposalFeedback, ...]
    invited: tuple[Person, ...] = ()  # who was asked (the CSV's small-group merging)


def find_proposal(key: str) -> Proposal:
    """The proposal ``key``; NotAsked (404) when there is none."""
    proposal = db.session.scalar(sa.select(Proposal).where(Proposal.key == key))
    if proposal is None:
        raise NotAsked()
    return proposal


def versions_of(proposal: Proposal) -> tuple[int, ...]:
    """The versions with answers or walkthrough rows, and the current one, newest first."""
    answered = db.session.scalars(
        sa.select(ProposalFeedback.proposal_version).where(
            ProposalFeedback.proposal_id == proposal.id
        )
    )
    walked = db.session.scalars(
        sa.select(WalkthroughStep.proposal_version).where(
            WalkthroughStep.proposal_id == proposal.id
        )
    )
    return tuple(sorted({proposal.version, *answered, *walked}, reverse=True))


def _stakeholders() -> dict[int, Person]:
    """Stakeholders who joined with an invitation, by user id, as breakdown people (where they
    work: the profile's home institution and region, else the login's, as feedback copies)."""
    rows = db.session.execute(
        sa.select(Stakeholder.user_id, Stakeholder.job_role, Institution.kind, Region.name)
        .join(User, User.id == Stakeholder.user_id)
        .outerjoin(
            Institution,
            Institution.id
            == sa.func.coalesce(Stakeholder.home_institution_id, User.institution_id),
        )
        .outerjoin(
            Region, Region.id == sa.func.coalesce(Stakeholder.home_region_id, User.region_id)
        )
        .where(Stakeholder.invitation_id.is_not(None))
    )
    return {
        user_id: Person(role.value, kind.value if kind else "", place or "")
        for user_id, role, kind, place in rows
    }


def _trainee_roles() -> dict[int, str]:
    """Each trainee's role at work as they last gave it in any answer."""
    rows = db.session.execute(
        sa.select(ProposalFeedback.user_id, ProposalFeedback.job_role)
        .where(ProposalFeedback.respondent == Respondent.TRAINEE)
        .order_by(ProposalFeedback.updated_at)
    )
    return {user_id: role.value for user_id, role in rows}


def invited_people(answers: list[ProposalFeedback]) -> list[Person]:
    """Who was asked (see the module's decisions), one ``Person`` each.

    A respondent is counted in the groups their answer copied (not where their login is
    now), so that in every group the responded are among the invited.
    """
    people = _stakeholders()
    trainees = db.session.scalars(
        sa.select(Enrolment.user_id)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .where(Cohort.collects_proposal_feedback.is_(True))
    ).all()
    roles = _trainee_roles()
    people.update({user_id: Person(roles.get(user_id, ""), "", "") for user_id in trainees})
    people.update({answer.user_id: _person(answer) for answer in answers})
    return list(people.values())


def _person(answer: ProposalFeedback) -> Person:
    """The breakdown person of an answer (the facts copied onto it)."""
    return Person(answer.job_role.value, answer.institution_kind, answer.region)


def _answers(proposal: Proposal, version: int) -> list[ProposalFeedback]:
    """The answers of ``version``, oldest first."""
    return db.session.scalars(
        sa.select(ProposalFeedback)
        .where(
            ProposalFeedback.proposal_id == proposal.id,
            ProposalFeedback.proposal_version == version,
        )
        .order_by(ProposalFeedback.id)
    ).all()


def _steps(proposal: Proposal, version: int) -> list[StepRow]:
    """The walkthrough rows of ``version`` as plain step rows."""
    rows = db.session.execute(
        sa.select(
            WalkthroughStep.step,
            WalkthroughStep.side,
            WalkthroughStep.completed_at,
            WalkthroughStep.seconds,
            WalkthroughStep.refusals,
        ).where(
            WalkthroughStep.proposal_id == proposal.id,
            WalkthroughStep.proposal_version == version,
        )
    )
    return [StepRow(s, side.value, done is not None, sec, ref) for s, side, done, sec, ref in rows]


def as_response(answer: ProposalFeedback) -> Response:
    """An answer as the pure module's ``Response`` (no name, no id)."""
    return Response(
        person=_person(answer),
        rating=answer.rating,
        helps=answer.helps.value,
        ease=answer.ease,
        concerns=tuple(answer.concerns or ()),
        concern_text=answer.concern_text,
        comment=answer.comment,
        screen=answer.screen,
        language=answer.language,
        respondent=answer.respondent.value,
    )


def proposal_report(key: str, version: int | None = None) -> ReportPage:
    """The report of proposal ``key`` at ``version`` (default: current); NotAsked if none."""
    proposal = find_proposal(key)
    versions = versions_of(proposal)
    shown = version if version in versions else proposal.version
    answers = _answers(proposal, shown)
    invited = tuple(invited_people(answers))
    report = build_report(
        invited,
        [as_response(a) for a in answers],
        _steps(proposal, shown),
        walkthrough_steps(proposal),
    )
    return ReportPage(proposal, shown, versions, report, tuple(answers), invited)


CSV_HEADER = (
    ("Toleo", "Version"),
    ("Mjibuji", "Respondent"),
    ("Wadhifa kazini", "Role at work"),
    ("Aina ya taasisi", "Institution kind"),
    ("Mkoa", "Region"),
    ("Lugha", "Language"),
    ("Alama (1-5)", "Rating (1-5)"),
    ("Ingesaidia taasisi", "Would help the institution"),
    ("Urahisi (1-5)", "Ease (1-5)"),
    ("Wasiwasi", "Concerns"),
    ("Wasiwasi mwingine", "Other concern"),
    ("Maoni", "Comment"),
    ("Skrini au hatua", "Screen or step"),
    ("Kitambulisho cha skrini au hatua", "Screen or step id"),
    ("Tarehe", "Answered on"),
)
STEP_HEADER = (
    ("Hatua", "Step"),
    ("Kitambulisho cha hatua", "Step id"),
    ("Upande", "Side"),
    ("Walioanza", "Started"),
    ("Waliokamilisha", "Completed"),
    ("Sekunde (wastani wa kati)", "Median seconds"),
    ("Makatazo", "Refusals"),
)


def _label(vocabulary, value: str, language: str) -> str:
    """A stored value's label in ``language`` ("" stays "")."""
    return vocabulary(value).label(language) if value else ""


def _kind_label(value: str, language: str) -> str:
    """An institution kind's label in ``language`` (unknown values as stored)."""
    kinds = {kind.value: kind for kind in InstitutionKind}
    return kinds[value].label(language) if value in kinds else value


GENERAL_WORDS = ("Hoja kwa ujumla", "The proposal as a whole")
OTHER_WORDS = (
    "Makundi mengine (chini ya watu 3 kila moja)",
    "Other groups (fewer than 3 people each)",
)


def _fact(value: str, language: str, label) -> str:
    """A respondent's fact in a CSV row: its label, "" when not stated, or the merged group."""
    if value == OTHER_GROUPS:
        return OTHER_WORDS[language == "en"]
    return label(value) if value else ""


def csv_rows(page: ReportPage, language: str) -> list[list[object]]:
    """One row per response, an empty row, then one per step and side (see the module)."""
    rows: list[list[object]] = []
    named = {**choice_labels(page.proposal, language), GENERAL: GENERAL_WORDS[language == "en"]}
    for a in page.responses:
        who = disclosed(_person(a), page.invited)
        rows.append(
            [
                a.proposal_version,
                a.respondent.label(language),
                _fact(who.job_role, language, lambda v: JobRole(v).label(language)),
                _fact(who.institution_kind, language, lambda v: _kind_label(v, language)),
                _fact(who.region, language, str),
                a.language,
                a.rating,
                a.helps.label(language),
                a.ease,
                "; ".join(_label(Concern, c, language) for c in a.concerns or ()),
                a.concern_text,
                a.comment,
                named.get(a.screen, a.screen),
                a.screen,
                a.updated_at.strftime("%Y-%m-%d"),
            ]
        )
    rows.append([])
    rows.append([words[language == "en"] for words in STEP_HEADER])
    for step in page.report.behaviour:
        for side, figures in (("before", step.before), ("after", step.after)):
            side_word = {"before": ("Kabla", "Before"), "after": ("Baada", "After")}[side]
            rows.append(
                [
                    named.get(step.step, step.step),
                    step.step,
                    side_word[language == "en"],
                    figures.started,
                    figures.completed,
                    "" if figures.median_seconds is None else figures.median_seconds,
                    figures.refusals,
                ]
            )
    return rows


def report_csv(key: str, version: int | None, language: str) -> tuple[ReportPage, str]:
    """The report's page data and its CSV text (BOM, formula-safe, ``language`` headers)."""
    page = proposal_report(key, version)
    header = [words[language == "en"] for words in CSV_HEADER]
    return page, csv_text(header, csv_rows(page, language))
