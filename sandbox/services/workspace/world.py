"""The shared reference world: regions, districts, institutions and categories."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Category, District, Institution, InstitutionKind, Region
from sandbox.models.reference import institution_category
from sandbox.seeding.data import SeedData


def is_world_loaded() -> bool:
    """True once the reference data is in the database."""
    return db.session.scalar(sa.select(sa.func.count(Institution.id))) > 0


def load_world(seed: SeedData) -> bool:
    """Insert the reference data from seed_data/ once; returns False if it was already there."""
    if is_world_loaded():
        return False
    _insert_regions(seed)
    _insert_categories(seed)
    _insert_institutions(seed)
    db.session.commit()
    return True


def _insert_regions(seed: SeedData) -> None:
    """Regions first, then their districts."""
    db.session.execute(
        sa.insert(Region),
        [{"code": r.code, "name": r.name, "zone": r.zone} for r in seed.regions],
    )
    region_ids = dict(db.session.execute(sa.select(Region.code, Region.id)).all())
    db.session.execute(
        sa.insert(District),
        [
            {"region_id": region_ids[r.code], "name": name}
            for r in seed.regions
            for name in r.districts
        ],
    )


def _insert_categories(seed: SeedData) -> None:
    """Service categories with the institution kinds that handle them."""
    db.session.execute(
        sa.insert(Category),
        [
            {"code": c.code, "name_sw": c.name_sw, "name_en": c.name_en, "kinds": ",".join(c.kinds)}
            for c in seed.categories
        ],
    )


def _insert_institutions(seed: SeedData) -> None:
    """Institutions, placed in their region and district, linked to their categories."""
    region_ids = dict(db.session.execute(sa.select(Region.code, Region.id)).all())
    district_ids = {
        (code, name): did
        for code, name, did in db.session.execute(
            sa.select(Region.code, District.name, District.id).join(District.region)
        )
    }
    rows = [
        {
            "code": i.code,
            "kind": InstitutionKind(i.kind),
            "name_sw": i.name_sw,
            "name_en": i.name_en,
            "region_id": region_ids.get(i.region) if i.region else None,
            "district_id": district_ids.get((i.region, i.district)) if i.district else None,
        }
        for i in seed.institutions
    ]
    db.session.execute(sa.insert(Institution), rows)
    institution_ids = dict(db.session.execute(sa.select(Institution.code, Institution.id)).all())
    category_ids = dict(db.session.execute(sa.select(Category.code, Category.id)).all())
    links = [
        {"institution_id": institution_ids[i.code], "category_id": category_ids[c]}
        for i in seed.institutions
        for c in seed.categories_for(i)
    ]
    db.session.execute(sa.insert(institution_category), links)
