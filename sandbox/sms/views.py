"""The simulated SMS gateway: inbound callback (Africa's Talking shape) and the outbox."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from sandbox.access import GATEWAY, key_based, requires
from sandbox.extensions import csrf
from sandbox.i18n import current_language
from sandbox.services.channels import sms_log
from sandbox.services.channels.sms_inbound import BadInboundSms, parse_inbound, receive_sms
from sandbox.services.desk.confidentiality import RevealRefused
from sandbox.sms.forms import RevealPhoneForm
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
        return jsonify(status="rejected", error=f"{error.message_sw} / {error.message_en}"), 400
    return jsonify(status="received", action=receive_sms(workspace, message))


def _own_workspace():
    """The browsed workspace, when it is the reader's own (else 404: not theirs to read)."""
    workspace = current_workspace()
    if current_user.workspace_id != workspace.id:
        abort(404)
    return workspace


@bp.get("/outbox")
@requires(Capability.READ_GATEWAY_LOG, hidden=True)
def outbox():
    """The workspace's SMS log, newest first; numbers masked as on the desk. The address
    without a workspace leads to the reader's own workspace's log (as the menu does)."""
    own = current_user.workspace
    if (
        not g.get("ws_code")
        and own is not None
        and own.code != current_app.config["DEMO_WORKSPACE"]
    ):
        return redirect(url_for("sms_ws.outbox", ws_code=own.code))
    return _render_log()


@bp.post("/outbox/<int:message_id>/reveal")
@requires(Capability.REVEAL_IDENTITY)
def reveal(message_id: int):
    """Show one message's number on this page view, after recording who asked and why."""
    form = RevealPhoneForm()
    if not form.validate():
        return _render_log(reveal_form=form, reveal_id=message_id, status=422)
    try:
        message = sms_log.reveal_phone(_own_workspace(), current_user, message_id, form.reason.data)
    except LookupError:
        abort(404)
    except PermissionError:
        abort(403)
    except RevealRefused as refusal:
        flash(refusal.message(current_language()), "error")
        return _render_log(reveal_form=form, reveal_id=message_id, status=422)
    return _render_log(revealed={message.id: message.phone})


def _render_log(status: int = 200, revealed: dict | None = None, **context):
    """The log page for the current user (never cached: a revealed number may be on it)."""
    workspace = _own_workspace()
    page = sms_log.outbox_page(workspace, current_user, page_number(request.args.get("page")))
    html = render_template(
        "sms/outbox.html",
        page=page,
        workspace=workspace,
        log=sms_log,
        revealed=revealed or {},
        reveal_form=context.pop("reveal_form", None) or RevealPhoneForm(formdata=None),
        **context,
    )
    response = current_app.make_response((html, status))
    response.headers["Cache-Control"] = "no-store"
    return response
