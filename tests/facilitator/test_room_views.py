"""The live room's screens: the page, the conditional poll, a cell's detail, acknowledging,
the thresholds form, the exports, projector mode, and who can reach none of it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from sandbox.progress.validation import problems
from sandbox.services.facilitation.room import build_room
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.help import ask_for_help
from sandbox.services.training.library import scenario_library
from tests.facilitator.room_helpers import FIRST, check, open_every_hint, solve, start, trainee_of


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def room_url(cohort):
    return f"/facilitator/cohorts/{cohort.id}"


def test_the_room_shows_each_trainee_their_cells_and_who_needs_help(
    client, login_as, room_url, make_trainee
):
    asha, baraka = make_trainee("Asha Mushi"), make_trainee("Baraka Said")
    solve(asha, start(asha))
    start(baraka)
    ask_for_help(trainee_of(baraka))
    login_as("mwezeshaji")

    page = text(client.get(f"{room_url}/room"))
    assert "Asha Mushi" in page and "Baraka Said" in page
    asha_row = re.search(rf'<tr id="t{asha.id}".*?</tr>', page, re.S).group(0)
    assert 'class="c c-p"' in asha_row and "100%" in asha_row
    baraka_row = re.search(rf'<tr id="t{baraka.id}".*?</tr>', page, re.S).group(0)
    assert "needs-help" in baraka_row and 'class="c c-i"' in baraka_row
    assert f'href="{room_url}/room"' in text(client.get(room_url))  # the hub links it


def test_the_poll_answers_not_modified_until_something_changes(
    client, login_as, room_url, make_trainee
):
    enrolment = make_trainee()
    login_as("mwezeshaji")
    first = client.get(f"{room_url}/room.json")
    etag = first.headers["ETag"]
    body = first.get_json()
    assert body["r"] == [[enrolment.id, "n" * len(scenario_library().scenarios), 0, ""]]
    assert (body["n"], body["k"]) == (10, 3)

    again = client.get(f"{room_url}/room.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and not again.data

    ask_for_help(trainee_of(enrolment))
    changed = client.get(f"{room_url}/room.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.get_json()["r"][0][2] > 0
    etag = changed.headers["ETag"]
    client.post(
        f"{room_url}/room/{enrolment.id}/acknowledge",
        data={"kind": "help", "episode": f"h{changed.get_json()['r'][0][2]}"},
    )
    seen = client.get(f"{room_url}/room.json", headers={"If-None-Match": etag})
    assert seen.status_code == 200 and seen.get_json()["r"][0][2] == -1


def test_a_check_changes_the_etag(client, login_as, room_url, make_trainee):
    enrolment = make_trainee()
    attempt = start(enrolment)
    login_as("mwezeshaji")
    etag = client.get(f"{room_url}/room.json").headers["ETag"]
    check(enrolment, attempt)
    assert client.get(f"{room_url}/room.json", headers={"If-None-Match": etag}).status_code == 200


def test_projector_mode_shows_no_name_or_personal_code(client, login_as, room_url, make_trainee):
    enrolment = make_trainee("Zuhura Kombo")
    start(enrolment)
    login_as("mwezeshaji")
    plain = text(client.get(f"{room_url}/room"))
    code = re.search(r"<code>([A-Z0-9]{3}-[A-Z0-9]{3,})</code>", plain).group(1)
    assert "Zuhura Kombo" in plain

    shown = text(client.get(f"{room_url}/room?projector=1"))
    assert "Zuhura" not in shown and code not in shown
    assert "Mwanafunzi 1" in shown  # the row number instead
    assert f'href="{room_url}/room"' in shown  # and a way back to names
    poll = text(client.get(f"{room_url}/room.json"))
    assert "Zuhura" not in poll and code not in poll


def test_a_cell_opens_its_steps_checks_hints_and_events(client, login_as, room_url, make_trainee):
    enrolment = make_trainee()
    attempt = start(enrolment)
    open_every_hint(attempt, ["thibitisha"])
    check(enrolment, attempt)
    login_as("mwezeshaji")
    client.get("/lang/en")
    page = text(client.get(f"{room_url}/room/{enrolment.id}/{FIRST}"))
    assert "Hints opened: 2 of 2" in page and "Hints opened: 0 of 1" in page
    failed = re.findall(r'<li class="check-failed">✗ (.*?) <small>', page)
    assert failed and failed[0].startswith("Complaint ") and "expected" in failed[0]
    events = re.findall(r"<tr><td>[0-9:]+</td><td>(\w+)</td>", page)
    assert events == ["launched", "viewed", "viewed", "attempted"]
    assert re.search(r'data-testid="on-step">0 min<', page)
    assert client.get(f"{room_url}/room/{enrolment.id}/no-such-scenario").status_code == 404


def test_the_thresholds_form_keeps_what_was_typed_and_says_what_is_wrong(
    client, login_as, room_url
):
    login_as("mwezeshaji")
    assert 'value="10"' in text(client.get(f"{room_url}/room/settings"))
    bad = client.post(f"{room_url}/room/settings", data={"minutes": "0", "failed_checks": "abc"})
    assert bad.status_code == 422
    assert 'value="0"' in text(bad) and "Kati ya dakika 1 na 480." in text(bad)
    good = client.post(f"{room_url}/room/settings", data={"minutes": "15", "failed_checks": "4"})
    assert good.status_code == 302
    assert client.get(f"{room_url}/room.json").get_json()["n"] == 15


def test_the_csv_has_the_matrix_figures_and_is_formula_safe(
    client, login_as, cohort, room_url, make_trainee
):
    sly = make_trainee("=HYPERLINK(1)")
    weak = make_trainee("Daudi")
    attempt = start(weak)
    open_every_hint(attempt)
    solve(weak, attempt)
    start(sly)
    login_as("mwezeshaji")
    response = client.get(f"{room_url}/progress.csv")
    assert response.mimetype == "text/csv"
    assert (
        'filename="mrejesho-warsha-ya-dodoma-progress.csv"'
        in (response.headers["Content-Disposition"])
    )
    raw = response.data.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw[1:])))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Na.", "Msimbo binafsi", "Jina"]
    room = build_room(cohort, scenario_library())
    assert len(body) == len(room.rows) * len(room.scenarios)
    words = {"not_started": "Haijaanzwa", "in_progress": "Inaendelea", "passed": "Imefaulu"}
    words["failed"] = "Haikufaulu"
    expected = [
        [
            *(str(r.number), r.code, r.name, s.id, s.title.sw, words[c.status.value]),
            "" if c.score_percent is None else str(c.score_percent),
            *(str(c.hints), str(c.attempts), "" if c.minutes is None else str(c.minutes)),
        ]
        for r in room.rows
        for s, c in zip(room.scenarios, r.cells, strict=True)
    ]
    expected = [[("'" + v if v.startswith("=") else v) for v in row] for row in expected]
    assert body == expected
    assert body[0][2] == "'=HYPERLINK(1)"
    weak_first = next(row for row in body if row[2] == "Daudi" and row[3] == FIRST)
    assert weak_first[5:8] == ["Haikufaulu", "78", "3"]
    matrix = client.get(f"{room_url}/room.json").get_json()["r"]
    assert "f78" in matrix[1][1]  # the poll says the same


def test_the_xapi_export_is_the_stored_statements_in_order_and_valid(
    client, login_as, room_url, make_trainee
):
    enrolment = make_trainee("Rehema Juma")
    solve(enrolment, start(enrolment))
    ask_for_help(trainee_of(enrolment))
    login_as("mwezeshaji")
    response = client.get(f"{room_url}/statements.json")
    assert (
        'filename="mrejesho-warsha-ya-dodoma-xapi.json"'
        in (response.headers["Content-Disposition"])
    )
    statements = json.loads(response.data)
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]
    assert verbs[0] == "launched" and verbs[-1] == "asked" and "passed" in verbs
    assert all(problems(s) == [] for s in statements)
    assert "Rehema" not in response.get_data(as_text=True)
    assert all(set(s["actor"]) <= {"objectType", "account"} for s in statements)


def routes(cohort_id: int, enrolment_id: int) -> list[tuple[str, str]]:
    base = f"/facilitator/cohorts/{cohort_id}"
    return [
        ("get", f"{base}/room"),
        ("get", f"{base}/room.json"),
        ("get", f"{base}/room/{enrolment_id}/{FIRST}"),
        ("post", f"{base}/room/{enrolment_id}/acknowledge"),
        ("get", f"{base}/room/settings"),
        ("post", f"{base}/room/settings"),
        ("get", f"{base}/progress.csv"),
        ("get", f"{base}/statements.json"),
    ]


def test_another_facilitator_s_cohort_is_not_found_on_every_route(
    client, login_as, other_facilitator, make_trainee, cohort
):
    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    mine = make_trainee()
    login_as("mwezeshaji")
    for method, url in routes(theirs.id, mine.id):
        assert getattr(client, method)(url).status_code == 404, url
    for method, url in routes(cohort.id, mine.id):  # and their own answers
        response = getattr(client, method)(url)
        assert response.status_code in (200, 302, 400, 422), url


def test_a_trainee_and_other_roles_reach_none_of_it(client, login_as, cohort, make_trainee):
    enrolment = make_trainee()
    for username in ("afisa.dodoma", "mdau"):
        login_as(username)
        for method, url in routes(cohort.id, enrolment.id):
            assert getattr(client, method)(url).status_code == 404, (username, url)
        client.post("/logout")
    client.post("/join/signin", data={"personal_code": enrolment.personal_code, "pin": "4821"})
    for method, url in routes(cohort.id, enrolment.id):
        assert getattr(client, method)(url).status_code == 404, url


def test_acknowledging_refuses_a_bad_form_or_another_cohort_s_trainee(
    client, login_as, room_url, make_trainee, other_facilitator
):
    from sandbox.services.training.joining import JoinRequest, join_cohort

    theirs = create_cohort("Warsha ya Mwanza", seed=4, facilitator=other_facilitator)
    stranger = join_cohort(JoinRequest(theirs.join_code, "Juma", "4821"))
    mine = make_trainee()
    login_as("mwezeshaji")
    url = f"{room_url}/room/{mine.id}/acknowledge"
    assert client.post(url, data={"kind": "help"}).status_code == 400
    assert client.post(url, data={"kind": "help", "episode": "h" * 41}).status_code == 400
    assert client.post(url, data={"kind": "lunch", "episode": "h1"}).status_code == 404
    stolen = f"{room_url}/room/{stranger.id}/acknowledge"
    assert client.post(stolen, data={"kind": "help", "episode": "h1"}).status_code == 404
    done = client.post(f"{url}?projector=1", data={"kind": "stuck", "episode": "1:0"})
    assert done.status_code == 302 and "projector=1" in done.headers["Location"]
