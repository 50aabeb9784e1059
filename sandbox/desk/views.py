"""The feedback list and one item's page (the full officer desk comes with its own issue)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user, login_required

from sandbox.desk.forms import FilterForm
from sandbox.i18n import current_language
from sandbox.services import queries
from sandbox.services.clock import workspace_now
from sandbox.services.states import state_of
from sandbox.services.workspaces import find_workspace
from sandbox.workflow import TANZANIA, Status, is_overdue, working_days_left

bp = Blueprint("desk", __name__, url_prefix="/desk", template_folder="templates")


def _workspace():
    """The signed-in user's workspace (the demo workspace for demo personas)."""
    workspace = current_user.workspace or find_workspace(current_app.config["DEMO_WORKSPACE"])
    if workspace is None:
        abort(404)
    return workspace


@bp.get("/feedback")
@login_required
def feedback_list():
    """The workspace's feedback, filtered and paginated."""
    workspace = _workspace()
    form = FilterForm(request.args)
    form.fill_choices(
        current_language(), queries.institutions_for_filter(), queries.regions_for_filter()
    )
    filters = _filters(form) if form.validate() else queries.FeedbackFilter()
    page = request.args.get("page", 1, type=int) or 1
    items = queries.list_feedback(workspace, filters, max(page, 1), current_app.config["PER_PAGE"])
    return render_template(
        "desk/list.html", form=form, page=items, now=workspace_now(workspace), sla=_sla
    )


@bp.get("/feedback/<int:feedback_id>")
@login_required
def feedback_detail(feedback_id: int):
    """One item: summary, deadlines and its history (identity masked)."""
    workspace = _workspace()
    item = queries.get_feedback(workspace, feedback_id)
    if item is None:
        abort(404)
    return render_template("desk/detail.html", item=item, now=workspace_now(workspace), sla=_sla)


def _filters(form: FilterForm) -> queries.FeedbackFilter:
    """The validated form as a query filter."""
    return queries.FeedbackFilter(
        status=Status(form.status.data) if form.status.data else None,
        type=form.type.data or None,
        institution_id=int(form.institution.data) if form.institution.data else None,
        region_id=int(form.region.data) if form.region.data else None,
        reference=form.reference.data or None,
    )


def _sla(item, now):
    """(is overdue, working days left) for an item on the workspace clock."""
    state = state_of(item)
    return is_overdue(state, now, TANZANIA), working_days_left(state, now, TANZANIA)
