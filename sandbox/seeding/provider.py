"""A Faker provider for the synthetic Tanzanian world, fed from ``seed_data/``.

Faker's ``sw`` locale has person names only (many of them Kenyan) and no +255
phone format, so everything Tanzanian comes from :mod:`sandbox.seeding.data`.

    fake = make_faker(7)
    fake.tz_full_name()          # e.g. "Neema Mwakalinga"
    fake.tz_mobile_number()      # e.g. "+255754123456"

Every generated person and number is fictitious.
"""

from __future__ import annotations

from faker import Faker
from faker.providers import BaseProvider

from sandbox.seeding.data import RegionData, SeedData
from sandbox.seeding.loader import load_seed_data

__all__ = ["TanzaniaProvider", "make_faker"]

_GENDERS = {
    "male": "male",
    "m": "male",
    "female": "female",
    "f": "female",
}


class TanzaniaProvider(BaseProvider):
    """Tanzanian names, +255 mobile numbers, places, regions and districts.

    Data come from :func:`load_seed_data` (memoised); the subclass hook
    :meth:`seed_data` can point a provider at another directory.
    """

    def __init__(self, generator) -> None:
        super().__init__(generator)
        data = self.seed_data()
        people = data.people
        self._male = people.given_male
        self._female = people.given_female
        self._given = people.given_male + people.given_female
        self._surnames = people.surnames
        self._places = people.places
        self._operators = tuple(people.mobile_prefixes)
        self._blocks = {op: tuple(blocks) for op, blocks in people.mobile_prefixes.items()}
        self._operator_keys = {op.casefold(): op for op in self._operators}
        self._all_blocks = tuple(b for op in self._operators for b in self._blocks[op])
        self._regions = data.regions
        self._region_by_code = {r.code: r for r in data.regions}
        self._districts = tuple(d for r in data.regions for d in r.districts)
        self._months = {"sw": people.months_sw, "en": people.months_en}
        self._titles = {"sw": people.official_titles_sw, "en": people.official_titles_en}

    @classmethod
    def seed_data(cls) -> SeedData:
        """The seed data this provider draws from (the repository's seed_data/)."""
        return load_seed_data()

    # -- helpers ------------------------------------------------------------------
    def _choice(self, seq):
        return self.generator.random.choice(seq)

    # -- people ---------------------------------------------------------------------
    def tz_given_name(self, gender: str | None = None) -> str:
        """A given name; ``gender`` is "male"/"m", "female"/"f" or None (either)."""
        if gender is None:
            return self._choice(self._given)
        try:
            key = _GENDERS[gender.casefold()]
        except (KeyError, AttributeError):
            raise ValueError(f"gender must be 'male', 'female' or None, not {gender!r}") from None
        return self._choice(self._male if key == "male" else self._female)

    def tz_surname(self) -> str:
        """A surname common in Tanzania."""
        return self._choice(self._surnames)

    def tz_full_name(self, gender: str | None = None) -> str:
        """ "Given Surname" of a synthetic person."""
        return f"{self.tz_given_name(gender)} {self.tz_surname()}"

    # -- phones -----------------------------------------------------------------------
    def tz_mobile_operator(self) -> str:
        """A mobile operator name as listed in people.yaml (e.g. "Vodacom")."""
        return self._choice(self._operators)

    def tz_mobile_number(self, operator: str | None = None) -> str:
        """A fictitious mobile number in E.164 form: ``+255`` + operator block + 7 digits.

        Without ``operator`` the block is drawn uniformly from all operators' blocks.
        """
        if operator is None:
            block = self._choice(self._all_blocks)
        else:
            name = self._operator_keys.get(str(operator).casefold())
            if name is None:
                raise ValueError(
                    f"unknown operator {operator!r}; known: {', '.join(self._operators)}"
                )
            block = self._choice(self._blocks[name])
        return f"+255{block:02d}{self.generator.random.randrange(10_000_000):07d}"

    # -- places ---------------------------------------------------------------------
    def tz_place(self) -> str:
        """A street, ward or village name."""
        return self._choice(self._places)

    def tz_region(self) -> RegionData:
        """One of the 31 regions (a :class:`RegionData`)."""
        return self._choice(self._regions)

    def tz_district(self, region_code: str | None = None) -> str:
        """A district name: of the given region, or drawn from all districts."""
        if region_code is None:
            return self._choice(self._districts)
        region = self._region_by_code.get(region_code)
        if region is None:
            raise ValueError(f"unknown region code {region_code!r}")
        return self._choice(region.districts)

    # -- template slot values ------------------------------------------------------------
    def tz_month(self, language: str = "sw") -> str:
        """A month name in Swahili ("sw") or English ("en")."""
        return self._choice(self._months["en" if language == "en" else "sw"])

    def tz_official(self, language: str = "sw") -> str:
        """A job title (never a name) for the {official} slot, in "sw" or "en"."""
        titles = self._titles["en" if language == "en" else "sw"] or self._titles["sw"]
        return self._choice(titles)


def make_faker(seed: int) -> Faker:
    """A single-locale ``Faker("sw")`` with :class:`TanzaniaProvider`, seeded with ``seed``.

    The same seed gives the same sequence. (Multi-locale Faker refuses
    ``add_provider``; this deliberately uses one locale.)
    """
    fake = Faker("sw")
    fake.add_provider(TanzaniaProvider)
    fake.seed_instance(seed)
    return fake
