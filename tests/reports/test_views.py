"""The dashboard and its CSV exports over HTTP: access, filters, charts, files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.services.reports.csv_export import BOM
from tests.fuzzing import fuzz, fuzz_settings


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


# --- on the hand-built world (tests/reports/conftest.py) ----------------------------------

EXPORTS = [
    "types",
    "statuses",
    "channels",
    "categories",
    "institutions",
    "timeliness",
    "overdue_ages",
    "overdue",
    "workload",
    "directives",
]


def log_in(client, user):
    from tests.reports.conftest import PASSWORD

    client.post("/login", data={"username": user.username, "password": PASSWORD})


def csv_lines(answer) -> list[str]:
    text = answer.data.decode("utf-8")
    assert text.startswith(BOM)
    return text[1:].splitlines()


def test_no_export_ever_holds_the_complainants_identity(report_world, client):
    from tests.reports.conftest import COMPLAINANT_NAME, COMPLAINANT_PHONE

    log_in(client, report_world.facilitator)
    for name in EXPORTS:
        answer = client.get(f"/reports/export/{name}.csv?period=90")
        assert answer.status_code == 200, name
        text = answer.data.decode("utf-8")
        assert COMPLAINANT_NAME not in text and COMPLAINANT_PHONE not in text, name
        assert COMPLAINANT_PHONE[4:] not in text, name
    page = client.get("/reports/?period=90").get_data(as_text=True)
    assert COMPLAINANT_NAME not in page and COMPLAINANT_PHONE not in page


def test_export_header_follows_the_language_and_guards_formulas(report_world, client):
    log_in(client, report_world.head)
    swahili = csv_lines(client.get("/reports/export/workload.csv"))
    client.get("/lang/en")
    english = csv_lines(client.get("/reports/export/workload.csv"))
    assert swahili[0] != english[0]
    assert english[0] == "Officer,Open items,Of which overdue"
    assert "'=2+3 Afisa Juma,1,1" in english
    assert "Not assigned,1,1" in english


def test_overdue_export_lists_every_row_with_iso_dates(report_world, client):
    log_in(client, report_world.head)
    client.get("/lang/en")
    lines = csv_lines(client.get("/reports/export/overdue.csv"))
    assert lines[0] == (
        "Reference,Type,Status,Institution,Assigned to,Deadline,Working days overdue"
    )
    a3 = report_world.items["A3"].reference
    assert (
        lines[1] == f"{a3},Suggestion,Received,Dodoma City Council,Not assigned,2026-11-11 23:59,8"
    )


def test_head_dashboard_shows_hand_counted_figures(report_world, client):
    log_in(client, report_world.head)
    html = client.get("/reports/").get_data(as_text=True)
    assert 'data-testid="total">5<' in html
    assert 'data-testid="ack-sla">75.0%<' in html
    assert 'data-testid="respond-sla">50.0%<' in html
    assert 'name="institution"' not in html  # a head has no institution breakdown


def test_leader_gets_the_institution_breakdown(report_world, client):
    log_in(client, report_world.leader)
    html = client.get("/reports/").get_data(as_text=True)
    assert 'name="institution"' in html
    only_a = client.get(f"/reports/?institution={report_world.a.id}").get_data(as_text=True)
    assert 'data-testid="total">5<' in only_a


@pytest.mark.parametrize(
    "query",
    [
        "period=custom",
        "period=custom&first=2026-11-30&last=2026-11-01",
        "period=custom&first=30/11/2026&last=2026-13-45",
        "period=forever",
        "institution=999999",
        "institution=abc",
        "first=0001-01-01&last=9999-12-31&period=custom",
    ],
)
def test_bad_filters_show_an_error_summary_and_keep_input(report_world, client, query):
    log_in(client, report_world.leader)
    answer = client.get(f"/reports/?{query}")
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert 'class="error-summary"' in html
    export = client.get(f"/reports/export/types.csv?{query}")
    assert export.status_code == 302 and "/reports/" in export.headers["Location"]


def test_unknown_export_is_404(report_world, client):
    log_in(client, report_world.head)
    assert client.get("/reports/export/people.csv").status_code == 404
    assert client.get("/reports/export/institutions.csv").status_code == 404  # not for heads


def test_custom_period_in_the_url_narrows_the_page(report_world, client):
    log_in(client, report_world.head)
    html = client.get("/reports/?period=custom&first=2026-10-01&last=2026-10-31").get_data(
        as_text=True
    )
    assert 'data-testid="total">0<' in html
    assert 'value="2026-10-01"' in html  # the typed dates are kept


@given(
    st.dictionaries(
        st.sampled_from(["period", "first", "last", "institution", "name", "page"]),
        st.text(max_size=30),
    )
)
@fuzz
@fuzz_settings(30)
def test_no_query_string_gives_a_500(report_world, client, args):
    log_in(client, report_world.leader)
    assert client.get("/reports/", query_string=args).status_code == 200
    assert client.get("/reports/export/types.csv", query_string=args).status_code in (200, 302)
