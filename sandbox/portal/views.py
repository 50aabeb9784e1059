"""The citizen web portal (no login): submit, confirm, track, rate, appeal."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from sandbox.access import public
from sandbox.i18n import current_language
from sandbox.limits import reference_action, reference_entry
from sandbox.models import Feedback, InstitutionKind
from sandbox.portal.forms import FeedbackForm, SearchForm
from sandbox.portal.track_forms import AppealForm, RateForm, ReplyForm
from sandbox.services.channels import portal
from sandbox.services.feedback import attachments
from sandbox.services.feedback.lifecycle import (
    FeedbackNotFound,
    InvalidSubmission,
    Submission,
)
from sandbox.services.feedback.queries import regions_for_filter
from sandbox.text import page_number, parse_id
from sandbox.workflow import (
    TRAINING_DEFAULT_NOTICE,
    Channel,
    ComplainantType,
    FeedbackType,
    WorkflowError,
)
from sandbox.workspace_routing import current_workspace, workspace_aware

bp = workspace_aware(
    Blueprint("portal", __name__, url_prefix="/portal", template_folder="templates")
)

# Larger than the 5 MB attachment limit, so an oversized file gets a form error beside the
# field instead of a bare 413 page; only bodies beyond this are cut off (see _too_large).
REQUEST_LIMIT = 25 * 1024 * 1024
PER_PAGE = 20


@bp.url_value_preprocessor
def _limit_request_size(endpoint, values) -> None:
    """Runs before CSRF reads the body: set this blueprint's own size limit."""
    request.max_content_length = REQUEST_LIMIT


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """A body beyond even the request limit: explain, and offer the way back."""
    return render_template("portal/too_large.html"), 413


@bp.get("/")
@public
def index():
    """The landing page: the four kinds of feedback, submit and track."""
    current_workspace()
    return render_template("portal/index.html", types=list(FeedbackType))


@bp.get("/institutions")
@public
def institutions():
    """Search the institutions by name, kind and region, then pick one."""
    current_workspace()
    lang = current_language()
    form = SearchForm(request.args)
    form.fill_choices(lang, regions_for_filter())
    search = _search(form) if form.validate() else portal.InstitutionSearch()
    page = page_number(request.args.get("page"))
    results = portal.search_institutions(search, lang, page, PER_PAGE)
    return render_template("portal/institutions.html", form=form, page=results)


def _search(form: SearchForm) -> portal.InstitutionSearch:
    """The search form as a query; a value not offered is ignored, never an error."""
    kinds = {k.value: k for k in InstitutionKind}
    return portal.InstitutionSearch(
        text=form.q.data or "",
        kind=kinds.get(form.kind.data or ""),
        region_id=parse_id(form.region.data),
    )


@bp.route("/institutions/<int:institution_id>/feedback", methods=["GET", "POST"])
@public
def submit(institution_id: int):
    """The feedback form for one institution; POST-redirect-GET to the confirmation."""
    workspace = current_workspace()
    institution = portal.get_institution(institution_id) or abort(404)
    lang = current_language()
    form = FeedbackForm()
    form.fill_choices(lang, institution, portal.regions_with_districts())
    if form.validate_on_submit():
        try:
            item = portal.submit_from_portal(
                workspace,
                _submission(form, institution.id, lang),
                form.checked_upload,
                form.form_key.data,
            )
        except InvalidSubmission as error:
            form.description.errors.append(error.message(lang))
        else:
            _after_submission(item)
            return redirect(url_for(".confirmation", reference=item.reference))
    status = 422 if form.errors else 200
    return render_template(
        "portal/form.html",
        form=form,
        institution=institution,
        max_bytes=attachments.MAX_ATTACHMENT_BYTES,
    ), status


def _submission(form: FeedbackForm, institution_id: int, lang: str) -> Submission:
    """The validated form as a web submission in the interface language."""
    return Submission(
        type=FeedbackType(form.type.data),
        complainant_type=ComplainantType(form.complainant_type.data),
        channel=Channel.WEB,
        institution_id=institution_id,
        description=form.description.data,
        language=lang,
        category_id=int(form.category.data) if form.category.data else None,
        region_id=int(form.region.data) if form.region.data else None,
        district_id=int(form.district.data) if form.district.data else None,
        name=form.name.data,
        phone=form.phone.data,
        email=form.email.data,
    )


SECRETS_KEPT = 5  # the last few submissions of this browser keep their secret on display


def _after_submission(item: Feedback) -> None:
    """Keep a new item's secret for its confirmation page; a repeated form has none to show.

    Only the secret's digest is stored, so the same form sent again (a retry whose first
    answer was lost, a racing double click) finds the item without it: the page says where
    the secret went instead (docs/CONFIDENTIALITY.md).
    """
    if item.issued_secret:
        _remember_secret(item.reference, item.issued_secret)
    elif item.reference not in session.get("issued_secrets", {}):
        flash(
            _(
                "This form had already been sent: your feedback was received once. Your secret "
                "code was shown after the first sending, and sent by SMS if you gave a phone "
                "number; it cannot be shown again."
            ),
            "info",
        )


def _remember_secret(reference: str, secret: str) -> None:
    """Keep the secret in this browser's signed session only, for its confirmation page."""
    kept = dict(list(session.get("issued_secrets", {}).items())[-(SECRETS_KEPT - 1) :])
    kept[reference] = secret
    session["issued_secrets"] = kept


@bp.get("/submitted/<reference>")
@public
@reference_action
def confirmation(reference: str):
    """The reference number, the secret (to its submitter only), what happens next."""
    item = portal.confirmed(current_workspace(), reference) or abort(404)
    secret = session.get("issued_secrets", {}).get(item.reference)
    response = current_app.make_response(
        render_template(
            "portal/confirmation.html", item=item, secret=secret, notice=TRAINING_DEFAULT_NOTICE
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/track")
@public
@reference_entry
def track():
    """Status, deadlines and public replies for a reference; forms for the citizen's turn."""
    workspace = current_workspace()
    reference = request.args.get("reference", "")[:64]
    item = portal.look_up(workspace, reference) if reference.strip() else None
    elsewhere = (
        portal.where_to_look(workspace, reference) if reference.strip() and not item else None
    )
    return _render_track(reference, item, elsewhere=_track_url(elsewhere, reference))


def _track_url(workspace, reference: str) -> str | None:
    """The tracking page of the workspace that holds the reference (the demo's plain URL)."""
    if workspace is None:
        return None
    if workspace.code == current_app.config["DEMO_WORKSPACE"]:
        return url_for("portal.track", reference=reference)
    return url_for("portal_ws.track", ws_code=workspace.code, reference=reference)


def _render_track(reference: str, item, status: int = 200, refusal: str | None = None, **forms):
    """The tracking page, with any forms that carry the citizen's input and errors."""
    workspace = current_workspace()
    tracked = portal.track(workspace, item) if item is not None else None
    g.return_to = url_for(".track", reference=reference)  # the language switch comes back here
    forms.setdefault("reply_form", ReplyForm(formdata=None))
    forms.setdefault("rate_form", RateForm(formdata=None))
    forms.setdefault("appeal_form", AppealForm(formdata=None))
    return render_template(
        "portal/track.html",
        reference=reference,
        item=tracked,
        refusal=refusal,
        rates=portal.offers_rating(workspace),
        notice=TRAINING_DEFAULT_NOTICE,
        **forms,
    ), status


@bp.post("/track/<reference>/reply")
@public
@reference_action
def reply(reference: str):
    """The citizen answers the institution's question."""
    return _citizen_action(reference, "reply_form", ReplyForm())


@bp.post("/track/<reference>/rate")
@public
@reference_action
def rate(reference: str):
    """The citizen rates the reply (1–5)."""
    return _citizen_action(reference, "rate_form", RateForm())


@bp.post("/track/<reference>/appeal")
@public
@reference_action
def appeal(reference: str):
    """The citizen appeals (asks for the item to be reopened)."""
    return _citizen_action(reference, "appeal_form", AppealForm())


def _citizen_action(reference: str, name: str, form):
    """Validate, apply as "Mwananchi", then redirect; refusals are shown on the page."""
    workspace = current_workspace()
    if not form.validate():
        item = portal.find_by_reference(workspace, reference)
        return _render_track(reference, item, 422, **{name: form})
    try:
        portal.act_as_citizen(workspace, reference, form.secret.data, form.command())
    except FeedbackNotFound:
        return _render_track(reference, None, 404)
    except portal.WrongSecret as error:
        form.secret.errors = [error.message(current_language())]
        item = portal.find_by_reference(workspace, reference)
        return _render_track(reference, item, 403, **{name: form})
    except WorkflowError as error:
        item = portal.find_by_reference(workspace, reference)
        refusal = error.message(current_language())
        return _render_track(reference, item, 409, refusal, **{name: form})
    flash(_("Thank you. The institution has been told."), "success")
    return redirect(url_for(".track", reference=reference))


@bp.get("/attachments/<int:attachment_id>")
@public
def attachment(attachment_id: int):
    """An attachment, only to a signed-in user of this workspace who may see its item."""
    found = attachments.attachment_for_viewer(current_workspace(), current_user, attachment_id)
    if found is None:
        abort(404)
    record, path = found
    response = send_file(
        path,
        mimetype=record.content_type.value,
        download_name=record.filename,
        as_attachment=False,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
