"""Proposals (hoja za maboresho), invitations, preview pairs, walkthrough behaviour, feedback.

None of these rows belongs to a workspace: resets of any grain never touch them
(``models/snapshot.WORLD_TABLES`` does not list them), so a stakeholder's opinions and the
behaviour recorded in their walkthroughs survive every reset. Times are wall time (naive
EAT) except where a name says otherwise.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.cohort import Cohort
from sandbox.models.reference import Institution, Region
from sandbox.models.types import enum_column
from sandbox.models.user import User
from sandbox.models.workspace import Workspace
from sandbox.proposals.enums import Helpfulness, JobRole, ProposalStatus, Respondent, Side


class Proposal(db.Model):
    """One proposed improvement, at its current ``version``.

    Code-backed proposals are loaded from data (``is_code_backed``; ``toggle`` names the
    ``workflow.behaviour.Toggle`` it switches, ``walkthrough`` its walkthrough's scenario id);
    a text-only proposal is written in the app to collect opinions on an idea not built yet.
    The decision (status, note, rationale, what to watch, revisit date) is recorded here.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(60), unique=True)
    version: Mapped[int] = mapped_column(default=1)
    title_sw: Mapped[str] = mapped_column(sa.String(160))
    title_en: Mapped[str] = mapped_column(sa.String(160))
    summary_sw: Mapped[str] = mapped_column(sa.Text)
    summary_en: Mapped[str] = mapped_column(sa.Text)
    problem_sw: Mapped[str] = mapped_column(sa.Text, default="")
    problem_en: Mapped[str] = mapped_column(sa.Text, default="")
    changes_sw: Mapped[str] = mapped_column(sa.Text, default="")
    changes_en: Mapped[str] = mapped_column(sa.Text, default="")
    asked_by: Mapped[str] = mapped_column(sa.String(200), default="")
    toggle: Mapped[str | None] = mapped_column(sa.String(60))
    walkthrough: Mapped[str | None] = mapped_column(sa.String(60))
    screens: Mapped[list] = mapped_column(sa.JSON, default=list)
    is_code_backed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus), default=ProposalStatus.DRAFT, index=True
    )
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    revisit_on: Mapped[date | None]
    decision_note: Mapped[str] = mapped_column(sa.Text, default="")
    decision_rationale: Mapped[str] = mapped_column(sa.Text, default="")
    watch_after: Mapped[str] = mapped_column(sa.Text, default="")
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    def title(self, lang: str = "sw") -> str:
        """The title in ``lang`` ("en" gives English; anything else Swahili)."""
        return self.title_en if lang == "en" else self.title_sw


class Invitation(db.Model):
    """A time-boxed code that lets staff who missed the workshop join the preview.

    ``code`` is stored normalised (upper case, no separators); ``uses`` counts the
    stakeholders who joined with it, at most ``max_uses``.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    label: Mapped[str] = mapped_column(sa.String(120))
    expires_at: Mapped[datetime]
    max_uses: Mapped[int] = mapped_column(default=50)
    uses: Mapped[int] = mapped_column(default=0)
    is_revoked: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime]


class Stakeholder(db.Model):
    """A stakeholder's profile beside their login: how they joined and who they are at work.

    ``home_institution`` and ``home_region`` are where they work (the report's breakdown);
    their login plays the desk at the preview's training institution instead, like a
    trainee's. ``personal_code`` + the PIN (``pin_hash``) sign them back in.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), unique=True)
    invitation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("invitation.id"), index=True)
    job_role: Mapped[JobRole] = mapped_column(enum_column(JobRole))
    home_institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institution.id"))
    home_region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("region.id"))
    personal_code: Mapped[str | None] = mapped_column(sa.String(16), unique=True)
    pin_hash: Mapped[str] = mapped_column(sa.String(256), default="")
    join_key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    joined_at: Mapped[datetime]
    user: Mapped[User] = relationship()
    invitation: Mapped[Invitation | None] = relationship()
    home_institution: Mapped[Institution | None] = relationship()
    home_region: Mapped[Region | None] = relationship()


class PreviewPair(db.Model):
    """A stakeholder's two preview workspaces for one proposal, seeded from one seed.

    ``before`` has the proposal's toggle off, ``after`` has it on; nothing else differs.
    """

    __table_args__ = (sa.UniqueConstraint("user_id", "proposal_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), index=True)
    before_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), unique=True)
    after_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), unique=True)
    seed: Mapped[int]
    created_at: Mapped[datetime]
    proposal: Mapped[Proposal] = relationship()
    before: Mapped[Workspace] = relationship(foreign_keys=[before_id])
    after: Mapped[Workspace] = relationship(foreign_keys=[after_id])

    def workspace(self, side: Side) -> Workspace:
        """The workspace of ``side``."""
        return self.before if side is Side.BEFORE else self.after


class WalkthroughStep(db.Model):
    """What one respondent did at one walkthrough step on one side (recorded, never scored).

    ``seconds`` is wall time from the step's start to its completion (None until done);
    ``refusals`` counts the workflow refusals the respondent met during the step.
    """

    __table_args__ = (
        sa.UniqueConstraint("user_id", "proposal_id", "proposal_version", "side", "step"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), index=True)
    proposal_version: Mapped[int]
    side: Mapped[Side] = mapped_column(enum_column(Side))
    step: Mapped[str] = mapped_column(sa.String(60))
    started_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    seconds: Mapped[int | None]
    refusals: Mapped[int] = mapped_column(default=0)


class ProposalFeedback(db.Model):
    """One respondent's opinion of one proposal, pinned to the version they saw.

    One row per respondent and proposal: a second answer edits it (until the proposal is
    decided). ``concerns`` is a list of ``Concern`` values; the respondent's job role,
    institution kind, region and language are copied when they answer, so the report
    never joins personal data.
    """

    __table_args__ = (sa.UniqueConstraint("proposal_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), index=True)
    proposal_version: Mapped[int]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    respondent: Mapped[Respondent] = mapped_column(enum_column(Respondent))
    cohort_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cohort.id"), index=True)
    rating: Mapped[int]
    helps: Mapped[Helpfulness] = mapped_column(enum_column(Helpfulness))
    ease: Mapped[int]
    concerns: Mapped[list] = mapped_column(sa.JSON, default=list)
    concern_text: Mapped[str] = mapped_column(sa.Text, default="")
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    screen: Mapped[str] = mapped_column(sa.String(120), default="")
    job_role: Mapped[JobRole] = mapped_column(enum_column(JobRole))
    institution_kind: Mapped[str] = mapped_column(sa.String(40), default="")
    region: Mapped[str] = mapped_column(sa.String(80), default="")
    language: Mapped[str] = mapped_column(sa.String(2))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    proposal: Mapped[Proposal] = relationship()
    cohort: Mapped[Cohort | None] = relationship()
