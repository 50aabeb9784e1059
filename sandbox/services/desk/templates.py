"""Response templates (majibu ya kawaida): global ones from YAML, an institution's own ones,
filling their placeholders, and keeping an institution's own ones safe to send.
Placeholders are {reference}, {institution}, {deadline} — never any part of the
complainant's identity. An own template is refused when it has any other placeholder or
any personal data (the reply check's ``personal_data_in``: a phone, an e-mail, a name), and
only the templates whose situation fits an action are offered under it (``SITUATIONS_FOR``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import sqlalchemy as sa
import yaml

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.models.desk import ResponseTemplate, Situation
from sandbox.services.desk.confidentiality import personal_data_in
from sandbox.workflow import Action, BilingualError, FeedbackType

TEMPLATES_FILE = Path(__file__).resolve().parents[3] / "seed_data" / "response_templates.yaml"
PLACEHOLDER = re.compile(r"\{(reference|institution|deadline)\}")
ANY_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
KNOWN_PLACEHOLDERS = frozenset({"reference", "institution", "deadline"})
MAX_TEXT = 2000
MAX_TITLE = 120

# Which situations' templates fit under each reply action: a question is not an answer, and
# an interim reply must not be sent as the final one.
SITUATIONS_FOR: Mapping[Action, frozenset[Situation]] = MappingProxyType(
    {
        Action.REQUEST_INFO: frozenset({Situation.REQUEST_INFO}),
        Action.RESPOND: frozenset({Situation.ANSWER, Situation.THANKS, Situation.SUGGESTION_NOTED}),
    }
)


class InvalidTemplate(BilingualError, ValueError):
    """A template text that could reach a citizen unsafely; ``field`` names the text."""

    def __init__(self, field: str, message_sw: str, message_en: str) -> None:
        """Remember which field is wrong, and why in both languages."""
        super().__init__(message_sw, message_en)
        self.field = field


class TemplateNotFound(LookupError):
    """Not one of this user's institution's own templates in this workspace (views: 404)."""


@dataclass(frozen=True)
class TemplateDraft:
    """What an officer writes for an own template, in both languages."""

    situation: Situation
    feedback_type: FeedbackType | None
    title_sw: str
    title_en: str
    text_sw: str
    text_en: str


def template_problem(text: str, *, is_title: bool = False) -> tuple[str, str] | None:
    """Why a template text is unsafe (Swahili, English), or None when it may be saved."""
    unknown = sorted(set(ANY_PLACEHOLDER.findall(text or "")) - KNOWN_PLACEHOLDERS)
    if unknown and not is_title:
        shown = ", ".join("{" + name + "}" for name in unknown)
        return (
            f"Kishika nafasi {shown} hakijulikani. Tumia {{reference}}, {{institution}} "
            "au {deadline} tu.",
            f"Unknown placeholder {shown}. Use only {{reference}}, {{institution}} "
            "or {deadline}.",
        )
    found = personal_data_in(text or "")
    if found:
        kinds_sw = ", ".join(m.label_sw for m in found)
        kinds_en = ", ".join(m.label_en for m in found)
        return (
            f"Kiolezo kina {kinds_sw}. Kiolezo hakiwi na jina, namba ya simu wala barua pepe.",
            f"The template contains {kinds_en}. A template never holds a name, phone number "
            "or e-mail address.",
        )
    return None


def check_template(draft: TemplateDraft) -> None:
    """Refuse a draft with an unknown placeholder or personal data (InvalidTemplate)."""
    for field in ("title_sw", "title_en", "text_sw", "text_en"):
        problem = template_problem(getattr(draft, field), is_title=field.startswith("title"))
        if problem is not None:
            raise InvalidTemplate(field, *problem)


def read_template_file(path: Path | str | None = None) -> list[dict]:
    """The template entries of the YAML file, checked for both languages."""
    entries = yaml.safe_load(Path(path or TEMPLATES_FILE).read_text(encoding="utf-8"))
    for entry in entries:
        missing = {"code", "situation", "title_sw", "title_en", "sw", "en"} - set(entry)
        if missing:
            raise ValueError(f"template {entry.get('code')!r} lacks {sorted(missing)}")
    return entries


def load_response_templates(path: Path | str | None = None) -> int:
    """Create or refresh the global templates from YAML (idempotent); returns how many are new."""
    existing = {
        t.code: t
        for t in db.session.scalars(
            sa.select(ResponseTemplate).where(ResponseTemplate.workspace_id.is_(None))
        )
    }
    added = 0
    for entry in read_template_file(path):
        template = existing.get(entry["code"])
        if template is None:
            template = ResponseTemplate(code=entry["code"])
            db.session.add(template)
            added += 1
        _copy_entry(template, entry)
    db.session.commit()
    return added


def _copy_entry(template: ResponseTemplate, entry: dict) -> None:
    """Copy one YAML entry onto a template row."""
    kind = entry.get("feedback_type")
    template.feedback_type = FeedbackType(kind) if kind else None
    template.situation = Situation(entry["situation"])
    template.title_sw, template.title_en = entry["title_sw"], entry["title_en"]
    template.text_sw, template.text_en = entry["sw"].strip(), entry["en"].strip()


def ensure_response_templates() -> None:
    """Load the global templates once, the first time the desk needs them (an own template
    made before that does not count as loaded)."""
    standard = sa.select(ResponseTemplate.id).where(ResponseTemplate.workspace_id.is_(None))
    if db.session.scalar(standard.limit(1)) is None:
        load_response_templates()


def templates_for(
    workspace: Workspace,
    institution_id: int | None,
    feedback_type: FeedbackType | None = None,
    action: Action | None = None,
) -> list[ResponseTemplate]:
    """Global templates plus the institution's own in this workspace, for one type (or all)
    and, given an action, only those whose situation fits it."""
    ensure_response_templates()
    own = sa.and_(
        ResponseTemplate.workspace_id == workspace.id,
        ResponseTemplate.institution_id == institution_id,
    )
    query = sa.select(ResponseTemplate).where(sa.or_(ResponseTemplate.workspace_id.is_(None), own))
    if feedback_type is not None:
        query = query.where(
            sa.or_(
                ResponseTemplate.feedback_type.is_(None),
                ResponseTemplate.feedback_type == feedback_type,
            )
        )
    if action is not None:
        query = query.where(ResponseTemplate.situation.in_(SITUATIONS_FOR.get(action, ())))
    order = (
        ResponseTemplate.workspace_id.is_not(None),
        ResponseTemplate.situation,
        ResponseTemplate.code,
    )
    return list(db.session.scalars(query.order_by(*order)))


def fill(text: str, reference: str, institution: str, deadline: str) -> str:
    """The text with its known placeholders replaced; anything else is left as written."""
    values = {"reference": reference, "institution": institution, "deadline": deadline}
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def filled_text(template: ResponseTemplate, item: Feedback, lang: str) -> str:
    """A template's text for this item, in ``lang``, ready to edit."""
    return fill(
        template.text(lang),
        reference=item.reference,
        institution=item.institution.name(lang),
        deadline=f"{item.respond_due:%d/%m/%Y}",
    )


def add_template(workspace: Workspace, user: User, draft: TemplateDraft) -> ResponseTemplate:
    """Add the user's institution's own template in this workspace, once it is safe."""
    check_template(draft)
    count = db.session.scalar(
        sa.select(sa.func.count(ResponseTemplate.id)).where(
            ResponseTemplate.workspace_id == workspace.id
        )
    )
    template = ResponseTemplate(
        workspace_id=workspace.id, institution_id=user.institution_id, code=f"own-{count + 1}"
    )
    _copy_draft(template, draft)
    db.session.add(template)
    db.session.commit()
    return template


def own_template(workspace: Workspace, user: User, template_id: int) -> ResponseTemplate:
    """One of the user's institution's own templates here (never a standard one)."""
    template = db.session.scalar(
        sa.select(ResponseTemplate).where(
            ResponseTemplate.id == template_id,
            ResponseTemplate.workspace_id == workspace.id,
            ResponseTemplate.institution_id.is_not(None),
            ResponseTemplate.institution_id == user.institution_id,
        )
    )
    if template is None:
        raise TemplateNotFound(template_id)
    return template


def update_template(
    workspace: Workspace, user: User, template_id: int, draft: TemplateDraft
) -> ResponseTemplate:
    """Change one of the institution's own templates, once the new text is safe."""
    template = own_template(workspace, user, template_id)
    check_template(draft)
    _copy_draft(template, draft)
    db.session.commit()
    return template


def delete_template(workspace: Workspace, user: User, template_id: int) -> None:
    """Remove one of the institution's own templates (replies already sent keep their text)."""
    db.session.delete(own_template(workspace, user, template_id))
    db.session.commit()


def _copy_draft(template: ResponseTemplate, draft: TemplateDraft) -> None:
    """Copy a checked draft onto a template row, trimmed to the column sizes."""
    template.situation, template.feedback_type = draft.situation, draft.feedback_type
    template.title_sw = draft.title_sw.strip()[:MAX_TITLE]
    template.title_en = draft.title_en.strip()[:MAX_TITLE]
    template.text_sw = draft.text_sw.strip()[:MAX_TEXT]
    template.text_en = draft.text_en.strip()[:MAX_TEXT]
