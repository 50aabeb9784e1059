"""The head's institution-wide identity-reveal log: scope, filters, CSV, never the identity."""

from __future__ import annotations

from sandbox.workflow import Role
from tests.desk.factories import NAME, PHONE, make_item, make_user

REASON = "Mwananchi ameomba apigiwe simu na mkuu."


def reveal(client, item, reason=REASON):
    return client.post(f"/desk/feedback/{item.id}/reveal", data={"reason": reason})


def test_the_head_reads_every_reveal_of_the_institution_and_nothing_else(client, desk):
    ws, _users, login = desk
    ours, other = make_item(ws, "DODOMA_CC"), make_item(ws, "TANESCO")
    make_user(ws, "mkuu.tanesco", Role.HEAD, "TANESCO")
    login("mkuu")
    assert reveal(client, ours).status_code == 200
    login("mkuu.tanesco")
    reveal(client, other, "Kwa ajili ya kumpigia simu kuhusu umeme.")
    login("mkuu")
    page = client.get("/desk/identity-log").text
    assert ours.reference in page and REASON in page
    assert other.reference not in page and "kumpigia simu kuhusu umeme" not in page
    assert NAME not in page and PHONE not in page


def test_filters_narrow_the_log_and_a_bad_period_says_so(client, desk):
    ws, _users, login = desk
    first, second = make_item(ws, "DODOMA_CC"), make_item(ws, "DODOMA_CC")
    login("mkuu")
    reveal(client, first)
    reveal(client, second)
    page = client.get(f"/desk/identity-log?reference={second.reference.lower()}").text
    assert second.reference in page and first.reference not in page
    bad = client.get("/desk/identity-log?date_from=2026-11-10&date_to=2026-11-01").text
    assert "Tarehe ya mwisho isiwe kabla ya tarehe ya kuanza." in bad


def test_csv_has_every_reveal_with_formulas_neutralised(client, desk):
    ws, _users, login = desk
    item = make_item(ws, "DODOMA_CC")
    login("mkuu")
    reveal(client, item, "=HYPERLINK('x') sababu ndefu ya kutosha")
    response = client.get("/desk/identity-log.csv")
    body = response.data.decode("utf-8")
    assert response.mimetype == "text/csv" and body.startswith("\ufeff")
    assert item.reference in body and "'=HYPERLINK" in body
    assert NAME not in body and PHONE not in body


def test_only_who_may_read_the_log_opens_it(client, desk):
    _ws, _users, login = desk
    for name in ("afisa", "ict", "kiongozi"):
        login(name)
        assert client.get("/desk/identity-log").status_code == 403
        assert client.get("/desk/identity-log.csv").status_code == 403
    login("mkuu")
    assert "/desk/identity-log" in client.get("/desk/feedback").text
