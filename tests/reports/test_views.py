"""The dashboard and its CSV exports over HTTP: access, filters, charts, files."""

from __future__ import annotations

import pytest

from sandbox.services.report_csv import BOM


@pytest.mark.parametrize("username", ["mkuu.dodoma", "kiongozi.dodoma", "mwezeshaji", "msimamizi"])
def test_supervisors_see_the_dashboard_with_charts_and_tables(
    demo_world, client, login_as, username
):
    login_as(username)
    page = client.get("/reports/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<svg role="img"' in html and '<title id="chart-types-title">' in html
    assert '<table class="table compact" id="table-types">' in html


@pytest.mark.parametrize("username", ["afisa.dodoma", "tehama.dodoma", "mdau"])
def test_other_roles_get_404(demo_world, client, login_as, username):
    login_as(username)
    assert client.get("/reports/").status_code == 404
    assert client.get("/reports/export/types.csv").status_code == 404


def test_guests_go_to_login(demo_world, client):
    answer = client.get("/reports/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    answer = client.get("/reports/export/types.csv")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_export_is_utf8_with_bom_and_swahili_header(demo_world, client, login_as):
    login_as("mkuu.dodoma")
    answer = client.get("/reports/export/types.csv?period=90")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.headers["Content-Disposition"].startswith("attachment; filename=mrejesho-types-")
    text = answer.data.decode("utf-8")
    assert text.startswith(BOM)
    assert text[1:].splitlines()[0] == "Aina,Idadi"
