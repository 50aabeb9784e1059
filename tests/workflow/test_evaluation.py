"""Evaluating a toggle with a context gives its value and why (OpenFeature's shape)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sandbox.workflow import BASE_RULES, Role, Status
from sandbox.workflow.evaluation import (
    REASON_DEFAULT,
    REASON_TARGETING_MATCH,
    EvaluationContext,
    FlagSource,
    StoredFlag,
    resolve,
    resolve_all,
)
from sandbox.workflow.toggles import AUDIENCES, DESCRIPTIONS, Toggle
from sandbox.workflow.tracking import citizen_deadline

from .factories import state_in

OFFICER = EvaluationContext("t123", "trainee", role=Role.OFFICER, institution="DODOMA_CC")
SET_AT = datetime(2026, 11, 30, 10, 5)


def test_a_toggle_never_switched_is_its_default_for_every_workspace():
    r = resolve(Toggle.STATUS_SMS, None, OFFICER)
    assert (r.value, r.reason, r.source) == (False, REASON_DEFAULT, FlagSource.DEFAULT)
    assert r.sentence("en") == "Off: the default for every workspace."
    assert r.sentence("sw") == "Imezimwa: chaguo-msingi la kila eneo la kazi."
    assert r.is_default and r.set_at is None


def test_a_stored_row_is_a_targeting_match_naming_who_why_and_when():
    stored = StoredFlag(True, FlagSource.PREVIEW, "status-sms v1, after", SET_AT)
    r = resolve(Toggle.STATUS_SMS, stored, OFFICER)
    assert (r.value, r.reason, r.source) == (True, REASON_TARGETING_MATCH, FlagSource.PREVIEW)
    assert r.sentence("en") == (
        "On in this workspace: set by the preview of a proposal (status-sms v1, after) "
        "on 30/11/2026."
    )
    assert r.sentence("sw").startswith("Imewashwa katika eneo hili: imewekwa na jaribio")
    assert not r.is_default


def test_a_row_repeating_the_default_still_says_who_chose_it():
    r = resolve(Toggle.AUTO_ESCALATION, StoredFlag(True, FlagSource.FACILITATOR), OFFICER)
    assert r.reason == REASON_TARGETING_MATCH and r.is_default
    assert "set by a facilitator" in r.sentence("en")


def test_the_reader_shapes_the_explanation_never_the_value():
    stored = {Toggle.TRACKING_DEADLINE: StoredFlag(True, FlagSource.ADMIN)}
    officer = resolve_all(stored, OFFICER)
    leader = resolve_all(stored, EvaluationContext("t123", role=Role.LEADER, language="en"))
    assert [r.value for r in officer] == [r.value for r in leader]
    by_toggle = {r.toggle: r for r in officer}
    assert not by_toggle[Toggle.TRACKING_DEADLINE].affects_reader  # the citizen sees it
    assert by_toggle[Toggle.TRACKING_DEADLINE].meets_citizen
    assert by_toggle[Toggle.ROOT_CAUSE_REQUIRED].affects_reader


def test_every_toggle_has_both_descriptions_and_an_audience():
    for toggle in Toggle:
        sw, en = DESCRIPTIONS[toggle]
        assert len(sw) > 80 and len(en) > 80 and sw != en
        assert AUDIENCES[toggle]
    assert [r.toggle for r in resolve_all({}, OFFICER)] == list(Toggle)


def test_an_unknown_stored_source_reads_as_a_system_command():
    assert FlagSource.of("gremlins") is FlagSource.MANUAL
    assert FlagSource.of("preview") is FlagSource.PREVIEW


def test_the_citizens_deadline_line_follows_the_item_and_the_toggle():
    on = replace(BASE_RULES, toggles=BASE_RULES.toggles | {Toggle.TRACKING_DEADLINE})
    state = state_in(Status.IN_PROGRESS)
    day = state.respond_due.strftime("%d/%m/%Y")
    before, after = state.respond_due.replace(hour=8), state.respond_due + timedelta(days=3)
    assert citizen_deadline(state, before, BASE_RULES) is None
    assert citizen_deadline(state, before, on) == (
        f"Jibu linatarajiwa kabla ya {day}.",
        f"A response is due by {day}.",
    )
    assert citizen_deadline(state, after, on)[1] == f"A response was due by {day}; it is late."
    assert "Muda umesimama" in citizen_deadline(state_in(Status.AWAITING_CITIZEN), after, on)[0]
    assert citizen_deadline(state_in(Status.RESPONDED), after, on) is None
