"""The "why is this on?" panel: shown on the desk inbox of a workspace whose toggles differ
from the defaults, in the reader's language; absent where nothing differs."""

from __future__ import annotations

import pytest

from sandbox.services.workspace.flags import FlagSource, explain, set_flag
from sandbox.workflow.behaviour import Toggle
from sandbox.workflow.evaluation import REASON_DEFAULT, REASON_TARGETING_MATCH


def test_no_panel_while_every_toggle_is_at_its_default(client, demo_world, login_as):
    login_as("afisa.dodoma")
    page = client.get("/desk/feedback").get_data(as_text=True)
    assert 'data-testid="why-on"' not in page


@pytest.mark.parametrize(
    ("lang", "summary", "sentence"),
    [
        ("sw", "Kwa nini eneo hili la kazi linafanya kazi hivi?", "Imewashwa katika eneo hili"),
        ("en", "Why does this workspace behave like this?", "On in this workspace: set by"),
    ],
)
def test_the_panel_explains_each_toggle_in_the_readers_language(
    client, demo_world, login_as, lang, summary, sentence
):
    set_flag(demo_world, Toggle.STATUS_SMS, True, source=FlagSource.ADMIN, note="onyesho")
    login_as("afisa.dodoma")
    client.get(f"/lang/{lang}")
    page = client.get("/desk/feedback").get_data(as_text=True)
    assert 'data-testid="why-on"' in page and summary in page
    assert sentence in page and "(onyesho)" in page and "TARGETING_MATCH" in page
    assert 'data-toggle="status_sms" class="why-on-changed"' in page
    assert page.count("data-toggle=") == len(Toggle)


def test_explain_reads_the_rows_of_one_workspace_only(make_workspace, demo_world):
    other = make_workspace("wy2")
    set_flag(demo_world, Toggle.RATING_AND_APPEAL, False, source=FlagSource.FACILITATOR)
    mine = {r.toggle: r for r in explain(demo_world, None)}
    theirs = {r.toggle: r for r in explain(other, None)}
    assert mine[Toggle.RATING_AND_APPEAL].reason == REASON_TARGETING_MATCH
    assert not mine[Toggle.RATING_AND_APPEAL].value
    assert theirs[Toggle.RATING_AND_APPEAL].reason == REASON_DEFAULT
    assert theirs[Toggle.RATING_AND_APPEAL].value


def test_the_context_names_the_workspace_its_kind_the_reader_and_their_cohort(make_workspace):
    from datetime import date

    from sandbox.extensions import db
    from sandbox.services.training.cohorts import create_cohort
    from sandbox.workflow import Role
    from tests.desk.factories import make_user

    shared = make_workspace("kundi1")
    cohort = create_cohort("Warsha ya Kibaha", seed=3, start=date(2026, 11, 9))
    cohort.shared_workspace_id = shared.id
    db.session.commit()
    reader = make_user(shared, "afisa.kibaha", Role.OFFICER, "DODOMA_CC")
    context = explain(shared, reader, "en")[0].context
    assert (context.targeting_key, context.workspace_kind) == ("kundi1", "trainee")
    assert (context.cohort, context.role, context.institution) == (
        "Warsha ya Kibaha",
        Role.OFFICER,
        "DODOMA_CC",
    )
    assert context.language == "en"
    assert explain(make_workspace("peke"), None)[0].context.cohort is None
