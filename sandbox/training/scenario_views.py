"""Scenarios for the signed-in trainee: the list, one scenario, and the panel's POSTs.

Every control is a plain form POST that redirects (no script needed). The panel on every
page comes from ``scenario_panel()`` (a template global). After a trainee's successful POST
in the desk or the channels, ``_check_after_action`` checks the active attempt, so a step
that passes shows at once (a flash and the panel turning green): an ``after_app_request``
hook here rather than a call in each service, because it covers every area a trainee acts
in (desk, walk-in, reveal, portal, phone) without the desk or channel services knowing of
training, and it runs only after the action's own commit.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.i18n import current_language
from sandbox.redirects import local_path
from sandbox.services.training import runner
from sandbox.services.training.attempts import AttemptRefused, open_hint, placed_of
from sandbox.services.training.checking import check_work
from sandbox.services.training.library import scenario_library
from sandbox.training.blueprint import bp
from sandbox.workflow.permissions import Capability, can

ACTING_AREAS = ("desk", "portal", "portal_ws", "ussd", "ussd_ws", "sms", "sms_ws")


def _workspace():
    """The trainee's own workspace (a login without one has no scenarios: 404)."""
    workspace = current_user.workspace
    if workspace is None:
        abort(404)
    return workspace


@bp.get("/training/scenarios")
@requires(Capability.TAKE_SCENARIOS)
def scenarios():
    """The trainee's scenarios by competency: status, score, what unlocks a locked one."""
    library = scenario_library()
    groups = runner.scenario_board(_workspace(), current_user, library)
    return render_template("training/scenarios.html", groups=groups, Status=runner.Status)


@bp.get("/training/scenarios/<scenario_id>")
@requires(Capability.TAKE_SCENARIOS)
def scenario(scenario_id: str):
    """One scenario: briefing, steps with what passed and why not, attempts, debrief."""
    workspace, library = _workspace(), scenario_library()
    try:
        found = runner.scenario_of(library, scenario_id)
    except runner.UnknownScenario:
        abort(404)
    attempts = runner.attempts_by_scenario(workspace, current_user).get(scenario_id, [])
    attempt = attempts[-1] if attempts and attempts[-1].is_current else None
    outcome = None
    if attempt is not None:
        outcome = check_work(
            workspace, current_user, found, placed_of(attempt), attempt.hints_opened
        )
    return render_template(
        "training/scenario.html",
        scenario=found,
        attempt=attempt,
        attempts=attempts,
        outcome=outcome,
        references=runner.references_of(attempt) if attempt else {},
        is_unlocked=runner.is_unlocked(workspace, current_user, library, found),
        active=runner.active_attempt(workspace, current_user),
        row=runner.status_of(attempts)[0],
        Status=runner.Status,
    )


@bp.post("/training/scenarios/<scenario_id>/start")
@requires(Capability.TAKE_SCENARIOS)
def start(scenario_id: str):
    """Start the scenario (again): its setup goes into the trainee's own workspace."""
    try:
        runner.begin_scenario(
            _workspace(), current_user, scenario_library(), scenario_id, _replaces()
        )
    except runner.UnknownScenario:
        abort(404)
    except AttemptRefused as refused:
        flash(refused.message(current_language()), "error")
        return redirect(url_for(".scenario", scenario_id=scenario_id))
    flash(_("Started. The scenario's items are on your desk."), "success")
    return redirect(url_for(".scenario", scenario_id=scenario_id))


def _replaces() -> int | str | None:
    """The attempt the form was shown for ("" for a first start; absent: not said)."""
    typed = request.form.get("replaces")
    if typed is None:
        return runner.UNSAID
    return int(typed) if typed.isdigit() else None


@bp.post("/training/attempts/<int:attempt_id>/check")
@requires(Capability.TAKE_SCENARIOS)
def check(attempt_id: int):
    """ "Check my work": evaluate now, store the result, show which checks passed and why not."""
    try:
        attempt, outcome = runner.check_own(
            _workspace(), current_user, scenario_library(), attempt_id
        )
    except (runner.AttemptNotFound, runner.UnknownScenario):
        abort(404)
    done = sum(1 for s in outcome.steps if s.passed)
    flash(
        _(
            "Checked: %(done)s of %(total)s steps passed, score %(score)s %%.",
            done=done,
            total=len(outcome.steps),
            score=round(outcome.score * 100),
        ),
        "success" if outcome.completed else "info",
    )
    return redirect(url_for(".scenario", scenario_id=attempt.scenario_id, _anchor="results"))


@bp.post("/training/attempts/<int:attempt_id>/hints/<step_id>")
@requires(Capability.TAKE_SCENARIOS)
def hint(attempt_id: int, step_id: str):
    """Open the next hint of a step (recorded; its cost counts only if the step passes)."""
    workspace, library = _workspace(), scenario_library()
    try:
        attempt = runner.own_attempt(workspace, current_user, attempt_id)
        open_hint(attempt, runner.scenario_of(library, attempt.scenario_id), step_id)
    except (runner.AttemptNotFound, runner.UnknownScenario):
        abort(404)
    except AttemptRefused as refused:
        flash(refused.message(current_language()), "error")
    return redirect(_back(attempt.scenario_id))


@bp.post("/training/attempts/<int:attempt_id>/steps/<step_id>/retry")
@requires(Capability.TAKE_SCENARIOS)
def retry(attempt_id: int, step_id: str):
    """Retry one step: the items its checks read are placed again, fresh."""
    try:
        attempt = runner.retry_step(
            _workspace(), current_user, scenario_library(), attempt_id, step_id
        )
    except (runner.AttemptNotFound, runner.UnknownScenario):
        abort(404)
    except AttemptRefused as refused:
        flash(refused.message(current_language()), "error")
        attempt = runner.own_attempt(_workspace(), current_user, attempt_id)
        return redirect(url_for(".scenario", scenario_id=attempt.scenario_id))
    flash(_("The step's items are back as they were at the start. Try again."), "success")
    return redirect(url_for(".scenario", scenario_id=attempt.scenario_id))


@bp.post("/training/attempts/<int:attempt_id>/continue")
@requires(Capability.TAKE_SCENARIOS)
def resume(attempt_id: int):
    """Make this attempt the one the panel shows."""
    try:
        attempt = runner.continue_attempt(_workspace(), current_user, attempt_id)
    except runner.AttemptNotFound:
        abort(404)
    except AttemptRefused as refused:
        flash(refused.message(current_language()), "error")
        return redirect(url_for(".scenarios"))
    return redirect(url_for(".scenario", scenario_id=attempt.scenario_id))


def _back(scenario_id: str) -> str:
    """Where a panel form came from (a same-site path), else the scenario's page."""
    return local_path(request.form.get("next"), url_for(".scenario", scenario_id=scenario_id))


@bp.app_context_processor
def _panel_global():
    """``scenario_panel()`` for the layout: computed only when a page shows it."""
    return {"scenario_panel": scenario_panel}


def scenario_panel():
    """The signed-in trainee's panel (None for anyone else or with no current attempt)."""
    if not _is_trainee():
        return None
    return runner.panel_for(current_user.workspace, current_user, scenario_library())


def _is_trainee() -> bool:
    """A signed-in user who takes scenarios in their own workspace."""
    return (
        current_user.is_authenticated
        and current_user.workspace is not None
        and can(current_user, Capability.TAKE_SCENARIOS)
    )


@bp.after_app_request
def _check_after_action(response):
    """After a trainee's successful POST in the desk or a channel: check the active attempt."""
    if (
        request.method != "POST"
        or response.status_code >= 400
        or request.blueprint not in ACTING_AREAS
        or not _is_trainee()
    ):
        return response
    item_id = (request.view_args or {}).get("feedback_id")
    passed = runner.check_after_action(
        current_user.workspace, current_user, scenario_library(), item_id
    )
    lang = current_language()
    for step in passed:
        flash(_("Step passed: %(step)s", step=step.instruction.text(lang)), "success")
    return response
