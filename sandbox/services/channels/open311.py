"""The Open311 app channel: its service list, submitting a request, and finding requests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, District, Feedback, Institution, Region
from sandbox.models.reference import institution_category
from sandbox.models.workspace import Workspace
from sandbox.services.feedback.lifecycle import Submission, submit_feedback
from sandbox.services.feedback.once import submission_token
from sandbox.workflow import Channel, ComplainantType, FeedbackType

JURISDICTION_ID = "mrejesho.go.tz.sandbox"
MAX_RESULTS = 1000
DEFAULT_WINDOW = timedelta(days=90)
MAX_DESCRIPTION = 3500
MAX_ADDRESS = 200
MAX_NAME = 120
# Stored with the description so the officer sees where; data content, both languages.
ADDRESS_LABEL = "Mahali / Location"
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ]{5,18}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Service:
    """One Open311 service: a category and a feedback type."""

    category: Category
    type: FeedbackType

    @property
    def code(self) -> str:
        """The stable service_code, ``<category code>.<type value>``."""
        return f"{self.category.code}.{self.type.value}"


def list_services() -> list[Service]:
    """Every service, by category code then feedback type."""
    categories = db.session.scalars(sa.select(Category).order_by(Category.code))
    return [Service(category, t) for category in categories for t in FeedbackType]


def find_service(code: str) -> Service | None:
    """The service with this code, or None."""
    category_code, _, type_value = (code or "").strip().lower().rpartition(".")
    if type_value not in {t.value for t in FeedbackType}:
        return None
    category = db.session.scalar(sa.select(Category).where(Category.code == category_code))
    return Service(category, FeedbackType(type_value)) if category else None


def institutions_for(category: Category) -> list[Institution]:
    """The institutions that handle a category, by Swahili name."""
    return list(
        db.session.scalars(
            sa.select(Institution)
            .join(institution_category, institution_category.c.institution_id == Institution.id)
            .where(institution_category.c.category_id == category.id)
            .order_by(Institution.name_sw, Institution.code)
        )
    )


def regions() -> list[Region]:
    """Every region, by name (the region attribute's values)."""
    return list(db.session.scalars(sa.select(Region).order_by(Region.name)))


class Problem(StrEnum):
    """Why a request was refused (the blueprint words each one in Swahili and English)."""

    SERVICE_CODE_MISSING = "service_code_missing"
    SERVICE_CODE_UNKNOWN = "service_code_unknown"
    DESCRIPTION_MISSING = "description_missing"
    DESCRIPTION_TOO_LONG = "description_too_long"
    COMPLAINANT_TYPE_UNKNOWN = "complainant_type_unknown"
    INSTITUTION_REQUIRED = "institution_required"
    INSTITUTION_UNKNOWN = "institution_unknown"
    REGION_UNKNOWN = "region_unknown"
    DISTRICT_UNKNOWN = "district_unknown"
    NAME_TOO_LONG = "name_too_long"
    PHONE_INVALID = "phone_invalid"
    EMAIL_INVALID = "email_invalid"
    ADDRESS_TOO_LONG = "address_too_long"


class RequestRefused(ValueError):
    """A request the channel refuses; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems; str() names them."""
        super().__init__(", ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class RequestInput:
    """The fields of a POSTed service request, as text ("" when absent)."""

    service_code: str = ""
    description: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    address_string: str = ""
    complainant_type: str = ""
    institution: str = ""
    region: str = ""
    district: str = ""
    language: str = "sw"


@dataclass
class _Checked:
    """What validation found: the values to store and the problems to report."""

    problems: list[Problem] = field(default_factory=list)
    values: dict = field(default_factory=dict)

    def require(self, ok: bool, problem: Problem) -> bool:
        """Record the problem unless ok; return ok."""
        if not ok:
            self.problems.append(problem)
        return ok


def submit_request(
    workspace: Workspace, data: RequestInput, idempotency_key: str | None = None
) -> Feedback:
    """Check a request, then submit it as feedback from the app channel; once per client key.

    GeoReport v2 has no client-side id, so an app may send the ``Idempotency-Key`` header
    (IETF httpapi draft): a retried POST with the same key answers the first request's item.
    """
    checked = _Checked()
    service = _check_service(checked, data)
    _check_text(checked, data)
    _check_identity(checked, data)
    _check_place(checked, data)
    if checked.problems:
        raise RequestRefused(checked.problems)
    token = submission_token("app", idempotency_key)
    return submit_feedback(workspace, _submission(service, data, checked.values), token=token)


def _check_service(checked: _Checked, data: RequestInput) -> Service | None:
    """The service and the institution it goes to."""
    if not checked.require(bool(data.service_code.strip()), Problem.SERVICE_CODE_MISSING):
        return None
    service = find_service(data.service_code)
    if not checked.require(service is not None, Problem.SERVICE_CODE_UNKNOWN):
        return None
    handlers = institutions_for(service.category)
    wanted = data.institution.strip().upper()
    if not wanted:
        if checked.require(len(handlers) == 1, Problem.INSTITUTION_REQUIRED):
            checked.values["institution"] = handlers[0]
        return service
    chosen = [i for i in handlers if i.code.upper() == wanted]
    if checked.require(bool(chosen), Problem.INSTITUTION_UNKNOWN):
        checked.values["institution"] = chosen[0]
    return service


def _check_text(checked: _Checked, data: RequestInput) -> None:
    """The description (required) and the optional address."""
    description, address = data.description.strip(), data.address_string.strip()
    if checked.require(bool(description), Problem.DESCRIPTION_MISSING):
        checked.require(len(description) <= MAX_DESCRIPTION, Problem.DESCRIPTION_TOO_LONG)
    checked.require(len(address) <= MAX_ADDRESS, Problem.ADDRESS_TOO_LONG)
    checked.values["description"] = (
        f"{description}\n\n{ADDRESS_LABEL}: {address}" if address else description
    )


def _check_identity(checked: _Checked, data: RequestInput) -> None:
    """Complainant type and identity; no name, phone or e-mail at all means anonymous."""
    name = f"{data.first_name.strip()} {data.last_name.strip()}".strip()
    phone, email = data.phone.strip(), data.email.strip()
    kind = data.complainant_type.strip().lower() or ComplainantType.CITIZEN.value
    if not checked.require(
        kind in {c.value for c in ComplainantType}, Problem.COMPLAINANT_TYPE_UNKNOWN
    ):
        return
    if ComplainantType(kind) is ComplainantType.ANONYMOUS or not (name or phone or email):
        checked.values.update(kind=ComplainantType.ANONYMOUS, name=None, phone=None, email=None)
        return
    checked.require(len(name) <= MAX_NAME, Problem.NAME_TOO_LONG)
    checked.require(not phone or bool(PHONE_PATTERN.match(phone)), Problem.PHONE_INVALID)
    checked.require(
        not email or (len(email) <= MAX_NAME and bool(EMAIL_PATTERN.match(email))),
        Problem.EMAIL_INVALID,
    )
    checked.values.update(kind=ComplainantType(kind), name=name, phone=phone, email=email)


def _check_place(checked: _Checked, data: RequestInput) -> None:
    """Optional region (by code) and district (by name, within the region when given)."""
    region = None
    if data.region.strip():
        region = db.session.scalar(
            sa.select(Region).where(sa.func.upper(Region.code) == data.region.strip().upper())
        )
        checked.require(region is not None, Problem.REGION_UNKNOWN)
    district = None
    if data.district.strip():
        query = sa.select(District).where(
            sa.func.lower(District.name) == data.district.strip().lower()
        )
        if region is not None:
            query = query.where(District.region_id == region.id)
        matches = list(db.session.scalars(query.limit(2)))
        if checked.require(len(matches) == 1, Problem.DISTRICT_UNKNOWN):
            district = matches[0]
            region = region or district.region
    checked.values.update(region=region, district=district)


def _submission(service: Service, data: RequestInput, values: dict) -> Submission:
    """The checked request as a channel-neutral Submission."""
    region, district = values["region"], values["district"]
    return Submission(
        type=service.type,
        complainant_type=values["kind"],
        channel=Channel.APP,
        institution_id=values["institution"].id,
        description=values["description"],
        language="en" if data.language == "en" else "sw",
        category_id=service.category.id,
        region_id=region.id if region else None,
        district_id=district.id if district else None,
        name=values["name"] or None,
        phone=values["phone"] or None,
        email=values["email"] or None,
    )
