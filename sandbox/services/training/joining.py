"""Joining a cohort with its code, and signing back in with a personal code and a PIN.

Decisions (what a trainee on a shared laptop or a phone expects, written down):

- Joining asks for the cohort's join code, a name, optionally the trainee's own institution
  and phone, and a PIN of 4 to 6 digits. It makes, in this order: the trainee's own
  workspace with its synthetic staff and leader (its clock frozen at the cohort's start
  while the cohort's world, ``worlds.TRAINEE_ITEMS`` items generated once from the cohort's seed,
  is copied into it inside the database, so every trainee of a cohort gets the same world;
  then the clock runs), the TRAINEE login at the cohort's training institution, and the
  enrolment with a fresh personal code.
- The personal code (same readable alphabet as the join code, never equal to a join code)
  is the trainee's sign-in name; the PIN is its password, stored only as a salted hash
  (werkzeug, like passwords). The login has no usable password (``!``), so
  the username-and-password form cannot be used with a PIN.
- A wrong personal code and a wrong PIN get the same answer for the same hashing work, so
  answers do not tell which codes exist. An archived cohort's trainees are told the cohort
  is closed, but only after a right PIN.
- The workspace's code is random (``t`` + 7 characters), never derived from the name or the
  personal code: /w/<code>/ URLs shown on a screen tell nothing about the trainee.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from sandbox.channels.phones import tanzanian_mobile
from sandbox.extensions import db
from sandbox.models import Cohort, Enrolment, Workspace, WorkspaceKind
from sandbox.services.desk.templates import ensure_response_templates
from sandbox.services.facilitation.snapshots import take_snapshot
from sandbox.services.facilitation.worlds import (
    WORKSPACE_ALPHABET,
    base_world,
    copy_world,
)
from sandbox.services.people.trainees import add_trainee_user, ensure_leader
from sandbox.services.training.codes import grouped, is_well_formed, new_code, normalise_code
from sandbox.services.training.cohorts import cohort_by_join_code
from sandbox.services.workspace.now import wall_now
from sandbox.services.workspace.seeding import ensure_staff
from sandbox.services.workspace.workspaces import create_workspace, find_workspace
from sandbox.text import one_line
from sandbox.workflow import BilingualError

MIN_PIN, MAX_PIN = 4, 6
MAX_NAME, MAX_INSTITUTION = 120, 160
CODE_ATTEMPTS = 5
_DUMMY_PIN_HASH = generate_password_hash("no-such-trainee")


class JoinRefused(BilingualError, ValueError):
    """Joining refused; ``field`` names the form field the message belongs to."""

    def __init__(self, field: str, message_sw: str, message_en: str) -> None:
        """Keep the field and both languages; str() is English."""
        super().__init__(message_sw, message_en)
        self.field = field


class SignInRefused(BilingualError, ValueError):
    """Signing back in refused (wrong code or PIN, or the cohort is closed)."""


@dataclass(frozen=True)
class JoinRequest:
    """What a trainee typed on the join form."""

    join_code: str
    name: str
    pin: str
    home_institution: str = ""
    phone: str = ""
    join_key: str = ""  # the form's one-time key (services/feedback/once.new_form_key)


def check_pin(pin: str | None) -> None:
    """4 to 6 digits (0-9 only)."""
    pin = pin or ""
    if not (MIN_PIN <= len(pin) <= MAX_PIN and pin.isascii() and pin.isdigit()):
        raise JoinRefused(
            "pin",
            f"PIN iwe tarakimu {MIN_PIN} hadi {MAX_PIN} (0-9).",
            f"A PIN has {MIN_PIN} to {MAX_PIN} digits (0-9).",
        )


def open_cohort(join_code: str | None) -> Cohort:
    """The cohort of a typed join code that still takes trainees, else a refusal."""
    cohort = cohort_by_join_code(join_code)
    if cohort is None:
        raise JoinRefused(
            "join_code",
            "Hakuna kundi lenye msimbo huu. Angalia msimbo aliotoa mwezeshaji (mfano KXP-4TM).",
            "No cohort has this code. Check the code your facilitator gave (like KXP-4TM).",
        )
    if cohort.is_archived:
        raise JoinRefused(
            "join_code",
            "Kundi hili limefungwa; halipokei washiriki wapya. Muulize mwezeshaji.",
            "This cohort is closed and takes no new trainees. Ask your facilitator.",
        )
    return cohort


def join_problems(request: JoinRequest) -> list[JoinRefused]:
    """Everything wrong with a join request at once (code, name, PIN, phone), writing nothing.

    A form shows every problem on the first try, not one per try.
    """
    return _problems(
        (
            lambda: open_cohort(request.join_code),
            lambda: _check_name(request.name),
            lambda: check_pin(request.pin),
            lambda: _phone(request.phone),
        )
    )


def trainee_problems(name: str, phone: str) -> list[JoinRefused]:
    """What is wrong with a trainee's name and phone (a joiner's or a roster row's), if any."""
    return _problems((lambda: _check_name(name), lambda: _phone(phone)))


def _problems(checks) -> list[JoinRefused]:
    """The refusals the checks raise, each check run once."""
    problems = []
    for check in checks:
        try:
            check()
        except JoinRefused as refused:
            problems.append(refused)
    return problems


def join_cohort(request: JoinRequest) -> Enrolment:
    """Enrol a trainee: their own seeded workspace, their login and a personal code; commits."""
    problems = join_problems(request)
    if problems:
        raise problems[0]
    cohort = open_cohort(request.join_code)
    done = _joined_with(request)
    if done is not None:
        return done
    return enrol_trainee(
        cohort,
        request.name,
        request.pin,
        request.home_institution,
        request.phone,
        join_key=request.join_key,
    )


def _joined_with(request: JoinRequest) -> Enrolment | None:
    """The enrolment this very form already made (same key, name and PIN), if any."""
    if not request.join_key:
        return None
    enrolment = db.session.scalar(
        sa.select(Enrolment).where(Enrolment.join_key == request.join_key)
    )
    if enrolment is None:
        return None
    same_code = normalise_code(request.join_code) == enrolment.cohort.join_code
    check_same_sending(
        enrolment.user.display_name, enrolment.pin_hash, request.name, request.pin, same_code
    )
    return enrolment


def check_same_sending(
    name: str, pin_hash: str, typed_name: str | None, pin: str | None, same_code: bool = True
) -> None:
    """A join form sent again must carry the code, name and PIN it joined with the first time.

    Its second sending (a double click, a reload, both at once) answers with the first's
    login; the same page with another code, name or PIN typed in (a stale tab, someone else
    at the same device) is refused, on the PIN field, instead of signing them in as the
    first. Names compare without case or extra spaces. Raises ``JoinRefused``.
    """
    same_pin = check_password_hash(pin_hash, pin or "")
    if not (same_pin and same_code and folded_name(name) == folded_name(typed_name)):
        raise JoinRefused(
            "pin",
            "Fomu hii imeshatumika. Fungua ukurasa wa kujiunga upya.",
            "This form was sent already. Open the join page again.",
        )


def folded_name(typed: str | None) -> str:
    """A name as compared: one line, single spaces, without case."""
    return " ".join(one_line(typed).split()).casefold()


def enrol_trainee(
    cohort: Cohort,
    name: str,
    pin: str,
    home_institution: str = "",
    phone: str = "",
    join_key: str = "",
) -> Enrolment:
    """One trainee in ``cohort`` (already checked): workspace, login, personal code; commits.

    The one path for joining with the code and for the facilitator's bulk enrolment. The
    trainee's world, login, enrolment and fresh-world snapshot are one transaction: a server
    killed during a join leaves no workspace without its trainee (``tests/test_crashes.py``).
    The slow PIN hashing runs before it, so it never holds SQLite's one write lock. When two
    requests of one join form race (``join_key``), the loser's transaction is rolled back and
    it gets the winner's enrolment.
    """
    pin_hash = generate_password_hash(pin)
    workspace = seeded_workspace(cohort, WorkspaceKind.TRAINEE)
    user = add_trainee_user(f"mw.{workspace.code}", _clean(name), cohort.institution, workspace)
    for _ in range(CODE_ATTEMPTS):
        enrolment = Enrolment(
            cohort_id=cohort.id,
            user_id=user.id,
            workspace_id=workspace.id,
            personal_code=_unused_personal_code(),
            pin_hash=pin_hash,
            home_institution=_clean(home_institution)[:MAX_INSTITUTION] or None,
            phone=_phone(phone),
            joined_at=wall_now(),
            join_key=join_key or None,
        )
        try:
            with db.session.begin_nested():
                db.session.add(enrolment)
        except IntegrityError:  # the same form joined meanwhile, or its personal code was taken
            winner = _joined_first(join_key)
            if winner is not None:  # the same form, sent at once: the same person only
                same_code = winner.cohort_id == cohort.id
                check_same_sending(winner.user.display_name, winner.pin_hash, name, pin, same_code)
                return winner
            continue
        _save_fresh_world(cohort, workspace)
        db.session.commit()
        return enrolment
    raise RuntimeError("no free personal code found")  # pragma: no cover


def _save_fresh_world(cohort: Cohort, workspace: Workspace) -> None:
    """Keep the world as it was made, for the facilitator's resets; no commit.

    A reset of this trainee then puts these rows back with their own ids (fast, and below
    every later attempt's ``first_new_id``) instead of copying the cohort's world anew
    (``services/facilitation/snapshots.py``)."""
    take_snapshot(cohort, [workspace.id], "fresh", None, automatic=True, fresh=True)


def _joined_first(join_key: str) -> Enrolment | None:
    """The enrolment another request of the same form made first; our transaction (its
    world) rolled back when there is one."""
    if not join_key:
        return None
    first = db.session.scalar(sa.select(Enrolment.id).where(Enrolment.join_key == join_key))
    if first is None:
        return None
    db.session.rollback()
    return db.session.get(Enrolment, first)


def seeded_workspace(cohort: Cohort, kind: WorkspaceKind) -> Workspace:
    """A new workspace of the cohort's world (its seed, its start), clock running; no commit.

    Its staff and leader are made while its clock is frozen at the cohort's start, and the
    cohort's base world (``facilitation/worlds.py``: generated and committed by the
    cohort's first join) is copied into it with ``INSERT … SELECT``, so every workspace of a
    cohort (each trainee's, the shared one) gets the same items; then the clock runs. All of
    it is flushed, not committed: the caller commits it with what owns the workspace. (The
    global response templates and the base world are made, once, in commits of their own:
    caches, made before this transaction's first write.)
    """
    ensure_response_templates()
    world = base_world(cohort)
    workspace = create_workspace(
        _unused_workspace_code(),
        cohort.name,  # never the trainee's name: a workspace's name shows on its public portal
        kind,
        seed=cohort.seed,
        clock_base=cohort.start_at,
        running=False,
        commit=False,
    )
    ensure_staff(workspace, cohort.seed, commit=False)
    copy_world(world, workspace)  # also starts the clock from the cohort's start, from now
    ensure_leader(workspace, cohort.institution, cohort.seed, commit=False)
    return workspace


def sign_in_trainee(personal_code: str | None, pin: str | None) -> Enrolment:
    """The enrolment whose personal code and PIN match, else a refusal (equal work either way)."""
    code = normalise_code(personal_code)
    enrolment = (
        db.session.scalar(sa.select(Enrolment).where(Enrolment.personal_code == code))
        if is_well_formed(code)
        else None
    )
    if enrolment is None or not enrolment.user.is_active:
        check_password_hash(_DUMMY_PIN_HASH, pin or "")
        raise _wrong_code_or_pin(code)
    if not check_password_hash(enrolment.pin_hash, pin or ""):
        raise _wrong_code_or_pin(code)
    if enrolment.cohort.is_archived:
        raise SignInRefused(
            "Kundi lako limefungwa; huwezi kuingia tena. Muulize mwezeshaji.",
            "Your cohort is closed; you cannot sign in again. Ask your facilitator.",
        )
    return enrolment


def _wrong_code_or_pin(code: str) -> SignInRefused:
    """One answer for an unknown code and a wrong PIN; a join code typed by mistake is named."""
    if is_well_formed(code) and db.session.scalar(
        sa.select(Cohort.id).where(Cohort.join_code == code)
    ):
        return SignInRefused(
            "Huu ni msimbo wa kundi. Tumia msimbo wako binafsi uliopewa ulipojiunga.",
            "This is a cohort's join code. Use the personal code you were given when you joined.",
        )
    return SignInRefused(
        "Msimbo binafsi au PIN si sahihi. Angalia vyote viwili ujaribu tena.",
        "Wrong personal code or PIN. Check both and try again.",
    )


def enrolment_of(user) -> Enrolment | None:
    """The enrolment of a signed-in trainee (None for any other user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(Enrolment).where(Enrolment.user_id == user.id))


def shown_code(enrolment: Enrolment) -> str:
    """The trainee's personal code as shown and read aloud (``KXP-4TM``)."""
    return grouped(enrolment.personal_code)


def _check_name(typed: str | None) -> None:
    """A name of 2 to 120 characters once trimmed."""
    if not 2 <= len(_clean(typed)) <= MAX_NAME:
        raise JoinRefused(
            "name",
            f"Andika jina lako (herufi 2 hadi {MAX_NAME}).",
            f"Write your name (2 to {MAX_NAME} characters).",
        )


def _clean(text: str | None) -> str:
    """Trimmed, inner runs of spaces and line breaks made one space, control characters
    dropped (``text.one_line``)."""
    return one_line(text)


def _phone(typed: str | None) -> str | None:
    """An optional Tanzanian mobile number, as +255…; a refusal when typed but not one."""
    if not (typed or "").strip():
        return None
    phone = tanzanian_mobile(typed)
    if phone is None:
        raise JoinRefused(
            "phone",
            "Andika namba ya simu ya Tanzania (mfano 0712 345 678) au iache wazi.",
            "Write a Tanzanian mobile number (like 0712 345 678) or leave it empty.",
        )
    return phone


def _unused_workspace_code() -> str:
    """A random workspace code (``t`` + 7 characters) that no workspace has."""
    while True:
        code = "t" + "".join(secrets.choice(WORKSPACE_ALPHABET) for _ in range(7))
        if find_workspace(code) is None:
            return code


def _unused_personal_code() -> str:
    """A personal code no trainee has and no cohort uses as its join code."""
    while True:
        code = new_code()
        taken = db.session.scalar(
            sa.select(Enrolment.id).where(Enrolment.personal_code == code)
        ) or db.session.scalar(sa.select(Cohort.id).where(Cohort.join_code == code))
        if not taken:
            return code
