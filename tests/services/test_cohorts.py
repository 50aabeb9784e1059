"""Cohorts and joining: codes, uniqueness, the trainee's own world, signing back in."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Enrolment, Feedback, FeedbackEvent, User, Workspace, WorkspaceKind
from sandbox.services.facilitation.worlds import TRAINEE_ITEMS
from sandbox.services.people.trainees import fill_trainee_workspace
from sandbox.services.training import codes
from sandbox.services.training.cohorts import (
    CohortRefused,
    archive_cohort,
    cohort_by_join_code,
    create_cohort,
    list_cohorts,
)
from sandbox.services.training.joining import (
    JoinRefused,
    JoinRequest,
    SignInRefused,
    enrolment_of,
    join_cohort,
    join_problems,
    shown_code,
    sign_in_trainee,
)
from sandbox.services.workspace.now import workspace_now
from sandbox.services.workspace.workspaces import create_workspace
from sandbox.workflow import Role
from sandbox.workflow.permissions import Capability, can

LOOK_ALIKES = set("0O1IL")


def join(cohort, name="Asha Mushi", pin="4821", **extra):
    """Join ``cohort`` by its code typed the way people type it (lowercase, a dash)."""
    typed = codes.grouped(cohort.join_code).lower()
    return join_cohort(JoinRequest(typed, name, pin, **extra))


@pytest.fixture
def cohort(app_ctx):
    return create_cohort("Dodoma Novemba", seed=7, start=date(2026, 11, 9))


def test_codes_use_the_readable_alphabet_and_are_grouped_for_reading():
    drawn = [codes.new_code() for _ in range(300)]
    assert all(len(c) == 6 and codes.is_well_formed(c) for c in drawn)
    assert not LOOK_ALIKES & set("".join(drawn))
    assert codes.grouped("KXP4TM") == "KXP-4TM"


@pytest.mark.parametrize("typed", ["kxp4tm", "KXP-4TM", " kxp 4tm ", "Kxp.4tM"])
def test_a_code_is_typed_in_any_case_with_spaces_and_dashes_ignored(typed):
    assert codes.normalise_code(typed) == "KXP4TM"


@pytest.mark.parametrize("typed", ["KXP4T0", "KXP4TI", "KXP4T", "KXP4TMM", ""])
def test_a_code_with_a_look_alike_or_the_wrong_length_is_not_well_formed(typed):
    assert not codes.is_well_formed(codes.normalise_code(typed))


def test_a_cohort_has_its_settings_and_a_unique_join_code(app_ctx):
    first = create_cohort("A", seed=5, start=date(2026, 12, 1), language="en")
    others = [create_cohort(f"B{n}") for n in range(20)]
    assert (first.seed, first.language, first.start_at) == (5, "en", datetime(2026, 12, 1, 8))
    assert first.institution.code == "DODOMA_CC" and not first.is_archived
    assert len({c.join_code for c in [first, *others]}) == 21
    assert cohort_by_join_code(codes.grouped(first.join_code).lower()) == first
    assert [c.name for c, joined in list_cohorts()][:2] == ["B19", "B18"]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("dodoma novemba", {}),
        ("", {}),
        ("Mpya", {"language": "fr"}),
        ("Mpya", {"institution_code": "X"}),
    ],
)
def test_a_cohort_is_refused_with_a_taken_name_an_unknown_language_or_institution(
    cohort, name, options
):
    with pytest.raises(CohortRefused):
        create_cohort(name, **options)


def test_joining_gives_the_trainee_their_own_seeded_world_at_the_cohort_start(cohort):
    enrolment = join(cohort, home_institution="  Halmashauri ya Bahi ", phone="0712 345 678")
    user, workspace = enrolment.user, enrolment.workspace
    assert workspace.kind is WorkspaceKind.TRAINEE and workspace.seed == 7
    items = db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(Feedback.workspace_id == workspace.id)
    )
    assert items >= 300
    assert abs(workspace_now(workspace) - datetime(2026, 11, 9, 8)).total_seconds() < 60
    assert workspace.clock_started_at is not None  # then it runs
    assert (user.role, user.institution.code, user.workspace_id) == (
        Role.TRAINEE,
        "DODOMA_CC",
        workspace.id,
    )
    assert user.display_name == "Asha Mushi" and can(user, Capability.TAKE_SCENARIOS)
    assert (enrolment.home_institution, enrolment.phone) == ("Halmashauri ya Bahi", "+255712345678")
    assert codes.is_well_formed(enrolment.personal_code)
    assert enrolment.pin_hash != "4821" and "4821" not in enrolment.pin_hash
    assert enrolment_of(user) == enrolment and shown_code(enrolment)[3] == "-"


def test_the_trainee_works_the_training_institution_with_colleagues_a_head_and_a_leader(cohort):
    enrolment = join(cohort)
    staff = db.session.execute(
        sa.select(User.role, User.institution_id, User.region_id).where(
            User.workspace_id == enrolment.workspace_id, User.id != enrolment.user_id
        )
    ).all()
    institution = enrolment.user.institution
    colleagues = [r for r, i, _ in staff if i == institution.id]
    assert sorted(colleagues, key=str) == [Role.HEAD, Role.OFFICER, Role.OFFICER]
    assert (Role.LEADER, None, institution.region_id) in staff
    own_queue = db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).where(
            Feedback.workspace_id == enrolment.workspace_id,
            Feedback.institution_id == institution.id,
        )
    )
    assert own_queue >= 20


def test_two_trainees_of_a_cohort_get_the_same_items_in_separate_workspaces(cohort):
    first, second = join(cohort), join(cohort, name="Juma Said", pin="135790")
    assert first.workspace_id != second.workspace_id
    assert first.personal_code != second.personal_code

    def texts(enrolment):
        return db.session.scalars(
            sa.select(Feedback.description)
            .where(Feedback.workspace_id == enrolment.workspace_id)
            .order_by(Feedback.id)
        ).all()

    assert texts(first) == texts(second)


def _as_read(workspace_id: int) -> list[tuple]:
    """A world as a trainee reads it: items with their assignee's name and each event's
    action, actor and detail (user ids as the names they stand for); no ids, no tag."""
    workspace_tag = db.session.get(Workspace, workspace_id).reference_tag
    users = dict(db.session.execute(sa.select(User.id, User.display_name)).all())

    def named(detail):
        key, _, value = (detail or "").partition(":")
        return f"assignee:{users[int(value)]}" if key == "assignee" else detail

    items = db.session.execute(
        sa.select(
            Feedback.id,
            Feedback.reference,
            Feedback.description,
            Feedback.status,
            Feedback.assignee_id,
        )
        .where(Feedback.workspace_id == workspace_id)
        .order_by(Feedback.reference)
    ).all()
    events = db.session.execute(
        sa.select(
            FeedbackEvent.feedback_id,
            FeedbackEvent.action,
            FeedbackEvent.actor_id,
            FeedbackEvent.detail,
        )
        .where(FeedbackEvent.workspace_id == workspace_id)
        .order_by(FeedbackEvent.feedback_id, FeedbackEvent.id)
    ).all()
    by_item = {}
    for feedback_id, action, actor_id, detail in events:
        by_item.setdefault(feedback_id, []).append((action, users.get(actor_id), named(detail)))
    return [
        (
            reference.replace(workspace_tag, "*"),
            text,
            status,
            users.get(assignee),
            by_item.get(item_id, []),
        )
        for item_id, reference, text, status, assignee in items
    ]


def test_a_joined_world_is_the_world_generating_gives_naming_only_its_own_staff(cohort):
    """Joining copies the cohort's base world (generated once) instead of generating 300
    items per trainee: the copy must read exactly as a generated world, and name no user of
    another workspace (an assignment's ``assignee:<id>`` detail once kept the base world's)."""
    enrolment = join(cohort)
    generated = create_workspace(
        "tgenerated",
        cohort.name,
        WorkspaceKind.TRAINEE,
        seed=cohort.seed,
        clock_base=cohort.start_at,
        running=False,
    )
    fill_trainee_workspace(generated, cohort.institution, items=TRAINEE_ITEMS, seed=cohort.seed)
    assert _as_read(enrolment.workspace_id) == _as_read(generated.id)
    own = set(
        db.session.scalars(sa.select(User.id).where(User.workspace_id == enrolment.workspace_id))
    )
    events = db.session.execute(
        sa.select(FeedbackEvent.actor_id, FeedbackEvent.detail).where(
            FeedbackEvent.workspace_id == enrolment.workspace_id
        )
    ).all()
    assignees = set(
        db.session.scalars(
            sa.select(Feedback.assignee_id).where(Feedback.workspace_id == enrolment.workspace_id)
        )
    ) - {None}
    named = {int(d.partition(":")[2]) for _, d in events if (d or "").startswith("assignee:")}
    actors = {actor for actor, _ in events} - {None}
    assert named and actors and assignees  # the world assigns: the check reads something
    assert named | actors | assignees <= own


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"join_code": "ABC-DEF"}, "join_code"),
        ({"join_code": "K0P-4TM"}, "join_code"),
        ({"name": " "}, "name"),
        ({"pin": "12"}, "pin"),
        ({"pin": "1234567"}, "pin"),
        ({"pin": "12a4"}, "pin"),
        ({"pin": "١٢٣٤"}, "pin"),  # Arabic-Indic digits are digits, but not 0-9
        ({"phone": "12345"}, "phone"),
    ],
)
def test_joining_refuses_bad_input_naming_the_field(cohort, changes, field):
    typed = {"join_code": cohort.join_code, "name": "Asha", "pin": "4821", **changes}
    with pytest.raises(JoinRefused) as refused:
        join_cohort(JoinRequest(**typed))
    assert refused.value.field == field
    assert refused.value.message_sw and refused.value.message_en
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 0


def test_an_archived_cohort_takes_no_new_trainee(cohort):
    archive_cohort(cohort)
    with pytest.raises(JoinRefused, match="closed"):
        join(cohort)


def test_a_trainee_signs_back_in_with_the_personal_code_and_pin(cohort):
    enrolment = join(cohort)
    typed = codes.grouped(enrolment.personal_code).lower().replace("-", " ")
    assert sign_in_trainee(typed, "4821") == enrolment


@pytest.mark.parametrize("wrong", ["pin", "code", "join code"])
def test_a_wrong_pin_or_code_is_refused_without_telling_which(cohort, wrong):
    enrolment = join(cohort)
    code = {"code": "ABCDEF", "join code": cohort.join_code}.get(wrong, enrolment.personal_code)
    with pytest.raises(SignInRefused) as refused:
        sign_in_trainee(code, "0000" if wrong == "pin" else "4821")
    expected = "join code" if wrong == "join code" else "Wrong personal code or PIN"
    assert expected in refused.value.message_en


def test_an_archived_cohort_lets_no_trainee_back_in(cohort):
    enrolment = join(cohort)
    archive_cohort(cohort)
    with pytest.raises(SignInRefused, match="closed"):
        sign_in_trainee(enrolment.personal_code, "4821")
    with pytest.raises(SignInRefused, match="Wrong"):  # a wrong PIN learns nothing more
        sign_in_trainee(enrolment.personal_code, "9999")


def test_join_problems_lists_every_field_at_once_and_writes_nothing(cohort):
    problems = join_problems(JoinRequest("ABC-DEF", "A", "12", phone="123"))
    assert [p.field for p in problems] == ["join_code", "name", "pin", "phone"]
    assert join_problems(JoinRequest(cohort.join_code, "Asha", "4821")) == []
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 0


def test_one_join_form_sent_at_once_under_other_names_signs_none_in_as_the_first(
    cohort, monkeypatch
):
    """A tester sent one form six times at once with six names: all six were signed in as
    the first (the race's loser took the winner's login unchecked). Now only the same person
    (name without case or spaces, PIN, cohort) gets it; the others' worlds are rolled back."""
    from sandbox.services.training import joining

    first = join(cohort, join_key="k1")
    monkeypatch.setattr(joining, "_joined_with", lambda _request: None)  # looked too early
    workspaces = db.session.scalar(sa.select(sa.func.count(Workspace.id)))
    for other in ({"name": "Tabu Ally"}, {"pin": "9753"}):
        with pytest.raises(JoinRefused, match="sent already"):
            join(cohort, join_key="k1", **other)
    assert join(cohort, name=" asha  MUSHI", join_key="k1").id == first.id
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(Workspace.id))) == workspaces
