"""The Tanzania Faker provider: formats, sources and determinism."""

from __future__ import annotations

import re

import pytest
from faker import Faker

from sandbox.seeding.data import RegionData
from sandbox.seeding.loader import load_seed_data
from sandbox.seeding.provider import TanzaniaProvider, make_faker

PHONE = re.compile(r"^\+255(61|62|65|67|68|69|71|73|74|75|76|77|78)\d{7}$")


@pytest.fixture(scope="module")
def data():
    return load_seed_data()


@pytest.fixture
def fake() -> Faker:
    return make_faker(2024)


def test_mobile_numbers_are_e164_tanzanian(fake):
    numbers = [fake.tz_mobile_number() for _ in range(2000)]
    for number in numbers:
        assert PHONE.match(number), number
        assert len(number) == 13
    # every operator block shows up, and numbers are not all alike
    assert {n[4:6] for n in numbers} == {
        "61", "62", "65", "67", "68", "69", "71", "73", "74", "75", "76", "77", "78",
    }  # fmt: skip
    assert len(set(numbers)) > 1990


@pytest.mark.parametrize(
    ("operator", "blocks"),
    [
        ("Vodacom", {"74", "75", "76"}),
        ("airtel", {"68", "69", "78"}),
        ("Yas", {"65", "67", "71", "77"}),
        ("HALOTEL", {"61", "62"}),
        ("TTCL", {"73"}),
    ],
)
def test_mobile_number_for_an_operator(fake, operator, blocks):
    numbers = [fake.tz_mobile_number(operator) for _ in range(300)]
    assert all(PHONE.match(n) for n in numbers)
    assert {n[4:6] for n in numbers} == blocks


def test_unknown_operator_is_refused(fake):
    with pytest.raises(ValueError, match="unknown operator 'Safaricom'"):
        fake.tz_mobile_number("Safaricom")


def test_operators_come_from_the_file(fake, data):
    seen = {fake.tz_mobile_operator() for _ in range(200)}
    assert seen == set(data.people.mobile_prefixes)


def test_names_come_from_the_files(fake, data):
    people = data.people
    for _ in range(500):
        assert fake.tz_given_name("male") in people.given_male
        assert fake.tz_given_name("f") in people.given_female
        assert fake.tz_given_name() in people.given_male + people.given_female
        assert fake.tz_surname() in people.surnames
        given, surname = fake.tz_full_name().split(" ", 1)
        assert given in people.given_male + people.given_female
        assert surname in people.surnames
    given, _ = fake.tz_full_name(gender="female").split(" ", 1)
    assert given in people.given_female


def test_bad_gender_is_refused(fake):
    with pytest.raises(ValueError, match="gender"):
        fake.tz_given_name("x")


def test_places_regions_districts(fake, data):
    for _ in range(300):
        assert fake.tz_place() in data.people.places
        region = fake.tz_region()
        assert isinstance(region, RegionData)
        assert fake.tz_district(region.code) in region.districts
        district = fake.tz_district()
        assert any(district in r.districts for r in data.regions)
    assert {fake.tz_district("DSM") for _ in range(200)} == set(data.region("DSM").districts)
    with pytest.raises(ValueError, match="unknown region code 'ZZZ'"):
        fake.tz_district("ZZZ")


def test_slot_helpers(fake, data):
    assert fake.tz_month() in data.people.months_sw
    assert fake.tz_month("en") in data.people.months_en
    assert fake.tz_official() in data.people.official_titles_sw
    assert fake.tz_official("en") in data.people.official_titles_en


def _sequence(fake: Faker) -> list[tuple[str, str]]:
    return [(fake.tz_full_name(), fake.tz_mobile_number()) for _ in range(50)]


def test_same_seed_same_sequence():
    assert _sequence(make_faker(7)) == _sequence(make_faker(7))


def test_other_seed_other_sequence():
    assert _sequence(make_faker(7)) != _sequence(make_faker(8))


def test_reseeding_restarts_the_sequence():
    fake = make_faker(7)
    first = _sequence(fake)
    fake.seed_instance(7)
    assert _sequence(fake) == first


def test_provider_on_a_plain_faker():
    fake = Faker()
    fake.add_provider(TanzaniaProvider)
    fake.seed_instance(1)
    assert PHONE.match(fake.tz_mobile_number())
    assert len(fake.tz_full_name().split()) >= 2


def test_multi_locale_faker_needs_the_provider_per_factory():
    fake = Faker(["sw", "en_US"])
    for factory in fake.factories:
        factory.add_provider(TanzaniaProvider)
    fake.seed_instance(3)
    assert PHONE.match(fake["sw"].tz_mobile_number())
