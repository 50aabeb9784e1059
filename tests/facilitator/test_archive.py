"""The cohort archive: export here, import on another installation, export again: the same
content; a second import changes nothing; clashes get fresh values or refuse the import."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import (
    Cohort,
    Enrolment,
    Feedback,
    ScenarioAttempt,
    XapiStatement,
)
from sandbox.models.attachment import Attachment, AttachmentType
from sandbox.services.facilitation.archive import export_cohort, import_cohort
from sandbox.services.facilitation.archive_format import ArchiveRefused
from sandbox.services.feedback.attachments import upload_folder
from sandbox.services.training.library import scenario_library
from sandbox.services.training.runner import is_unlocked
from tests.facilitator.archive_helpers import content
from tests.facilitator.conftest import PIN

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
