"""The feedback desk: inbox, item page and its actions, identity reveal.

Views are thin: read the request, call one service, and turn domain errors into a flashed
bilingual message (the form keeps what was typed), a 404 (outside the user's scope) or a
403 (the role may not). Permissions come from ``sandbox.workflow.permissions``.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sandbox.access import requires
from sandbox.desk import intake_views, reveal_views  # noqa: F401  (their routes join this blueprint)
from sandbox.desk.action_forms import FORMS, ActionForm, ReplyForm, make_form
from sandbox.desk.blueprint import bp, current_workspace
from sandbox.desk.forms import InboxForm, RevealForm
from sandbox.i18n import current_language
from sandbox.services.desk import inbox as desk
from sandbox.services.desk import item as desk_item
from sandbox.services.desk.confidentiality import RevealRefused
from sandbox.services.feedback.lifecycle import FeedbackNotFound
from sandbox.services.preview.walkthroughs import record_refusal
from sandbox.text import page_number, parse_id
from sandbox.workflow import Action, Transition, VersionConflict, WorkflowError
from sandbox.workflow.permissions import Capability, can, may_act


@bp.get("/")
@requires(Capability.VIEW)
def index():
    """The desk starts at the inbox."""
    return redirect(url_for(".feedback_list"))


@bp.get("/feedback")
@requires(Capability.VIEW)
def feedback_list():
    """The inbox: tabs with counts, filters, search, order and one page of rows."""
    form = InboxForm(request.args)
    form.fill_choices(current_language(), *desk.filter_choices())
    form.validate()
    page = page_number(request.args.get("page"))
    query = inbox_query(form)
    inbox = desk.read_inbox(
        current_workspace(), current_user, query, page, current_app.config["PER_PAGE"]
    )
    return render_template(
        "desk/inbox.html",
        form=form,
        inbox=inbox,
        tabs=desk.tabs_for(current_user),
        current_tab=query.tab.value,
    )


def inbox_query(form: InboxForm) -> desk.InboxQuery:
    """The valid parts of the inbox form as a query (a bad value is ignored, never a 500)."""

    def ok(field):
        return field.data if field.data not in (None, "") and not field.errors else None

    def as_int(field):
        return parse_id(ok(field))

    def member(enum, field):
        try:
            return enum(ok(field)) if ok(field) is not None else None
        except ValueError:  # blank-ish values pass Optional() without a choice check
            return None

    tab = member(desk.Tab, form.tab)
    return desk.InboxQuery(
        tab=tab if tab in desk.tabs_for(current_user) else desk.Tab.OPEN,
        type=member(desk.FeedbackType, form.type),
        category_id=as_int(form.category),
        channel=member(desk.Channel, form.channel),
        region_id=as_int(form.region),
        date_from=ok(form.date_from),
        date_to=ok(form.date_to),
        search=ok(form.q) or "",
        sort=member(desk.Sort, form.sort),
    )


@bp.get("/feedback/<int:feedback_id>")
@requires(Capability.VIEW)
def feedback_detail(feedback_id: int):
    """One item: summary, masked identity, timeline and the actions this user may take."""
    return render_item(feedback_id)


@bp.post("/feedback/<int:feedback_id>/actions/<action_name>")
@requires(Capability.VIEW)
def act(feedback_id: int, action_name: str):
    """Apply one action; on any refusal show the page again with the form as typed."""
    action = _action_or_404(action_name)
    lang = current_language()
    form = make_form(action, lang, formdata=request.form)
    if isinstance(form, ReplyForm) and form.use_template.data:
        return _with_template(feedback_id, form)
    if not form.validate():
        return render_item(feedback_id, pending=form, status=422)
    confirmed = isinstance(form, ReplyForm) and form.send_anyway.data
    try:
        done = desk_item.perform(
            current_workspace(), current_user, feedback_id, form.command(), confirmed
        )
    except FeedbackNotFound:
        abort(404)
    except desk_item.NotPermitted:
        abort(403)
    except desk_item.IdentityInReply as warning:
        record_refusal(current_user, current_workspace())  # a stakeholder's walkthrough step
        if not warning.may_confirm:
            flash(
                _(
                    "Your role may not see complainants' identity, so a public text from you "
                    "may not contain phone numbers, e-mail addresses or personal names. Remove "
                    "them; the head of the institution can send such a reply."
                ),
                "error",
            )
        return render_item(
            feedback_id,
            pending=form,
            warning=warning.mentions,
            confirmable=warning.may_confirm,
            status=422,
        )
    except VersionConflict as conflict:
        flash(conflict.message(lang), "error")
        return render_item(feedback_id, pending=form, conflict=True, status=409)
    except WorkflowError as refusal:
        record_refusal(current_user, current_workspace())  # a stakeholder's walkthrough step
        flash(refusal.message(lang), "error")
        return render_item(feedback_id, pending=form, status=422)
    flash(_("Done: %(action)s.", action=action.label(lang)), "success")
    return redirect(_after(done, feedback_id))


def _after(done: Transition, feedback_id: int) -> str:
    """Where an action leads: the item, or the list when the item is no longer ours to see."""
    if done.action is Action.TRANSFER_RETURN:  # the item has gone back to its sender
        return url_for(".feedback_list", tab="transferred_in")
    # An immediate transfer sends the item away; accepting a transfer brings it here.
    moved_away = done.after.institution_id != done.before.institution_id
    if done.action is Action.TRANSFER_REQUEST and moved_away:
        return url_for(".feedback_list")
    return url_for(".feedback_detail", feedback_id=feedback_id)


def _action_or_404(name: str) -> Action:
    """The desk action named in the URL (unknown names are not found)."""
    action = next((a for a in FORMS if a.value == name), None)
    if action is None:
        abort(404)
    return action


def _with_template(feedback_id: int, form: ReplyForm):
    """Put the chosen template, filled in, into the reply box (nothing is sent)."""
    try:
        text = desk_item.template_text(
            current_workspace(), current_user, feedback_id, form.action, form.template.data
        )
    except FeedbackNotFound:
        abort(404)
    form.text.data = text or form.text.data
    return render_item(feedback_id, pending=form)


@bp.post("/feedback/<int:feedback_id>/reveal")
@requires(Capability.REVEAL_IDENTITY)
def reveal(feedback_id: int):
    """Show the identity on this one page view, after recording who asked and why."""
    form = RevealForm()
    if not form.validate():
        return render_item(feedback_id, reveal_form=form, status=422)
    try:
        identity = desk_item.reveal(
            current_workspace(), current_user, feedback_id, form.reason.data
        )
    except FeedbackNotFound:
        abort(404)
    except RevealRefused as refusal:
        flash(refusal.message(current_language()), "error")
        return render_item(feedback_id, reveal_form=form, status=422)
    response = render_item(feedback_id, identity=identity)
    response.headers["Cache-Control"] = "no-store"
    return response


def render_item(
    feedback_id: int,
    *,
    pending: ActionForm | None = None,
    status: int = 200,
    **context,
):
    """The item page, with a submitted form kept as typed (and its version made fresh)."""
    try:
        page = desk_item.item_page(current_workspace(), current_user, feedback_id)
    except FeedbackNotFound:
        abort(404)
    if pending is not None and not may_act(current_user, page.item, pending.action):
        abort(403)
    lang = current_language()
    forms = {a: make_form(a, lang, version=page.item.version) for a in page.actions}
    if pending is not None:
        pending.version.data, pending.version.raw_data = page.item.version, [str(page.item.version)]
        if pending.action in forms:
            forms[pending.action] = pending
    fill_item_choices(forms, page, lang)
    html = render_template(
        "desk/item.html",
        page=page,
        item=page.item,
        forms=forms,
        pending=pending,
        reveal_form=context.pop("reveal_form", None) or RevealForm(formdata=None),
        **context,
    )
    return current_app.make_response((html, status))


def fill_item_choices(forms: dict, page, lang: str) -> None:
    """Choices that depend on the item: officers, institutions, templates."""
    if Action.ASSIGN in forms:
        forms[Action.ASSIGN].assignee.choices = [(u.id, u.display_name) for u in page.assignees]
    if Action.TRANSFER_REQUEST in forms:
        forms[Action.TRANSFER_REQUEST].target.choices = [("", _("Choose an institution"))] + [
            (i.id, i.name(lang)) for i in page.institutions
        ]
    for action in (Action.RESPOND, Action.REQUEST_INFO):
        if action in forms:
            forms[action].template.choices = [("", _("Choose a template"))] + [
                (t.id, f"{t.situation.label(lang)}: {t.title(lang)}")
                for t in page.templates.get(action, [])
            ]


@bp.context_processor
def _desk_helpers() -> dict:
    """Helpers for desk templates: the policy and event details."""
    return {
        "desk_can": lambda permission: (
            current_user.is_authenticated and can(current_user, permission)
        ),
        "Capability": Capability,
        "describe_detail": lambda detail: desk_item.describe_detail(detail, current_language()),
        "describe_actor": lambda event: desk_item.describe_actor(event, current_language()),
    }
