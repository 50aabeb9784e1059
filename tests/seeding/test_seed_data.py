"""The seed_data/ files: counts, shares, referential integrity and the loader's checks."""

from __future__ import annotations

import re
import shutil
import string
from collections import Counter
from pathlib import Path

import pytest
import yaml

from sandbox.seeding.data import (
    ALLOWED_SLOTS,
    INSTITUTION_KINDS,
    SEED_FILES,
    SeedData,
    SeedDataError,
    TextTemplate,
    fill_template,
)
from sandbox.seeding.loader import default_seed_dir, load_seed_data


@pytest.fixture(scope="module")
def data() -> SeedData:
    return load_seed_data()


def _share(items, predicate) -> float:
    items = list(items)
    return sum(1 for i in items if predicate(i)) / len(items)


# -- regions ----------------------------------------------------------------------------
def test_31_regions_26_mainland_5_zanzibar(data):
    assert len(data.regions) == 31
    zones = Counter(r.zone for r in data.regions)
    assert zones == {"mainland": 26, "zanzibar": 5}
    zanzibar = {r.name for r in data.regions if r.zone == "zanzibar"}
    assert zanzibar == {
        "Kaskazini Unguja",
        "Kusini Unguja",
        "Mjini Magharibi",
        "Kaskazini Pemba",
        "Kusini Pemba",
    }


def test_region_codes_and_districts(data):
    codes = [r.code for r in data.regions]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert sum(len(r.districts) for r in data.regions) >= 150
    for region in data.regions:
        assert region.districts, region.code
        assert len(set(region.districts)) == len(region.districts), region.code
    dsm = data.region("DSM")
    assert set(dsm.districts) == {"Ilala", "Kinondoni", "Temeke", "Ubungo", "Kigamboni"}


# -- institutions -----------------------------------------------------------------------
def test_institution_counts_per_kind(data):
    assert len(data.institutions) >= 70
    kinds = Counter(i.kind for i in data.institutions)
    assert set(kinds) <= set(INSTITUTION_KINDS)
    assert kinds["ministry"] >= 15
    assert kinds["regional_secretariat"] >= 10
    assert kinds["council"] >= 22
    assert kinds["agency"] >= 15
    assert kinds["independent_department"] >= 5


@pytest.mark.parametrize(
    "code",
    [
        "TANESCO", "RUWASA", "DAWASA", "TARURA", "TANROADS", "TRA", "NIDA", "RITA",
        "NHIF", "HESLB", "LATRA", "TCRA", "EWURA", "TMDA", "TPA",
    ],
)  # fmt: skip
def test_named_agencies_present(data, code):
    assert data.institution(code).kind == "agency"


def test_ega_and_utumishi(data):
    ega = data.institution("EGA")
    assert "e-Government Authority" in ega.name_en
    assert "Serikali Mtandao" in ega.name_sw
    utumishi = data.institution("UTUMISHI")
    assert utumishi.kind == "ministry"
    assert "Utumishi wa Umma" in utumishi.name_sw
    assert "Public Service Management and Good Governance" in utumishi.name_en


def test_institution_codes_unique_and_well_formed(data):
    codes = [i.code for i in data.institutions]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", c) and len(c) <= 40 for c in codes)


def test_institution_places_exist(data):
    regions = {r.code: r for r in data.regions}
    for inst in data.institutions:
        if inst.kind in ("regional_secretariat", "council"):
            assert inst.region in regions, inst.code
        else:
            assert inst.region is None, inst.code
        if inst.kind == "council":
            assert inst.district in regions[inst.region].districts, inst.code
        else:
            assert inst.district is None, inst.code


def test_every_institution_handles_categories_with_complaint_texts(data):
    for inst in data.institutions:
        cats = data.categories_for(inst)
        assert cats, inst.code
        assert any(data.templates_for("complaint", c) for c in cats), inst.code


# -- categories -------------------------------------------------------------------------
def test_category_count_and_codes(data):
    assert len(data.categories) >= 45
    codes = [c.code for c in data.categories]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in codes)
    for cat in data.categories:
        assert cat.name_sw and cat.name_en and cat.kinds, cat.code
        assert set(cat.kinds) <= set(INSTITUTION_KINDS), cat.code


def test_every_category_is_handled_by_some_institution(data):
    for cat in data.categories:
        assert data.handlers_of(cat.code), cat.code


def test_explicit_categories_exist_and_fit_the_kind(data):
    codes = {c.code for c in data.categories}
    for inst in data.institutions:
        if inst.kind in ("council", "regional_secretariat"):
            assert inst.categories == (), inst.code
            continue
        assert inst.categories, inst.code
        for cat in inst.categories:
            assert cat in codes, (inst.code, cat)
            assert inst.kind in data.category(cat).kinds, (inst.code, cat)


def test_categories_for_councils_come_from_kinds(data):
    council = data.institution("DODOMA_CC")
    expected = tuple(c.code for c in data.categories if "council" in c.kinds)
    assert data.categories_for(council) == expected
    assert "water_supply" in expected
    assert data.categories_for(data.institution("TANESCO"))[0] == "electricity_supply"


# -- templates --------------------------------------------------------------------------
def test_template_counts_and_shares(data):
    templates = data.templates
    assert len(templates) >= 170
    assert _share(templates, lambda t: t.language == "sw") >= 0.60
    assert _share(templates, lambda t: t.language == "en") >= 0.15
    assert _share(templates, lambda t: t.language == "mixed") >= 0.10
    assert _share(templates, lambda t: t.misspelled) >= 0.15
    types = Counter(t.type for t in templates)
    assert types["complaint"] > len(templates) / 2
    assert types["suggestion"] >= 25
    assert types["inquiry"] >= 20
    assert types["compliment"] >= 15
    assert sum(t.sensitive for t in templates) >= 12
    assert len({t.category for t in templates}) >= 35


def test_template_ids_unique_and_categories_exist(data):
    ids = [t.id for t in data.templates]
    assert len(set(ids)) == len(ids)
    codes = {c.code for c in data.categories}
    assert all(t.category in codes for t in data.templates)


def test_template_slots_are_allowed(data):
    formatter = string.Formatter()
    for tpl in data.templates:
        for _literal, name, spec, conversion in formatter.parse(tpl.text):
            if name is None:
                continue
            assert name in ALLOWED_SLOTS, (tpl.id, name)
            assert not spec and conversion is None, tpl.id


def test_templates_have_no_phone_numbers(data):
    phone = re.compile(r"\+?255\s?\d|\b0[67]\d{2}\D?\d{3}|\d{7,}")
    for tpl in data.templates:
        assert not phone.search(tpl.text), tpl.id


def test_sensitive_templates_cover_the_known_cases(data):
    sensitive = [t for t in data.templates if t.sensitive]
    cats = {t.category for t in sensitive}
    assert {"corruption", "confidentiality_breach", "officer_misconduct"} <= cats
    assert {t.type for t in sensitive} == {"complaint"}


def test_templates_for(data):
    water = data.templates_for("complaint", "water_supply")
    assert water and all(t.type == "complaint" and t.category == "water_supply" for t in water)
    assert data.templates_for("compliment", "no_such_category") == []
    all_suggestions = data.templates_for("suggestion")
    assert len(all_suggestions) == sum(t.type == "suggestion" for t in data.templates)
    water.clear()  # a fresh list each call: mutating it changes nothing
    assert data.templates_for("complaint", "water_supply")


def test_fill_template(data):
    values = {
        "institution": "Mamlaka ya Mapato Tanzania (TRA)",
        "region": "Dodoma",
        "district": "Chamwino",
        "place": "Nkuhungu",
        "days": "12",
        "amount": "5,000",
        "official": "afisa ardhi",
        "month": "Machi",
        "extra": "ignored",
    }
    for tpl in data.templates:
        text = fill_template(tpl, values)
        assert "{" not in text and "}" not in text, tpl.id
    tpl = TextTemplate("x", "complaint", "water_supply", "sw", False, False, "Maji {place} {days}")
    assert fill_template(tpl, {"place": "Sinza", "days": "3"}) == "Maji Sinza 3"
    assert fill_template("{place}", {"place": "{days}"}) == "{days}"
    with pytest.raises(ValueError, match="days"):
        fill_template(tpl, {"place": "Sinza"})


# -- people -------------------------------------------------------------------------------
def test_people_counts(data):
    people = data.people
    assert len(people.given_male) >= 120
    assert len(people.given_female) >= 120
    assert len(people.surnames) >= 220
    assert len(people.places) >= 80
    assert len(people.months_sw) == len(people.months_en) == 12
    assert people.months_sw[0] == "Januari" and people.months_en[-1] == "December"
    for names in (people.given_male, people.given_female, people.surnames, people.places):
        assert len(set(names)) == len(names)
    assert people.official_titles_sw and people.official_titles_en


def test_mobile_prefixes(data):
    prefixes = data.people.mobile_prefixes
    assert prefixes == {
        "Vodacom": (74, 75, 76),
        "Airtel": (68, 69, 78),
        "Yas": (65, 67, 71, 77),
        "Halotel": (61, 62),
        "TTCL": (73,),
    }


# -- loader ---------------------------------------------------------------------------------
def test_loader_is_memoised_per_directory(data, tmp_path):
    assert load_seed_data() is data
    assert load_seed_data(default_seed_dir()) is data
    assert load_seed_data(str(default_seed_dir())) is data
    copy = _copy_seed(tmp_path)
    other = load_seed_data(copy)
    assert other is not data
    assert load_seed_data(copy) is other
    assert len(other.templates) == len(data.templates)


def _copy_seed(tmp_path: Path) -> Path:
    target = tmp_path / "seed"
    target.mkdir()
    for name in SEED_FILES:
        shutil.copy(default_seed_dir() / name, target / name)
    return target


def _edit(directory: Path, name: str, change) -> None:
    path = directory / name
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


def test_loader_rejects_unknown_category_reference(tmp_path):
    copy = _copy_seed(tmp_path)

    def break_it(entries):
        tanesco = next(e for e in entries if e["code"] == "TANESCO")
        tanesco["categories"].append("umeme_bure")

    _edit(copy, "institutions.yaml", break_it)
    with pytest.raises(SeedDataError, match=r"institutions\.yaml.*'TANESCO'.*umeme_bure"):
        load_seed_data(copy)


def test_loader_rejects_unknown_slot(tmp_path):
    copy = _copy_seed(tmp_path)

    def break_it(entries):
        entries[0]["text"] += " Nipigie {phone}."

    _edit(copy, "templates.yaml", break_it)
    with pytest.raises(SeedDataError, match=r"templates\.yaml.*'c001'.*unknown slot.*phone"):
        load_seed_data(copy)


def test_loader_rejects_bad_category_and_slot_together(tmp_path):
    """One bad category reference and one unknown slot: the first problem is reported."""
    copy = _copy_seed(tmp_path)

    def bad_category(entries):
        entries[1]["category"] = "no_such_category"

    def bad_slot(entries):
        entries[2]["text"] = "Afisa {name} hajanijibu."

    _edit(copy, "templates.yaml", bad_category)
    _edit(copy, "templates.yaml", bad_slot)
    with pytest.raises(
        SeedDataError, match=r"templates\.yaml.*unknown category 'no_such_category'"
    ):
        load_seed_data(copy)
    _edit(copy, "templates.yaml", lambda e: e[1].update(category="water_supply"))
    with pytest.raises(SeedDataError, match=r"unknown slot\(s\) name"):
        load_seed_data(copy)


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("regions.yaml", lambda e: e.append(dict(e[0])), r"duplicate code 'ARS'"),
        (
            "institutions.yaml",
            lambda e: e[next(i for i, x in enumerate(e) if x["code"] == "DODOMA_CC")].update(
                district="Kinondoni"
            ),
            r"'DODOMA_CC'.*unknown district 'Kinondoni' in region DOD",
        ),
        (
            "institutions.yaml",
            lambda e: e[next(i for i, x in enumerate(e) if x["code"] == "RS_DSM")].update(
                region="XXX"
            ),
            r"'RS_DSM'.*unknown region 'XXX'",
        ),
        (
            "institutions.yaml",
            lambda e: e.append(dict(e[0])),
            r"duplicate code 'UTUMISHI'",
        ),
        (
            "institutions.yaml",
            lambda e: e[next(i for i, x in enumerate(e) if x["code"] == "NECTA")].update(
                categories=["schools", "exam_results"]
            ),
            r"'NECTA'.*category 'schools' is not handled by kind 'agency'",
        ),
        (
            "categories.yaml",
            lambda e: e.append(
                {"code": "orphan", "name_sw": "x", "name_en": "x", "kinds": ["agency"]}
            ),
            r"'orphan'.*no institution handles it",
        ),
        (
            "templates.yaml",
            lambda e: e[0].update(text="Nipigie +255 754 000 000 {place}"),
            r"'c001'.*phone number",
        ),
        (
            "templates.yaml",
            lambda e: e[0].update(text="Kiasi {amount:>10}"),
            r"'c001'.*bad slot",
        ),
        ("templates.yaml", lambda e: e[0].update(sensitive="yes"), r"'c001'.*'sensitive'"),
        ("templates.yaml", lambda e: e[0].update(typo=1), r"'c001'.*unknown key\(s\) typo"),
        (
            "people.yaml",
            lambda e: e["mobile_prefixes"].update(Airtel=[68, 74]),
            r"mobile_prefixes\.Vodacom.*block 74 also used by Airtel",
        ),
        ("people.yaml", lambda e: e["months_en"].pop(), r"months_en.*12 months"),
    ],
)
def test_loader_rejects_inconsistencies(tmp_path, name, change, message):
    copy = _copy_seed(tmp_path)
    _edit(copy, name, change)
    with pytest.raises(SeedDataError, match=message):
        load_seed_data(copy)


def test_loader_reports_missing_file(tmp_path):
    copy = _copy_seed(tmp_path)
    (copy / "people.yaml").unlink()
    with pytest.raises(SeedDataError, match=r"people\.yaml: file not found"):
        load_seed_data(copy)
