"""The simulated SMS gateway: inbound callback (Africa's Talking shape) and the outbox."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request
from flask_login import current_user

from sandbox.access import GATEWAY, key_based, requires
from sandbox.extensions import csrf
from sandbox.services.channels import sms_log
from sandbox.services.channels.sms_inbound import BadInboundSms, parse_inbound, receive_sms
from sandbox.sms.forms import OutboxFilterForm
from sandbox.text import page_number
from sandbox.workflow.permissions import Capability
from sandbox.workspace_routing import current_workspace, workspace_aware

bp = workspace_aware(Blueprint("sms", __name__, url_prefix="/sms", template_folder="templates"))
# A callback carries at most ten SMS parts (1600 characters): anything bigger is refused (413,
# answered in JSON by sandbox/errors.py) before it is read.
MAX_BODY = 16 * 1024


@bp.url_value_preprocessor
def _limit_request_size(endpoint, values) -> None:
    """Runs before the body is read: this blueprint's own size limit."""
    request.max_content_length = MAX_BODY


@bp.post("/inbound")
@csrf.exempt
@key_based(GATEWAY)
def inbound():
    """The gateway's callback for a text sent to the short code."""
    workspace = current_workspace()
    try:
        message = parse_inbound(request.form)
    except BadInboundSms as error:
        return jsonify(status="rejected", error=str(error)), 400
    return jsonify(status="received", action=receive_sms(workspace, message))


@bp.get("/outbox")
@requires(Capability.READ_GATEWAY_LOG, hidden=True)
def outbox():
    """The workspace's SMS log, newest first, filterable by phone (only one's own workspace)."""
    workspace = current_workspace()
    if current_user.workspace_id != workspace.id:
        abort(404)
    form = OutboxFilterForm(request.args)
    phone = form.phone.data if form.validate() else None
    page = sms_log.outbox_page(workspace, phone, page_number(request.args.get("page")))
    return render_template(
        "sms/outbox.html", form=form, page=page, workspace=workspace, is_masked=sms_log.is_masked
    )
