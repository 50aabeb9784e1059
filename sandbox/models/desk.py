"""The desk's own records: identity reveals (an audit trail) and response templates."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.feedback import Feedback
from sandbox.models.types import enum_column
from sandbox.models.user import User
from sandbox.workflow.enums import FeedbackType
from sandbox.workflow.labels import Labelled


class IdentityReveal(db.Model):
    """One time a user looked at a complainant's identity, with the reason they gave.

    Rows are only ever inserted; the head of the institution reads them on the item page.
    """

    __table_args__ = (sa.Index("ix_reveal_feedback_at", "feedback_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(sa.Text)
    at: Mapped[datetime]
    user: Mapped[User] = relationship()
    feedback: Mapped[Feedback] = relationship()


@sa.event.listens_for(IdentityReveal, "before_update")
@sa.event.listens_for(IdentityReveal, "before_delete")
def _refuse_audit_rewrite(mapper, connection, target) -> None:
    """The reveal log is append-only at the ORM level (a workspace reset uses Core deletes)."""
    raise PermissionError("IdentityReveal rows are append-only")


class Situation(Labelled):
    """When a canned response is used."""

    ACKNOWLEDGEMENT = ("acknowledgement", "Kuthibitisha kupokea", "Acknowledgement")
    INTERIM = ("interim", "Jibu la awali (tarehe inayotarajiwa)", "Interim reply (expected date)")
    REQUEST_INFO = ("request_info", "Kuomba taarifa zaidi", "Request for information")
    ANSWER = ("answer", "Jibu", "Answer")
    TRANSFER_NOTICE = ("transfer_notice", "Taarifa ya kuhamisha", "Transfer notice")
    THANKS = ("thanks", "Shukrani kwa pongezi", "Thanks for a compliment")
    SUGGESTION_NOTED = ("suggestion_noted", "Pendekezo limepokelewa", "Suggestion noted")
    REJECTION = ("rejection", "Kukataa kwa sababu", "Rejection with a reason")


class ResponseTemplate(db.Model):
    """A canned reply in Swahili and English; global when workspace_id is NULL.

    An institution's own templates carry both its workspace and its institution.
    Placeholders: {reference}, {institution}, {deadline} — never any identity.
    """

    __table_args__ = (sa.Index("ix_template_scope", "workspace_id", "institution_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workspace.id"))
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institution.id"))
    code: Mapped[str] = mapped_column(sa.String(60))
    feedback_type: Mapped[FeedbackType | None] = mapped_column(
        enum_column(FeedbackType, "template_feedback_type")
    )
    situation: Mapped[Situation] = mapped_column(enum_column(Situation))
    title_sw: Mapped[str] = mapped_column(sa.String(120))
    title_en: Mapped[str] = mapped_column(sa.String(120))
    text_sw: Mapped[str] = mapped_column(sa.Text)
    text_en: Mapped[str] = mapped_column(sa.Text)

    def title(self, lang: str) -> str:
        """The title in the given language (Swahili by default)."""
        return self.title_en if lang == "en" else self.title_sw

    def text(self, lang: str) -> str:
        """The text in the given language (Swahili by default)."""
        return self.text_en if lang == "en" else self.text_sw
