"""Guides for everyone (trainees, facilitators, stakeholders without an account)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from sandbox.access import public
from sandbox.guides.links import guide_title, guide_url, step_guide
from sandbox.i18n import current_language
from sandbox.services.guides.library import find_guide, guide_sections, search_guides

bp = Blueprint("guides", __name__, template_folder="templates")
bp.add_app_template_global(guide_url, "guide_url")
bp.add_app_template_global(guide_title, "guide_title")
bp.add_app_template_global(step_guide, "step_guide")


@bp.get("/guides")
@public
def index():
    """Every guide in the reader's language, or the ones matching ``?q=``."""
    query = request.args.get("q", "").strip()
    lang = current_language()
    if query:
        return render_template("guides/index.html", query=query, hits=search_guides(query, lang))
    return render_template("guides/index.html", query="", sections=guide_sections(lang))


@bp.get("/guides/<slug>")
@public
def page(slug: str):
    """One guide, in the reader's language or, said plainly, in the other one."""
    found = find_guide(slug, current_language())
    if found is None:
        abort(404)
    return render_template("guides/page.html", page=found)
