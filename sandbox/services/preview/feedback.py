"""Structured feedback on a proposal: who is asked, the form's choices, saving one answer each.

Decisions (written down):

- **Who answers**: a stakeholder (role ``stakeholder``) for any proposal in preview; a
  trainee only while their own cohort collects proposal feedback (``Cohort.
  collects_proposal_feedback``), with that cohort's id on the row. Anyone else, or a
  proposal that is a draft, is "not found" (``NotAsked``: 404), like any hidden page.
- **Copied onto the row** when they answer: the role at work from the stakeholder's profile
  (asked in the form when there is none: trainees, the demo persona), the institution's kind
  and region from the profile's home institution when it has one, else the login's
  (``User.institution`` / ``region``). Trainees' logins belong to the training world, not
  to their own institution, so for them kind and region stay empty ("not stated"). The
  language is the page's when they saved.
- **One row per respondent and proposal**: a second answer edits it. Two first answers
  racing end with one row: the loser's insert fails on the unique constraint and its
  answer is applied to the winner's row as an edit (last write wins, as with any edit).
- **Pinned to the version**: an answer keeps the version it was given for; answering again
  after a new version moves the one answer to the new version (the form says so first).
  Old answers are never counted for a version their writer did not see.
- **Two tabs**: the form carries the moment of the answer it was opened with
  (``answer_stamp``: a fingerprint of the row's moment and content, or ``new`` when there
  was none). A save whose
  stamp is not the stored answer's is refused with ``FeedbackChanged`` (409): the page keeps
  what was typed, says the answer changed meanwhile and carries the new stamp, so sending
  again replaces it knowingly. Two first answers racing: the loser is refused the same way.
- **Labels, not ids**: the screen-or-step select, the report and the CSV name a screen by
  its label (``proposals.schema.SCREEN_LABELS``) and a step by its own instruction from the
  walkthrough file, first sentence, shortened to ``STEP_LABEL_LENGTH`` characters, in the
  reader's language (``labels.choice_labels``); the CSV keeps the id in a column of its own.
- **Closed once decided**: a decided proposal shows the answer read-only and refuses a save
  with ``FeedbackClosed`` (409 with the reason), until an admin reopens it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, User
from sandbox.models.proposal import Proposal, ProposalFeedback, Stakeholder
from sandbox.proposals.enums import Concern, Helpfulness, JobRole, ProposalStatus, Respondent
from sandbox.services.preview.labels import walkthrough_steps
from sandbox.services.workspace.now import wall_now
from sandbox.workflow import BilingualError
from sandbox.workflow.enums import Role

GENERAL = "general"


class NotAsked(BilingualError, LookupError):
    """This user is not asked about this proposal (or it does not exist, or is a draft)."""

    def __init__(self) -> None:
        super().__init__("Hoja hii haipatikani.", "This proposal was not found.")


class FeedbackClosed(BilingualError, ValueError):
    """The proposal was decided: its feedback is closed."""

    def __init__(self) -> None:
        super().__init__(
            "Uamuzi kuhusu hoja hii umeshafanywa: maoni yamefungwa.",
            "This proposal has been decided: its feedback is closed.",
        )


class FeedbackChanged(BilingualError, ValueError):
    """The answer was saved elsewhere (another tab) after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            "Jibu lako lilibadilishwa mahali pengine (dirisha jingine) baada ya fomu hii "
            "kufunguliwa. Ulichoandika kiko hapa chini: tuma tena ili kukiweka badala yake, "
            "au fungua ukurasa upya kuona jibu lililohifadhiwa.",
            "Your answer was changed elsewhere (another tab or window) after this form was "
            "opened. What you typed is below: send it again to replace that answer, or reload "
            "the page to see the saved one.",
        )


NEW_ANSWER = "new"


def answer_stamp(row: ProposalFeedback | None) -> str:
    """A short fingerprint of the stored answer a form is opened with (``new``: none yet):
    its moment, version and content, so a save in between changes it even within one tick
    of the clock."""
    if row is None:
        return NEW_ANSWER
    facts = (row.updated_at.isoformat(), row.proposal_version, row.rating, row.helps.value)
    facts += (row.ease, tuple(row.concerns or ()), row.concern_text, row.comment, row.screen)
    return hashlib.sha256(repr(facts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Answer:
    """What the form sends (already validated by the form)."""

    rating: int
    helps: Helpfulness
    ease: int
    concerns: tuple[Concern, ...] = ()
    concern_text: str = ""
    comment: str = ""
    screen: str = GENERAL
    job_role: JobRole | None = None
    opened: str = NEW_ANSWER  # answer_stamp of the answer the form was opened with


@dataclass(frozen=True)
class Asked:
    """One respondent before one proposal: who they are and what they answered before."""

    proposal: Proposal
    user: User
    kind: Respondent
    cohort_id: int | None
    job_role: JobRole | None  # the profile's; None: the form asks
    institution_kind: str
    region: str
    earlier: ProposalFeedback | None
    screens: tuple[str, ...]

    @property
    def is_closed(self) -> bool:
        """True once the proposal is decided."""
        return self.proposal.status.is_decided

    @property
    def is_older_version(self) -> bool:
        """True when the earlier answer was given for an older version."""
        return self.earlier is not None and self.earlier.proposal_version != self.proposal.version


def proposal_for_feedback(key: str) -> Proposal:
    """The proposal ``key`` in preview or decided; NotAsked for a draft or an unknown key."""
    proposal = db.session.scalar(sa.select(Proposal).where(Proposal.key == key))
    if proposal is None or proposal.status is ProposalStatus.DRAFT:
        raise NotAsked()
    return proposal


def collecting_cohort(user: User) -> Cohort | None:
    """The trainee's own cohort when it collects proposal feedback, else None."""
    return db.session.scalar(
        sa.select(Cohort)
        .join(Enrolment, Enrolment.cohort_id == Cohort.id)
        .where(Enrolment.user_id == user.id, Cohort.collects_proposal_feedback.is_(True))
    )


def is_asked(user: User) -> bool:
    """True when ``user`` may give opinions on proposals in preview now."""
    if user.role is Role.STAKEHOLDER:
        return True
    return user.role is Role.TRAINEE and collecting_cohort(user) is not None


def _home_of(user: User, profile: Stakeholder | None) -> tuple[str, str]:
    """(institution kind, region name) of where a stakeholder works; trainees: unknown."""
    if user.role is Role.TRAINEE:
        return "", ""
    institution = getattr(profile, "home_institution", None) or user.institution
    region = getattr(profile, "home_region", None) or user.region
    return (institution.kind.value if institution else ""), (region.name if region else "")


def asked(user: User, key: str) -> Asked:
    """The respondent ``user`` before proposal ``key``; NotAsked when they are not asked."""
    proposal = proposal_for_feedback(key)
    cohort = collecting_cohort(user) if user.role is Role.TRAINEE else None
    if user.role is not Role.STAKEHOLDER and cohort is None:
        raise NotAsked()
    profile = db.session.scalar(sa.select(Stakeholder).where(Stakeholder.user_id == user.id))
    kind, region = _home_of(user, profile)
    return Asked(
        proposal=proposal,
        user=user,
        kind=Respondent.TRAINEE if cohort else Respondent.STAKEHOLDER,
        cohort_id=cohort.id if cohort else None,
        job_role=profile.job_role if profile else None,
        institution_kind=kind,
        region=region,
        earlier=earlier_answer(proposal.id, user.id),
        screens=screen_choices(proposal),
    )


def earlier_answer(proposal_id: int, user_id: int) -> ProposalFeedback | None:
    """The respondent's one answer to the proposal, if any."""
    return db.session.scalar(
        sa.select(ProposalFeedback).where(
            ProposalFeedback.proposal_id == proposal_id, ProposalFeedback.user_id == user_id
        )
    )


def screen_choices(proposal: Proposal) -> tuple[str, ...]:
    """ "general", the proposal's screens, then its walkthrough's steps (no repeats)."""
    screens = [str(screen) for screen in proposal.screens or []]
    return tuple(dict.fromkeys([GENERAL, *screens, *walkthrough_steps(proposal)]))


def _fill(row: ProposalFeedback, who: Asked, answer: Answer, language: str, now: datetime):
    """Write the answer and the copied facts onto ``row``."""
    row.proposal_version = who.proposal.version
    row.respondent, row.cohort_id = who.kind, who.cohort_id
    row.rating, row.helps, row.ease = answer.rating, answer.helps, answer.ease
    row.concerns = [concern.value for concern in answer.concerns]
    row.concern_text, row.comment = answer.concern_text.strip(), answer.comment.strip()
    row.screen = answer.screen or GENERAL
    row.job_role = who.job_role or answer.job_role or JobRole.OTHER
    row.institution_kind, row.region = who.institution_kind, who.region
    row.language = "en" if language == "en" else "sw"
    row.updated_at = now


def save_feedback(who: Asked, answer: Answer, language: str) -> ProposalFeedback:
    """Save ``who``'s answer (insert or edit, one row either way); FeedbackClosed once decided,
    FeedbackChanged when the answer changed after the form was opened."""
    if who.is_closed:
        raise FeedbackClosed()
    now = wall_now()
    row = earlier_answer(who.proposal.id, who.user.id)
    if answer_stamp(row) != answer.opened:
        raise FeedbackChanged()
    if row is None:
        row = ProposalFeedback(proposal_id=who.proposal.id, user_id=who.user.id, created_at=now)
        _fill(row, who, answer, language, now)
        db.session.add(row)
        try:
            db.session.commit()
            return row
        except IntegrityError:
            db.session.rollback()  # another first answer won the race: this one is stale
            if earlier_answer(who.proposal.id, who.user.id) is None:
                raise
            raise FeedbackChanged() from None
    _fill(row, who, answer, language, now)
    db.session.commit()
    return row


def open_proposals(user: User) -> list[tuple[Proposal, ProposalFeedback | None]]:
    """The proposals in preview with the user's answer to each (None: not answered)."""
    proposals = db.session.scalars(
        sa.select(Proposal)
        .where(Proposal.status == ProposalStatus.IN_PREVIEW)
        .order_by(Proposal.key)
    ).all()
    answers = {
        row.proposal_id: row
        for row in db.session.scalars(
            sa.select(ProposalFeedback).where(ProposalFeedback.user_id == user.id)
        )
    }
    return [(proposal, answers.get(proposal.id)) for proposal in proposals]


def set_collects_feedback(cohort: Cohort, collects: bool) -> Cohort:
    """Switch the cohort's trainees' proposal feedback on or off."""
    cohort.collects_proposal_feedback = collects
    db.session.commit()
    return cohort
