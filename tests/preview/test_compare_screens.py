"""The side-by-side renderers of transfer-acceptance and rating-and-appeal: both sides drawn,
from the walkthrough's items, and what each side shows differs once the solution is played."""

from __future__ import annotations

import pytest

from sandbox.proposals.enums import Side
from sandbox.services.preview import pairs, walkthroughs
from sandbox.services.preview.proposals import proposal_by_key
from sandbox.services.preview.screens import compare
from sandbox.services.training.attempts import placed_of
from sandbox.services.training.replay import replay
from tests.preview.test_views import joined, post  # noqa: F401  (fixture)


@pytest.fixture
def play(stakeholder, proposals):
    """Factory: a proposal's pair, its walkthrough begun (and if asked solved) on both sides."""

    def make(key: str, solve: bool):
        proposal = proposal_by_key(key)
        pair = pairs.ensure_pair(stakeholder.user, proposal)
        scenario = walkthroughs.walkthrough_of(proposal)
        for side in Side:
            attempt = walkthroughs.begin_walkthrough(stakeholder.user, pair, side)
            if solve:
                done = replay(
                    pair.workspace(side), stakeholder.user, placed_of(attempt), scenario.solution
                )
                assert [r.refusal for r in done if r.refusal] == [], side
        return {c.name: c for c in compare(pair, stakeholder.user, "en")}

    return make


def test_transfer_is_drawn_on_both_sides_with_each_sides_rule(play):
    shown = play("transfer-acceptance", solve=False)["transfer"]
    assert not shown.skipped
    before, after = shown.sides[Side.BEFORE], shown.sides[Side.AFTER]
    assert before["needs_acceptance"] is False and after["needs_acceptance"] is True
    assert len(before["items"]) == len(after["items"]) == 1  # the walkthrough's item
    assert before["items"][0]["at"] == after["items"][0]["at"]


def test_after_a_transfer_the_item_moved_before_and_waits_after(play):
    shown = play("transfer-acceptance", solve=True)["transfer"]
    (before,), (after,) = shown.sides[Side.BEFORE]["items"], shown.sides[Side.AFTER]["items"]
    assert before["awaiting"] == "" and before["status"] != after["status"]
    assert after["awaiting"] and after["awaiting"] == before["at"]  # TANESCO: there vs asked
    assert after["at"] != before["at"]


def test_rating_after_the_answer_is_offered_only_on_the_after_side(play):
    shown = play("rating-and-appeal", solve=True)["rating"]
    before, after = shown.sides[Side.BEFORE], shown.sides[Side.AFTER]
    assert before["offered"] is False and after["offered"] is True
    (off,), (on,) = before["items"], after["items"]
    assert off["status"] == on["status"] == "Closed"
    assert (off["can_rate"], off["can_appeal"]) == (False, False)
    assert on["can_rate"] is True


def test_the_compare_page_shows_both_new_screens(client, joined, proposals):  # noqa: F811
    for key, name in (("transfer-acceptance", "transfer"), ("rating-and-appeal", "rating")):
        post(client, f"/preview/proposals/{key}/walkthrough/before")
        post(client, f"/preview/proposals/{key}/walkthrough/after")
        page = client.get(f"/preview/proposals/{key}/compare").get_data(as_text=True)
        assert "cannot be drawn side by side" not in page
        for side in ("before", "after"):
            assert f'data-testid="compare-{name}-{side}"' in page
    client.get("/lang/en")
    page = client.get("/preview/proposals/rating-and-appeal/compare").get_data(as_text=True)
    assert "offers no rating and no appeal" in page and "offers the citizen a rating" in page
    page = client.get("/preview/proposals/transfer-acceptance/compare").get_data(as_text=True)
    assert "A transfer is immediate" in page and "A transfer is a request" in page


def test_you_are_here_marks_only_the_side_of_this_proposal(stakeholder, proposals):
    from sandbox.services.preview.pages import proposal_page

    user = stakeholder.user
    for key in ("transfer-acceptance", "rating-and-appeal"):
        pairs.ensure_pair(user, proposal_by_key(key))
    pairs.work_in(user, pairs.pair_of(user, proposal_by_key("rating-and-appeal")), Side.AFTER)
    assert proposal_page(user, "rating-and-appeal").current_side is Side.AFTER
    assert proposal_page(user, "transfer-acceptance").current_side is None
