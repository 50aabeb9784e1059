"""Load and validate the synthetic-world reference data in ``seed_data/``.

Pure Python (PyYAML only): no Flask, no SQLAlchemy, so the data can be checked,
tested and used by the Faker provider without an application context.

``loader.load_seed_data()`` reads the five YAML files, checks their shape and their
referential integrity, and returns an immutable :class:`SeedData`. Any problem
raises :class:`SeedDataError` naming the file, the entry and the problem.
Results are memoised per directory.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ALLOWED_SLOTS",
    "FEEDBACK_TYPES",
    "INSTITUTION_KINDS",
    "LANGUAGES",
    "SEED_FILES",
    "ZONES",
    "CategoryData",
    "InstitutionData",
    "PeopleData",
    "RegionData",
    "SeedData",
    "SeedDataError",
    "TextTemplate",
    "fill_template",
    "template_slots",
]

INSTITUTION_KINDS: tuple[str, ...] = (
    "ministry",
    "regional_secretariat",
    "council",
    "agency",
    "independent_department",
)
#: Kinds that list their categories explicitly in institutions.yaml.
EXPLICIT_CATEGORY_KINDS = frozenset({"ministry", "agency", "independent_department"})
#: Kinds that are tied to a place (and take categories through ``kinds``).
LOCAL_KINDS = frozenset({"regional_secretariat", "council"})
FEEDBACK_TYPES: tuple[str, ...] = ("complaint", "suggestion", "inquiry", "compliment")
LANGUAGES: tuple[str, ...] = ("sw", "en", "mixed")
ZONES: tuple[str, ...] = ("mainland", "zanzibar")
ALLOWED_SLOTS: frozenset[str] = frozenset(
    {"institution", "region", "district", "place", "days", "amount", "official", "month"}
)


SEED_FILES = (
    "regions.yaml",
    "categories.yaml",
    "institutions.yaml",
    "templates.yaml",
    "people.yaml",
)


class SeedDataError(ValueError):
    """The seed data is malformed or inconsistent (message names file, entry, problem)."""


@dataclass(frozen=True)
class RegionData:
    """One of Tanzania's regions with its districts (district-level council areas)."""

    code: str
    name: str
    zone: str
    districts: tuple[str, ...]


@dataclass(frozen=True)
class InstitutionData:
    """A public institution; ``categories`` is empty for councils and secretariats."""

    code: str
    kind: str
    name_sw: str
    name_en: str
    region: str | None
    district: str | None
    categories: tuple[str, ...] = ()

    def name(self, lang: str = "sw") -> str:
        """The public name in ``lang`` ("en" gives English, anything else Swahili)."""
        return self.name_en if lang == "en" else self.name_sw


@dataclass(frozen=True)
class CategoryData:
    """A service category and the institution kinds that typically handle it."""

    code: str
    name_sw: str
    name_en: str
    kinds: tuple[str, ...]

    def name(self, lang: str = "sw") -> str:
        """The category name in ``lang`` ("en" gives English, anything else Swahili)."""
        return self.name_en if lang == "en" else self.name_sw


@dataclass(frozen=True)
class TextTemplate:
    """A feedback text with ``{slot}`` placeholders (see :data:`ALLOWED_SLOTS`)."""

    id: str
    type: str
    category: str
    language: str
    sensitive: bool
    misspelled: bool
    text: str

    @property
    def slots(self) -> frozenset[str]:
        """The slot names this template uses."""
        return template_slots(self.text)


@dataclass(frozen=True)
class PeopleData:
    """Building blocks for synthetic people, places and dates.

    ``mobile_prefixes`` maps an operator name to its two-digit blocks after +255.
    The loaded instance is shared (memoised): treat it as read-only.
    """

    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    surnames: tuple[str, ...]
    mobile_prefixes: dict[str, tuple[int, ...]]
    places: tuple[str, ...]
    months_sw: tuple[str, ...]
    months_en: tuple[str, ...]
    official_titles_sw: tuple[str, ...] = ()
    official_titles_en: tuple[str, ...] = ()

    def __hash__(self) -> int:  # the dict field makes the generated hash unusable
        prefixes = tuple(sorted(self.mobile_prefixes.items()))
        return hash((self.given_male, self.given_female, self.surnames, self.places, prefixes))


@dataclass(frozen=True, eq=False)
class SeedData:
    """Everything in ``seed_data/``, validated, with lookup helpers (compared by identity)."""

    regions: tuple[RegionData, ...]
    institutions: tuple[InstitutionData, ...]
    categories: tuple[CategoryData, ...]
    templates: tuple[TextTemplate, ...]
    people: PeopleData
    source_dir: Path | None = None
    _index: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_kind: dict[str, list[str]] = {kind: [] for kind in INSTITUTION_KINDS}
        for cat in self.categories:
            for kind in cat.kinds:
                by_kind.setdefault(kind, []).append(cat.code)
        templates: dict[tuple[str, str], list[TextTemplate]] = {}
        by_type: dict[str, list[TextTemplate]] = {}
        for tpl in self.templates:
            templates.setdefault((tpl.type, tpl.category), []).append(tpl)
            by_type.setdefault(tpl.type, []).append(tpl)
        index = {
            "region": {r.code: r for r in self.regions},
            "institution": {i.code: i for i in self.institutions},
            "category": {c.code: c for c in self.categories},
            "template": {t.id: t for t in self.templates},
            "kind_categories": {k: tuple(v) for k, v in by_kind.items()},
            "templates": {k: tuple(v) for k, v in templates.items()},
            "templates_by_type": {k: tuple(v) for k, v in by_type.items()},
        }
        object.__setattr__(self, "_index", index)

    # -- lookups ---------------------------------------------------------------
    def region(self, code: str) -> RegionData:
        """The region with this code (KeyError if unknown)."""
        return self._index["region"][code]

    def institution(self, code: str) -> InstitutionData:
        """The institution with this code (KeyError if unknown)."""
        return self._index["institution"][code]

    def category(self, code: str) -> CategoryData:
        """The category with this code (KeyError if unknown)."""
        return self._index["category"][code]

    def template(self, template_id: str) -> TextTemplate:
        """The template with this id (KeyError if unknown)."""
        return self._index["template"][template_id]

    def institutions_of_kind(self, kind: str) -> tuple[InstitutionData, ...]:
        """All institutions of one kind, in file order."""
        return tuple(i for i in self.institutions if i.kind == kind)

    def categories_for(self, institution: InstitutionData) -> tuple[str, ...]:
        """Category codes the institution handles.

        Its explicit list when it has one, else every category whose ``kinds``
        include the institution's kind (councils, regional secretariats).
        """
        if institution.categories:
            return institution.categories
        return self._index["kind_categories"].get(institution.kind, ())

    def handlers_of(self, category: str) -> tuple[InstitutionData, ...]:
        """Institutions that handle a category (explicitly or through their kind)."""
        return tuple(i for i in self.institutions if category in self.categories_for(i))

    def templates_for(self, type: str, category: str | None = None) -> list[TextTemplate]:
        """Templates of one feedback type, for one category (or any category if None)."""
        if category is None:
            return list(self._index["templates_by_type"].get(type, ()))
        return list(self._index["templates"].get((type, category), ()))


# -- templates -----------------------------------------------------------------
def template_slots(text: str) -> frozenset[str]:
    """Slot names used in ``text``; raises ValueError on malformed or complex fields."""
    names = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"only plain {{slot}} fields are allowed, got {{{name}}}")
        names.add(name)
    return frozenset(names)


def fill_template(template: TextTemplate | str, values: Mapping[str, str]) -> str:
    """Substitute ``values`` into a template's slots (extra values are ignored).

    Raises ValueError naming the slots that have no value.
    """
    text = template.text if isinstance(template, TextTemplate) else template
    slots = template_slots(text)
    missing = sorted(slots - set(values))
    if missing:
        raise ValueError(f"no value for slot(s) {', '.join(missing)}")
    return text.format_map({name: str(values[name]) for name in slots})
