"""discovery.json, services.json and service definitions."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, Region
from sandbox.services.channels.open311 import JURISDICTION_ID, institutions_for
from sandbox.workflow import ComplainantType, FeedbackType
from tests.open311.conftest import API, ONE_HANDLER


def test_discovery_lists_the_endpoint(client):
    response = client.get(f"{API}/discovery.json")
    assert response.status_code == 200
    body = response.get_json()
    assert {"changeset", "contact", "key_service", "endpoints"} <= body.keys()
    assert "mrejesho-demo-key" in body["key_service"]
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert endpoint["type"] == "test"
    assert endpoint["formats"] == ["application/json"]
    assert endpoint["changeset"] == body["changeset"]


def test_discovery_speaks_swahili_by_default_and_english_on_request(client):
    sw = client.get(f"{API}/discovery.json").get_json()["contact"]
    en = client.get(f"{API}/discovery.json?locale=en").get_json()["contact"]
    assert "Mwezeshaji" in sw
    assert en.startswith("Your training facilitator")


def test_one_service_per_category_and_type(client):
    services = client.get(f"{API}/services.json").get_json()
    categories = db.session.scalars(sa.select(Category.code)).all()
    expected = {f"{c}.{t.value}" for c in categories for t in FeedbackType}
    assert [s["service_code"] for s in services] == sorted(expected, key=_by_category_then_type)
    assert len(services) == len(categories) * 4


def _by_category_then_type(code: str):
    category, _, kind = code.rpartition(".")
    return category, [t.value for t in FeedbackType].index(kind)


def test_service_entry_fields(client):
    services = client.get(f"{API}/services.json").get_json()
    entry = next(s for s in services if s["service_code"] == "water_supply.complaint")
    assert entry == {
        "service_code": "water_supply.complaint",
        "service_name": "Huduma ya maji — Lalamiko",
        "description": "Lalamiko kuhusu: Huduma ya maji",
        "metadata": True,
        "type": "realtime",
        "keywords": "Huduma ya maji, Water supply, Lalamiko, Complaint",
        "group": "Huduma ya maji",
    }


def test_service_names_in_english_with_locale(client):
    services = client.get(f"{API}/services.json?locale=en").get_json()
    entry = next(s for s in services if s["service_code"] == "water_supply.inquiry")
    assert entry["service_name"] == "Water supply — Inquiry"
    assert entry["group"] == "Water supply"
    assert entry["description"] == "Inquiry about: Water supply"


def test_known_jurisdiction_is_accepted_unknown_is_404(client):
    ok = client.get(f"{API}/services.json?jurisdiction_id={JURISDICTION_ID}")
    assert ok.status_code == 200
    bad = client.get(f"{API}/services.json?jurisdiction_id=dar.example.org")
    assert bad.status_code == 404
    (error,) = bad.get_json()
    assert error["code"] == 404
    assert JURISDICTION_ID in error["description"]


def test_definition_attributes(client):
    body = client.get(f"{API}/services/water_supply.complaint.json").get_json()
    assert body["service_code"] == "water_supply.complaint"
    codes = [a["code"] for a in body["attributes"]]
    assert codes == ["complainant_type", "institution", "region", "district"]
    for order, attribute in enumerate(body["attributes"], start=1):
        assert attribute["variable"] is True
        assert attribute["order"] == order
        assert attribute["description"] and attribute["datatype_description"]
    kinds, handlers, regions, district = body["attributes"]
    assert kinds["datatype"] == "singlevaluelist"
    assert [v["key"] for v in kinds["values"]] == [c.value for c in ComplainantType]
    assert kinds["required"] is False
    category = db.session.scalar(sa.select(Category).where(Category.code == "water_supply"))
    assert {v["key"] for v in handlers["values"]} == {i.code for i in institutions_for(category)}
    assert handlers["required"] is True
    assert len(regions["values"]) == db.session.scalar(sa.select(sa.func.count(Region.id)))
    assert district["datatype"] == "string"
    assert "values" not in district


def test_single_institution_is_not_required(client):
    body = client.get(f"{API}/services/{ONE_HANDLER}.json?locale=en").get_json()
    handlers = body["attributes"][1]
    assert handlers["required"] is False
    assert handlers["values"] == [
        {"key": "NIDA", "name": "National Identification Authority (NIDA)"}
    ]


def test_unknown_service_is_a_404_list(client):
    for code in ("nothing.complaint", "water_supply.praise", "water_supply", "."):
        response = client.get(f"{API}/services/{code}.json")
        assert response.status_code == 404, code
        assert response.get_json()[0]["code"] == 404
