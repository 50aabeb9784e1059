"""POST requests.json: what is stored, what is answered, and every refusal."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback, SmsMessage
from sandbox.services.channels.api_keys import DEMO_API_KEY
from sandbox.workflow import TRAINING_DEFAULT_NOTICE, Channel, ComplainantType, FeedbackType
from tests.open311.conftest import API


def stored(reference: str) -> Feedback:
    """The item a reference names."""
    return db.session.scalar(sa.select(Feedback).where(Feedback.reference == reference))


def descriptions(response) -> list[str]:
    """The error descriptions of an error list."""
    return [error["description"] for error in response.get_json()]


def test_created_answer_is_the_reference_and_the_training_notice(post_request, demo):
    response = post_request(description="Kitambulisho changu hakijatoka")
    assert response.status_code == 201
    assert response.content_type.startswith("application/json")
    (answer,) = response.get_json()
    assert answer.keys() == {"service_request_id", "service_notice", "account_id"}
    assert answer["account_id"] is None
    assert answer["service_notice"] == " / ".join(TRAINING_DEFAULT_NOTICE)
    item = stored(answer["service_request_id"])
    assert item.workspace_id == demo.id
    assert item.channel is Channel.APP
    assert item.type is FeedbackType.COMPLAINT
    assert item.category.code == "national_id"
    assert item.institution.code == "NIDA"
    assert item.description == "Kitambulisho changu hakijatoka"


def test_identified_request_stores_name_phone_and_email(submit):
    reference = submit(
        first_name="Asha", last_name="Mushi", phone="+255 712 000 111", email="asha@example.com"
    )
    item = stored(reference)
    assert item.complainant_type is ComplainantType.CITIZEN
    assert (item.complainant_name, item.complainant_phone, item.complainant_email) == (
        "Asha Mushi",
        "+255 712 000 111",
        "asha@example.com",
    )


def test_public_servant_attribute(submit):
    item = stored(submit(first_name="Juma", **{"attribute[complainant_type]": "public_servant"}))
    assert item.complainant_type is ComplainantType.PUBLIC_SERVANT
    assert item.complainant_name == "Juma"


def test_no_identity_means_anonymous(submit):
    item = stored(submit(**{"attribute[complainant_type]": "citizen"}))
    assert item.complainant_type is ComplainantType.ANONYMOUS
    assert item.complainant_name is item.complainant_phone is item.complainant_email is None


def test_anonymous_stores_nothing_even_when_names_are_given(submit):
    item = stored(
        submit(
            first_name="Asha",
            last_name="Mushi",
            phone="+255712000111",
            email="asha@example.com",
            **{"attribute[complainant_type]": "anonymous"},
        )
    )
    assert item.complainant_type is ComplainantType.ANONYMOUS
    assert item.complainant_name is item.complainant_phone is item.complainant_email is None
    texts = " ".join(db.session.scalars(sa.select(SmsMessage.text)))
    assert "Asha" not in texts


def test_institution_is_required_when_several_handle_the_service(post_request):
    response = post_request(service_code="water_supply.complaint")
    assert response.status_code == 400
    assert any("attribute[institution]" in d for d in descriptions(response))


def test_institution_is_chosen_by_code(submit):
    item = stored(
        submit(service_code="water_supply.suggestion", **{"attribute[institution]": "dodoma_cc"})
    )
    assert item.institution.code == "DODOMA_CC"
    assert item.type is FeedbackType.SUGGESTION


def test_institution_must_handle_the_service(post_request):
    response = post_request(**{"attribute[institution]": "DODOMA_CC"})  # NIDA's service
    assert response.status_code == 400
    assert len(descriptions(response)) == 1


def test_region_district_and_address(submit):
    item = stored(
        submit(
            address_string="Mtaa wa Uhuru, karibu na soko",
            lat="-6.17",
            long="35.74",
            **{"attribute[region]": "dod", "attribute[district]": "dodoma jiji"},
        )
    )
    assert item.region.code == "DOD"
    assert item.district.name.lower() == "dodoma jiji"
    assert item.description.endswith("Mahali / Location: Mtaa wa Uhuru, karibu na soko")


def test_json_body_with_nested_attributes(client, demo):
    response = client.post(
        f"{API}/requests.json",
        json={
            "api_key": DEMO_API_KEY,
            "service_code": "water_supply.inquiry",
            "description": "Maji yatarudi lini?",
            "first_name": "Neema",
            "attribute": {"institution": "DODOMA_CC", "complainant_type": "citizen"},
        },
    )
    assert response.status_code == 201
    item = stored(response.get_json()[0]["service_request_id"])
    assert (item.institution.code, item.complainant_name) == ("DODOMA_CC", "Neema")


def test_english_request_is_stored_in_english(submit):
    assert stored(submit(locale="en")).language == "en"
    assert stored(submit()).language == "sw"


def test_acknowledgement_sms_goes_to_the_outbox(submit):
    reference = submit(phone="+255712000111", first_name="Asha")
    texts = db.session.scalars(sa.select(SmsMessage.text)).all()
    assert any(reference in text for text in texts)


def test_missing_key_is_403(post_request):
    response = post_request(api_key=None)
    assert response.status_code == 403
    assert response.get_json() == [{"code": 403, "description": descriptions(response)[0]}]
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


def test_unknown_key_is_403(post_request):
    response = post_request(api_key="guess")
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Feedback.id))) == 0


def test_every_problem_is_listed_at_once(post_request):
    response = post_request(service_code="", description="  ", phone="abc", email="x@")
    assert response.status_code == 400
    assert all(e["code"] == 400 for e in response.get_json())
    assert len(response.get_json()) == 4


def test_refusals_in_swahili_and_english(post_request):
    sw = descriptions(post_request(description=""))
    en = descriptions(post_request(description="", locale="en"))
    assert sw == ["description inahitajika: eleza mrejesho wako."]
    assert en == ["description is required: describe your feedback."]


def test_unknown_service_code(post_request):
    response = post_request(service_code="water_supply.praise")
    assert response.status_code == 400
    assert "service_code" in descriptions(response)[0]


def test_bad_values(post_request):
    cases = {
        "description": "x" * 3501,
        "address_string": "x" * 201,
        "first_name": "x" * 121,
        "phone": "07-12",
        "email": "not-an-email",
        "attribute[complainant_type]": "alien",
        "attribute[region]": "XX",
        "attribute[district]": "Nowhere",
    }
    for field, value in cases.items():
        response = post_request(**{"first_name": "Asha", field: value})
        assert response.status_code == 400, field
        assert len(response.get_json()) == 1, field


def test_unknown_jurisdiction_is_404(post_request):
    assert post_request(jurisdiction_id="elsewhere").status_code == 404
    assert post_request(jurisdiction_id="mrejesho.go.tz.sandbox").status_code == 201


def test_key_of_workspace_b_posts_into_b(post_request, demo, other):
    workspace, key = other
    reference = post_request(api_key=key).get_json()[0]["service_request_id"]
    assert stored(reference).workspace_id == workspace.id
