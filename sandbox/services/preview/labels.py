"""What people read for a proposal's screens and walkthrough steps (never their ids).

A screen is named by its label (``proposals.schema.SCREEN_LABELS``); a step by its own
instruction in the walkthrough file, first sentence, shortened to ``STEP_LABEL_LENGTH``
characters, in the reader's language. The ids stay what data, rows and the CSV's id
column keep.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
import yaml

from sandbox.extensions import db
from sandbox.models.proposal import Proposal, WalkthroughStep
from sandbox.proposals.schema import SCREEN_LABELS, screen_label
from sandbox.scenarios.loader import SCENARIOS_DIR

WALKTHROUGHS = SCENARIOS_DIR / "walkthroughs"
STEP_LABEL_LENGTH = 70


@cache
def _walkthrough_file_steps(path: Path, stamp: float) -> tuple[tuple[str, str, str], ...]:
    """(id, Swahili, English instruction) of a walkthrough file's steps (once per version)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    steps = data.get("steps", []) if isinstance(data, dict) else []
    return tuple(_step_words(s) for s in steps if isinstance(s, dict) and "id" in s)


def _step_words(step: dict) -> tuple[str, str, str]:
    """A step's id and its instruction in both languages ("" where missing)."""
    said = step.get("instruction")
    said = said if isinstance(said, dict) else {}
    return str(step["id"]), str(said.get("sw") or ""), str(said.get("en") or "")


def _file_steps(proposal: Proposal) -> tuple[tuple[str, str, str], ...]:
    """The proposal's walkthrough file's steps (none when it has no readable file)."""
    path = WALKTHROUGHS / f"{proposal.walkthrough}.yaml"
    if not proposal.walkthrough or not path.is_file():
        return ()
    try:
        return _walkthrough_file_steps(path, path.stat().st_mtime)
    except (OSError, yaml.YAMLError):
        return ()


def walkthrough_steps(proposal: Proposal) -> tuple[str, ...]:
    """The walkthrough's step ids in order: its file's, then any recorded only in rows."""
    found = [step_id for step_id, _, _ in _file_steps(proposal)]
    recorded = db.session.scalars(
        sa.select(WalkthroughStep.step)
        .where(WalkthroughStep.proposal_id == proposal.id)
        .group_by(WalkthroughStep.step)
        .order_by(sa.func.min(WalkthroughStep.id))
    )
    return tuple(dict.fromkeys([*found, *recorded]))


def shortened(text: str, limit: int = STEP_LABEL_LENGTH) -> str:
    """The first sentence of ``text``, cut at a word within ``limit`` characters (…)."""
    first = text.strip().split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def choice_labels(proposal: Proposal, language: str) -> dict[str, str]:
    """What people read for each screen and step id of the proposal, in ``language``: a
    screen's label, a step's own instruction shortened (an id no file explains: as is)."""
    labels = {name: screen_label(name, language) for name in SCREEN_LABELS}
    for step_id, sw, en in _file_steps(proposal):
        said = en if language == "en" else sw
        labels[step_id] = shortened(said or sw or en) or step_id
    return labels
