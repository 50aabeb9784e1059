"""What generation reads: institutions with their staff and categories, and the map."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sandbox.seeding.data import SeedData


@dataclass(frozen=True)
class StaffMember:
    """A synthetic staff user who appears as an actor in histories."""

    id: int
    name: str


@dataclass(frozen=True)
class InstitutionEntry:
    """An institution with the ids the generator needs (categories are (id, code))."""

    id: int
    code: str
    name_sw: str
    region_id: int | None
    district_id: int | None
    categories: tuple[tuple[int, str], ...]
    officers: tuple[StaffMember, ...]
    head: StaffMember


@dataclass(frozen=True)
class Catalog:
    """Everything generation reads: institutions with staff, the map, the seed data."""

    institutions: tuple[InstitutionEntry, ...]
    regions: Mapping[int, str]  # region id -> name
    districts: Mapping[int, tuple[tuple[int, str], ...]]  # region id -> ((id, name), ...)
    seed_data: SeedData
    focus: tuple[str, ...] = ()  # institution codes that get a real queue (the personas')


def catalog_from_seed_data(seed_data: SeedData) -> Catalog:
    """A catalog numbered in file order with placeholder staff: generation without a database.

    Ids follow the order ``load_world`` inserts rows in (regions, districts, categories,
    institutions from 1); staff ids start at 1 (officers, then the head, per institution).
    """
    regions, districts, district_ids = {}, {}, {}
    for region_id, region in enumerate(seed_data.regions, start=1):
        regions[region_id] = region.name
        for name in region.districts:
            district_ids[region.code, name] = len(district_ids) + 1
        districts[region_id] = tuple((district_ids[region.code, n], n) for n in region.districts)
    region_ids = {r.code: i for i, r in enumerate(seed_data.regions, start=1)}
    category_ids = {c.code: i for i, c in enumerate(seed_data.categories, start=1)}
    entries, staff_id = [], 0
    for institution_id, inst in enumerate(seed_data.institutions, start=1):
        staff = []
        for title in ("Afisa 1", "Afisa 2", "Mkuu"):
            staff_id += 1
            staff.append(StaffMember(staff_id, f"{title} {inst.code}"))
        codes = sorted(seed_data.categories_for(inst), key=category_ids.__getitem__)
        entries.append(
            InstitutionEntry(
                id=institution_id,
                code=inst.code,
                name_sw=inst.name_sw,
                region_id=region_ids.get(inst.region) if inst.region else None,
                district_id=district_ids.get((inst.region, inst.district)),
                categories=tuple((category_ids[c], c) for c in codes),
                officers=tuple(staff[:2]),
                head=staff[2],
            )
        )
    return Catalog(tuple(entries), regions, districts, seed_data)
