"""Reading and checking seed_data/: every inconsistency is a SeedDataError naming the file."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from sandbox.seeding.data import (
    ALLOWED_SLOTS,
    EXPLICIT_CATEGORY_KINDS,
    FEEDBACK_TYPES,
    INSTITUTION_KINDS,
    LANGUAGES,
    LOCAL_KINDS,
    ZONES,
    CategoryData,
    InstitutionData,
    PeopleData,
    RegionData,
    SeedData,
    SeedDataError,
    TextTemplate,
    template_slots,
)

_REGION_CODE = re.compile(r"^[A-Z]{3}$")
_INSTITUTION_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_CATEGORY_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_TEMPLATE_ID = re.compile(r"^[a-z0-9_]+$")
# Anything that looks like a phone number: +255…, 0 7xx…, or 9+ digits in a row.
_PHONE_LIKE = re.compile(r"\+?255\s?\d|\b0[67]\d{2}[\s-]?\d{3}|\d{9,}")

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader:
    """Reads and checks one seed directory; every error names file and entry."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    # -- helpers ---------------------------------------------------------------
    def _read(self, name: str) -> Any:
        path = self.directory / name
        try:
            with path.open(encoding="utf-8") as fh:
                # The C-accelerated safe loader when libyaml is present: same safety, ~5x faster.
                return yaml.load(fh, Loader=_SafeLoader)
        except FileNotFoundError as exc:
            raise SeedDataError(f"{name}: file not found in {self.directory}") from exc
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise SeedDataError(f"{name}: cannot be parsed: {exc}") from exc

    @staticmethod
    def _fail(file: str, entry: object, problem: str) -> SeedDataError:
        return SeedDataError(f"{file}: entry {entry!r}: {problem}")

    def _entries(self, file: str, data: Any, id_key: str) -> list[dict[str, Any]]:
        if not isinstance(data, list) or not data:
            raise SeedDataError(f"{file}: expected a non-empty list of entries")
        for pos, item in enumerate(data):
            if not isinstance(item, dict):
                raise SeedDataError(f"{file}: entry #{pos + 1} is not a mapping")
            if not isinstance(item.get(id_key), str) or not item[id_key]:
                raise SeedDataError(f"{file}: entry #{pos + 1} has no {id_key!r}")
        return data

    def _keys(
        self, file: str, entry: str, item: dict[str, Any], required: set[str], optional=()
    ) -> None:
        missing = required - item.keys()
        if missing:
            raise self._fail(file, entry, f"missing key(s) {', '.join(sorted(missing))}")
        unknown = item.keys() - required - set(optional)
        if unknown:
            raise self._fail(file, entry, f"unknown key(s) {', '.join(sorted(unknown))}")

    def _text(self, file: str, entry: str, item: dict[str, Any], key: str) -> str:
        value = item[key]
        if not isinstance(value, str) or not value.strip():
            raise self._fail(file, entry, f"{key!r} must be a non-empty string")
        return value.strip()

    def _str_list(self, file: str, entry: str, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self._fail(file, entry, f"{key!r} must be a non-empty list")
        out = []
        for v in value:
            if not isinstance(v, str) or not v.strip():
                raise self._fail(file, entry, f"{key!r} has a non-string or empty item {v!r}")
            out.append(v.strip())
        dupes = sorted({v for v in out if out.count(v) > 1})
        if dupes:
            raise self._fail(file, entry, f"{key!r} has duplicates: {', '.join(dupes)}")
        return tuple(out)

    @staticmethod
    def _unique(file: str, code: str, seen: set[str], what: str = "code") -> None:
        if code in seen:
            raise SeedDataError(f"{file}: duplicate {what} {code!r}")
        seen.add(code)

    # -- files -----------------------------------------------------------------
    def load(self) -> SeedData:
        regions = self._regions()
        categories = self._categories()
        institutions = self._institutions(regions, categories)
        templates = self._templates(categories)
        people = self._people()
        self._check_coverage(categories, institutions)
        return SeedData(
            regions=regions,
            institutions=institutions,
            categories=categories,
            templates=templates,
            people=people,
            source_dir=self.directory,
        )

    def _regions(self) -> tuple[RegionData, ...]:
        file = "regions.yaml"
        out, codes, names = [], set(), set()
        for item in self._entries(file, self._read(file), "code"):
            code = item["code"]
            self._keys(file, code, item, {"code", "name", "zone", "districts"})
            if not _REGION_CODE.match(code):
                raise self._fail(file, code, "code must be 3 uppercase letters")
            self._unique(file, code, codes)
            name = self._text(file, code, item, "name")
            self._unique(file, name, names, "name")
            if item["zone"] not in ZONES:
                raise self._fail(file, code, f"zone {item['zone']!r} not one of {ZONES}")
            districts = self._str_list(file, code, item["districts"], "districts")
            out.append(RegionData(code, name, item["zone"], districts))
        return tuple(out)

    def _categories(self) -> tuple[CategoryData, ...]:
        file = "categories.yaml"
        out, codes = [], set()
        for item in self._entries(file, self._read(file), "code"):
            code = item["code"]
            self._keys(file, code, item, {"code", "name_sw", "name_en", "kinds"})
            if not _CATEGORY_CODE.match(code):
                raise self._fail(file, code, "code must be lowercase snake_case")
            self._unique(file, code, codes)
            kinds = self._str_list(file, code, item["kinds"], "kinds")
            bad = [k for k in kinds if k not in INSTITUTION_KINDS]
            if bad:
                raise self._fail(file, code, f"unknown institution kind(s) {', '.join(bad)}")
            out.append(
                CategoryData(
                    code,
                    self._text(file, code, item, "name_sw"),
                    self._text(file, code, item, "name_en"),
                    kinds,
                )
            )
        return tuple(out)

    def _institutions(
        self, regions: tuple[RegionData, ...], categories: tuple[CategoryData, ...]
    ) -> tuple[InstitutionData, ...]:
        file = "institutions.yaml"
        region_by_code = {r.code: r for r in regions}
        category_by_code = {c.code: c for c in categories}
        out, codes = [], set()
        base = {"code", "kind", "name_sw", "name_en", "region", "district"}
        for item in self._entries(file, self._read(file), "code"):
            code = item["code"]
            self._keys(file, code, item, base, optional=("categories",))
            if not _INSTITUTION_CODE.match(code):
                raise self._fail(file, code, "code must be uppercase letters, digits, underscores")
            self._unique(file, code, codes)
            kind = item["kind"]
            if kind not in INSTITUTION_KINDS:
                raise self._fail(file, code, f"unknown kind {kind!r}")
            self._check_place(file, code, kind, item["region"], item["district"], region_by_code)
            out.append(
                InstitutionData(
                    code,
                    kind,
                    self._text(file, code, item, "name_sw"),
                    self._text(file, code, item, "name_en"),
                    item["region"],
                    item["district"],
                    self._institution_categories(file, code, kind, item, category_by_code),
                )
            )
        return tuple(out)

    def _check_place(self, file, code, kind, region, district, region_by_code) -> None:
        """Local institutions have a known region; only councils have a district in it."""
        if kind in LOCAL_KINDS:
            if region not in region_by_code:
                raise self._fail(file, code, f"unknown region {region!r}")
        elif region is not None:
            raise self._fail(file, code, f"a {kind} is national: region must be null")
        if kind == "council":
            if district not in region_by_code[region].districts:
                raise self._fail(file, code, f"unknown district {district!r} in region {region}")
        elif district is not None:
            raise self._fail(file, code, f"only councils have a district, got {district!r}")

    def _institution_categories(
        self, file: str, code: str, kind: str, item: dict, category_by_code: dict
    ) -> tuple[str, ...]:
        """The listed categories of kinds that list theirs; the others take them by kind."""
        if kind not in EXPLICIT_CATEGORY_KINDS:
            if "categories" in item:
                raise self._fail(
                    file, code, f"a {kind} takes categories through their kinds: omit 'categories'"
                )
            return ()
        if "categories" not in item:
            raise self._fail(file, code, f"a {kind} must list its categories")
        cats = self._str_list(file, code, item["categories"], "categories")
        for cat in cats:
            if cat not in category_by_code:
                raise self._fail(file, code, f"unknown category {cat!r}")
            if kind not in category_by_code[cat].kinds:
                raise self._fail(
                    file,
                    code,
                    f"category {cat!r} is not handled by kind {kind!r} "
                    f"(categories.yaml kinds: {list(category_by_code[cat].kinds)})",
                )
        return cats

    def _templates(self, categories: tuple[CategoryData, ...]) -> tuple[TextTemplate, ...]:
        file = "templates.yaml"
        category_codes = {c.code for c in categories}
        out, ids, texts = [], set(), set()
        keys = {"id", "type", "category", "language", "sensitive", "misspelled", "text"}
        for item in self._entries(file, self._read(file), "id"):
            tid = item["id"]
            self._keys(file, tid, item, keys)
            if not _TEMPLATE_ID.match(tid):
                raise self._fail(file, tid, "id must be lowercase letters, digits, underscores")
            self._unique(file, tid, ids, "id")
            self._check_template_fields(file, tid, item, category_codes)
            text = self._text(file, tid, item, "text")
            self._unique(file, text, texts, f"text (entry {tid!r})")
            self._check_template_text(file, tid, text)
            out.append(
                TextTemplate(
                    tid,
                    item["type"],
                    item["category"],
                    item["language"],
                    item["sensitive"],
                    item["misspelled"],
                    text,
                )
            )
        return tuple(out)

    def _check_template_fields(self, file: str, tid: str, item: dict, category_codes) -> None:
        """Type, category and language are known; the two markers are booleans."""
        if item["type"] not in FEEDBACK_TYPES:
            raise self._fail(file, tid, f"unknown type {item['type']!r}")
        if item["category"] not in category_codes:
            raise self._fail(file, tid, f"unknown category {item['category']!r}")
        if item["language"] not in LANGUAGES:
            raise self._fail(file, tid, f"unknown language {item['language']!r}")
        for flag in ("sensitive", "misspelled"):
            if not isinstance(item[flag], bool):
                raise self._fail(file, tid, f"{flag!r} must be true or false")

    def _check_template_text(self, file: str, tid: str, text: str) -> None:
        """Only the allowed slots, well formed, and never a phone number."""
        try:
            slots = template_slots(text)
        except ValueError as exc:
            raise self._fail(file, tid, f"bad slot: {exc}") from exc
        unknown = sorted(slots - ALLOWED_SLOTS)
        if unknown:
            raise self._fail(file, tid, f"unknown slot(s) {', '.join(unknown)}")
        if _PHONE_LIKE.search(text):
            raise self._fail(file, tid, "text must not contain a phone number")

    def _people(self) -> PeopleData:
        file = "people.yaml"
        data = self._read(file)
        if not isinstance(data, dict):
            raise SeedDataError(f"{file}: expected a mapping at top level")
        lists = ("given_male", "given_female", "surnames", "places", "months_sw", "months_en")
        self._keys(
            file,
            "(top level)",
            data,
            {*lists, "mobile_prefixes"},
            optional=("official_titles",),
        )
        got = {key: self._str_list(file, key, data[key], key) for key in lists}
        for key in ("months_sw", "months_en"):
            if len(got[key]) != 12:
                raise self._fail(file, key, f"needs 12 months, got {len(got[key])}")
        blocks = self._mobile_blocks(file, data["mobile_prefixes"])
        titles = data.get("official_titles") or {}
        if not isinstance(titles, dict) or set(titles) - {"sw", "en"}:
            raise self._fail(file, "official_titles", "must map 'sw' and/or 'en' to lists")
        titles_sw = (
            self._str_list(file, "official_titles.sw", titles["sw"], "sw") if "sw" in titles else ()
        )
        titles_en = (
            self._str_list(file, "official_titles.en", titles["en"], "en") if "en" in titles else ()
        )
        return PeopleData(
            given_male=got["given_male"],
            given_female=got["given_female"],
            surnames=got["surnames"],
            mobile_prefixes=blocks,
            places=got["places"],
            months_sw=got["months_sw"],
            months_en=got["months_en"],
            official_titles_sw=titles_sw,
            official_titles_en=titles_en,
        )

    def _mobile_blocks(self, file: str, prefixes: object) -> dict[str, tuple[int, ...]]:
        """Operator -> its 07x/06x number blocks (60..79), each block used by one operator."""
        if not isinstance(prefixes, dict) or not prefixes:
            raise self._fail(file, "mobile_prefixes", "must be a non-empty mapping")
        blocks: dict[str, tuple[int, ...]] = {}
        seen: dict[int, str] = {}
        for operator, values in prefixes.items():
            if not isinstance(values, list) or not values:
                raise self._fail(file, f"mobile_prefixes.{operator}", "needs a list of blocks")
            for v in values:
                if not isinstance(v, int) or isinstance(v, bool) or not 60 <= v <= 79:
                    raise self._fail(
                        file, f"mobile_prefixes.{operator}", f"block {v!r} is not 60..79"
                    )
                if v in seen:
                    raise self._fail(
                        file, f"mobile_prefixes.{operator}", f"block {v} also used by {seen[v]}"
                    )
                seen[v] = str(operator)
            blocks[str(operator)] = tuple(values)
        return blocks

    @staticmethod
    def _check_coverage(
        categories: tuple[CategoryData, ...], institutions: tuple[InstitutionData, ...]
    ) -> None:
        present_kinds = {i.kind for i in institutions}
        explicit = {c for i in institutions for c in i.categories}
        for cat in categories:
            by_kind = any(k in LOCAL_KINDS and k in present_kinds for k in cat.kinds)
            if not by_kind and cat.code not in explicit:
                raise SeedDataError(
                    f"categories.yaml: entry {cat.code!r}: no institution handles it "
                    "(list it in an institution's categories or give it a council/"
                    "regional_secretariat kind)"
                )


# -- loading -----------------------------------------------------------------------
def default_seed_dir() -> Path:
    """The repository's ``seed_data/`` directory."""
    return Path(__file__).resolve().parents[2] / "seed_data"


def load_seed_data(directory: Path | str | None = None) -> SeedData:
    """Load and validate ``seed_data/`` (memoised per resolved directory)."""
    path = Path(directory) if directory is not None else default_seed_dir()
    return _load_cached(path.resolve())


@functools.lru_cache(maxsize=8)
def _load_cached(directory: Path) -> SeedData:
    return Loader(directory).load()


#: Forget memoised results (e.g. after editing the files in a long-lived process).
load_seed_data.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]
