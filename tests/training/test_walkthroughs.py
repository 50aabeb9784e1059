"""The proposals' walkthroughs (scenarios/walkthroughs/): each solution completes with its
toggle off AND on, through the real services, and the behaviour it shows differs between the
two sides; the trainees' library never lists them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
import yaml

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage
from sandbox.models.ussd import UssdSession
from sandbox.scenarios.loader import SCENARIOS_DIR, lint, load_folder
from sandbox.services.desk.item import needs_input
from sandbox.services.feedback.states import state_of
from sandbox.services.training.checking import check_work
from sandbox.services.training.replay import replay
from sandbox.services.training.setup import apply_setup
from sandbox.services.training.trial import throwaway_workspace
from sandbox.services.workspace.flags import FlagSource, set_flag
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.rules import rules_for
from sandbox.workflow import Action, FeedbackType, Toggle, allowed_actions

WALKTHROUGHS = SCENARIOS_DIR / "walkthroughs"


def _sms_to(item: Feedback) -> list[str]:
    """The outbound texts about the item, oldest first."""
    return list(
        db.session.scalars(
            sa.select(SmsMessage.text)
            .where(SmsMessage.feedback_id == item.id, SmsMessage.direction == "outbound")
            .order_by(SmsMessage.id)
        )
    )


# What each walkthrough makes visible, read after its solution (must differ off vs on).
PROBES = {
    Toggle.STATUS_SMS: lambda ws, item: len(_sms_to(item)),
    Toggle.ROOT_CAUSE_REQUIRED: lambda ws, item: needs_input(
        rules_for(ws), FeedbackType.COMPLAINT, Action.CLOSE, "root_cause"
    ),
    Toggle.TRANSFER_ACCEPTANCE: lambda ws, item: item.status,
    Toggle.RATING_AND_APPEAL: lambda ws, item: (
        Action.RATE in allowed_actions(state_of(item), workspace_now(ws), rules_for(ws))
    ),
    Toggle.TRACKING_DEADLINE: lambda ws, item: "kabla ya" in _sms_to(item)[-1],
    Toggle.USSD_REGION_FIRST: lambda ws, item: _typed_a_name(ws),
}


def _typed_a_name(workspace) -> bool:
    """True when the citizen typed the institution's code into *152*00# (today's path)."""
    stored = db.session.scalars(
        sa.select(UssdSession.state).where(UssdSession.workspace_id == workspace.id)
    )
    return any("DODOMA_CC" in state for state in stored)


def _latest(workspace) -> int:
    """The id of the workspace's newest item (a walkthrough without setup items)."""
    return db.session.scalar(
        sa.select(sa.func.max(Feedback.id)).where(Feedback.workspace_id == workspace.id)
    )


def _file(toggle: Toggle):
    """The walkthrough of a toggle: its value with dashes (scenario ids are slugs)."""
    return WALKTHROUGHS / f"{toggle.value.replace('_', '-')}.yaml"


def _shipped_proposals() -> list[dict]:
    return yaml.safe_load((SCENARIOS_DIR.parent / "seed_data" / "proposals.yaml").read_text())


def test_the_walkthroughs_lint_and_exist_for_every_proposed_toggle():
    assert lint(WALKTHROUGHS) == []
    named = {p.get("walkthrough") for p in _shipped_proposals()}
    assert {_file(t).stem for t in PROBES} <= named
    assert set(load_folder(WALKTHROUGHS).scenarios) == named


def test_the_trainees_library_does_not_list_the_walkthroughs():
    listed = set(load_folder(SCENARIOS_DIR).scenarios)
    assert listed and not listed & set(load_folder(WALKTHROUGHS).scenarios)


def _run(toggle: Toggle, enabled: bool):
    """Replay the walkthrough's solution with the toggle set; its outcome and the probe."""
    scenario = load_folder(WALKTHROUGHS).scenarios[_file(toggle).stem]
    assert toggle.value not in {t.value for t in scenario.setup.toggles}
    with throwaway_workspace() as (workspace, trainee):
        set_flag(workspace, toggle, enabled, source=FlagSource.PREVIEW, note="test")
        placed = apply_setup(workspace, trainee, scenario)
        replayed = replay(workspace, trainee, placed, scenario.solution)
        outcome = check_work(workspace, trainee, scenario, placed)
        item = db.session.get(Feedback, placed.items.get("A") or _latest(workspace))
        probe = PROBES[toggle](workspace, item)
    return replayed, outcome, probe


@pytest.mark.parametrize("toggle", list(PROBES), ids=lambda t: t.value)
def test_each_solution_completes_on_both_sides_and_the_behaviour_differs(app_ctx, toggle):
    seen = {}
    for enabled in (False, True):
        replayed, outcome, probe = _run(toggle, enabled)
        assert [r.refusal for r in replayed if r.refusal] == [], (toggle, enabled)
        assert outcome.completed and outcome.score == 1.0, (toggle, enabled)
        seen[enabled] = probe
    assert seen[False] != seen[True]


def test_every_proposal_of_the_seed_data_names_a_toggle_and_its_walkthrough():
    proposals = _shipped_proposals()
    walkthroughs = set(load_folder(WALKTHROUGHS).scenarios)
    toggles = [Toggle(p["toggle"]) for p in proposals]
    assert len(set(toggles)) == len(toggles) and set(PROBES) <= set(toggles)
    for proposal in proposals:
        assert proposal.get("walkthrough", next(iter(walkthroughs))) in walkthroughs
        for name in ("asked_by", "title", "summary", "problem", "changes"):
            assert proposal[name]["sw"].strip() and proposal[name]["en"].strip(), name
        assert proposal[name]["sw"] != proposal[name]["en"]
