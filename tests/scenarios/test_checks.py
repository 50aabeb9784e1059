"""Every check type passes on a view that fits and fails on one that does not, naming the
item and saying what was expected and found; the registry refuses unknown params."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from sandbox.scenarios.checks import CHECKS, evaluate
from sandbox.scenarios.view import Actor, Identity, Reveal, Sms, Template, Tracking
from sandbox.workflow import (
    Action,
    Channel,
    ComplainantType,
    EscalationLevel,
    FeedbackType,
    Resolution,
    Status,
)
from tests.scenarios.factories import DUE_ACK, T0, event

A = Action
REPLY = "Tumepokea lalamiko lako; suala linachunguzwa na hatua zitachukuliwa."
THANKS = "Asante kwa pongezi zako MRJ-T-2026-000001. Dodoma imezipokea."

# type: (params, item fields that pass, item fields that fail)
ITEM_CASES = {
    "item_status": (
        {"status": ["acknowledged", "assigned"]},
        {"status": Status.ASSIGNED},
        {"status": Status.RECEIVED},
    ),
    "item_type_is": (
        {"type": "compliment"},
        {"type": FeedbackType.COMPLIMENT},
        {"type": FeedbackType.COMPLAINT},
    ),
    "transferred_to": (
        {"institution": "TANESCO"},
        {"events": (event(A.TRANSFER_REQUEST, institution="TANESCO"),)},
        {"events": (event(A.TRANSFER_REQUEST, institution="RUWASA"),)},
    ),
    "closed_with_resolution": (
        {"resolution": "compliment_acknowledged"},
        {"status": Status.CLOSED, "resolution": Resolution.COMPLIMENT_ACKNOWLEDGED},
        {"status": Status.CLOSED, "resolution": Resolution.RESOLVED},
    ),
    "escalated_to": (
        {"level": "head"},
        {"escalation_level": EscalationLevel.LEADER},
        {"escalation_level": EscalationLevel.NONE},
    ),
    "acknowledged_before_deadline": (
        {},
        {"events": (event(A.ACKNOWLEDGE),)},
        {"events": (event(A.ACKNOWLEDGE, hours=24 * 12),)},
    ),
    "paused_and_resumed": (
        {},
        {"events": (event(A.REQUEST_INFO), event(A.CITIZEN_REPLIED, Actor.CITIZEN, hours=2))},
        {"events": (event(A.REQUEST_INFO),), "paused_since": T0},
    ),
    "event_within_working_days": (
        {"action": "acknowledge", "days": 3},
        {"events": (event(A.ACKNOWLEDGE, hours=48),)},
        {"events": (event(A.ACKNOWLEDGE, hours=24 * 7),)},
    ),
    "event_happened": (
        {"action": "note", "text": ["mita", "meter"]},
        {"events": (event(A.NOTE, text="Nimekagua MITA ya maji."),)},
        {"events": (event(A.NOTE, Actor.STAFF, text="Nimekagua mita ya maji."),)},
    ),
    "event_not_happened": (
        {"action": "reject", "by": None},
        {"events": (event(A.ACKNOWLEDGE),)},
        {"events": (event(A.REJECT, Actor.STAFF),)},
    ),
    "events_in_order": (
        {"actions": ["request_info", "respond"]},
        {"events": (event(A.REQUEST_INFO), event(A.NOTE), event(A.RESPOND, hours=3))},
        {"events": (event(A.RESPOND), event(A.REQUEST_INFO, hours=3))},
    ),
    "returned_with_reason": (
        {"min_length": 15, "text": ["TARURA"]},
        {"events": (event(A.TRANSFER_RETURN, text="Barabara hii ni ya TARURA, si yetu."),)},
        {"events": (event(A.TRANSFER_RETURN, text="Si yetu."),)},
    ),
    "directive_acted_on": (
        {"actions": ["respond"]},
        {"events": (event(A.DIRECTIVE, Actor.LEADER), event(A.RESPOND, hours=2))},
        {"events": (event(A.RESPOND), event(A.DIRECTIVE, Actor.LEADER, hours=2))},
    ),
    "reply_contains": (
        {"text": ["uchunguzi", "investigation", "linachunguzwa"]},
        {"events": (event(A.RESPOND, text=REPLY, is_public=True),)},
        {"events": (event(A.RESPOND, text="Asante.", is_public=True),)},
    ),
    "reply_does_not_contain": (
        {"text": ["si kazi yetu", "not our job"]},
        {"events": (event(A.RESPOND, text=REPLY, is_public=True),)},
        {"events": (event(A.RESPOND, text="Hii SI  kazi yetu!", is_public=True),)},
    ),
    "reply_from_template_edited": (
        {"template": "thanks_compliment"},
        {
            "templates": (Template("thanks_compliment", THANKS),),
            "events": (event(A.RESPOND, text=THANKS + " Wauguzi wamefurahi.", is_public=True),),
        },
        {
            "templates": (Template("thanks_compliment", THANKS),),
            "events": (event(A.RESPOND, text=THANKS.upper(), is_public=True),),
        },
    ),
    "identity_not_revealed": (
        {},
        {"reveals": ()},
        {"reveals": (Reveal(Actor.TRAINEE, "Kujua tu.", T0),)},
    ),
    "identity_revealed_with_reason": (
        {"min_length": 20},
        {"reveals": (Reveal(Actor.TRAINEE, "Kumpigia simu kuhusu eneo la tukio.", T0),)},
        {"reveals": (Reveal(Actor.TRAINEE, "Kujua tu.", T0),)},
    ),
    "no_identity_in_public_replies": (
        {},
        {"events": (event(A.RESPOND, text=REPLY, is_public=True),), "sms": (Sms(REPLY, T0),)},
        {"sms": (Sms("Tutakupigia 0754-321-987.", T0),)},
    ),
    "rejected_with_reason": (
        {"reason": "duplicate", "text": ["MRJ-T-2026-000002", "nakala"]},
        {
            "events": (
                event(
                    A.REJECT,
                    text="Ni nakala ya MRJ-T-2026-000002, tunalishughulikia huko.",
                    detail="rejection:duplicate",
                ),
            )
        },
        {"events": (event(A.REJECT, text="Nakala.", detail="rejection:duplicate"),)},
    ),
    "assigned_to": (
        {"to": "J"},
        {"assignee": "J"},
        {"assignee": "other"},
    ),
    "citizen_tracked": (
        {"channel": "sms"},
        {"trackings": (Tracking(Channel.SMS, T0),)},
        {"trackings": ()},
    ),
}

WALK_IN = {"channel": Channel.WALK_IN, "submitted_by": Actor.TRAINEE, "description": "Soko"}
ANONYMOUS = {"complainant_type": ComplainantType.ANONYMOUS, "identity": None}
# type: (params, created items' fields that pass, that fail)
CREATED_CASES = {
    "walk_in_recorded_with_consent": (
        {"consent": False, "text": ["soko", "market"]},
        [WALK_IN | ANONYMOUS],
        [WALK_IN],
    ),
    "citizen_submission_made": (
        {"channel": "ussd", "institution": "own", "type": "complaint"},
        [{"channel": Channel.USSD}],
        [{"channel": Channel.WEB}, {"channel": Channel.USSD, "institution": "TANESCO"}],
    ),
}


def test_at_least_fifteen_check_types_and_every_one_is_tested_here():
    assert len(CHECKS) >= 15
    assert set(ITEM_CASES) | set(CREATED_CASES) == set(CHECKS)


def _params(kind: str, params: dict, **more):
    return CHECKS[kind].params.model_validate(params | more)


@pytest.mark.parametrize("kind", sorted(ITEM_CASES))
def test_item_check_passes_and_fails(kind, make_item, make_view):
    params, good, bad = ITEM_CASES[kind]
    typed = _params(kind, params, item="A")
    passed = evaluate(kind, typed, make_view(make_item(**good)))
    failed = evaluate(kind, typed, make_view(make_item(**bad)))
    assert passed.passed, passed
    assert not failed.passed, failed
    assert failed.item == "MRJ-T-2026-000001"
    assert failed.expected[0] and failed.expected[1] and failed.found[0] and failed.found[1]
    assert failed.expected != failed.found


@pytest.mark.parametrize("kind", sorted(ITEM_CASES))
def test_item_check_fails_on_a_missing_item(kind, make_view):
    params, _good, _bad = ITEM_CASES[kind]
    got = evaluate(kind, _params(kind, params, item="B"), make_view())
    assert not got.passed
    assert got.item == "B"
    assert got.found == ("kipengele hakipo", "the item is missing")


@pytest.mark.parametrize("kind", sorted(CREATED_CASES))
def test_created_items_check_passes_and_fails(kind, make_item, make_view):
    params, good, bad = CREATED_CASES[kind]
    typed = _params(kind, params)
    passed = evaluate(kind, typed, make_view(created=[make_item(key="", **f) for f in good]))
    failed = evaluate(kind, typed, make_view(created=[make_item(key="", **f) for f in bad]))
    assert passed.passed, passed
    assert passed.item == "MRJ-T-2026-000001"
    assert not failed.passed, failed
    assert not evaluate(kind, typed, make_view()).passed


def test_acknowledgement_by_someone_else_does_not_count_for_the_trainee(make_item, make_view):
    item = make_item(events=(event(A.ACKNOWLEDGE, Actor.STAFF),))
    params = _params("acknowledged_before_deadline", {"item": "A"})
    assert not evaluate("acknowledged_before_deadline", params, make_view(item)).passed
    anyone = _params("acknowledged_before_deadline", {"item": "A", "by": None})
    assert evaluate("acknowledged_before_deadline", anyone, make_view(item)).passed


def test_late_acknowledgement_reports_the_deadline_and_the_time(make_item, make_view):
    late = T0 + timedelta(days=10)
    item = make_item(events=(event(A.ACKNOWLEDGE, hours=240),))
    got = evaluate(
        "acknowledged_before_deadline",
        _params("acknowledged_before_deadline", {"item": "A"}),
        make_view(item),
    )
    assert got.expected[1] == f"acknowledged by {DUE_ACK:%d/%m/%Y}"
    assert got.found[1] == f"{late:%d/%m/%Y %H:%M}"


def test_identity_in_a_reply_names_what_was_exposed(make_item, make_view):
    item = make_item(
        events=(event(A.RESPOND, text="Asante Bi. ASHA, tutakupigia.", is_public=True),),
        identity=Identity("Asha Mwakalinga", "+255754321987"),
    )
    got = evaluate(
        "no_identity_in_public_replies",
        _params("no_identity_in_public_replies", {"item": "A"}),
        make_view(item),
    )
    assert not got.passed
    assert got.found == ("jina", "name")


def test_an_internal_note_with_the_name_is_not_public(make_item, make_view):
    item = make_item(events=(event(A.NOTE, text="Asha Mwakalinga alipiga simu."),))
    params = _params("no_identity_in_public_replies", {"item": "A"})
    assert evaluate("no_identity_in_public_replies", params, make_view(item)).passed


def test_an_internal_note_counts_when_internal_texts_are_asked_for(make_item, make_view):
    item = make_item(events=(event(A.TRANSFER_REQUEST, text="Mlalamikaji ni Asha, 0754321987."),))
    public = _params("no_identity_in_public_replies", {"item": "A"})
    internal = _params("no_identity_in_public_replies", {"item": "A", "internal": True})
    assert evaluate("no_identity_in_public_replies", public, make_view(item)).passed
    got = evaluate("no_identity_in_public_replies", internal, make_view(item))
    assert not got.passed
    assert got.found == ("jina, namba ya simu", "name, phone number")
    said = make_item(
        events=(event(A.CITIZEN_REPLIED, Actor.CITIZEN, text="Mimi ni Asha.", is_public=True),)
    )
    assert evaluate("no_identity_in_public_replies", public, make_view(said)).passed
    assert evaluate("no_identity_in_public_replies", internal, make_view(said)).passed


def test_what_the_citizen_texted_is_not_an_exposure(make_item, make_view):
    item = make_item(sms=(Sms("TANESCO umeme umekatika, mimi Asha 0754321987", T0, inbound=True),))
    params = _params("no_identity_in_public_replies", {"item": "A"})
    assert evaluate("no_identity_in_public_replies", params, make_view(item)).passed


def test_assigned_to_names_the_officers(make_item, make_view):
    params = _params("assigned_to", {"item": "A", "to": "J"})
    view = make_view(make_item(assignee="trainee"), staff={"J": "Zawadi Mushi"})
    got = evaluate("assigned_to", params, view)
    assert not got.passed
    assert got.expected == ("amepangiwa Zawadi Mushi", "assigned to Zawadi Mushi")
    assert got.found == ("amepangiwa wewe mwenyewe", "assigned to yourself")
    anyone = _params("assigned_to", {"item": "A"})
    assert evaluate("assigned_to", anyone, view).passed
    assert not evaluate("assigned_to", anyone, make_view(make_item())).passed


def test_tracking_without_an_item_reads_the_items_made_in_the_attempt(make_item, make_view):
    params = _params("citizen_tracked", {})
    tracked = make_item(key="", trackings=(Tracking(Channel.SMS, T0),))
    assert evaluate(
        "citizen_tracked", params, make_view(created=[make_item(key=""), tracked])
    ).passed
    got = evaluate("citizen_tracked", params, make_view(created=[make_item(key="")]))
    assert not got.passed
    assert got.found == ("haijafuatiliwa", "not tracked")
    assert not evaluate("citizen_tracked", params, make_view()).passed


def test_a_rejection_for_another_reason_fails_naming_both(make_item, make_view):
    text = "Hili ni nakala ya lalamiko MRJ-T-2026-000002 ambalo tunalishughulikia."
    item = make_item(events=(event(A.REJECT, text=text, detail="rejection:abusive"),))
    params = _params("rejected_with_reason", {"item": "A", "reason": "duplicate"})
    got = evaluate("rejected_with_reason", params, make_view(item))
    assert not got.passed
    assert "'Duplicate'" in got.expected[1] and "'Abusive language'" in got.found[1]


def test_a_long_reply_is_shown_by_its_start_and_its_end(make_item, make_view):
    long = THANKS + " " + "maneno " * 20 + "MWISHO WA MANENO YANGU."
    item = make_item(events=(event(A.RESPOND, text=long, is_public=True),))
    params = _params("reply_contains", {"item": "A", "text": ["kitu kingine"]})
    got = evaluate("reply_contains", params, make_view(item))
    assert got.found[1].startswith("'Asante kwa pongezi") and " … " in got.found[1]
    assert got.found[1].endswith("MWISHO WA MANENO YANGU.'")


def test_own_institution_reads_as_the_trainee_s(make_item, make_view):
    item = make_item(events=(event(A.TRANSFER_REQUEST, institution="DODOMA_CC"),))
    params = _params("transferred_to", {"item": "A", "institution": "own"})
    assert evaluate("transferred_to", params, make_view(item)).passed


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("item_status", {"item": "A", "status": "finished"}),
        ("item_status", {"item": "A", "status": "received", "colour": "red"}),
        ("item_status", {"item": "a", "status": "received"}),
        ("event_within_working_days", {"item": "A", "action": "acknowledge", "days": -1}),
        ("reply_contains", {"item": "A", "text": []}),
        ("transferred_to", {"item": "A", "institution": "tanesco"}),
        ("citizen_submission_made", {"channel": "pigeon"}),
    ],
)
def test_params_are_typed(kind, params):
    with pytest.raises(ValidationError):
        CHECKS[kind].params.model_validate(params)


def test_a_template_is_named_as_the_desk_shows_it_not_by_its_code(make_item, make_view):
    """Tester's finding: the message said 'thanks_compliment', a code no screen shows."""
    shown = Template("thanks_compliment", THANKS, "Shukrani kwa pongezi", "Thanks for a compliment")
    item = make_item(
        templates=(shown,), events=(event(A.RESPOND, text=THANKS.upper(), is_public=True),)
    )
    kind = "reply_from_template_edited"
    got = evaluate(
        kind, _params(kind, {"item": "A", "template": "thanks_compliment"}), make_view(item)
    )
    assert not got.passed
    assert "'Shukrani kwa pongezi'" in got.expected[0]
    assert "'Thanks for a compliment'" in got.expected[1]
    assert "thanks_compliment" not in got.expected[0] + got.expected[1]
