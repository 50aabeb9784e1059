"""The archive's pages: export (download) on the cohort hub, import (upload) on the list."""

from __future__ import annotations

import io

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort
from sandbox.services.facilitation import archive_format
from sandbox.services.facilitation.archive import export_cohort
from sandbox.services.training.cohorts import create_cohort


def _upload(client, data: bytes, name: str = "kundi.zip", **extra):
    return client.post(
        "/facilitator/import",
        data={"archive": (io.BytesIO(data), name), **extra},
        content_type="multipart/form-data",
    )


def test_the_hub_offers_the_export_and_the_download_is_the_archive(client, login_as, cohort):
    login_as("mwezeshaji")
    hub = client.get(f"/facilitator/cohorts/{cohort.id}").get_data(as_text=True)
    assert f'href="/facilitator/cohorts/{cohort.id}/export"' in hub
    page = client.get(f"/facilitator/cohorts/{cohort.id}/export")
    assert page.status_code == 200 and "taarifa binafsi" in page.get_data(as_text=True)
    download = client.get(f"/facilitator/cohorts/{cohort.id}/export.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="kundi-warsha-ya-dodoma-')
    assert download.headers["Cache-Control"] == "no-store"
    assert archive_format.read_archive(download.data).manifest.cohort_uuid == cohort.uuid


def test_another_facilitators_cohort_is_not_found(client, login_as, other_facilitator):
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    login_as("mwezeshaji")
    assert client.get(f"/facilitator/cohorts/{theirs.id}/export").status_code == 404
    assert client.get(f"/facilitator/cohorts/{theirs.id}/export.zip").status_code == 404
    login_as("afisa.dodoma")
    assert client.get("/facilitator/import").status_code == 404


def test_an_administrator_imports_and_then_runs_the_cohort(client, login_as, cohort):
    data = export_cohort(cohort)
    db.session.delete(cohort)  # as if it had been made on another installation
    db.session.commit()
    login_as("msimamizi")
    assert client.get("/facilitator/import").status_code == 200
    response = _upload(client, data)
    assert response.status_code == 302
    imported = db.session.scalar(sa.select(Cohort).where(Cohort.name == "Warsha ya Dodoma"))
    assert response.headers["Location"].endswith(f"/facilitator/cohorts/{imported.id}")
    again = _upload(client, data)
    assert again.status_code == 302 and again.headers["Location"].endswith("/facilitator/")
    page = client.get("/facilitator/").get_data(as_text=True)
    assert "hakuna kilichobadilika" in page.lower()


def test_a_bad_file_comes_back_with_the_reason_in_the_users_language(client, login_as, demo_world):
    login_as("mwezeshaji")
    response = _upload(client, b"not a zip")
    assert response.status_code == 422
    assert "si kumbukumbu ya kundi" in response.get_data(as_text=True)
    client.get("/lang/en")
    english = _upload(client, b"not a zip")
    assert english.status_code == 422
    empty = client.post("/facilitator/import", data={}, content_type="multipart/form-data")
    assert empty.status_code == 422


def test_a_file_over_the_limit_is_answered_with_the_form(client, login_as, demo_world, monkeypatch):
    monkeypatch.setattr(archive_format, "MAX_ARCHIVE_BYTES", 1024)
    login_as("mwezeshaji")
    response = _upload(client, b"x" * 200_000)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "<form" in page and "kikomo" in page.lower()
