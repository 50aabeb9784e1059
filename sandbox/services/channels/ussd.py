"""USSD *152*00#: answer one gateway request, keeping the conversation in the database.

Anonymous submissions store nothing that ties the item to the dialling phone, in any table
(decision, see docs/CONFIDENTIALITY.md): the item keeps no phone; the USSD session forgets
its phone when the submission ends; and the reference SMS is "sent" WITHOUT a stored link —
its gateway-log row keeps neither the number nor the item id, only the USSD session id
(random, chosen by the gateway), by which the emulator's handset that dialled finds it.
The reference and the secret reach the citizen on the last screen and in that SMS.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from sandbox.channels.phones import normalise_phone
from sandbox.channels.ussd.engine import Conversation, Receipt, Reply, Tracked, advance
from sandbox.channels.ussd.menus import screens_for
from sandbox.extensions import db
from sandbox.models import Feedback, FeedbackEvent, Institution, Region, Workspace
from sandbox.models.ussd import MAX_SESSION_ID, UssdSession
from sandbox.services.channels import sms
from sandbox.services.feedback.lifecycle import InvalidSubmission, Submission, add_feedback
from sandbox.services.feedback.lookups import record_lookup
from sandbox.services.feedback.once import find_submitted, submission_token, submit_once
from sandbox.services.feedback.references import find_in
from sandbox.services.feedback.states import state_of
from sandbox.services.workspace.now import wall_now, workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.text import LIKE_ESCAPE, like_pattern, without_control
from sandbox.workflow import Action, Channel, ComplainantType, FeedbackType
from sandbox.workflow.errors import BilingualError
from sandbox.workflow.tracking import citizen_deadline

MAX_TEXT = 4000
MAX_MATCHES = 40


class BadUssdRequest(BilingualError, ValueError):
    """A callback missing what the protocol requires; answered with END, never a 500."""

    def reply(self) -> str:
        """The END screen for the gateway, in both languages (no session language yet)."""
        return Reply(f"{self.message_sw} / {self.message_en}", is_end=True).render()


@dataclass(frozen=True)
class UssdRequest:
    """One Africa's Talking USSD callback."""

    session_id: str
    phone: str
    text: str = ""
    service_code: str = ""
    network_code: str = ""


def clean(value: Any) -> str:
    """A form value without control characters (the gateway never sends them)."""
    return without_control(str(value or ""), single_line=True)


def parse_ussd_request(form) -> UssdRequest:
    """The callback's fields, checked; raises BadUssdRequest."""
    session_id = clean(form.get("sessionId")).strip()
    if not session_id or len(session_id) > MAX_SESSION_ID:
        raise BadUssdRequest("Ombi halina sessionId sahihi.", "Missing or invalid sessionId.")
    phone = normalise_phone(clean(form.get("phoneNumber")))
    if phone is None:
        raise BadUssdRequest("Namba ya simu haipo au si sahihi.", "Missing or invalid phoneNumber.")
    return UssdRequest(
        session_id=session_id,
        phone=phone,
        text=clean(form.get("text"))[:MAX_TEXT],
        service_code=clean(form.get("serviceCode"))[:40],
        network_code=clean(form.get("networkCode"))[:20],
    )


def handle_ussd(workspace: Workspace, request: UssdRequest) -> str:
    """Answer one gateway request with the next screen (CON …) or the last one (END …)."""
    session, is_new = _session_for(workspace, request)
    screens = screens_for(rules_for(workspace))
    conv = Conversation.from_dict(_loads(session.state), session.language, screens)
    if session.phone and session.phone != phone_key(request.phone):
        conv.screen, conv.ending = "ended", ""  # another phone cannot continue someone's session
    port = DatabasePort(workspace, request.phone, request.session_id)
    reply = advance(conv, request.text, is_new, port, screens)
    session.state = json.dumps(conv.to_dict())
    session.language = conv.lang
    session.updated_at = wall_now()
    if port.submitted_anonymously:
        session.phone = ""
    db.session.commit()
    return reply.render()


def phone_key(phone: str) -> str:
    """What the session keeps of the dialling phone: a keyed hash (HMAC-SHA256 with the
    installation's secret, 20 hex digits), enough to refuse another phone continuing the
    session and never the number itself, so no row, log or database file ever holds an
    anonymous citizen's number beside their session."""
    secret = str(current_app.secret_key or "").encode()
    return hmac.new(secret, phone.encode(), hashlib.sha256).hexdigest()[:20]


def _session_for(workspace: Workspace, request: UssdRequest) -> tuple[UssdSession, bool]:
    """The stored session for this sessionId, created (and committed) on its first request."""
    query = sa.select(UssdSession).where(
        UssdSession.workspace_id == workspace.id, UssdSession.session_id == request.session_id
    )
    session = db.session.scalar(query)
    if session is not None:
        return session, False
    session = UssdSession(
        workspace_id=workspace.id,
        session_id=request.session_id,
        phone=phone_key(request.phone),
        state="{}",
        language="sw",
        updated_at=wall_now(),
    )
    db.session.add(session)
    try:
        db.session.commit()
    except IntegrityError:  # another process created it a moment ago
        db.session.rollback()
        return db.session.scalar(query), False
    return session, True


def _loads(text: str) -> Any:
    """Stored JSON, or None when unreadable."""
    try:
        return json.loads(text or "{}")
    except ValueError:
        return None


class DatabasePort:
    """The engine's window on the workspace: institutions, tracking, submitting."""

    def __init__(self, workspace: Workspace, phone: str, session_id: str = "") -> None:
        """Serve one request of one phone (in one USSD session) in one workspace."""
        self.workspace, self.phone, self.session_id = workspace, phone, session_id
        self.token = submission_token("ussd", session_id)  # one item per USSD session
        self.submitted_anonymously = False

    def search_institutions(self, query: str, lang: str) -> list[tuple[int, str]]:
        """Institutions whose Swahili name, English name or code contains every word typed."""
        name = Institution.name_en if lang == "en" else Institution.name_sw
        rows = db.session.execute(
            sa.select(Institution.id, name)
            .where(*[_contains(word) for word in query.split()[:4]])
            .order_by(name)
            .limit(MAX_MATCHES)
        )
        return [(row[0], row[1]) for row in rows]

    def regions(self, lang: str) -> list[tuple[int, str]]:
        """Every region by name, the same in both languages (region first)."""
        rows = db.session.execute(sa.select(Region.id, Region.name).order_by(Region.name))
        return [(row[0], row[1]) for row in rows]

    def institutions_in_region(self, region_id: int | None, lang: str) -> list[tuple[int, str]]:
        """The institutions of one region by name (None: those of no region, the national)."""
        name = Institution.name_en if lang == "en" else Institution.name_sw
        where = (
            Institution.region_id.is_(None)
            if region_id is None
            else Institution.region_id == region_id
        )
        rows = db.session.execute(sa.select(Institution.id, name).where(where).order_by(name))
        return [(row[0], row[1]) for row in rows]

    def track(self, reference: str, lang: str) -> Tracked | None:
        """Public facts of an item of this workspace (never identity or internal notes); the
        lookup is recorded (``services/feedback/lookups.py``)."""
        item = find_in(self.workspace, reference)
        if item is None:
            return None
        record_lookup(self.workspace, item, Channel.USSD)  # committed with the session's step
        due = citizen_deadline(
            state_of(item), workspace_now(self.workspace), rules_for(self.workspace)
        )
        return Tracked(
            item.reference,
            item.status,
            item.institution.name(lang),
            latest_reply(item),
            due=(due[1] if lang == "en" else due[0]) if due else None,
        )

    def submit(self, answers: dict[str, Any], lang: str) -> Receipt | None:
        """Submit the answers as USSD feedback; None when the service refuses them."""
        is_anonymous = answers.get("identity") == "anonymous"
        try:
            submission = self._submission(answers, lang, is_anonymous)
            submitted = submit_once(
                self.workspace, self.token, lambda: self._add(submission, is_anonymous)
            )
        except (InvalidSubmission, KeyError, ValueError):
            db.session.rollback()
            return None
        self.submitted_anonymously = is_anonymous
        item = submitted.item
        # A repeat (the same final request at the same instant) finds the item without its
        # secret, of which only the digest is stored: an empty secret, the engine says so.
        return Receipt(item.reference, item.issued_secret or "")

    def submitted_reference(self) -> str | None:
        """The reference of the item this USSD session submitted, if it did."""
        item = find_submitted(self.workspace, self.token)
        return item.reference if item else None

    def _add(self, submission: Submission, is_anonymous: bool) -> Feedback:
        """The item and, for an anonymous one, its number-less reference SMS: one transaction."""
        item = add_feedback(self.workspace, submission, token=self.token)
        if is_anonymous:
            _text_reference(item, self.session_id)
        return item

    def _submission(self, answers: dict[str, Any], lang: str, is_anonymous: bool) -> Submission:
        """The service's Submission from the conversation's answers."""
        return Submission(
            type=FeedbackType(answers["type"]),
            complainant_type=ComplainantType.ANONYMOUS if is_anonymous else ComplainantType.CITIZEN,
            channel=Channel.USSD,
            institution_id=int(answers["institution_id"]),
            description=str(answers["description"]),
            language=lang,
            phone=None if is_anonymous else self.phone,
        )


def _contains(word: str) -> sa.ColumnElement[bool]:
    """Case-insensitive 'contains' on the names and code, with LIKE wildcards escaped."""
    pattern = like_pattern(word)
    return sa.or_(
        *(c.ilike(pattern, escape=LIKE_ESCAPE) for c in (Institution.name_sw, Institution.name_en)),
        Institution.code.ilike(pattern, escape=LIKE_ESCAPE),
    )


def latest_reply(item: Feedback) -> str | None:
    """The text of the item's latest public event that has one (a reply or a question)."""
    return db.session.scalar(
        sa.select(FeedbackEvent.text)
        .where(
            FeedbackEvent.feedback_id == item.id,
            FeedbackEvent.is_public.is_(True),
            FeedbackEvent.text != "",
        )
        .order_by(FeedbackEvent.at.desc(), FeedbackEvent.id.desc())
        .limit(1)
    )


def _text_reference(item: Feedback, session_id: str) -> None:
    """Text an anonymous item's reference to the handset: no number, no item id is stored.

    The caller commits (with the item, so a crash loses neither or both).
    """
    body = sms.notice_text(Action.SUBMIT, item)
    if body:
        sms.queue_sms(item.workspace_id, "", body, None, item.updated_at, session_id)
