"""Response templates (majibu ya kawaida): global ones from YAML, an institution's own ones,
and filling their placeholders. Placeholders are {reference}, {institution}, {deadline} —
never any part of the complainant's identity.
"""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa
import yaml

from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.models.desk import ResponseTemplate, Situation
from sandbox.workflow import FeedbackType

TEMPLATES_FILE = Path(__file__).resolve().parents[3] / "seed_data" / "response_templates.yaml"
PLACEHOLDER = re.compile(r"\{(reference|institution|deadline)\}")
MAX_TEXT = 2000


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
    """Load the global templates once, the first time the desk needs them."""
    if db.session.scalar(sa.select(ResponseTemplate.id).limit(1)) is None:
        load_response_templates()


def templates_for(
    workspace: Workspace, institution_id: int | None, feedback_type: FeedbackType | None = None
) -> list[ResponseTemplate]:
    """Global templates plus the institution's own in this workspace, for one type (or all)."""
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


def add_template(
    workspace: Workspace,
    user: User,
    *,
    situation: Situation,
    feedback_type: FeedbackType | None,
    title_sw: str,
    title_en: str,
    text_sw: str,
    text_en: str,
) -> ResponseTemplate:
    """Add the user's institution's own template in this workspace."""
    count = db.session.scalar(
        sa.select(sa.func.count(ResponseTemplate.id)).where(
            ResponseTemplate.workspace_id == workspace.id
        )
    )
    template = ResponseTemplate(
        workspace_id=workspace.id,
        institution_id=user.institution_id,
        code=f"own-{count + 1}",
        feedback_type=feedback_type,
        situation=situation,
        title_sw=title_sw.strip()[:120],
        title_en=title_en.strip()[:120],
        text_sw=text_sw.strip()[:MAX_TEXT],
        text_en=text_en.strip()[:MAX_TEXT],
    )
    db.session.add(template)
    db.session.commit()
    return template
