"""The portal's forms: institution search (GET) and the feedback form (POST, CSRF)."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from sandbox.channels.phones import tanzanian_mobile
from sandbox.forms import Form, FormKeyField
from sandbox.i18n import current_language
from sandbox.models import InstitutionKind
from sandbox.services.feedback.attachments import AttachmentRejected, CheckedUpload, check_upload
from sandbox.services.feedback.lifecycle import MAX_DESCRIPTION
from sandbox.services.feedback.once import new_form_key
from sandbox.text import without_control
from sandbox.workflow import ComplainantType, FeedbackType

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_text(value):
    """Drop control characters (NUL is refused by PostgreSQL) and surrounding spaces."""
    return without_control(value).strip() if isinstance(value, str) else value


class AllowedChoice:
    """A choice field's value must be one of its choices (our own bilingual message)."""

    def __init__(self, message) -> None:
        """Remember the message shown beside the field."""
        self.message = message

    def __call__(self, form, field) -> None:
        """Refuse any value not offered (an empty value is left to Optional/DataRequired)."""
        if field.data and field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(self.message)


class SearchForm(Form):
    """Find an institution by part of its name, its kind or its region."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Name of the institution"),
        validators=[Optional(), Length(max=100)],
        filters=[clean_text],
    )
    kind = SelectField(_l("Kind of institution"), validate_choice=False)
    region = SelectField(_l("Region"), validate_choice=False)
    submit = SubmitField(_l("Search"))

    def fill_choices(self, lang: str, regions) -> None:
        """Choices in the citizen's language; the empty choice means any."""
        any_ = SelectChoice("", str(_l("Any")))
        self.kind.choices = [any_] + [SelectChoice(k.value, k.label(lang)) for k in InstitutionKind]
        self.region.choices = [any_] + [SelectChoice(str(r.id), r.name) for r in regions]


class FeedbackForm(Form):
    """The feedback itself; identity is optional and all-blank means anonymous."""

    # One key per page: the same form posted twice (a double click, a retry) makes one item.
    form_key = FormKeyField(default=new_form_key)
    type = RadioField(
        _l("What kind of feedback is it?"),
        validators=[
            DataRequired(message=_l("Choose the kind of feedback.")),
            AllowedChoice(_l("Choose the kind of feedback.")),
        ],
        validate_choice=False,
    )
    complainant_type = RadioField(
        _l("Who are you?"),
        validators=[
            DataRequired(message=_l("Choose who you are, or choose anonymous.")),
            AllowedChoice(_l("Choose who you are, or choose anonymous.")),
        ],
        validate_choice=False,
        default=ComplainantType.CITIZEN.value,
    )
    category = SelectField(
        _l("What is it about?"),
        validators=[
            DataRequired(message=_l("Choose what your feedback is about.")),
            AllowedChoice(_l("Choose what your feedback is about.")),
        ],
        validate_choice=False,
    )
    description = TextAreaField(
        _l("Describe your feedback"),
        filters=[clean_text],
        description=_l("Say what happened, where and when. At most 4000 characters."),
        validators=[
            DataRequired(message=_l("Describe your feedback.")),
            Length(
                max=MAX_DESCRIPTION,
                message=_l("Shorten the description to at most 4000 characters."),
            ),
        ],
    )
    name = StringField(
        _l("Full name (optional)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=120, message=_l("Use at most 120 characters."))],
    )
    phone = StringField(
        _l("Phone number (optional)"),
        filters=[clean_text],
        description=_l("A Tanzanian mobile number, e.g. 0712 345 678. We text you the reference."),
    )
    email = StringField(
        _l("E-mail (optional)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=120, message=_l("Use at most 120 characters."))],
    )
    region = SelectField(
        _l("Region (optional)"),
        validators=[AllowedChoice(_l("Choose a region from the list."))],
        validate_choice=False,
    )
    district = SelectField(
        _l("District (optional)"),
        description=_l("Each district is listed with its region."),
        validators=[AllowedChoice(_l("Choose a district from the list."))],
        validate_choice=False,
    )
    attachment = FileField(
        _l("Attachment (optional)"),
        description=_l("A photo (PNG, JPEG, GIF, WEBP) or a PDF document, at most 5 MB."),
    )
    submit = SubmitField(_l("Submit feedback"))

    checked_upload: CheckedUpload | None = None

    def fill_choices(self, lang: str, institution, regions) -> None:
        """Types, complainant types, the institution's categories, regions and districts."""
        not_given = SelectChoice("", str(_l("Not given")))
        self.type.choices = [SelectChoice(t.value, t.label(lang)) for t in FeedbackType]
        self.complainant_type.choices = [
            SelectChoice(c.value, c.label(lang)) for c in ComplainantType
        ]
        categories = sorted(institution.categories, key=lambda c: c.name(lang))
        self.category.choices = [SelectChoice("", str(_l("Choose…")))] + [
            SelectChoice(str(c.id), c.name(lang)) for c in categories
        ]
        self.region.choices = [not_given] + [SelectChoice(str(r.id), r.name) for r in regions]
        self.district.choices = [not_given] + [
            SelectChoice(str(d.id), f"{r.name} — {d.name}", optgroup=r.name)
            for r in regions
            for d in r.districts
        ]
        self._district_region = {str(d.id): str(r.id) for r in regions for d in r.districts}

    def validate_phone(self, field) -> None:
        """Accept 07…, 7…, 2557… or +2557… and keep it as +2557…"""
        if not (field.data or "").strip():
            field.data = ""
            return
        normalised = tanzanian_mobile(field.data)
        if normalised is None:
            raise ValidationError(
                _l("Enter a Tanzanian mobile number such as 0712 345 678 or +255 712 345 678.")
            )
        field.data = normalised

    def validate_email(self, field) -> None:
        """A plausible e-mail address, when one is given."""
        if field.data and not _EMAIL.match(field.data.strip()):
            raise ValidationError(_l("Enter an e-mail address like name@example.com."))

    def validate_district(self, field) -> None:
        """The district must be in the chosen region (an empty region takes the district's)."""
        region_of_district = self._district_region.get(field.data or "")
        if not region_of_district:
            return
        if not self.region.data:
            self.region.data = region_of_district
        elif self.region.data != region_of_district:
            raise ValidationError(_l("This district is not in the region you chose."))

    def validate_attachment(self, field) -> None:
        """Check the file's real type by its first bytes and its size (at most 5 MB)."""
        upload = field.data
        if not upload or not getattr(upload, "filename", None):
            return
        try:
            self.checked_upload = check_upload(upload.filename, upload.stream)
        except AttachmentRejected as error:
            raise ValidationError(error.message(current_language())) from None

    def validate(self, extra_validators=None) -> bool:
        """Validate; when anything failed, say that a chosen file must be chosen again."""
        if super().validate(extra_validators):
            return True
        upload = self.attachment.data
        if upload and getattr(upload, "filename", None):
            self.attachment.errors.append(
                _l("A browser cannot keep a file after an error: choose the file again.")
            )
        return False
