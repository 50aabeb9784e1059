"""Proposals as data: the schema's problems, and the sync into Proposal rows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import User
from sandbox.proposals.enums import ProposalStatus
from sandbox.proposals.loader import ProposalDataError, load_proposals
from sandbox.scenarios.loader import SCENARIOS_DIR, load_folder
from sandbox.services.preview.proposal_editing import create_proposal, edit_proposal, move_proposal
from sandbox.services.preview.proposals import (
    ProposalRefused,
    ProposalText,
    proposal_by_key,
    proposals_in_preview,
    sync_proposals,
)
from sandbox.services.preview.report import proposal_report
from tests.preview.feedback_support import add_answer, make_stakeholder

ENTRY = """
- key: {key}
  version: {version}
  toggle: {toggle}
  walkthrough: auto-escalation
  screens: [desk_item]
  asked_by: {{sw: "Waratibu", en: "Coordinators"}}
  title: {{sw: "{title}", en: "A title"}}
  summary: {{sw: "Muhtasari", en: "Summary"}}
  problem: {{sw: "Tatizo", en: "Problem"}}
  changes: {{sw: "Mabadiliko", en: "Changes"}}
"""


def write(tmp_path, *entries):
    path = tmp_path / "proposals.yaml"
    path.write_text("".join(entries), encoding="utf-8")
    return path


def entry(key="one", version=1, toggle="auto_escalation", title="Kichwa"):
    return ENTRY.format(key=key, version=version, toggle=toggle, title=title)


def test_shipped_proposals_load_and_name_existing_walkthroughs():
    entries = load_proposals()
    assert {"auto-escalation", "reply-identity-warning"} <= {e.key for e in entries}
    walkthroughs = set(load_folder(SCENARIOS_DIR / "walkthroughs").scenarios)
    assert len(entries) >= 6 and {e.walkthrough for e in entries} <= walkthroughs


def test_problems_name_the_field_in_both_languages(tmp_path):
    path = write(tmp_path, entry(toggle="no_such_toggle"), entry(title=""))
    with pytest.raises(ProposalDataError) as raised:
        load_proposals(path)
    text = str(raised.value)
    assert "proposals.yaml: [0].toggle" in text
    assert "proposals.yaml: [1].title.sw" in text
    assert "inatarajiwa" in text and "expected" in text


def test_keys_are_unique_and_walkthroughs_must_exist(tmp_path):
    path = write(tmp_path, entry(), entry())
    with pytest.raises(ProposalDataError, match=r"\[1\]\.key"):
        load_proposals(path)
    with pytest.raises(ProposalDataError, match=r"\[0\]\.walkthrough"):
        load_proposals(write(tmp_path, entry()), walkthroughs=tmp_path)


def test_sync_is_idempotent_and_never_touches_the_decision(app_ctx, tmp_path):
    assert sync_proposals(load_proposals(write(tmp_path, entry()))) == (1, 0)
    proposal = proposal_by_key("one")
    assert proposal.is_code_backed and proposal.status is ProposalStatus.IN_PREVIEW
    proposal.status, proposal.decision_note = ProposalStatus.DEFERRED, "Baadaye"
    db.session.commit()
    assert sync_proposals(load_proposals(write(tmp_path, entry(title="Jipya")))) == (0, 0)
    assert proposal_by_key("one").title_sw == "Kichwa"  # same version: text kept
    assert sync_proposals(load_proposals(write(tmp_path, entry(version=2, title="Jipya")))) == (
        0,
        1,
    )
    proposal = proposal_by_key("one")
    assert (proposal.version, proposal.title_sw) == (2, "Jipya")
    assert (proposal.status, proposal.decision_note) == (ProposalStatus.DEFERRED, "Baadaye")


def test_shipped_sync_puts_code_backed_proposals_in_preview(proposals):
    auto, warning = proposals
    assert auto.toggle == "auto_escalation" and warning.walkthrough == "reply-identity-warning"
    shown = proposals_in_preview()
    assert auto in shown and warning in shown and len(shown) == len(load_proposals())


def test_text_only_proposal_needs_both_languages_and_moves_between_draft_and_preview(
    app_ctx, facilitator
):
    text = ProposalText("Kichwa", "", "Muhtasari", "Summary")
    with pytest.raises(ProposalRefused) as refused:
        create_proposal(text, facilitator)
    assert refused.value.field == "title_en"
    proposal = create_proposal(ProposalText("Kichwa", "SMS in Kiswahili", "M", "S"), facilitator)
    assert (proposal.key, proposal.status) == ("sms-in-kiswahili", ProposalStatus.DRAFT)
    again = create_proposal(ProposalText("Kichwa", "SMS in Kiswahili", "M", "S"), facilitator)
    assert again.key == "sms-in-kiswahili-2"
    assert move_proposal(proposal, ProposalStatus.IN_PREVIEW).status is ProposalStatus.IN_PREVIEW
    proposal.status = ProposalStatus.ACCEPTED
    with pytest.raises(ProposalRefused):
        move_proposal(proposal, ProposalStatus.DRAFT)


def test_editing_a_code_backed_proposal_keeps_its_text_sets_owner(proposals, facilitator):
    auto, _ = proposals
    edit_proposal(auto, ProposalText("X", "X", "X", "X", owner_id=facilitator.id))
    assert auto.title_en == "Automatic escalation of overdue feedback"
    assert auto.owner_id == facilitator.id


def test_the_sync_command_checks_and_writes(runner, app_ctx):
    checked = runner.invoke(args=["proposals", "sync", "--check"])
    count = len(load_proposals())
    assert checked.exit_code == 0 and f"{count} proposals are valid" in checked.output
    assert proposals_in_preview() == []
    written = runner.invoke(args=["proposals", "sync"])
    assert written.exit_code == 0 and f"Added {count}, updated 0" in written.output
    again = runner.invoke(args=["proposals", "sync"])
    assert "Added 0, updated 0" in again.output


def test_an_owner_must_be_an_administrator_or_a_facilitator(app_ctx, facilitator):
    officer = db.session.scalar(sa.select(User).where(User.username == "afisa.dodoma"))
    for owner_id in (999_999, officer.id):
        text = ProposalText("Kichwa", "A title", "M", "S", owner_id=owner_id)
        with pytest.raises(ProposalRefused) as refused:
            create_proposal(text, facilitator)
        assert refused.value.field == "owner"
    made = create_proposal(ProposalText("K", "T", "M", "S", owner_id=facilitator.id), facilitator)
    assert made.owner_id == facilitator.id


def test_changing_an_answered_text_makes_a_new_version(app_ctx, facilitator):
    proposal = create_proposal(ProposalText("SMS kwa Kiswahili", "SMS", "M", "S"), facilitator)
    edit_proposal(proposal, ProposalText("SMS kwa Kiswahili", "SMS", "M2", "S2"))
    assert proposal.version == 1  # nobody answered yet: the same version, corrected
    add_answer(proposal, make_stakeholder("mdau.toleo"), comment="Napenda SMS")
    edit_proposal(proposal, ProposalText("SMS kwa Kiswahili", "SMS", "M2", "S2", owner_id=None))
    assert proposal.version == 1  # the same text again: still the version answered
    edit_proposal(proposal, ProposalText("Ondoa SMS zote", "Remove all SMS", "M3", "S3"))
    assert (proposal.version, proposal.key) == (2, "sms")
    assert proposal_report(proposal.key, 1).report.responded == 1
    assert proposal_report(proposal.key).report.responded == 0


def test_a_form_naming_a_stranger_as_owner_keeps_what_was_typed(client, login_as, demo_world):
    login_as("mwezeshaji")
    data = {"title_sw": "Kichwa", "title_en": "Title", "summary_sw": "M", "summary_en": "S"}
    answer = client.post("/preview/proposals/new", data={**data, "owner": "999999"})
    assert answer.status_code == 422 and "Kichwa" in answer.text
    assert "Chagua mmiliki" in answer.text
