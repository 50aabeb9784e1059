"""People who log in: officers, heads, leaders, facilitators, stakeholders, admins, trainees."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.extensions import db
from sandbox.models.reference import District, Institution, Region
from sandbox.models.types import enum_column
from sandbox.models.workspace import Workspace
from sandbox.workflow.enums import Role

NO_PASSWORD = "!"  # not a werkzeug hash: check_password_hash answers False for every password


class User(UserMixin, db.Model):
    """A login with one role, optionally tied to an institution, an area and a workspace."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role), index=True)
    institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("institution.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("region.id"))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("district.id"))
    workspace_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workspace.id"), index=True)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Part of the signed session cookie: replacing it ends EVERY session of this user (a new
    # password, a deactivation), even sessions whose cookie was copied. Logging out ends only
    # the browser's own session (its ``LoginSession`` row): a demo persona shared by a
    # workshop hall must not sign the whole room out when one trainee logs out.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=lambda: _new_token())
    created_at: Mapped[datetime]
    institution: Mapped[Institution | None] = relationship()
    region: Mapped[Region | None] = relationship()
    district: Mapped[District | None] = relationship()
    workspace: Mapped[Workspace | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses inactive accounts."""
        return self.is_active_account

    session_key = None  # this request's LoginSession key, set by the loader (not a column)

    def get_id(self) -> str:
        """What Flask-Login keeps in the cookie: id, the user's token, this browser's key."""
        return f"{self.id}:{self.session_token}:{self.session_key or ''}"

    def holds_session(self, token: str) -> bool:
        """True when ``token`` is this user's current session token (constant-time)."""
        return bool(self.session_token) and hmac.compare_digest(self.session_token, token)

    def end_sessions(self) -> None:
        """Invalidate every session cookie issued so far, wherever it was copied."""
        self.session_token = _new_token()

    def set_password(self, password: str) -> None:
        """Store a salted hash, never the password; sessions opened before end."""
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def set_unusable_password(self) -> None:
        """A login nobody signs in to with a password (trainees and stakeholders use a
        personal code and PIN; synthetic colleagues never sign in): ``NO_PASSWORD``, which
        no password matches, at no hashing cost. ``set_password`` makes it usable."""
        self.password_hash = NO_PASSWORD
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)


class LoginSession(db.Model):
    """One signed-in browser: logging out deletes its row, so a copied cookie stops working."""

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime]


def _new_token() -> str:
    """A fresh random session token."""
    return secrets.token_hex(16)
