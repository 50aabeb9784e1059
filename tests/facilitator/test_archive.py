"""The cohort archive: export here, import on another installation, export again: the same
content; a second import changes nothing; clashes get fresh values or refuse the import."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    Cohort,
    Enrolment,
    Feedback,
    ScenarioAttempt,
    User,
    WorkspaceKind,
    XapiStatement,
)
from sandbox.models.attachment import Attachment, AttachmentType
from sandbox.services.facilitation import archive_tables as plan
from sandbox.services.facilitation.archive import export_cohort, import_cohort
from sandbox.services.facilitation.archive_format import ArchiveRefused, read_archive
from sandbox.services.feedback.attachments import upload_folder
from sandbox.services.training.cohorts import create_cohort
from sandbox.services.training.library import scenario_library
from sandbox.services.training.runner import is_unlocked
from sandbox.services.workspace.workspaces import create_workspace
from sandbox.workflow import Role
from tests.facilitator.archive_helpers import content
from tests.facilitator.conftest import PIN

NOW = datetime(2026, 11, 30, 9, 0)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def busy_cohort(client, cohort, make_trainee):
    """The cohort with two trainees: one started a scenario and asked for help, and an item of
    their world has an attachment on disk."""
    asha, baraka = make_trainee("Asha Mushi", phone="0712345678"), make_trainee("Baraka Ali")
    library = scenario_library()
    scenario = next(
        s for s in library.scenarios.values() if is_unlocked(asha.workspace, asha.user, library, s)
    )
    client.post("/join/signin", data={"personal_code": asha.personal_code, "pin": PIN})
    assert client.post(f"/training/scenarios/{scenario.id}/start").status_code in (302, 303)
    assert client.post("/training/help").status_code in (302, 303)
    _attach(asha.workspace)
    assert baraka.workspace_id != asha.workspace_id
    return cohort


def _attach(workspace) -> None:
    """An attachment row and its file on the first item of the workspace."""
    item = db.session.scalar(sa.select(Feedback).where(Feedback.workspace_id == workspace.id))
    folder = upload_folder(workspace.id)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("a" * 32)).write_bytes(PNG)
    db.session.add(
        Attachment(
            workspace_id=workspace.id,
            feedback_id=item.id,
            filename="picha.png",
            content_type=AttachmentType.PNG,
            size=len(PNG),
            stored_name="a" * 32,
            created_at=item.received_at,
        )
    )
    db.session.commit()


def test_export_import_export_gives_the_same_content(busy_cohort, on_second):
    first = export_cohort(busy_cohort)
    before = content(first)
    assert before["enrolment"] and before["scenario_attempt"] and before["xapi_statement"]
    assert before["help_request"] and before["attachment"] and before["feedback_event"]
    assert before["files"] == [PNG]
    for name, rows in read_archive(first).tables.items():  # every column travels, reflected
        local = plan.LOCAL_COLUMNS.get(name, frozenset())
        expected = {c.name for c in db.metadata.tables[name].columns} - local
        assert all(set(row) == expected for row in rows), name
    with on_second():
        imported = import_cohort(first)
        assert imported.is_new and imported.renamed == {}
        again = export_cohort(imported.cohort)
        [enrolment] = db.session.scalars(
            sa.select(Enrolment).where(Enrolment.phone.is_not(None))
        ).all()
        [attachment] = db.session.scalars(sa.select(Attachment)).all()
        on_disk = (upload_folder(attachment.workspace_id) / attachment.stored_name).read_bytes()
    assert content(again) == before
    assert enrolment.phone == "+255712345678" and on_disk == PNG


def test_importing_the_same_archive_twice_changes_nothing_the_second_time(busy_cohort, on_second):
    data = export_cohort(busy_cohort)
    with on_second():
        first = import_cohort(data)
        counts = {m: _count(m) for m in (Cohort, Enrolment, ScenarioAttempt, XapiStatement)}
        second = import_cohort(data)
        assert not second.is_new and second.cohort.id == first.cohort.id
        assert {m: _count(m) for m in counts} == counts


def test_another_export_of_a_cohort_already_here_is_refused_with_the_reason(
    busy_cohort, make_trainee, on_second
):
    older = export_cohort(busy_cohort)
    make_trainee("Chausiku Juma")
    newer = export_cohort(busy_cohort)
    with on_second():
        import_cohort(older)
        trainees = _count(Enrolment)
        with pytest.raises(ArchiveRefused) as refused:
            import_cohort(newer)
        assert "already on this installation" in refused.value.message_en
        assert "lipo tayari" in refused.value.message_sw
        assert _count(Enrolment) == trainees
    with pytest.raises(ArchiveRefused):  # and here, where it was made
        import_cohort(older)


def test_taken_names_and_codes_get_fresh_ones_and_the_importer_runs_the_cohort(
    cohort, make_trainee, on_second
):
    asha = make_trainee("Asha Mushi")
    data = export_cohort(cohort)
    code, username, personal = asha.workspace.code, asha.user.username, asha.personal_code
    join_code = cohort.join_code
    with on_second():
        importer = User(
            username="mratibu", display_name="Mratibu", role=Role.FACILITATOR, created_at=NOW
        )
        importer.set_password("Nenosiri-la-mratibu-42")
        db.session.add(importer)
        here = create_cohort("WARSHA ya Dodoma", seed=1)
        here.join_code = join_code
        create_workspace(code, "Another", WorkspaceKind.TRAINEE)
        db.session.commit()
        imported = import_cohort(data, importer)
        renamed = imported.renamed
        assert renamed["name"] == ("Warsha ya Dodoma", "Warsha ya Dodoma (2)")
        assert renamed["join_code"][0] == join_code
        assert renamed["join_code"][1] not in (join_code, personal)
        [enrolment] = db.session.scalars(
            sa.select(Enrolment).where(Enrolment.cohort_id == imported.cohort.id)
        ).all()
        assert enrolment.personal_code == personal  # what the trainee's card says
        assert enrolment.workspace.code == f"{code}-2"
        assert enrolment.user.username == username  # its own workspace's code made it unique
        assert imported.cohort.facilitator_id == importer.id


def test_a_personal_code_already_used_here_refuses_the_import(cohort, make_trainee, on_second):
    personal = make_trainee("Asha Mushi").personal_code
    data = export_cohort(cohort)
    with on_second():
        here = create_cohort("Warsha nyingine", seed=1)
        here.join_code = personal  # codes and join codes share one space
        db.session.commit()
        cohorts = _count(Cohort)
        with pytest.raises(ArchiveRefused) as refused:
            import_cohort(data)
        assert personal in refused.value.message_en
        assert "Msimbo binafsi" in refused.value.message_sw
        db.session.rollback()
        assert _count(Cohort) == cohorts


def test_no_sign_in_cookie_secret_leaves_in_an_archive(busy_cohort):
    """A tester found every user's session token in the zip: a copied cookie would work."""
    users = read_archive(export_cohort(busy_cohort)).tables["user"]
    assert users and all("session_token" not in row for row in users)


def test_no_complainant_identity_leaves_in_an_archive(busy_cohort):
    """The facilitator and the administrator may not see who complained: the archive carries
    items without their complainant's name, phone or e-mail, and SMS without the number."""
    tables = read_archive(export_cohort(busy_cohort)).tables
    identified = [row for row in tables["feedback"] if row["complainant_type"] != "anonymous"]
    assert identified, "the world has identified items to withhold"
    for row in tables["feedback"]:
        assert (row["complainant_name"], row["complainant_phone"], row["complainant_email"]) == (
            None,
            None,
            None,
        )
    assert {row["phone"] for row in tables.get("sms_message", [])} <= {""}
