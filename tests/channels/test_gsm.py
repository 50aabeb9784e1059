"""The GSM 03.38 measure (3GPP TS 23.038): septets, transliteration, fitting a screen or SMS."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.channels import gsm
from tests.channels.hostile import HOSTILE


def test_the_basic_table_has_127_characters_and_the_extension_ten() -> None:
    assert len(gsm.BASIC) == len(set(gsm.BASIC)) == 127  # 128 codes less the escape
    assert gsm.BASIC[0] == "@" and gsm.BASIC[gsm.BASIC.index("A") + 1] == "B"
    assert "\x1b" not in gsm.BASIC and not set(gsm.BASIC) & set(gsm.EXTENSION)


@pytest.mark.parametrize("char", list(gsm.EXTENSION))
def test_extension_characters_count_two_septets(char: str) -> None:
    assert gsm.septets(char) == 2
    assert gsm.septets(f"a{char}b") == 4


def test_basic_characters_count_one_septet_each() -> None:
    assert gsm.septets(gsm.BASIC) == 127
    assert gsm.septets("Habari, ndugu! Δ £ é") == 20


@pytest.mark.parametrize("char", ["–", "’", "“", "…", "\u00a0", "🙏", "中", "á", "\t"])
def test_characters_outside_the_alphabet_are_refused_by_the_measure(char: str) -> None:
    assert not gsm.is_gsm(char)
    with pytest.raises(ValueError, match="GSM"):
        gsm.septets(f"ok {char}")


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("Jibu – sasa — kesho", "Jibu - sasa - kesho"),
        ("‘Asante’ “sana”", "'Asante' \"sana\""),
        ("Subiri…", "Subiri..."),
        ("kesho\u00a0asubuhi\u202fsaa\u20093", "kesho asubuhi saa 3"),
        ("Asante 🙏🏽 sana 👍", "Asante sana "),
        ("café naïve Ågård ç", "café naive Ågård Ç"),
        ("Zoë Dvořák ł", "Zoe Dvorak ?"),
        ("中文", "??"),
        ("ﬁ ² Ａ", "fi 2 A"),
        ("a\x0cb\u200bc", "abc"),
        ("{[€]}^~|\\", "{[€]}^~|\\"),
        ("mstari\nwa pili", "mstari\nwa pili"),
    ],
)
def test_transliteration(typed: str, sent: str) -> None:
    assert gsm.to_gsm(typed) == sent


def test_single_line_flattens_breaks_and_trims() -> None:
    assert gsm.to_gsm("  Habari\n\nya  leo 🙏 ", single_line=True) == "Habari ya leo"


def test_fit_cuts_in_septets_and_marks_the_cut() -> None:
    assert gsm.fit("abc", 3) == "abc"
    assert gsm.fit("abcdef", 5) == "abc.."
    assert gsm.fit("€€€€", 7) == "€€.."  # 4 + 2 = 6; a third € would make 8
    assert gsm.septets(gsm.fit("€" * 200, 178)) == 178


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("a" * 152 + "€" + "a" * 152, 3),  # the escape pair is not split between parts
        ("a" * 151 + "€" + "a" * 153, 2),
    ],
)
def test_sms_parts(text: str, parts: int) -> None:
    assert gsm.sms_parts(text) == parts


def test_fit_sms_keeps_the_product_maximum_of_parts() -> None:
    assert gsm.MAX_SMS_PARTS == 3
    long = "a" * 152 + "€" + "a" * 400
    fitted = gsm.fit_sms(long)
    assert gsm.sms_parts(fitted) == 3 and fitted.endswith("..")
    assert gsm.fit_sms("a" * 459) == "a" * 459
    assert gsm.fit_sms("a" * 200, max_parts=1) == "a" * 158 + ".."


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_fits_a_screen_and_an_sms(text: str) -> None:
    screen, sms = gsm.for_ussd(text), gsm.for_sms(text)
    assert gsm.is_gsm(screen) and gsm.septets(screen) <= gsm.USSD_SCREEN
    assert gsm.is_gsm(sms) and gsm.sms_parts(sms) <= gsm.MAX_SMS_PARTS


GSM_TEXT = st.text(alphabet=st.sampled_from(sorted(set(gsm.BASIC + gsm.EXTENSION) - {"\f"})))


@given(text=st.text(), limit=st.integers(2, 600))
def test_any_text_becomes_gsm_within_the_limit(text: str, limit: int) -> None:
    assert gsm.is_gsm(gsm.to_gsm(text))
    assert gsm.is_gsm(gsm.to_gsm(text, single_line=True))
    fitted = gsm.for_ussd(text, limit)
    assert gsm.is_gsm(fitted) and gsm.septets(fitted) <= limit


@given(text=st.text(), parts=st.integers(1, 6))
def test_any_text_becomes_an_sms_of_at_most_the_parts(text: str, parts: int) -> None:
    sms = gsm.for_sms(text, parts)
    assert gsm.is_gsm(sms) and gsm.sms_parts(sms) <= parts


@given(text=GSM_TEXT.filter(lambda t: "  " not in t))
def test_gsm_text_is_left_as_it_is(text: str) -> None:
    assert gsm.to_gsm(text) == text


@given(text=GSM_TEXT, limit=st.integers(2, 400))
def test_fit_keeps_a_prefix(text: str, limit: int) -> None:
    fitted = gsm.fit(text, limit)
    assert fitted == text or text.startswith(fitted[:-2].rstrip())


@given(text=GSM_TEXT)
def test_parts_are_never_fewer_than_the_septets_need(text: str) -> None:
    size = gsm.septets(text)
    least = 1 if size <= gsm.SMS_SINGLE else math.ceil(size / gsm.SMS_PART)
    assert least <= gsm.sms_parts(text) <= least + size // gsm.SMS_PART + 1
