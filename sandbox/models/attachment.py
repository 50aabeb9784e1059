"""Files a citizen attached to a feedback item: bytes on disk, facts in the database."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.extensions import db
from sandbox.models.feedback import Feedback
from sandbox.models.types import enum_column
from sandbox.workflow.labels import Labelled


class AttachmentType(Labelled):
    """The file types a citizen may attach; the value is the MIME type served back."""

    PNG = ("image/png", "Picha (PNG)", "Image (PNG)")
    JPEG = ("image/jpeg", "Picha (JPEG)", "Image (JPEG)")
    GIF = ("image/gif", "Picha (GIF)", "Image (GIF)")
    WEBP = ("image/webp", "Picha (WEBP)", "Image (WEBP)")
    PDF = ("application/pdf", "Hati (PDF)", "Document (PDF)")


class Attachment(db.Model):
    """One uploaded image or PDF, stored as ``uploads/<workspace_id>/<stored_name>``.

    ``filename`` is the citizen's (sanitised) name, kept only here; the file on disk is
    named by a random UUID so nothing typed by a citizen ever becomes a path.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[AttachmentType] = mapped_column(enum_column(AttachmentType))
    size: Mapped[int]
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime]

    feedback: Mapped[Feedback] = relationship()
