"""USSD *152*00# as an Africa's Talking gateway callback, and the in-browser phone emulator."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    session,
)
from werkzeug.exceptions import NotFound

from sandbox.access import GATEWAY, key_based, public
from sandbox.extensions import csrf
from sandbox.limits import reference_action
from sandbox.services.channels import handset as handsets
from sandbox.services.channels.ussd import BadUssdRequest, handle_ussd, parse_ussd_request
from sandbox.templating import when
from sandbox.workspace_routing import current_workspace, workspace_aware

bp = workspace_aware(Blueprint("ussd", __name__, url_prefix="/ussd", template_folder="templates"))
csrf.exempt(bp)

NO_SERVICE = "END Huduma haipatikani. / Service not available."
# A callback is four short fields and at most 4000 characters of text: anything bigger is
# refused (413, answered as an END screen by sandbox/errors.py) before it is read.
MAX_BODY = 16 * 1024


@bp.url_value_preprocessor
def _limit_request_size(endpoint, values) -> None:
    """Runs before the body is read: this blueprint's own size limit."""
    request.max_content_length = MAX_BODY


DEFAULT_PHONE = "+255712000111"


def _plain(text: str) -> Response:
    """A USSD answer: text/plain, status 200 (the gateway shows any 200 body to the user)."""
    return Response(text, status=200, mimetype="text/plain")


@bp.post("")
@key_based(GATEWAY)
def callback():
    """The gateway's callback: one screen per request, CON … or END …."""
    try:
        workspace = current_workspace()
    except NotFound:
        return _plain(NO_SERVICE)
    try:
        ussd_request = parse_ussd_request(request.form)
    except BadUssdRequest as error:
        return _plain(error.reply())
    return _plain(handle_ussd(workspace, ussd_request))


@bp.get("/phone")
@public
def phone():
    """A drawn feature phone that dials *152*00# against this workspace's callback."""
    workspace = current_workspace()
    return render_template("ussd/phone.html", workspace=workspace, default_phone=DEFAULT_PHONE)


@bp.post("/phone/dial")
@public
def dial():
    """The emulator dials: keep its number in this browser's session, give a USSD session id."""
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()  # the blueprint is exempt for the gateway; this endpoint is the browser's
    workspace = current_workspace()
    key = str(workspace.id)
    stored = handsets.Handset.from_dict(session.get("handsets", {}).get(key))
    try:
        handset, session_id = handsets.dial(workspace, stored, request.form.get("phone", ""))
    except ValueError:
        abort(400)
    session["handsets"] = {**session.get("handsets", {}), key: handset.to_dict()}
    return jsonify(sessionId=session_id, phone=handset.phone)


@bp.post("/phone/sms")
@public
@reference_action  # "FUATILIA <reference>" looks an item up, as the portal's tracking does
def send_sms():
    """The emulator texts the short code 15200 from this browser's phone (the number kept in
    the session, as when dialling): feedback, FUATILIA <reference> or a request for help."""
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()  # the blueprint is exempt for the gateway; this endpoint is the browser's
    workspace = current_workspace()
    key = str(workspace.id)
    stored = handsets.Handset.from_dict(session.get("handsets", {}).get(key))
    text = request.form.get("text", "")
    try:
        handset = handsets.pick_up(workspace, stored, request.form.get("phone", ""))
    except ValueError:
        abort(400)
    if not text.strip():
        abort(400)
    session["handsets"] = {**session.get("handsets", {}), key: handset.to_dict()}
    return jsonify(action=handsets.text_short_code(workspace, handset, text), phone=handset.phone)


@bp.get("/phone/inbox.json")
@public
def inbox():
    """The SMS of the phone dialled in this browser (no parameter can choose another)."""
    workspace = current_workspace()
    stored = handsets.Handset.from_dict(session.get("handsets", {}).get(str(workspace.id)))
    return jsonify([_message_json(m) for m in handsets.inbox(workspace, stored)])


def _message_json(message) -> dict:
    """One SMS as the emulator's inbox shows it (time on the workspace clock)."""
    return {
        "direction": message.direction.value,
        "text": message.text,
        "at": when(message.at),
        "reference": message.feedback.reference if message.feedback else None,
    }
