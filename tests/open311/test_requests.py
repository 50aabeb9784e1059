"""GET requests.json and requests/<id>.json: fields, filters, isolation, no identity."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, Feedback, Institution, User
from sandbox.services.channels import open311_queries
from sandbox.services.channels.api_keys import DEMO_API_KEY
from sandbox.services.feedback.lifecycle import Submission, apply_action, submit_feedback
from sandbox.services.workspace.clock import move_clock
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import (
    TRAINING_DEFAULT_NOTICE,
    Action,
    Channel,
    Command,
    ComplainantType,
    FeedbackType,
    Role,
)
from tests.open311.conftest import API


def get_list(client, query: str = "") -> list[dict]:
    """GET requests.json, asserting success."""
    response = client.get(f"{API}/requests.json?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(entries: list[dict]) -> list[str]:
    """The references of a list, in order."""
    return [entry["service_request_id"] for entry in entries]


def item(reference: str) -> Feedback:
    """The stored item."""
    return db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))


def act(workspace, reference: str, action: Action, **inputs) -> None:
    """Apply one workflow action to an item."""
    found = item(reference)
    apply_action(workspace, found.id, Command(action, expected_version=found.version, **inputs))


def test_entry_fields(client, submit, demo):
    reference = submit(**{"attribute[region]": "DOD", "attribute[district]": "Bahi"})
    (entry,) = get_list(client)
    stored = item(reference)
    assert entry == {
        "service_request_id": reference,
        "status": "open",
        "status_notes": None,
        "service_name": "Kitambulisho cha Taifa (NIDA) — Lalamiko",
        "service_code": "national_id.complaint",
        "description": "Habari",
        "agency_responsible": "Mamlaka ya Vitambulisho vya Taifa (NIDA)",
        "service_notice": " / ".join(TRAINING_DEFAULT_NOTICE),
        "requested_datetime": stored.received_at.isoformat() + "+03:00",
        "updated_datetime": stored.updated_at.isoformat() + "+03:00",
        "expected_datetime": stored.acknowledge_due.isoformat() + "+03:00",
        "address": "Bahi, Dodoma",
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
    assert entry["requested_datetime"] == "2026-11-02T08:00:00+03:00"
    assert entry["expected_datetime"].endswith("T23:59:59+03:00")


def test_english_names_with_locale(client, submit):
    submit()
    (entry,) = get_list(client, "locale=en")
    assert entry["agency_responsible"] == "National Identification Authority (NIDA)"
    assert entry["service_name"] == "National ID (NIDA) — Complaint"


def test_expected_datetime_follows_the_relevant_deadline(client, submit, demo):
    reference = submit(service_code="national_id.inquiry")
    act(demo, reference, Action.ACKNOWLEDGE)
    (entry,) = get_list(client)
    assert entry["expected_datetime"] == item(reference).respond_due.isoformat() + "+03:00"
    act(demo, reference, Action.RESPOND, public_reply="Kitambulisho kiko tayari ofisini.")
    (entry,) = get_list(client)
    assert entry["expected_datetime"] is None
    assert entry["status"] == "closed"
    assert entry["status_notes"] == "Kitambulisho kiko tayari ofisini."


def test_status_notes_is_the_latest_public_reply_never_an_internal_note(client, submit, demo):
    reference = submit(service_code="national_id.inquiry")
    act(demo, reference, Action.ACKNOWLEDGE)
    act(demo, reference, Action.REQUEST_INFO, public_reply="Tuma namba ya fomu.")
    act(demo, reference, Action.NOTE, note="SIRI: afisa wa ndani tu")
    (entry,) = get_list(client)
    assert entry["status_notes"] == "Tuma namba ya fomu."
    assert entry["status"] == "open"
    assert "SIRI" not in client.get(f"{API}/requests/{reference}.json").get_data(as_text=True)


def test_identity_is_never_in_any_get(client, submit):
    reference = submit(
        first_name="Zawadi", last_name="Kilimanjaro", phone="+255788123456", email="zk@example.com"
    )
    assert item(reference).complainant_name == "Zawadi Kilimanjaro"
    bodies = [
        client.get(f"{API}/requests.json").get_data(as_text=True),
        client.get(f"{API}/requests.json?service_request_id={reference}").get_data(as_text=True),
        client.get(f"{API}/requests/{reference}.json").get_data(as_text=True),
        client.get(f"{API}/requests/{reference}.json?locale=en").get_data(as_text=True),
    ]
    assert reference in bodies[0]
    for body in bodies:
        for secret in ("Zawadi", "Kilimanjaro", "788123456", "zk@example.com", "complainant"):
            assert secret not in body


def test_one_request_is_a_one_element_list(client, submit):
    reference = submit()
    response = client.get(f"{API}/requests/{reference.lower()}.json")
    assert response.status_code == 200
    assert ids(response.get_json()) == [reference]


def test_unknown_request_is_a_404_list(client, demo):
    response = client.get(f"{API}/requests/MRJ-T-2026-999999.json")
    assert response.status_code == 404
    assert response.get_json()[0]["code"] == 404


def test_filter_by_references_comma_list(client, submit):
    a, b, c = submit(), submit(), submit()
    assert ids(get_list(client, f"service_request_id={a},{c}")) == [c, a]
    assert ids(get_list(client, f"service_request_id= {b} ,,nope")) == [b]
    # references override the other filters
    assert ids(get_list(client, f"service_request_id={a}&status=closed")) == [a]


def test_filter_by_service_codes(client, submit):
    complaint = submit()
    inquiry = submit(service_code="national_id.inquiry")
    submit(service_code="passports_immigration.suggestion")
    assert ids(get_list(client, "service_code=national_id.complaint")) == [complaint]
    both = "service_code=national_id.inquiry,national_id.complaint"
    assert set(ids(get_list(client, both))) == {complaint, inquiry}


def test_filter_by_status(client, submit, demo):
    open_one, closed_one = (
        submit(service_code="national_id.inquiry"),
        submit(service_code="national_id.inquiry"),
    )
    act(demo, closed_one, Action.ACKNOWLEDGE)
    act(demo, closed_one, Action.RESPOND, public_reply="Jibu")
    assert ids(get_list(client, "status=open")) == [open_one]
    assert ids(get_list(client, "status=closed")) == [closed_one]
    assert set(ids(get_list(client, "status=open,closed"))) == {open_one, closed_one}
    assert set(ids(get_list(client, "status=CLOSED, open"))) == {open_one, closed_one}


def test_rejected_counts_as_closed(client, submit, demo):
    from sandbox.workflow import RejectionReason

    reference = submit()
    act(demo, reference, Action.REJECT, rejection_reason=RejectionReason.DUPLICATE, reason="Nakala")
    assert get_list(client)[0]["status"] == "closed"


def test_date_range_edges_are_inclusive(client, submit, demo):
    first = submit()  # 2026-11-02 08:00
    move_clock(demo, to=workspace_now(demo) + timedelta(days=1))
    second = submit()  # 2026-11-03 08:00
    query = "start_date=2026-11-02T08:00:00%2B03:00&end_date=2026-11-02T08:00:00%2B03:00"
    assert ids(get_list(client, query)) == [first]
    assert ids(get_list(client, "start_date=2026-11-02T08:00:01")) == [second]
    assert ids(get_list(client, "end_date=2026-11-03T07:59:59")) == [first]
    assert ids(get_list(client, "start_date=2026-11-03&end_date=2026-11-03")) == [second]
    assert ids(get_list(client, "end_date=2026-11-02")) == [first]
    # UTC and an unencoded "+" (a space) are understood
    assert ids(get_list(client, "start_date=2026-11-03T05:00:00Z")) == [second]
    assert ids(get_list(client, "start_date=2026-11-03T08:00:00+03:00")) == [second]


def test_default_is_the_last_90_days(client, submit, demo):
    old = submit()
    move_clock(demo, to=workspace_now(demo) + timedelta(days=91))
    recent = submit()
    assert ids(get_list(client)) == [recent]
    assert ids(get_list(client, "start_date=2026-01-01")) == [recent, old]
    assert ids(get_list(client, f"service_request_id={old}")) == [old]


def test_at_most_the_maximum(client, submit, monkeypatch):
    for _ in range(4):
        submit()
    monkeypatch.setattr(open311_queries, "MAX_RESULTS", 3)
    assert len(get_list(client)) == 3


def test_without_key_reads_demo_with_key_reads_its_workspace(client, submit, demo, other):
    _, key = other
    first, second = submit(description="Onyesho"), submit(description="Onyesho")
    in_b = submit(api_key=key, description="Eneo B")  # numbering per workspace, tag apart
    assert in_b != first and in_b.endswith(first.removeprefix("MRJ-T"))
    assert ids(get_list(client)) == [second, first]
    assert ids(get_list(client, f"api_key={DEMO_API_KEY}")) == [second, first]
    (entry,) = get_list(client, f"api_key={key}")
    assert (entry["service_request_id"], entry["description"]) == (in_b, "Eneo B")
    assert ids(get_list(client, f"api_key={key}&service_request_id={second}")) == []
    assert client.get(f"{API}/requests/{second}.json?api_key={key}").status_code == 404
    one = client.get(f"{API}/requests/{in_b}.json?api_key={key}").get_json()
    assert one[0]["description"] == "Eneo B"
    assert client.get(f"{API}/requests/{first}.json?api_key={key}").status_code == 404
    assert "Eneo B" not in client.get(f"{API}/requests.json").get_data(as_text=True)


def test_unknown_key_on_get_is_403(client, demo):
    response = client.get(f"{API}/requests.json?api_key=guess")
    assert response.status_code == 403
    assert response.get_json()[0]["code"] == 403


def test_sensitive_items_keep_their_text_off_the_api(client, submit, demo):
    reference = submit(description="Afisa aliomba rushwa")
    item(reference).is_sensitive = True
    db.session.commit()
    (entry,) = get_list(client)
    assert entry["description"] is None
    assert "rushwa" not in client.get(f"{API}/requests/{reference}.json").get_data(as_text=True)


def test_seeded_demo_items_serialise(client, demo_world):
    entries = get_list(client, "start_date=2000-01-01")
    assert entries
    officers = db.session.scalars(sa.select(User).where(User.role == Role.OFFICER)).all()
    assert officers  # the personas exist, and none of their names leak into the API
    body = client.get(f"{API}/requests.json?start_date=2000-01-01").get_data(as_text=True)
    names = db.session.scalars(
        sa.select(Feedback.complainant_name).where(Feedback.complainant_name.is_not(None))
    ).all()
    assert names and not any(name in body for name in names)


def test_a_description_with_personal_data_stays_off_the_open_api(client, submit, demo):
    own = submit(description="Mimi ni Halima Mrisho, simu yangu 0754321987. Maji hayatoki.")
    plain = submit(description="Maji hayatoki kwa wiki mbili mtaani kwetu.")
    listed = {e["service_request_id"]: e for e in get_list(client)}
    assert listed[own]["description"] is None and "0754321987" not in str(listed)
    assert listed[plain]["description"].startswith("Maji hayatoki")
    one = client.get(f"{API}/requests/{own}.json").get_json()
    assert one[0]["description"] is None


def test_a_sensitive_category_is_sensitive_on_arrival(client, demo):
    category = db.session.scalar(
        sa.select(Category).where(Category.code == "gender_violence_child_protection")
    )
    institution = db.session.scalar(sa.select(Institution).where(Institution.code == "DODOMA_CC"))
    item = submit_feedback(
        demo,
        Submission(
            type=FeedbackType.COMPLAINT,
            complainant_type=ComplainantType.ANONYMOUS,
            channel=Channel.WEB,
            institution_id=institution.id,
            category_id=category.id,
            description="Mume wangu ananipiga kila siku.",
            region_id=institution.region_id,
        ),
    )
    assert item.is_sensitive
    one = client.get(f"{API}/requests/{item.reference}.json").get_json()
    assert one[0]["description"] is None
