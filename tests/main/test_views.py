"""Home page, health check and language switch."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Feedback


def test_healthz_reports_database_and_item_count(client, demo_world):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == db.engine.dialect.name
    assert body["database"] in ("sqlite", "postgresql")
    assert body["feedback_items"] == db.session.scalar(sa.select(sa.func.count(Feedback.id)))
    assert body["feedback_items"] == 150


def test_home_shows_counts_in_swahili_by_default(client, demo_world):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="sw">' in page
    assert "MAFUNZO — SI MFUMO HALISI" in page
    assert "TRAINING — NOT THE REAL SYSTEM" in page
    assert 'data-testid="count-total">150<' in page
    assert "Kwa hali" in page


def test_home_before_seeding_says_how_to_seed(client):
    page = client.get("/").get_data(as_text=True)
    assert "mrejesho seed" in page


def test_language_switch_persists_and_only_redirects_locally(client, demo_world):
    response = client.get("/lang/en?next=/desk/feedback")
    assert response.status_code == 302
    assert response.headers["Location"] == "/desk/feedback"
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    assert client.get("/lang/sw?next=https://evil.example/").headers["Location"] == "/"
    assert '<html lang="sw">' in client.get("/").get_data(as_text=True)
    client.get("/lang/fr")
    assert '<html lang="sw">' in client.get("/").get_data(as_text=True)


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Hatukuweza kupata ukurasa huo" in response.get_data(as_text=True)


def test_every_asset_is_local(client, demo_world):
    page = client.get("/").get_data(as_text=True)
    assert "http://" not in page.replace("http://localhost", "")
    assert "https://" not in page
    assert client.get("/static/css/app.css").status_code == 200


def test_a_trainee_home_shows_their_own_workspace_in_their_language(client, demo_world):
    from sandbox.services.people.trainees import create_trainee

    create_trainee("neema", password="siri-ya-neema-2026", items=12)
    client.post("/login", data={"username": "neema", "password": "siri-ya-neema-2026"})
    page = client.get("/").get_data(as_text=True)
    assert "Eneo lako la kazi: Mwanafunzi: neema" in page
    assert '<span class="card-number" data-testid="count-total">12</span>' in page
    client.get("/lang/en")
    assert "Your workspace: Trainee: neema" in client.get("/").get_data(as_text=True)


def test_a_visitor_sees_the_demo_world_named_in_their_language(client, demo_world):
    assert "Onyesho: e-Mrejesho" in client.get("/").get_data(as_text=True)
    client.get("/lang/en")
    assert "Demo world: Demo: e-Mrejesho" in client.get("/").get_data(as_text=True)
