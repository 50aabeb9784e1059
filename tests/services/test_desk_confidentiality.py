"""Reply warning (pure) and the audited identity reveal."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sandbox.extensions import db
from sandbox.models.desk import IdentityReveal
from sandbox.services.desk.confidentiality import (
    Mention,
    RevealRefused,
    identity_mentions,
    national_number,
    personal_data_in,
    reveal_identity,
    reveal_log,
)
from sandbox.services.workspace.now import workspace_now
from sandbox.workflow import Role
from tests.desk.factories import NAME, PHONE, make_item, make_user

NAME_CASES = [
    ("Habari Asha, tumepokea lalamiko lako.", True),
    ("Ndugu MREMA, tafadhali fika ofisini.", True),
    ("juma tumeshughulikia.", True),
    ("Tutakujibu Jumamosi.", False),  # "Juma" inside another word is not the name
    ("Habari, tumepokea lalamiko lako.", False),
]


@pytest.mark.parametrize(("text", "expected"), NAME_CASES)
def test_name_parts_are_found_as_whole_words_in_any_case(text, expected):
    assert (Mention.NAME in identity_mentions(text, NAME, PHONE)) is expected


def test_name_parts_shorter_than_three_letters_are_ignored():
    assert identity_mentions("Al ameandika", "Al Bo", None) == []
    assert identity_mentions("Bwana Ali ameandika", "Ali Bo", None) == [Mention.NAME]


@pytest.mark.parametrize(
    "text",
    [
        "Tupigie 0712345678",
        "Namba yako 0712 345 678 imesajiliwa",
        "Simu: +255712345678",
        "Simu: +255 712 345 678.",
        "Simu 255-712-345-678",
        "namba (0712) 345-678",
        "712 345 678",
    ],
)
def test_phone_numbers_in_common_formats_are_found(text):
    assert identity_mentions(text, None, PHONE) == [Mention.PHONE]


@pytest.mark.parametrize(
    "text",
    ["Tupigie 0712345679", "Kumbukumbu MRJ-T-2026-000123", "Tarehe 12/11/2026", "0754 345 678"],
)
def test_other_numbers_are_not_the_phone(text):
    assert identity_mentions(text, None, PHONE) == []


def test_both_parts_are_reported_and_nothing_without_identity():
    assert identity_mentions("Asha, tupigie 0712345678", NAME, PHONE) == [
        Mention.NAME,
        Mention.PHONE,
    ]
    assert identity_mentions("Asha 0712345678", None, None) == []


@pytest.mark.parametrize(
    ("raw", "national"),
    [("+255712345678", "712345678"), ("0712345678", "712345678"), ("12345", None)],
)
def test_national_number(raw, national):
    assert national_number(raw) == national


@given(st.text(max_size=300), st.text(max_size=60), st.text(max_size=25))
def test_detection_never_fails_on_any_input(text, name, phone):
    assert set(identity_mentions(text, name, phone)) <= set(Mention)


def test_reveal_writes_an_audit_row_on_the_workspace_clock(make_workspace):
    workspace = make_workspace()
    head = make_user(workspace, "mkuu", Role.HEAD, "DODOMA_CC")
    item = make_item(workspace, "DODOMA_CC")
    identity = reveal_identity(workspace, head, item, "  Kumpigia simu kuhusu mita  ")
    assert (identity.name, identity.phone) == (NAME, PHONE)
    [entry] = reveal_log(item)
    assert (entry.user_id, entry.reason) == (head.id, "Kumpigia simu kuhusu mita")
    assert entry.at == workspace_now(workspace)


@pytest.mark.parametrize("reason", ["", "   ", "short"])
def test_reveal_needs_a_reason_of_ten_characters(make_workspace, reason):
    workspace = make_workspace()
    head = make_user(workspace, "mkuu", Role.HEAD, "DODOMA_CC")
    item = make_item(workspace, "DODOMA_CC")
    with pytest.raises(RevealRefused) as refused:
        reveal_identity(workspace, head, item, reason)
    assert "10" in refused.value.message("sw")
    assert db.session.scalar(sa.select(sa.func.count(IdentityReveal.id))) == 0


def test_anonymous_items_have_nothing_to_reveal(make_workspace):
    workspace = make_workspace()
    head = make_user(workspace, "mkuu", Role.HEAD, "DODOMA_CC")
    item = make_item(workspace, "DODOMA_CC", anonymous=True)
    assert item.complainant_name is None and item.complainant_phone is None
    with pytest.raises(RevealRefused, match="anonymously"):
        reveal_identity(workspace, head, item, "Sababu ndefu ya kutosha")
    assert reveal_log(item) == []


def test_reveal_log_is_append_only(make_workspace):
    workspace = make_workspace()
    head = make_user(workspace, "mkuu", Role.HEAD, "DODOMA_CC")
    item = make_item(workspace, "DODOMA_CC")
    reveal_identity(workspace, head, item, "Sababu ndefu ya kutosha")
    entry = reveal_log(item)[0]
    entry.reason = "changed"
    with pytest.raises(PermissionError):
        db.session.commit()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asante sana Bi. Asha kwa pongezi.", [Mention.NAME]),
        ("Neema atakupigia.", [Mention.NAME]),  # a seeded given name, anyone's
        ("Bw. Kisanga atakuja kesho.", [Mention.NAME]),  # honorific + a name in no list
        ("Tupigie 0754 999 111.", [Mention.PHONE]),  # any number, not only the complainant's
        ("Andika kwa juma@example.org", [Mention.EMAIL]),
        ("Tumepokea, amani na baraka.", []),  # lowercase common words are not names
        ("Kumbukumbu MRJ-T-2026-000123, tarehe 12/11/2026.", []),
        ("Tutakujibu Jumamosi.", []),
    ],
)
def test_personal_data_is_flagged_whoever_it_belongs_to(text, expected):
    assert personal_data_in(text) == expected


def test_the_complainants_own_name_counts_even_outside_the_lists():
    assert personal_data_in("Kisangawe amepigiwa", "Zuhura Kisangawe") == [Mention.NAME]
    assert personal_data_in("Kisangawe amepigiwa") == []


@given(st.text(max_size=300), st.text(max_size=60))
def test_the_reply_check_never_fails_on_any_input(text, name):
    assert set(personal_data_in(text, name)) <= set(Mention)


@pytest.mark.parametrize(
    ("text", "kind"),
    [  # how the reply check was slipped past (a tester's findings): every one is caught
        ("Tupigie 0713_987_654 tafadhali.", "phone"),
        ("+255 (0) 713 987 654", "phone"),
        ("0713–987–654", "phone"),
        ("0713,987,654", "phone"),
        ("0713~987~654", "phone"),
        ("٠٧١٣٩٨٧٦٥٤", "phone"),
        ("zuhura.kipepeo @ example.tz", "email"),
        ("zuhura＠example.tz", "email"),
        ("zuhura (at) example (dot) tz", "email"),
        ("Zu\u00adhura atapigiwa", "name"),
        ("Zu\u200bhura atapigiwa", "name"),
        ("Ｚuhura atapigiwa", "name"),
        ("ZuhuraKipepeo atapigiwa", "name"),
    ],
)
def test_disguised_personal_data_is_still_flagged(text, kind):
    assert [m.value for m in personal_data_in(text, "Zuhura Kipepeo")] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Fidia ya shilingi 150,000,000 imelipwa.",
        "Come at noon. Bring the form.",
        "Simu ya ofisi 0222 123 456 (saa za kazi).",
        "Kumbukumbu MRJ-TAB-2026-000123, tarehe 2026-11-12 10:30.",
    ],
)
def test_ordinary_replies_are_not_flagged(text):
    assert personal_data_in(text, "Zuhura Kipepeo") == []


def test_invisible_characters_are_no_reason_to_reveal(make_workspace):
    ws = make_workspace()
    item = make_item(ws, "DODOMA_CC")
    head = make_user(ws, "mkuu", Role.HEAD, "DODOMA_CC")
    with pytest.raises(RevealRefused):
        reveal_identity(ws, head, item, "\u200b" * 12)
    with pytest.raises(RevealRefused):
        reveal_identity(ws, head, item, "\u00ad" * 6 + "  abc  ")
