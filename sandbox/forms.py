"""The base of every form: WTForms' and Flask-WTF's own messages in the user's language.

WTForms ships no Swahili, so its messages ("This field is required.", length limits…) would
reach a Swahili page in English. Every form of the app derives from ``Form``, which reads
them from the ``wtforms`` domain of the shared catalog (``sandbox/translations/sw/
LC_MESSAGES/wtforms.po``, ids taken from WTForms' ``wtforms.pot``); English keeps the
library's own text.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.support import Translations
from flask import g, has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField
from wtforms.widgets import TextInput

CATALOG = Path(__file__).parent / "translations"
DOMAIN = "wtforms"


class ValidatorMessages:
    """gettext/ngettext for WTForms, in the request's language (loaded once per request)."""

    def _translations(self) -> Translations | None:
        if not has_request_context():
            return None
        if "wtforms_translations" not in g:
            g.wtforms_translations = Translations.load(
                str(CATALOG), [str(get_locale())], domain=DOMAIN
            )
        return g.wtforms_translations

    def gettext(self, string: str) -> str:
        """``string`` in the request's language."""
        found = self._translations()
        return string if found is None else found.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for ``n``, in the request's language."""
        found = self._translations()
        if found is None:
            return singular if n == 1 else plural
        return found.ngettext(singular, plural, n)


VALIDATOR_MESSAGES = ValidatorMessages()


class Form(FlaskForm):
    """A Flask-WTF form (CSRF included) whose built-in messages follow the user's language."""

    class Meta:
        def get_translations(self, form):
            return VALIDATOR_MESSAGES


FORM_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")
"""A form's one-time key as ``services/feedback/once.new_form_key`` makes them (URL-safe
base64, 32 characters), at most as long as the columns that keep it (``Enrolment.join_key``,
``Stakeholder.join_key``: 40)."""


def _well_formed_key(value: object) -> str:
    return value if isinstance(value, str) and FORM_KEY.fullmatch(value) else ""


class FormKeyField(HiddenField):
    """The hidden one-time key of a form that must act once however often it is sent.

    Its data is the key, or ``""`` (no key: the form acts as sent) when what came is not a key
    of ours: edited in the page, too long, or holding a NUL, which PostgreSQL refuses in text.
    """

    def __init__(self, label=None, validators=None, filters=(), **kwargs):
        super().__init__(label, validators, filters=(*filters, _well_formed_key), **kwargs)


DATE_EXAMPLE = "2026-11-30"
DATE_BOX = {"inputmode": "numeric", "placeholder": DATE_EXAMPLE, "autocomplete": "off"}
"""A date typed as year-month-day in a plain text box (see ``IsoDateField``)."""


class IsoDateField(DateField):
    """A date typed as YYYY-MM-DD in a text box, so what is shown is what the hint says.

    Browsers draw ``type=date`` in their own locale's order (mm/dd/yyyy in an English
    Chromium) whatever the page's language; a text box with the example as placeholder
    shows the same order in Swahili and English. ``data`` is a ``date`` or None.
    """

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["render_kw"] = {**DATE_BOX, "maxlength": 10, **kwargs.get("render_kw", {})}
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)

    def process_formdata(self, valuelist) -> None:
        """Parse YYYY-MM-DD; anything else is refused with an example of the format."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter a date like %(example)s.", example=DATE_EXAMPLE)) from None
