"""Creating, editing, archiving a cohort in the console, and its join code and join sheet."""

from __future__ import annotations

from datetime import date

import pytest

from sandbox.extensions import db
from sandbox.services.facilitation.cohort_admin import CohortChange, edit_cohort
from sandbox.services.facilitation.join_sheet import qr_svg
from sandbox.services.training.cohorts import CohortRefused, create_cohort, find_cohort


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_new_cohort_form_creates_a_cohort_run_by_the_signed_in_user(
    client, login_as, facilitator
):
    login_as("mwezeshaji")
    assert 'action="/facilitator/cohorts/new"' in text(client.get("/facilitator/"))
    made = client.post(
        "/facilitator/cohorts/new",
        data={"name": " Warsha  ya Tanga ", "seed": "12", "start": "2026-12-07", "language": "en"},
    )
    cohort = find_cohort("warsha ya tanga")
    assert made.status_code == 302 and made.location.endswith(f"/facilitator/cohorts/{cohort.id}")
    assert (cohort.name, cohort.seed, cohort.language) == ("Warsha ya Tanga", 12, "en")
    assert cohort.start_at.date() == date(2026, 12, 7)
    assert cohort.facilitator_id == facilitator.id


def test_a_bad_new_cohort_keeps_what_was_typed_and_says_why(client, login_as, cohort):
    login_as("mwezeshaji")
    client.get("/lang/en?next=/")
    taken = client.post(
        "/facilitator/cohorts/new",
        data={"name": "warsha ya dodoma", "seed": "x", "start": "30/11/2026", "language": "fr"},
    )
    page = text(taken)
    assert taken.status_code == 422
    assert 'value="warsha ya dodoma"' in page and 'value="30/11/2026"' in page
    assert "Enter a date like 2026-11-30." in page
    assert "Not a valid choice" in page
    empty = client.post("/facilitator/cohorts/new", data={"name": "", "language": "sw"})
    assert empty.status_code == 422 and "Enter the cohort" in text(empty)
    again = client.post("/facilitator/cohorts/new", data={"name": "Warsha ya Dodoma"})
    assert again.status_code == 422 and "already exists" in text(again)


def test_edit_renames_and_changes_the_world_only_while_empty(cohort, make_trainee):
    edit_cohort(cohort, CohortChange("Warsha Mpya", "en", seed=9, start=date(2026, 11, 16)))
    assert (cohort.name, cohort.language, cohort.seed) == ("Warsha Mpya", "en", 9)
    assert cohort.start_at.date() == date(2026, 11, 16)
    make_trainee("Asha Mushi")
    with pytest.raises(CohortRefused, match="only before anyone joins"):
        edit_cohort(cohort, CohortChange("Warsha Mpya", "en", seed=10))
    edit_cohort(cohort, CohortChange("Warsha ya Pili", "sw", seed=9))  # same seed: fine
    assert (cohort.name, cohort.language, cohort.seed) == ("Warsha ya Pili", "sw", 9)


def test_edit_refuses_a_name_another_cohort_has(cohort, facilitator):
    create_cohort("Warsha ya Mwanza", seed=1, facilitator=facilitator)
    with pytest.raises(CohortRefused, match="already exists"):
        edit_cohort(cohort, CohortChange("WARSHA YA MWANZA", "sw"))


def test_the_edit_page_saves_and_hides_the_world_once_trainees_joined(
    client, login_as, cohort, make_trainee
):
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{cohort.id}/edit"
    assert 'name="seed"' in text(client.get(url))
    saved = client.post(url, data={"name": "Warsha Iliyobadilishwa", "language": "en"})
    assert saved.status_code == 302 and cohort.name == "Warsha Iliyobadilishwa"
    make_trainee("Asha Mushi")
    page = text(client.get(url))
    assert 'name="seed"' not in page and 'data-testid="world-fixed"' in page
    bad = client.post(url, data={"name": "", "language": "en"})
    assert bad.status_code == 422


def test_archive_asks_first_then_archives_and_reopens(client, login_as, cohort):
    login_as("mwezeshaji")
    url = f"/facilitator/cohorts/{cohort.id}/archive"
    asked = client.get(url)
    assert asked.status_code == 200 and 'type="submit"' in text(asked)
    assert cohort.is_archived is False
    assert client.post(url).status_code == 302 and cohort.is_archived is True
    assert client.post(url).status_code == 302 and cohort.is_archived is False


def test_the_join_code_page_shows_the_code_the_address_and_a_qr_code(client, login_as, cohort):
    login_as("mwezeshaji")
    page = text(client.get(f"/facilitator/cohorts/{cohort.id}/join-code"))
    code = f"{cohort.join_code[:3]}-{cohort.join_code[3:]}"
    assert 'data-testid="join-code"' in page and code in page
    assert "http://localhost/join" in page  # the address as this browser reached the server
    assert '<svg viewBox="0 0' in page and 'class="qr"' in page
    sheet = text(client.get(f"/facilitator/cohorts/{cohort.id}/join-sheet"))
    assert code in sheet and "@page" not in sheet and "facilitator-cohorts.css" in sheet
    assert "Jiunge na mafunzo" in sheet and "Join the training" in sheet


def test_the_qr_code_opens_the_join_form_with_the_code_filled_in(client, cohort):
    page = text(client.get("/join?code=KXP-4TM"))
    assert 'value="KXP-4TM"' in page
    assert 'value="KXP-4TM"' not in text(client.get("/join"))


def test_the_hub_links_every_cohort_page(client, login_as, cohort):
    login_as("mwezeshaji")
    hub = text(client.get(f"/facilitator/cohorts/{cohort.id}"))
    for page in ("join-code", "join-sheet", "trainees", "enrol", "clock", "shared", "edit"):
        assert f'href="/facilitator/cohorts/{cohort.id}/{page}"' in hub, page


def test_no_cohort_is_made_by_another_role(client, login_as, demo_world):
    login_as("afisa.dodoma")
    refused = client.post("/facilitator/cohorts/new", data={"name": "X", "language": "sw"})
    assert refused.status_code == 404
    assert find_cohort("X") is None


def test_the_qr_code_holds_the_join_address_with_the_code(client, login_as, cohort):
    login_as("mwezeshaji")
    code = f"{cohort.join_code[:3]}-{cohort.join_code[3:]}"
    page = text(client.get(f"/facilitator/cohorts/{cohort.id}/join-code"))
    assert str(qr_svg(f"http://localhost/join?code={code}")) in page
    assert str(qr_svg("http://localhost/join")) not in page
    assert "limefungwa" not in page
    cohort.is_archived = True
    db.session.commit()
    assert "limefungwa" in text(client.get(f"/facilitator/cohorts/{cohort.id}/join-code"))
